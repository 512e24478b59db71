"""A page per département: ``territoires/departements/<code>.md`` (its territories,
:data:`PER_PAGE` a page, then the :data:`NEAR` territories nearest to it elsewhere), linked
from its région's page, from each of its territories' pages and from « Près de chez moi »
(its way without JavaScript), and leading back to the région and the explorer filtered on it.

Every département of France (metropolitan and overseas) has its page as soon as the
référentiel has a territory, so that a reader finds the territories near theirs even where
none is inside; a collectivité d'outre-mer only when it has territories. A territory is on
a département's page exactly when it is on that département's région's; one across several
départements (``departements``, or those its communes or its SIREN give) is listed on the
page of each, saying so.

« Près de ce département »: the territories outside it, nearest to its centre
(:func:`hooks.core.ressemblance.centre`), each with its distance and where it is, in words.
Each page costs one pass over the territories with a position (about 100 × N distances for
the whole site: linear in N), and shows at most :data:`NEAR` of them. When the nearest is
farther than :data:`~hooks.core.ressemblance.FAR` km (Guadeloupe: Brest métropole « à 6 453
km »), none is said to be near, as on « Près de chez moi »: the page lists instead the
territories most like a département (départements first, then those with most
experiences), without distance.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.lieux import spans, where
from hooks.core.pagination import paginate
from hooks.core.render import render
from hooks.core.ressemblance import FAR, centre, distance_words, km, position
from hooks.generated import GeneratedPage
from hooks.territoires.regions import Region, departements_in, regions
from hooks.urls import departement_page, explorer_region_url, page_url, region_page
from schemas.facts import departements_of, regions_of
from schemas.geo import GEO
from schemas.index import Entry, Index
from schemas.territoire import TYPE_LABELS, Territoire

PER_PAGE = 40  # as the list of territories and the régions' pages
NEAR = 8  # territories near a département, outside it


@dataclass(frozen=True)
class Proche:
    """A territory near a département: its distance from the centre and why, in words."""

    territoire: Entry
    lieu: str  # where it is: « Doubs », « Puy-de-Dôme, Haute-Loire et Loire »
    raison: str  # « à 265 km du centre du département, dans la même région »; far: « même
    # nature, 3 expériences »


@dataclass
class Departement:
    """A département (its code as in ``geo/``, its name), its région, its territories and
    the nearest territories outside it."""

    code: str
    name: str
    region: Region
    territories: list[Entry[Territoire]]
    near: list[Proche] = field(default_factory=list)
    loin: bool = False  # no territory within FAR km: ``near`` are the most alike, no distance

    @property
    def experiences(self) -> int:
        return sum(len(e.data.experiences) for e in self.territories)


def departements(index: Index) -> list[Departement]:
    """Every département of France when the index has territories (none otherwise), in the
    order of their codes; each one's territories in the order of the index (alphabetical),
    then those near it."""
    listed, _, _ = regions(index)
    by_region = {r.code: r for r in listed}
    found: dict[str, Departement] = {}
    for code, name in departement_codes(index, listed).items():
        found[code] = Departement(code, name, by_region[GEO.region_code_of(code)], [])
    for r in listed:
        for entry in r.territories:
            for code in departements_in(entry.data, r):
                if code in found:
                    found[code].territories.append(entry)
    placed = _placed(index)
    for d in found.values():
        d.near, d.loin = _near(d, placed)
    return sorted(found.values(), key=lambda d: d.code)


def departement_codes(index: Index, listed: list[Region] | None = None) -> dict[str, str]:
    """The départements with a page, code → name (see the module's docstring)."""
    if not index.of_kind("territoire"):
        return {}
    if listed is None:
        listed, _, _ = regions(index)
    by_region = {r.code: r for r in listed}
    return {
        code: name
        for code, (name, region_code) in GEO.departements().items()
        if region_code in by_region
        and (len(region_code) == 2 or by_region[region_code].territories)
    }


@dataclass(frozen=True)
class _Placed:
    """A territory with a position, and what :func:`_near` compares, computed once."""

    point: tuple[float, float]
    approx: bool
    title: str
    departements: frozenset[str]
    entry: Entry[Territoire]


def _placed(index: Index) -> list[_Placed]:
    """The territories with a position (their own, or their départements' centre)."""
    found = []
    for entry in index.of_kind("territoire"):
        where_ = position(entry.data)
        if where_:
            found.append(
                _Placed(
                    where_[0],
                    where_[1],
                    entry.title,
                    frozenset(departements_of(entry.data)),
                    entry,
                )
            )
    return found


def _near(d: Departement, placed: list[_Placed]) -> tuple[list[Proche], bool]:
    """The :data:`NEAR` territories outside ``d`` nearest to its centre, with the reason
    (the nearest first; at the same distance, by title), and False; when even the nearest is
    farther than FAR km, the most alike instead (:func:`_alike`), and True."""
    here = centre(d.code)
    if here is None:
        return [], False
    nearest = heapq.nsmallest(
        NEAR,
        (
            (km(here, p.point), p.title, p.approx, i)
            for i, p in enumerate(placed)
            if d.code not in p.departements
        ),
    )
    if nearest and nearest[0][0] > FAR:
        return _alike(d, placed), True
    found = []
    for distance, _, approx, i in nearest:
        entry = placed[i].entry
        words = distance_words(distance, approx) + " du centre du département"
        if d.region.code in regions_of(entry.data):
            words += ", dans la même région"
        found.append(Proche(entry, where(entry.data), words))
    return found, False


def _alike(d: Departement, placed: list[_Placed]) -> list[Proche]:
    """The :data:`NEAR` territories outside ``d`` most like a département, without distance:
    départements first (« même nature »), then those with most experiences, then by title."""
    outside = [p.entry for p in placed if d.code not in p.departements]
    alike = sorted(
        outside,
        key=lambda e: (e.data.type != "departement", -len(e.data.experiences), e.title),
    )[:NEAR]
    found = []
    for entry in alike:
        kind = "même nature" if entry.data.type == "departement" else TYPE_LABELS[entry.data.type]
        n = len(entry.data.experiences)
        words = f"{kind.lower()}, {n} expérience{'s' if n > 1 else ''}"
        found.append(Proche(entry, where(entry.data), words))
    return found


def departement_pages(ctx: BuildContext, per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """The pages of each département (``territoires/departements/62.md``,
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
            far=FAR,
            entries=part.items,
            region_url=page_url(region_page(d.region.value.key), page),
            explorer=explorer_region_url(d.region.value.key, page),
            spans=spans,
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages
