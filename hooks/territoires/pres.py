"""« Près de chez moi » (``pres-de-chez-moi/``): from a reader's commune or intercommunalité
to the territories of the référentiel that contain it, are nearest to it, or are most like
it, and what they did.

Everything is computed in the reader's browser (``assets/pres.js``) from static JSON files,
so that nothing is sent anywhere:

- ``noms/<prefix>.json`` and ``codes/<file>.json`` (:mod:`hooks.territoires.pres_noms`):
  the 34,969 communes and 1,255 EPCI of ``geo/``, in slices by the
  first letters of each word of their name as compared (:func:`schemas.geo.name_key`,
  :func:`word_keys`: « Métropole d'Aix-Marseille-Provence » is under « m », « a » and
  « p »); a slice that would hold more than :data:`SLICE` names is split on one more
  letter, so that a reader downloads only the few kilobytes of the names with a word that
  begins like theirs. A place that is a territory of the référentiel has the territory's
  name (« Brest métropole », not « Brest Métropole »), and its name in ``geo/`` after it;
- ``index.json``: the slices' prefixes, the départements (name, région), the balises and
  enjeux, and where the territories' files are;
- ``regions/<code>.json``: the territories of the référentiel in one région, with what a
  result needs (kind, population, position, communes, experiences, balises); a lookup
  reads its région's file, and ``repli.json`` (the territories with most experiences) when
  its région has none.

>>> _abroad("FR"), _abroad("BE"), _abroad("PT"), _abroad("NL")
('', 'en Belgique', 'au Portugal', 'aux Pays-Bas')
"""

from __future__ import annotations

from collections import Counter, defaultdict

from hooks.core.context import BuildContext
from hooks.core.render import render_page
from hooks.core.ressemblance import FACTOR, position
from hooks.generated import GeneratedPage
from hooks.territoires.departements import departement_codes
from hooks.territoires.pres_noms import dump, geo_files
from hooks.urls import (
    NEAR_FOLDER,
    NEAR_PAGE,
    PROPOSER_PAGE,
    REGIONS_PAGE,
    departement_page,
    file_url,
    grid_enjeu_page,
    page_url,
    relative_url,
)
from schemas.facts import departements_of, regions_of
from schemas.geo import FOLDER, GEO
from schemas.index import Index
from schemas.pays import country_name

FALLBACK = 40  # territories of repli.json
MASCULINE = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Bélize"}
PLURAL = ("Îles", "États-Unis", "Émirats", "Pays-Bas", "Bahamas", "Philippines", "Comores")


def _abroad(code: str) -> str:
    """Where a territory abroad is, in words (« en Belgique »); ``""`` in France."""
    if code == "FR":
        return ""
    name = country_name(code)
    if name.startswith(PLURAL) or name in PLURAL:
        return f"aux {name}"
    if name[0] in "AEIOUÉÈÎÂ" or (name.endswith("e") and name not in MASCULINE):
        return f"en {name}"
    return f"au {name}"


def _territory(entry, index: Index) -> list:
    """What a result needs of one territory: ``[name, url, type, population, lat, lon,
    départements, code INSEE, SIREN, communes, experiences, balises, approximate, abroad]``;
    an experience is ``[title, url, enjeux]``; ``approximate`` is 1 when the position is the
    centre of its départements (:func:`hooks.core.ressemblance.position`), else 0;
    ``abroad``: its country in words (« en Belgique »), or ``""`` in France."""
    data = entry.data
    enjeu_of = {b.id: b.data.enjeu for b in index.of_kind("balise")}
    experiences = []
    for x in data.experiences:
        enjeux = sorted({enjeu_of[b] for b in x.balises if b in enjeu_of})
        experiences.append([x.titre, relative_url(entry, NEAR_PAGE, x.id), enjeux])
    balises = sorted({str(b) for x in data.experiences for b in x.balises})
    where = position(data)
    point = where[0] if where else (None, None)
    return [
        entry.title,
        relative_url(entry, NEAR_PAGE),
        data.type,
        data.population,
        round(point[0], 3) if where else None,
        round(point[1], 3) if where else None,
        list(departements_of(data)),
        data.code_insee or "",
        data.siren or "",
        list(data.communes),
        experiences,
        balises,
        1 if where and where[1] else 0,
        _abroad(data.pays),
    ]


def near_files(ctx: BuildContext) -> dict[str, str]:
    """The JSON files of the page (see the module's docstring)."""
    index = ctx.index
    stamp = tuple((FOLDER / name).stat().st_mtime_ns for name in ("epci.csv", "communes.csv"))
    territories = index.of_kind("territoire")
    own = {e.data.code_insee or e.data.siren: e.title for e in territories}
    own.pop(None, None)
    slices, named = geo_files(stamp, tuple(sorted(own.items())))
    files = dict(named)
    by_region: dict[str, list[list]] = defaultdict(list)
    for entry in territories:
        row = _territory(entry, index)
        for region in regions_of(entry.data) or ("hors",):
            by_region[region].append(row)
    for region, rows in by_region.items():
        files[f"{NEAR_FOLDER}regions/{region}.json"] = dump(rows)
    most = sorted(territories, key=lambda e: (-len(e.data.experiences), e.title))[:FALLBACK]
    files[f"{NEAR_FOLDER}repli.json"] = dump([_territory(e, index) for e in most])
    enjeux = {
        e.id: [e.data.titre_court, page_url(grid_enjeu_page(e.id), NEAR_PAGE)]
        for e in index.of_kind("enjeu")
    }
    balises = {
        b.id: [b.data.titre, relative_url(b, NEAR_PAGE), b.data.enjeu]
        for b in index.of_kind("balise")
    }
    files[f"{NEAR_FOLDER}index.json"] = dump(
        {
            "noms": list(slices),  # a slice's file: its prefix, « _ » for spaces
            "departements": {c: [n, r] for c, (n, r) in GEO.departements().items()},
            "regions": sorted(by_region),
            "enjeux": enjeux,
            "balises": balises,
            "proposer": page_url(PROPOSER_PAGE, NEAR_PAGE),
            "facteur": FACTOR,
        }
    )
    return files


def near_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The page: its form, and what the script fills."""
    counts = Counter(r for t in ctx.index.of_kind("territoire") for r in regions_of(t.data))
    return [
        render_page(
            NEAR_PAGE,
            "territoires/pres.md.j2",
            page=NEAR_PAGE,
            index_url=file_url(f"{NEAR_FOLDER}index.json", NEAR_PAGE),
            script_url=file_url("assets/pres.js", NEAR_PAGE),
            css_url=file_url("assets/pres.css", NEAR_PAGE),
            regions_page=page_url(REGIONS_PAGE, NEAR_PAGE),
            departements=[
                (name, code, page_url(departement_page(code), NEAR_PAGE))
                for code, name in departement_codes(ctx.index).items()
            ],
            territories=sum(counts.values()),
        )
    ]
