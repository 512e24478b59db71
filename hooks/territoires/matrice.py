"""« Matrice des expériences »: how many experiences of each territory illustrate each
balise, for all balises (``matrice/``) and for the balises of each enjeu
(``matrice/<enjeu>/``), with totals, and the balises that have the fewest experiences
called out (« Cette balise attend vos expériences »).

A page shows a fixed number of territories (:data:`PER_PAGE`; :data:`PER_PAGE_WHOLE` for the
23 columns of the whole matrix), so that it weighs the same whatever their number; the total
of each balise, on every page, counts every territory. Measured at 1,000 territories
(``benchmarks/ecoconception.py``, first visit, gzip): an enjeu's page 73 KB and about 340 DOM
nodes with 14 territories (600 with 40), EcoIndex A (82); a page of the whole matrix 74 KB
and about 590 nodes, B (72): its rows are 27 elements each, and grade A, about 375 nodes of
which 170 are the theme's, would leave 3 or 4 of them a page (see hooks/projet/ecoconception.py).
At most 5 balises waiting for experiences are listed above the table (« et N autres »); the
table marks every one of them (◆, drawn by the stylesheet).

An experience that illustrates two balises of a matrix counts in both cells; the total of
a territory (and the grand total) counts it once.

>>> from types import SimpleNamespace as R
>>> fewest([R(total=3), R(total=1), R(total=1), R(total=4)])
[False, True, True, False]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import Markup

from hooks.core.context import BuildContext
from hooks.core.pagination import paginate
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import matrix_page
from schemas.index import Entry, Index

PER_PAGE = 14  # territories per page of an enjeu's matrix (5 or 6 balises): grade A
PER_PAGE_WHOLE = 12  # of the whole matrix: 23 balises, 27 elements a row
TITLE = "Matrice des expériences"


@dataclass(frozen=True)
class Column:
    """A balise of the matrix: ``label`` is its short number (``2.3``), ``total`` its
    experiences in every territory, ``appel`` whether it is among those with the fewest."""

    balise: Entry
    label: str
    total: int
    appel: bool


@dataclass(frozen=True)
class Row:
    """A territory: its experiences per balise (in the order of the columns), and how many
    of its experiences illustrate at least one of them."""

    territoire: Entry
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class Matrix:
    """The matrix of one enjeu (or of every balise, ``enjeu`` None): the territories that
    have an experience in it, in alphabetical order."""

    enjeu: Entry | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: int  # experiences that illustrate at least one of the balises

    @property
    def calls(self) -> list[Column]:
        """The balises that wait for experiences, in reading order."""
        return [c for c in self.columns if c.appel]


class _Total(Protocol):
    total: int


def fewest(columns: Sequence[_Total]) -> list[bool]:
    """Which columns have the fewest experiences (every one of them, if tied)."""
    least = min((c.total for c in columns), default=0)
    return [c.total == least for c in columns]


def matrix(index: Index, enjeu: Entry | None = None) -> Matrix:
    """Count, for each territory, its experiences that illustrate each balise (of ``enjeu``)."""
    balises = [b for b in index.of_kind("balise") if enjeu is None or b.data.enjeu == enjeu.id]
    position = {b.id: i for i, b in enumerate(balises)}
    totals = [0] * len(balises)
    rows = []
    for territoire in index.of_kind("territoire"):
        counts = [0] * len(balises)
        total = 0
        for x in territoire.data.experiences:
            cited = {position[b] for b in x.balises if b in position}
            for i in cited:
                counts[i] += 1
                totals[i] += 1
            total += bool(cited)
        if total:
            rows.append(Row(territoire, tuple(counts), total))
    number = {e.id: e.data.numero for e in index.of_kind("enjeu")}
    columns = [
        Column(b, f"{number[b.data.enjeu]}.{b.data.numero}", t, False)
        for b, t in zip(balises, totals, strict=True)
    ]
    flagged = fewest(columns)
    columns = [
        Column(c.balise, c.label, c.total, appel) for c, appel in zip(columns, flagged, strict=True)
    ]
    return Matrix(enjeu, tuple(columns), tuple(rows), sum(r.total for r in rows))


def matrix_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The whole matrix, then each enjeu's, each in pages of territories."""
    index, common = ctx.index, ctx.template_values()
    enjeux = index.of_kind("enjeu")
    pages = _pages(matrix(index), enjeux, common, PER_PAGE_WHOLE)
    for enjeu in enjeux:
        pages += _pages(matrix(index, enjeu), enjeux, common, PER_PAGE)
    return pages


def _pages(
    found: Matrix, enjeux: list[Entry], common: dict[str, Any], per_page: int
) -> list[GeneratedPage]:
    enjeu_id = found.enjeu.id if found.enjeu else None
    title = TITLE
    if found.enjeu:
        title += f" : {found.enjeu.data.numero}. {found.enjeu.data.titre_court}"
    pages = []
    for part in paginate(found.rows, per_page, lambda n: matrix_page(enjeu_id, n)):
        page = part.page
        markdown = render(
            "territoires/matrice.md.j2",
            **common,
            page=page,
            title=title,
            matrix=found,
            rows=part.items,
            number=part.number,
            count=part.count,
            start=part.start,
            enjeux=[(e, Markup(f"/{matrix_page(e.id)}")) for e in enjeux],
            whole=Markup(f"/{matrix_page()}"),
            pages=part.links,
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages
