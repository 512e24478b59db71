"""« Chiffres clés » (``chiffres/``): territories by kind and by région, experiences per
enjeu and per balise, each a table (caption, header cells) whose number cells are also a
bar chart: under each number, a bar as long as its share of the largest, drawn by the
stylesheet from the cell's ``--part`` (no element of its own). What a screen reader reads
and what a copy into a spreadsheet takes are the numbers; the bars are only seen. One SVG
chart a table (an element a bar, a label, a number) made the page 544 DOM nodes at 1,000
territories, EcoIndex B; the bars in the cells add none.

>>> Figure("x", "X", "Type", "Nombre", [("Commune", 3), ("Métropole", 1)]).bars
[('Commune', 3, '100%'), ('Métropole', 1, '33%')]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.territoires.regions import regions
from hooks.urls import FIGURES_PAGE
from schemas.index import Index
from schemas.territoire import TYPE_LABELS


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
    def bars(self) -> list[tuple[str, int, str]]:
        """Each row with the length of its bar (``--part``, drawn by referentiel.css)."""
        largest = max((n for _, n in self.rows), default=0)
        return [(label, n, share(n, largest)) for label, n in self.rows]


def figures(index: Index) -> list[Figure]:
    """The four figures of the page, counted from the index."""
    territories = index.of_kind("territoire")
    types = Counter(t.data.type for t in territories)
    listed, abroad, unknown = regions(index)
    by_region = [(r.value.label, len(r.territories)) for r in [*listed, abroad, unknown]]
    # An experience counts once per balise it cites, and once per enjeu of those balises.
    experiences_of = {b.id: _experiences_citing(index, b.id) for b in index.of_kind("balise")}
    per_enjeu: dict[str, set[tuple[str, str]]] = {}
    for b in index.of_kind("balise"):
        per_enjeu.setdefault(b.data.enjeu, set()).update(experiences_of[b.id])
    enjeux = [
        (f"{e.data.numero}. {e.data.titre_court}", len(per_enjeu.get(e.id, ())))
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


def share(n: int, largest: int) -> str:
    """The length of a bar, as a percentage of the longest: ``share(1, 4)`` is ``"25%"``."""
    return f"{round(100 * n / largest) if largest else 0}%"


def figures_page(ctx: BuildContext) -> list[GeneratedPage]:
    """``chiffres.md``: « Chiffres clés »."""
    index = ctx.index
    territories = index.of_kind("territoire")
    experiences = sum(len(t.data.experiences) for t in territories)
    markdown = render(
        "territoires/chiffres.md.j2",
        **ctx.template_values(),
        page=FIGURES_PAGE,
        figures=figures(index),
        territories=len(territories),
        experiences=experiences,
    )
    return [GeneratedPage(FIGURES_PAGE, markdown, "territoires/")]
