"""Pages by région: ``regions/`` (every région, its numbers of territories and experiences)
and ``regions/<slug>/`` (its territories, :data:`PER_PAGE` a page, and a link to the
explorer filtered on it). A région's slug is the key of its value in the explorer's
« Région » filter (:func:`hooks.territoires.explorer.region`), so ``regions/normandie/`` and
``explorer/?region=normandie`` speak of the same territories.

A page per metropolitan or overseas région (DROM), even without territories yet (its
address does not come and go), and per overseas collectivity (COM) that has some.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.facets import ABROAD, UNKNOWN, Value, region
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
from schemas.geo import GEO
from schemas.index import Entry, Index, sort_key

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
    then those of France without a région (no département given)."""
    found: dict[str, Region] = {}
    for dep, (_, code) in GEO.departements().items():
        if code not in found and len(code) == 2:  # metropolitan (11…94) or DROM (01…06)
            found[code] = Region(region("FR", dep), code)
    abroad, unknown = Region(ABROAD, None), Region(UNKNOWN, None)
    for entry in index.of_kind("territoire"):
        data = entry.data
        code = GEO.region_code_of(data.departement)
        if data.pays != "FR":
            abroad.territories.append(entry)
        elif code is None:
            unknown.territories.append(entry)
        else:
            if code not in found:  # a COM, only when it has territories
                found[code] = Region(region("FR", data.departement), code)
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
                unknown_url=explorer_region_url(UNKNOWN.key, REGIONS_PAGE),
            ),
            "territoires/",
        )
    ]
    for r in listed:
        pages += _pages_of(r, common, per_page)
    return pages


def _pages_of(r: Region, common: dict[str, Any], per_page: int) -> list[GeneratedPage]:
    # Each département with its number of territories; every territory of a région has a
    # known département (its région comes from it), so each has its page (departements.py).
    departements: dict[str, int] = {}
    for entry in r.territories:
        code = entry.data.departement
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
            **common,
            page=page,
            region=r,
            entries=part.items,
            number=part.number,
            count=part.count,
            start=part.start,
            departement_of=GEO.departement,
            departements=[
                (name, k, page_url(departement_page(code), page)) for name, code, k in named
            ],
            explorer=explorer_region_url(r.value.key, page),
            regions_url=page_url(REGIONS_PAGE, page),
            pages=part.links,
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages
