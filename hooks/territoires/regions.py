"""Pages by région: ``regions/`` (every région, its numbers of territories and experiences)
and ``regions/<slug>/`` (its territories, :data:`PER_PAGE` a page, and a link to the
explorer filtered on it). A région's slug is the key of its value in the explorer's
« Région » filter (:func:`hooks.territoires.explorer.region`), so ``regions/normandie/`` and
``explorer/?region=normandie`` speak of the same territories.

A page per metropolitan or overseas région (DROM), even without territories yet (its
address does not come and go), and per overseas collectivity (COM) that has some. A
territory across several régions (its ``departements``, or its communes') is listed on the
page of each: one pass over the territories and their régions, no work per pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.facets import ABROAD, NO_REGION, Value, region, region_named
from hooks.core.lieux import MAX_NAMED, names
from hooks.core.pagination import paginate
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import (
    REGIONS_PAGE,
    departement_page,
    explorer_region_url,
    page_url,
    region_page,
)
from schemas.facts import departements_of, regions_of
from schemas.geo import GEO
from schemas.index import Entry, Index, sort_key
from schemas.territoire import Territoire

PER_PAGE = 40  # as the list of territories (hooks/territoires/liste.py)


@dataclass
class Region:
    """A région (``value``: its slug and name, as in the explorer) and its territories."""

    value: Value
    code: str | None
    territories: list[Entry] = field(default_factory=list)

    @property
    def experiences(self) -> int:
        return sum(len(e.data.experiences) for e in self.territories)


def regions(index: Index) -> tuple[list[Region], Region, Region]:
    """The régions with a page, in the order of their names; then the territories abroad,
    then those of France without a région (no département given). A territory is in each
    of its régions, once."""
    found: dict[str, Region] = {}
    for dep, (_, code) in GEO.departements().items():
        if code not in found and len(code) == 2:  # metropolitan (11…94) or DROM (01…06)
            found[code] = Region(region("FR", dep), code)
    abroad, unknown = Region(ABROAD, None), Region(NO_REGION, None)
    for entry in index.of_kind("territoire"):
        codes = regions_of(entry.data)
        if entry.data.pays != "FR":
            abroad.territories.append(entry)
        elif not codes:
            unknown.territories.append(entry)
        for code in codes:
            if code not in found:  # a COM, only when it has territories
                found[code] = Region(region_named(code), code)
            found[code].territories.append(entry)
    return sorted(found.values(), key=_order), abroad, unknown


def _order(r: Region) -> tuple[int, str]:
    """Metropolitan régions, then the DROM, then the COM, each by name."""
    code = r.code or ""
    return (0 if len(code) == 2 and code >= "10" else 1 if len(code) == 2 else 2, r.value.key)


def region_pages(ctx: BuildContext, per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """``regions/index.md``, then the pages of each région (``regions/<slug>.md``,
    ``regions/<slug>/page/2.md``…)."""
    listed, abroad, unknown = regions(ctx.index)
    common = ctx.template_values()
    pages = [
        GeneratedPage(
            REGIONS_PAGE,
            render(
                "territoires/liste-regions.md.j2",
                **common,
                page=REGIONS_PAGE,
                regions=[(r, page_url(region_page(r.value.key), REGIONS_PAGE)) for r in listed],
                abroad=abroad,
                unknown=unknown,
                abroad_url=explorer_region_url(ABROAD.key, REGIONS_PAGE),
                unknown_url=explorer_region_url(NO_REGION.key, REGIONS_PAGE),
            ),
            "territoires/",
        )
    ]
    for r in listed:
        pages += _pages_of(r, common, per_page)
    return pages


def _pages_of(r: Region, common: dict[str, Any], per_page: int) -> list[GeneratedPage]:
    # Each département of the région with its number of territories; every territory of a
    # région has a known département there (its région comes from it), so each has its page
    # (departements.py).
    departements: dict[str, int] = {}
    for entry in r.territories:
        for code in departements_in(entry.data, r):
            departements[code] = departements.get(code, 0) + 1
    named = sorted(
        ((GEO.departement(code) or code, code, k) for code, k in departements.items()),
        key=lambda d: sort_key(d[0]),
    )
    pages = []
    for part in paginate(r.territories, per_page, lambda n: region_page(r.value.key, n)):
        page = part.page
        markdown = render(
            "territoires/region.md.j2",
            **part.values(),
            **common,
            page=page,
            region=r,
            entries=part.items,
            where=lambda data: where_in(data, r),
            departements=[
                (name, k, page_url(departement_page(code), page)) for name, code, k in named
            ],
            explorer=explorer_region_url(r.value.key, page),
            regions_url=page_url(REGIONS_PAGE, page),
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages


def departements_in(data: Territoire, r: Region) -> list[str]:
    """The départements of a territory in the région ``r``."""
    return [code for code in departements_of(data) if GEO.region_code_of(code) == r.code]


def where_in(data: Territoire, r: Region) -> str:
    """A territory's départements in the région ``r``, by name, then those it spans in other
    régions: ``Loire et Puy-de-Dôme ; hors de la région : Corrèze (Nouvelle-Aquitaine)``."""
    here = departements_in(data, r)
    elsewhere = [code for code in departements_of(data) if code not in here]
    words = names([GEO.departement(c) or c for c in here])
    if not elsewhere:
        return words
    if len(elsewhere) > MAX_NAMED:
        return f"{words} ; hors de la région : {len(elsewhere)} départements"
    return f"{words} ; hors de la région : " + names(
        [f"{GEO.departement(c)} ({GEO.region_of(c)})" for c in elsewhere]
    )
