"""The words a reader reads on a page of our own (home, lists, help), for search to find.

The page's Markdown is rendered as the site renders it (Python-Markdown and the extensions of
``mkdocs.yml``: an attribute list such as ``{ .yaml .rv-a-la-ligne }`` or ``{lang=en}`` is
consumed, never left as text), then read by an HTML parser (the standard library's), which
keeps the text a reader reads and leaves out:

- example code blocks (``<pre>``): the YAML model of « Contribuer » is not prose, and its
  « jardin partagé » made that page a result for the words;
- what is not text: ``<script>`` (the JSON data of the grid), ``<style>``, ``<template>``,
  ``<svg>`` drawings, the values of a form's ``<select>`` and ``<textarea>``;
- what no reader sees: an element ``hidden`` or ``aria-hidden="true"``, and its content;
- what the page marks ``data-pagefind-ignore`` (as Pagefind itself would): a list that repeats
  records' titles (the territories, the explorer's experiences), which are results of their
  own; « emploi jeunes » found « Territoires » and « Explorer les expériences » first.

Inline code stays (« lancez `python build.py build` » is part of a sentence), and so does
``<noscript>``: its text is what a reader without JavaScript reads.

>>> page_text("Un *jardin*{lang=fr}.\\n\\n```{ .yaml .x }\\ntitre: jardin\\n```\\n")
'Un jardin.'
>>> page_text('<div hidden><p>non</p></div>\\n\\n<script>{"a": 1}</script>\\n\\nOui')
'Oui'
>>> page_text('Les territoires.\\n\\n<ul data-pagefind-ignore><li>Brest</li></ul>')
'Les territoires.'
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

# mkdocs.yml's markdown_extensions that change the text (its « toc » only adds anchors).
EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "fenced_code",
    "footnotes",
    "hooks.core.rawhtml",
]
LEFT_OUT = frozenset({"pre", "script", "style", "template", "svg", "math", "select", "textarea"})
# Elements that never hold text nor have a closing tag (HTML's void elements), and elements
# within a line of text (no space is added where they open or close).
_VOID = "area base br col embed hr img input link meta param source track wbr"
_INLINE = "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup"
VOID, INLINE = frozenset(_VOID.split()), frozenset((_INLINE + " time u var").split())


class _Reader(HTMLParser):
    """Collects the text outside the left-out elements, a space between blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, left out), outermost first

    @property
    def skipping(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.parts.append(" ")
        if tag in VOID:
            return
        found = dict(attrs)
        hidden = "hidden" in found or (found.get("aria-hidden") or "").lower() == "true"
        hidden = hidden or "data-pagefind-ignore" in found
        self.open.append((tag, self.skipping or hidden or tag in LEFT_OUT))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:  # <br/>, or a self-closed <svg/>: nothing inside
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.parts.append(" ")
        names = [name for name, _ in self.open]
        if tag in names:  # closes it, and any element left open inside it (<p>, <li>)
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(source: str, renderer: markdown.Markdown | None = None) -> str:
    """The words of ``source`` (a page's Markdown, without its front matter), one space
    between them; ``renderer`` (from :func:`markdown_renderer`) is reused if given."""
    renderer = renderer or markdown_renderer()
    reader = _Reader()
    reader.feed(renderer.reset().convert(source))
    reader.close()
    return " ".join("".join(reader.parts).split())


def markdown_renderer() -> markdown.Markdown:
    """A Python-Markdown renderer set as the site's (one per thread: it keeps state)."""
    return markdown.Markdown(extensions=EXTENSIONS)
