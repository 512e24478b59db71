"""« Près de chez moi » (``pres-de-chez-moi/``): from a reader's commune or intercommunalité
to the territories of the référentiel that contain it, are nearest to it, or are most like
it, and what they did.

Everything is computed in the reader's browser (``assets/pres.js``) from static JSON files,
so that nothing is sent anywhere:

- ``noms/<prefix>.json``: the 34,969 communes and 1,255 EPCI of ``geo/``, in slices by the
  first letters of their name as compared (:func:`schemas.geo.name_key`); a slice that
  would hold more than :data:`SLICE` places is split on one more letter, so that a reader
  downloads only the few kilobytes of the names that begin like theirs;
- ``index.json``: the slices' prefixes, the départements (name, région), the balises and
  enjeux, and where the territories' files are;
- ``regions/<code>.json``: the territories of the référentiel in one région, with what a
  result needs (kind, population, position, communes, experiences, balises); a lookup
  reads its région's file, and ``repli.json`` (the territories with most experiences) when
  its région has none.

>>> _prefixes(["saint a", "saint b", "sainte c", "paris"], 2)
{'p': ['paris'], 'saint ': ['saint a', 'saint b'], 'sainte': ['sainte c']}
>>> _kind("CC"), _kind("METRO"), _kind("commune")
('intercommunalite', 'metropole', 'commune')
>>> _epci_name("CA Quimperlé Communauté"), _epci_name("CC du Pays de Redon")
('Quimperlé Communauté', 'Communauté de communes du Pays de Redon')
>>> _spelt("PETR du Grand Clermont")
"Pôle d'équilibre territorial et rural (PETR) du Grand Clermont"
>>> _abroad("FR"), _abroad("BE"), _abroad("PT"), _abroad("NL")
('', 'en Belgique', 'au Portugal', 'aux Pays-Bas')
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from functools import cache

from hooks.core.context import BuildContext
from hooks.core.render import render_page
from hooks.core.ressemblance import FACTOR, position
from hooks.generated import GeneratedPage
from hooks.territoires.departements import departement_codes
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
from schemas.geo import FOLDER, GEO, name_key
from schemas.index import Index
from schemas.pays import country_name

SLICE = 600  # places in one slice of names at most (split further on one more letter)
FALLBACK = 40  # territories of repli.json
KINDS = {"CC": "intercommunalite", "CA": "intercommunalite", "CU": "intercommunalite"}
KINDS |= {"METRO": "metropole", "MET69": "metropole", "commune": "commune"}
SPELT = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération"}
SPELT |= {"CU": "Communauté urbaine"}
SAYS_WHAT = ("communauté", "communes", "agglo", "métropole")  # a name that says what it is
MASCULINE = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Bélize"}
PLURAL = ("Îles", "États-Unis", "Émirats", "Pays-Bas", "Bahamas", "Philippines", "Comores")


def _epci_name(name: str) -> str:
    """An EPCI's name of ``geo/`` without its abbreviation: « CA Quimperlé Communauté »
    → « Quimperlé Communauté », « CC du Pays de Redon » → « Communauté de communes du Pays
    de Redon » (the abbreviation spelt out when the rest does not say what it is)."""
    short, _, rest = name.partition(" ")
    if short not in SPELT or not rest:
        return name
    if any(word in rest.lower() for word in SAYS_WHAT):
        return rest
    return f"{SPELT[short]} {rest}"


def _spelt(title: str) -> str:
    """A territory's name with « PETR » spelt out, as readers do not know it."""
    if title.startswith("PETR "):
        return "Pôle d'équilibre territorial et rural (PETR) " + title[5:]
    return title


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


def _kind(geo_kind: str) -> str:
    """A place's kind of ``geo/`` as a territory's ``type``."""
    return KINDS.get(geo_kind, "autre")


