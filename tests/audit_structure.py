"""The structure part of the accessibility audit (:mod:`tests.audit`): headings of a page
as shown in Chromium (:func:`heading_problems`), and every HTML page of a built site read as
written (:func:`static_problems`): ``lang="fr"``, a skip link, one ``h1``, heading levels in
order, header cells in tables, link texts that make sense alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

# Link texts that say nothing out of their sentence (RGAA 6.1), whole or as a start.
VAGUE_LINK = re.compile(
    r"^(ici|là|clic|cliquez|cliquer|lien|ce lien|plus|en savoir plus|lire la suite|suite"
    r"|voir|voir plus|page|télécharger|download|here|click here|more|read more)\W*$"
    r"|\bcliquez\b|\bcliquer\b",
    re.IGNORECASE,
)


HEADINGS_JS = """() => {
    const problems = [];
    const shown = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter(h => h.getClientRects().length > 0 || h.closest('details'));
    const h1 = shown.filter(h => h.tagName === 'H1').length;
    if (h1 !== 1) problems.push(`${h1} titres de niveau 1 au lieu d'un seul`);
    let previous = 0;
    for (const h of shown) {
        const level = Number(h.tagName[1]);
        if (level > previous + 1) {
            const text = h.textContent.replace('¶', '').trim().slice(0, 60);
            problems.push(`titre de niveau ${level} après un niveau ${previous} : « ${text} »`);
        }
        previous = level;
    }
    return problems;
}"""


def heading_problems(tab: Any) -> list[str]:
    """One ``h1``, no level skipped (``h2`` then ``h4``), in the page as shown."""
    return tab.evaluate(HEADINGS_JS)


class _Page(HTMLParser):
    """What :func:`static_problems` needs from a page: its language, headings, tables and
    link texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[int] = []
        self.tables = 0
        self.header_cells = 0
        self.links: list[str] = []
        self.skip_link = False
        self._link: list[str] | None = None
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "th":
            self.header_cells += 1
        elif tag == "a" and values.get("href"):
            self._link, self._label = [], values.get("aria-label")
            self.skip_link = self.skip_link or "md-skip" in (values.get("class") or "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append(self._label or " ".join("".join(self._link).split()))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)


def page_problems(html: str) -> list[str]:
    """What a page breaks among the rules :func:`static_problems` checks, in French.

    >>> page_problems('<html lang="fr"><h1>A</h1><h3>B</h3><a href="x">cliquez ici</a>')[1:]
    ['titre de niveau 3 après un niveau 1', 'lien peu explicite : « cliquez ici »']
    """
    page = _Page()
    page.feed(html)
    problems = []
    if page.lang != "fr":
        problems.append(f'langue de la page : lang="{page.lang}" au lieu de "fr"')
    if not page.skip_link:
        problems.append("pas de lien « Aller au contenu »")
    if page.headings.count(1) != 1:
        problems.append(f"{page.headings.count(1)} titres de niveau 1 au lieu d'un seul")
    previous = 0
    for level in page.headings:
        if level > previous + 1:
            problems.append(f"titre de niveau {level} après un niveau {previous}")
        previous = level
    if page.tables > page.header_cells:
        problems.append("tableau sans cellule d'en-tête")
    problems += [
        f"lien peu explicite : « {text} »" for text in page.links if VAGUE_LINK.search(text)
    ]
    return problems


def static_problems(site: Path) -> dict[str, list[str]]:
    """``{"balises/x/index.html": ["…"]}`` for every page of ``site`` that breaks a rule of
    :func:`page_problems`; empty when none does."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        problems = page_problems(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    return found
