"""A page per département that has territories: ``territoires/departements/<code>.md`` (its
territories, :data:`PER_PAGE` a page), linked from its région's page and from each of its
territories' pages, and leading back to both the région and the explorer filtered on it.

The départements come from the régions (:func:`hooks.territoires.regions.regions`): a
territory is on a département's page exactly when it is on that département's région's. A
territory across several départements (``departements``, or those its communes or its
SIREN give) is listed on the page of each, saying so. A département without territories
has no page: there are never more pages than territories and their départements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.lieux import spans
from hooks.core.pagination import paginate
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.territoires.regions import Region, departements_in, regions
from hooks.urls import departement_page, explorer_region_url, page_url, region_page
from schemas.geo import GEO
from schemas.index import Entry, Index
from schemas.territoire import Territoire

PER_PAGE = 40  # as the list of territories and the régions' pages


@dataclass
class Departement:
    """A département (its code as in ``geo/``, its name), its région and its territories."""

    code: str
    name: str
    region: Region
    territories: list[Entry[Territoire]]

    @property
    def experiences(self) -> int:
        return sum(len(e.data.experiences) for e in self.territories)


def departements(index: Index) -> list[Departement]:
    """The départements that have territories, in the order of their codes; each one's
    territories in the order of the index (alphabetical)."""
    listed, _, _ = regions(index)
    found = []
    for r in listed:
        by_code: dict[str, list[Entry[Territoire]]] = {}
        for entry in r.territories:
            for code in departements_in(entry.data, r):
                by_code.setdefault(code, []).append(entry)
        found += [
            Departement(code, GEO.departement(code) or code, r, territories)
            for code, territories in by_code.items()
        ]
    return sorted(found, key=lambda d: d.code)


def departement_pages(ctx: BuildContext, per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """The pages of each département that has territories (``territoires/departements/62.md``,
    ``territoires/departements/62/page/2.md``…)."""
    common = ctx.template_values()
    return [page for d in departements(ctx.index) for page in _pages_of(d, common, per_page)]


def _pages_of(d: Departement, common: dict[str, Any], per_page: int) -> list[GeneratedPage]:
    pages = []
    for part in paginate(d.territories, per_page, lambda n: departement_page(d.code, n)):
        page = part.page
        markdown = render(
            "territoires/departement.md.j2",
            **part.values(),
            **common,
            page=page,
            departement=d,
            entries=part.items,
            region_url=page_url(region_page(d.region.value.key), page),
            explorer=explorer_region_url(d.region.value.key, page),
            spans=spans,
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages
