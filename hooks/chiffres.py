"""« Chiffres clés » (``chiffres/``): territories by kind and by région, experiences per
enjeu and per balise, each as a bar chart (inline SVG, ``role="img"`` named by its caption)
followed by the same numbers in a table (caption, header cells): the table is the chart's
text alternative, and what a screen reader or a copy into a spreadsheet uses.

>>> svg = bar_chart("exemple", [("Commune", 3), ("Métropole", 1)])
>>> svg.count("<rect"), 'aria-labelledby="exemple-legende"' in svg
(2, True)
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from schemas.index import Index
from schemas.territoire import TYPE_LABELS

from .generated import GeneratedPage
from .regions import regions
from .render import render
from .urls import FIGURES_PAGE

WIDTH = 340  # the charts' viewBox width: the width of a phone, so text stays 13 px there
ROW = 38  # height of a label and its bar
BAR = 14
LONGEST = 44  # characters of a label in a chart (the table gives it whole)


@dataclass(frozen=True)
class Figure:
    """One chart and its table: ``Figure("types", "Territoires par type", "Type",
    "Territoires", [("Commune", 6), …])``."""

    id: str
    title: str
    row_header: str
    value_header: str
    rows: list[tuple[str, int]]

    @property
    def chart(self) -> Markup:
        return Markup(bar_chart(self.id, self.rows))


def figures(index: Index) -> list[Figure]:
    """The four figures of the page, counted from the index."""
    territories = index.of_kind("territoire")
    types = Counter(t.data.type for t in territories)  # type: ignore[attr-defined]
    listed, abroad, unknown = regions(index)
    by_region = [(r.value.label, len(r.territories)) for r in [*listed, abroad, unknown]]
    # An experience counts once per balise it cites, and once per enjeu of those balises.
    experiences_of = {b.id: _experiences_citing(index, b.id) for b in index.of_kind("balise")}
    per_enjeu: dict[str, set[tuple[str, str]]] = {}
    for b in index.of_kind("balise"):
        per_enjeu.setdefault(b.data.enjeu, set()).update(experiences_of[b.id])  # type: ignore[attr-defined]
    enjeux = [
        (f"{e.data.numero}. {e.data.titre_court}", len(per_enjeu.get(e.id, ())))  # type: ignore[attr-defined]
        for e in index.of_kind("enjeu")
    ]
    return [
        Figure(
            "types",
            "Territoires par type",
            "Type",
            "Territoires",
            [(label, types[key]) for key, label in TYPE_LABELS.items() if types[key]],
        ),
        Figure(
            "regions",
            "Territoires par région",
            "Région",
            "Territoires",
            [(label, n) for label, n in by_region if n],
        ),
        Figure("enjeux", "Expériences par enjeu", "Enjeu", "Expériences", enjeux),
        Figure(
            "balises",
            "Expériences par balise",
            "Balise",
            "Expériences",
            [(b.title, len(experiences_of[b.id])) for b in index.of_kind("balise")],
        ),
    ]


def _experiences_citing(index: Index, balise_id: str) -> set[tuple[str, str]]:
    """(territory id, experience id) of every experience that cites the balise."""
    return {
        (link.entry.id, link.experience.id)
        for link in index.cited_by(balise_id, "territoire")
        if link.experience is not None
    }


def _short(label: str) -> str:
    return label if len(label) <= LONGEST else label[: LONGEST - 1].rstrip() + "…"


def bar_chart(chart_id: str, rows: list[tuple[str, int]]) -> str:
    """Horizontal bars, each under its label and followed by its number; named by the
    element ``<chart_id>-legende`` (the figure's caption). Every value is escaped."""
    largest = max((n for _, n in rows), default=0) or 1
    height = ROW * len(rows) + 4
    name = html.escape(f"{chart_id}-legende", quote=True)
    parts = [
        f'<svg class="rv-graphique-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{name}" xmlns="http://www.w3.org/2000/svg">'
    ]
    span = WIDTH - 60  # room for the number after the longest bar
    for i, (label, n) in enumerate(rows):
        top = i * ROW
        width = max(1, round(span * n / largest)) if n else 0
        parts.append(
            f'<text x="0" y="{top + 14}">{html.escape(_short(label), quote=False)}</text>'
            f'<rect x="0" y="{top + 20}" width="{width}" height="{BAR}"/>'
            f'<text x="{width + 6}" y="{top + 32}" class="rv-graphique-nombre">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def figures_page(index: Index, common: dict[str, Any]) -> GeneratedPage:
    """``chiffres.md``: « Chiffres clés »."""
    territories = index.of_kind("territoire")
    experiences = sum(len(t.data.experiences) for t in territories)  # type: ignore[attr-defined]
    markdown = render(
        "chiffres.md.j2",
        **common,
        page=FIGURES_PAGE,
        figures=figures(index),
        territories=len(territories),
        experiences=experiences,
    )
    return GeneratedPage(FIGURES_PAGE, markdown, "territoires/")