def _prefixes(keys: list[str], limit: int, length: int = 1) -> dict[str, list[str]]:
    """Keys grouped by their first letters, a group split on one more letter while it holds
    more than ``limit`` keys (and its keys are longer than its prefix)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[key[:length]].append(key)
    found: dict[str, list[str]] = {}
    for prefix, members in sorted(groups.items()):
        if len(members) > limit and any(len(k) > length for k in members):
            found |= _prefixes(members, limit, length + 1)
        else:
            found[prefix] = members
    return found


def _places() -> list[list[object]]:
    """Every commune and EPCI as ``[key, code, name, département, population, lat, lon,
    kind, EPCI]`` (the EPCI of a commune, its SIREN; an EPCI: the number of its communes)."""
    epci_of: dict[str, str] = {}
    rows: list[list[object]] = []
    with (FOLDER / "epci.csv").open(encoding="utf-8", newline="") as file:
        for r in csv.DictReader(file):
            members = r["communes"].split()
            for code in members:
                epci_of[code] = r["siren"]
            place = GEO.epci(r["siren"])
            dep = place.departement if place else None
            r["nom"] = _epci_name(r["nom"])
            rows.append(_row(r, r["siren"], dep, _kind(r["type"]), len(members)))
    with (FOLDER / "communes.csv").open(encoding="utf-8", newline="") as file:
        lines = csv.reader(file)  # 35,000 rows: without csv.DictReader's own work
        header = next(lines)
        for line in lines:
            if line:  # as csv.DictReader, which skips blank lines
                r = dict(zip(header, line, strict=False))
                code = r["code_insee"]
                rows.append(_row(r, code, r["departement"], "commune", epci_of.get(code, "")))
    return rows


def _row(r: dict[str, str], code: str, dep: str | None, kind: str, extra: object) -> list:
    people = int(r["population"]) if r["population"] else None
    where = [_number(r["lat"]), _number(r["lon"])]
    return [name_key(r["nom"]), code, r["nom"], dep, people, *where, kind[0], extra]


def _number(text: str) -> float | None:
    return round(float(text), 3) if text else None


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


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
        _spelt(entry.title),
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
    slices, geo_files = _geo_files(stamp)
    files = dict(geo_files)
    territories = index.of_kind("territoire")
    by_region: dict[str, list[list]] = defaultdict(list)
    for entry in territories:
        row = _territory(entry, index)
        for region in regions_of(entry.data) or ("hors",):
            by_region[region].append(row)
    for region, rows in by_region.items():
        files[f"{NEAR_FOLDER}regions/{region}.json"] = _dump(rows)
    most = sorted(territories, key=lambda e: (-len(e.data.experiences), e.title))[:FALLBACK]
    files[f"{NEAR_FOLDER}repli.json"] = _dump([_territory(e, index) for e in most])
    enjeux = {
        e.id: [e.data.titre_court, page_url(grid_enjeu_page(e.id), NEAR_PAGE)]
        for e in index.of_kind("enjeu")
    }
    balises = {
        b.id: [b.data.titre, relative_url(b, NEAR_PAGE), b.data.enjeu]
        for b in index.of_kind("balise")
    }
    files[f"{NEAR_FOLDER}index.json"] = _dump(
        {
            "noms": {prefix: _file_name(prefix) for prefix in slices},
            "departements": {c: [n, r] for c, (n, r) in GEO.departements().items()},
            "regions": sorted(by_region),
            "enjeux": enjeux,
            "balises": balises,
            "proposer": page_url(PROPOSER_PAGE, NEAR_PAGE),
            "facteur": FACTOR,
        }
    )
    return files


@cache
def _geo_files(stamp: tuple[int, ...]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The communes and EPCI by name and by code: the slices of names and their files. They
    come from ``geo/`` alone: made once in a process (``serve`` rebuilds without them), again
    only if ``stamp`` (the files' times) changes."""
    places = _places()
    by_key: dict[str, list[list[object]]] = defaultdict(list)
    for place in places:
        by_key[place[0]].append(place)
    slices = _prefixes(sorted(by_key), SLICE)
    files: dict[str, str] = {}
    for prefix, keys in slices.items():
        rows = [p[1:] for k in keys for p in by_key[k]]
        files[f"{NEAR_FOLDER}noms/{_file_name(prefix)}.json"] = _dump(rows)
    by_code: dict[str, list[list[object]]] = defaultdict(list)
    for place in places:
        code = str(place[1])
        by_code[_code_file(code, str(place[7]))].append(place[1:])
    for name, rows in by_code.items():
        files[f"{NEAR_FOLDER}codes/{name}.json"] = _dump(rows)
    return slices, files


def _code_file(code: str, kind: str) -> str:
    """Where a code is looked up: a commune's in its département's file (``"29"``, ``"971"``,
    ``"2A"``), an EPCI's by its last digit (``"e4"``).

    >>> _code_file("29024", "c"), _code_file("97105", "c"), _code_file("242900314", "i")
    ('29', '971', 'e4')
    """
    if kind != "c":
        return "e" + code[-1]
    return code[:3] if code.startswith("97") or code.startswith("98") else code[:2]


def _file_name(prefix: str) -> str:
    """A prefix as a file name: ``"saint "`` → ``"saint_"``."""
    return prefix.replace(" ", "_") or "_"


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
