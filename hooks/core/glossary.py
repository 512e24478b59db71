"""Link the first mention of each concept on a page to the concept's own page.

The terms are each concept's title and its ``termes``; matching ignores case and needs
whole words. Only a record's running prose is searched: the text of a record, which the
templates wrap in ``<div class="rv-texte">`` (:func:`hooks.core.render.markdown_html`), and
in it neither headings, table cells, links nor code. A page's own
words (titles, tables, lists of links, the sentences a template writes) are never linked,
so « territoire » links only where a record's text first says it. The link's ``title``
shows the first sentence of the definition as a tooltip. A concept's page does not link
to itself.

>>> terms = Glossary({"saut systémique": ("saut-systemique", "Un changement d'échelle.")})
>>> text = '<div class="rv-texte"><p>Un saut systémique, puis un saut systémique.</p></div>'
>>> html = terms.link(text, "b/x.md")
>>> html.count("<a "), html[22:102]
(1, '<p>Un <a class="rv-concept" href="../../concepts/saut-systemique/" title="Un cha')
>>> terms.link(text, "concepts/saut-systemique.md") == text
True
>>> terms.link("<p>Un saut systémique, écrit par le gabarit.</p>", "b/x.md").count("<a ")
0
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from functools import lru_cache

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from hooks.core.htmltext import SKIP, SKIP_CLASSES, Text
from hooks.core.sanitize import render_markdown
from hooks.core.typography import french_spaces
from hooks.urls import SEARCH_PAGE, concept_url, list_page
from schemas.index import Index

_NOT_HERE = SKIP | {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "sup",
    "abbr",
    "label",
    "button",
    "select",  # a link inside a form's <option> is invalid HTML, and never followed
    "option",
    "aside",
    "del",  # the words of a revision note's diff stay as they were written
    "ins",
    "td",  # a record's text may hold a table: its cells are labels and figures, not prose
    "th",
    "caption",
    "figcaption",
    "dt",
    "summary",
}
_NOT_HERE_CLASSES = SKIP_CLASSES | {"admonition-title"}
PROSE = '<div class="rv-texte">'  # where a record's text is (hooks/core/render.py)
_DIV = re.compile(r"<(/?)div\b")
NO_LINKS = (list_page("concept"), SEARCH_PAGE)  # help texts: no links to the glossary
PAGE_REFERENCE = "rv-page"
_TAGS = re.compile(r"<[^>]+>")
# Letters that IGNORECASE matches to i and s but lower() keeps as they are (İ lowers to two
# letters): with one of them on the page, search it with IGNORECASE.
_FOLDED = re.compile("[\u0131\u017f]")
_SENTENCE = re.compile(r"^(.{20,240}?[.!?])(\s|$)", re.DOTALL)


class Glossary:
    """The terms to look for: lowercased term → (concept id, tooltip)."""

    def __init__(self, terms: dict[str, tuple[str, str]]) -> None:
        self.terms = terms
        self.ids = {concept_id for concept_id, _ in terms.values()}
        # The terms as a tree (``co(?:opération|nstruire)``): one test per letter, not one
        # per term. Searching the lowercased page is faster than IGNORECASE, and the same.
        tree = _tree(sorted(terms))
        self.pattern = re.compile(rf"\b({tree})\b", re.IGNORECASE) if terms else None
        self.lowercase = re.compile(rf"\b({tree})\b") if terms else None

    @classmethod
    def from_index(cls, index: Index) -> Glossary:
        terms = {}
        for entry in index.of_kind("concept"):
            tooltip = french_spaces(first_sentence(render_markdown(entry.data.definition)))
            for term in (entry.title, *entry.data.termes):
                terms[term.lower()] = (entry.id, tooltip)
        return cls(terms)

    def link(self, page_html: str, page: str) -> str:
        """``page_html`` with the first mention of each concept made a link, relative to
        ``page`` (its source path: ``balises/construire-le-recit.md``)."""
        if self.pattern is None or self.lowercase is None or PROSE not in page_html:
            return page_html
        lowered = page_html.lower()
        same = len(lowered) == len(page_html) and not _FOLDED.search(page_html)
        pattern, searched = (self.lowercase, lowered) if same else (self.pattern, page_html)
        parts: list[str] = []
        done: set[str] = set()
        last = 0
        text: Text | None = None  # where the text is: found at the first mention
        prose = prose_spans(page_html)
        for match in pattern.finditer(searched):  # same positions in both
            concept_id, tooltip = self.terms[match.group(1).lower()]
            if concept_id in done or not _within(prose, match.start()):
                continue
            text = text or Text(page_html, _NOT_HERE, _NOT_HERE_CLASSES)
            if match.start() not in text:
                continue
            done.add(concept_id)
            href = concept_url(concept_id, page)
            if href == "./":  # the concept's own page
                continue
            start, end = match.span()
            parts += [
                page_html[last:start],
                f'<a class="rv-concept" href="{href}" '
                f'title="{html.escape(tooltip)}">{page_html[start:end]}</a>',
            ]
            last = end
            if len(done) == len(self.ids):
                break
        parts.append(page_html[last:])
        return "".join(parts)


def prose_spans(page_html: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each record's text on the page, its nested ``div`` included.

    >>> prose_spans('<p>x</p><div class="rv-texte"><div>a</div>b</div><p>y</p>')
    [(8, 48)]
    """
    spans: list[tuple[int, int]] = []
    start = page_html.find(PROSE)
    while start >= 0:
        depth, end = 0, len(page_html)
        for tag in _DIV.finditer(page_html, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        spans.append((start, end))
        start = page_html.find(PROSE, end)
    return spans


def _within(spans: list[tuple[int, int]], position: int) -> bool:
    i = bisect_right(spans, position, key=lambda span: span[0]) - 1  # the last to start before
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _tree(terms: list[str]) -> str:
    """A regex matching the same ``terms``, factored by common prefix, longest match first."""
    branches: dict[str, list[str]] = {}
    for term in terms:
        if term:
            branches.setdefault(term[0], []).append(term[1:])
    alternatives = [re.escape(first) + _tree(rests) for first, rests in branches.items()]
    if not alternatives:
        return ""
    tree = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{tree})?" if "" in terms else tree


