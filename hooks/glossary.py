"""Link the first mention of each concept on a page to its definition in the glossary.

The terms are each concept's title and its ``termes``; matching ignores case and needs
whole words. Headings, links and code are left alone; the link's ``title`` shows the
first sentence of the definition as a tooltip.

>>> terms = Glossary({"saut systémique": ("saut-systemique", "Un changement d'échelle.")})
>>> html = terms.link("<p>Un saut systémique, puis un autre saut systémique.</p>", "c/")
>>> html.count("<a "), html[:70]
(1, '<p>Un <a class="rv-concept" href="c/#saut-systemique" title="Un change')
"""

from __future__ import annotations

import html
import re

from schemas.index import Index

from .htmltext import SKIP, map_text
from .sanitize import render_markdown
from .typography import french_spaces

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
    "aside",
}
_TAGS = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"^(.{20,240}?[.!?])(\s|$)", re.DOTALL)


class Glossary:
    """The terms to look for: lowercased term → (concept id, tooltip)."""

    def __init__(self, terms: dict[str, tuple[str, str]]) -> None:
        self.terms = terms
        alternatives = sorted(terms, key=len, reverse=True)  # longest first
        self.pattern = (
            re.compile(
                r"\b(" + "|".join(re.escape(t) for t in alternatives) + r")\b", re.IGNORECASE
            )
            if terms
            else None
        )

    @classmethod
    def from_index(cls, index: Index) -> Glossary:
        terms = {}
        for entry in index.of_kind("concept"):
            tooltip = french_spaces(first_sentence(render_markdown(entry.data.definition)))
            for term in (entry.title, *entry.data.termes):
                terms[term.lower()] = (entry.id, tooltip)
        return cls(terms)

    def link(self, page_html: str, glossary_url: str) -> str:
        """``page_html`` with the first mention of each concept made a link."""
        if self.pattern is None:
            return page_html
        done: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            concept_id, tooltip = self.terms[match.group(1).lower()]
            if concept_id in done:
                return match.group(0)
            done.add(concept_id)
            return (
                f'<a class="rv-concept" href="{glossary_url}#{concept_id}" '
                f'title="{html.escape(tooltip)}">{match.group(0)}</a>'
            )

        pattern = self.pattern
        return map_text(
            page_html, lambda text: pattern.sub(replace, text) if text.strip() else text, _NOT_HERE
        )


def first_sentence(definition_html: str) -> str:
    """Plain text of the first sentence of a rendered definition, for a tooltip."""
    text = " ".join(html.unescape(_TAGS.sub(" ", definition_html)).split())
    match = _SENTENCE.match(text)
    return match.group(1) if match else text[:240]
