"""« Matrice des expériences »: how the experiences of the territories spread over the
balises. Five pages, whatever the number of territories:

- ``matrice/``, the overview: every balise, by enjeu, named in full, with its experiences
  and the territories they come from (a table of three columns, readable on a phone);
- ``matrice/<enjeu>/``, an enjeu's matrix: its balises across, the territories down, each
  cell the experiences of that territory that illustrate that balise. It shows the
  :data:`SHOWN` territories with the most experiences in the enjeu (then in alphabetical
  order); the others are a link away, in « Explorer les expériences » filtered on the enjeu,
  and the totals under the table count every territory.

Why not every territory, page after page: at 1,000 territories the matrix made 328 pages
(12 territories a page of the whole, 14 of an enjeu's), which nobody reads through, and a
row of the whole matrix weighed 27 elements. A page of five is bounded in weight (measured
with ``benchmarks/ecoconception.py``: see :data:`SHOWN`); a territory's own balises are on
its page, and every link of an experience to a balise is in the open data
(``experiences-balises.csv``).

The balises with the fewest experiences are called out (« Cette balise attend vos
expériences »): at most 5 listed above the table (« et N autres »), every one marked ◆ in it
(drawn by the stylesheet). An experience that illustrates two balises of an enjeu counts in
both cells; the total of a territory (and the grand total) counts it once.

>>> from types import SimpleNamespace as R
>>> fewest([R(total=3), R(total=1), R(total=1), R(total=4)])
[False, True, True, False]
>>> [r.n for r in leading([R(n=1, total=1, title="b"), R(n=2, total=3, title="c"),
...                        R(n=3, total=1, title="a")], 2)]
[2, 3]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from markupsafe import Markup, escape

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import DATA_PAGE, matrix_page, matrix_url
from schemas.index import Entry, Index

# Territories in an enjeu's matrix: about 10 elements a row, and the page stays grade A
# (EcoIndex above 80, about 380 elements with the theme's) at any number of territories.
SHOWN = 15
SHOWN_CALLS = 5  # balises waiting for experiences listed above the table
TITLE = "Matrice des expériences"


@dataclass(frozen=True)
class Column:
    """A balise of the matrix: ``label`` is its short number (``2.3``), ``total`` its
    experiences in every territory, ``territoires`` the territories they come from,
    ``appel`` whether it is among those with the fewest."""

    balise: Entry
    label: str
    total: int
    territoires: int
    appel: bool


@dataclass(frozen=True)
class Row:
    """A territory: its experiences per balise (in the order of the columns), and how many
    of its experiences illustrate at least one of them."""

    territoire: Entry
    counts: tuple[int, ...]
    total: int

    @property
    def title(self) -> str:
        return self.territoire.title


@dataclass(frozen=True)
class Matrix:
    """The matrix of one enjeu (or of every balise, ``enjeu`` None): the territories that
    have an experience in it, in the index's (alphabetical) order."""

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


class _Ranked(Protocol):
    total: int
    title: str


R = TypeVar("R", bound=_Ranked)


def fewest(columns: Sequence[_Total]) -> list[bool]:
    """Which columns have the fewest experiences (every one of them, if tied)."""
    least = min((c.total for c in columns), default=0)
    return [c.total == least for c in columns]


def leading(rows: Sequence[R], shown: int) -> list[R]:
    """The ``shown`` rows with the most experiences, ties in alphabetical order."""
    return sorted(rows, key=lambda r: (-r.total, r.title.casefold()))[:shown]


def matrix(index: Index, enjeu: Entry | None = None) -> Matrix:
    """Count, for each territory, its experiences that illustrate each balise (of ``enjeu``)."""
    return matrices(index)[enjeu.id if enjeu else None]


def matrices(index: Index) -> dict[str | None, Matrix]:
    """The whole matrix (key None) and each enjeu's (key: its id), counted in one pass over
    the territories (a pass for each was a quarter of a second at 1,000 territories)."""
    enjeux = index.of_kind("enjeu")
    balises = index.of_kind("balise")
    number = {e.id: e.data.numero for e in enjeux}
    of_enjeu = [b.data.enjeu for b in balises]
    groups: dict[str | None, list[int]] = {None: list(range(len(balises)))}
    groups.update({e.id: [i for i, b in enumerate(of_enjeu) if b == e.id] for e in enjeux})
    position = {b.id: i for i, b in enumerate(balises)}
    totals = [0] * len(balises)
    present = [0] * len(balises)  # territories with at least one experience of the balise
    rows: dict[str | None, list[Row]] = {key: [] for key in groups}
    for territoire in index.of_kind("territoire"):
        counts = [0] * len(balises)
        total = dict.fromkeys(groups, 0)
        for x in territoire.data.experiences:
            cited = {position[b] for b in x.balises if b in position}
            for i in cited:
                counts[i] += 1
                totals[i] += 1
            for key in {None, *(of_enjeu[i] for i in cited)} if cited else ():
                total[key] += 1
        for i, n in enumerate(counts):
            present[i] += bool(n)
        for key, where in groups.items():
            if total[key]:
                rows[key].append(Row(territoire, tuple(counts[i] for i in where), total[key]))
    labels = [f"{number[b.data.enjeu]}.{b.data.numero}" for b in balises]
    found = {}
    for key, where in groups.items():
        flagged = fewest([Column(balises[i], "", totals[i], 0, False) for i in where])
        columns = tuple(
            Column(balises[i], labels[i], totals[i], present[i], appel)
            for i, appel in zip(where, flagged, strict=True)
        )
        enjeu = index.entries[key] if key else None
        found[key] = Matrix(enjeu, columns, tuple(rows[key]), sum(r.total for r in rows[key]))
    return found


def matrix_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The overview, then each enjeu's matrix: five pages at any number of territories."""
    index, common = ctx.index, ctx.template_values()
    enjeux = index.of_kind("enjeu")
    links = {
        "enjeux": [(e, Markup(f"/{matrix_page(e.id)}")) for e in enjeux],
        "whole": Markup(f"/{matrix_page()}"),
        "data": Markup(f"/{DATA_PAGE}"),
        "shown_calls": SHOWN_CALLS,
    }
    every = matrices(index)
    whole = every[None]
    groups = [
        (
            e,
            escape(matrix_url(e.id, matrix_page())),
            [c for c in whole.columns if c.balise.data.enjeu == e.id],
        )
        for e in enjeux
    ]
    pages = [_page(matrix_page(), "territoires/matrice.md.j2", common, links, whole, groups=groups)]
    for enjeu in enjeux:
        found = every[enjeu.id]
        pages.append(
            _page(
                matrix_page(enjeu.id),
                "territoires/matrice-enjeu.md.j2",
                common,
                links,
                found,
                rows=leading(found.rows, SHOWN),
            )
        )
    return pages


def _page(
    page: str,
    template: str,
    common: dict[str, Any],
    links: dict[str, Any],
    found: Matrix,
    **values: Any,
) -> GeneratedPage:
    title = TITLE
    if found.enjeu:
        title += f" : {found.enjeu.data.numero}. {found.enjeu.data.titre_court}"
    markdown = render(template, **common, **links, **values, page=page, title=title, matrix=found)
    return GeneratedPage(page, markdown, "territoires/")