def first_sentence(definition_html: str) -> str:
    """Plain text of the first sentence of a rendered definition (a tooltip, the glossary's
    index); a sentence too long is cut.

    >>> first_sentence("<p>Un <em>saut</em> systémique relie des enjeux. Ensuite…</p>")
    'Un saut systémique relie des enjeux.'
    >>> first_sentence("<p>" + "mot " * 100 + "</p>")[-8:]  # cut after a word
    'mot mot…'
    >>> first_sentence("x " * 119 + "y : z")[-4:]  # and its punctuation
    'x y…'
    """
    text = " ".join(html.unescape(_TAGS.sub(" ", definition_html)).split())
    match = _SENTENCE.match(text)
    if match:
        return match.group(1)
    return text if len(text) <= 240 else text[:240].rsplit(" ", 1)[0].rstrip(" :;,") + "…"


def page_reference(src_uri: str) -> str:
    """How a page names itself for the extension below: a Markdown link definition, which no
    engine prints, to the page itself (the export writes each page as the ``index.md`` of its
    address), titled with its source path.

    >>> page_reference("balises/construire-le-recit.md")
    '[rv-page]: index.md "balises/construire-le-recit.md"'
    """
    return f'[{PAGE_REFERENCE}]: index.md "{src_uri}"'


class _LinkConcepts(Postprocessor):
    """The same links on the page's final HTML, for an engine without our MkDocs hooks."""

    def __init__(self, md: Markdown, glossary: Glossary) -> None:
        super().__init__(md)
        self.glossary = glossary

    def run(self, text: str) -> str:
        reference = self.md.references.get(PAGE_REFERENCE)
        page = reference[1] if reference else None
        if page is None or page in NO_LINKS:
            return text
        return self.glossary.link(text, page)


class GlossaryExtension(Extension):
    """The glossary as a Python-Markdown extension (what ``build.py export`` lists in its
    ``mkdocs.yml``), given its terms; a page names itself by a link definition:

    >>> import markdown
    >>> terms = {"saut systémique": ["saut-systemique", "Un changement d'échelle."]}
    >>> text = '<div class="rv-texte">\\n<p>Un saut systémique.</p>\\n</div>\\n\\n'
    >>> text += page_reference("balises/x.md")
    >>> html = markdown.markdown(text, extensions=[GlossaryExtension(termes=terms)])
    >>> html[html.index("<p>"):][:66]
    '<p>Un <a class="rv-concept" href="../../concepts/saut-systemique/"'
    """

    def __init__(self, **kwargs: object) -> None:
        self.config = {"termes": [{}, "terme en minuscules → [identifiant du concept, infobulle]"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        terms = self.getConfig("termes")
        glossary = _glossary(tuple((t, tuple(v)) for t, v in sorted(terms.items())))
        # after the raw HTML comes back (30) and the footnotes (25), as the MkDocs hook does
        md.postprocessors.register(_LinkConcepts(md, glossary), "rv_glossary", 10)


@lru_cache(maxsize=4)
def _glossary(terms: tuple[tuple[str, tuple[str, str]], ...]) -> Glossary:
    """One regex for all the pages: the engine makes a new extension for each page."""
    return Glossary(dict(terms))


def makeExtension(**kwargs: object) -> GlossaryExtension:
    """The entry point Python-Markdown looks for when ``mkdocs.yml`` names this module."""
    return GlossaryExtension(**kwargs)
