"""The names and codes of « Près de chez moi » (:mod:`hooks.territoires.pres`): every commune
and EPCI of ``geo/``, in slices by the first letters of each word of their name, and by code.

>>> _prefixes(["saint a", "saint b", "sainte c", "paris"], 2)
{'p': ['paris'], 'saint ': ['saint a', 'saint b'], 'sainte': ['sainte c']}
>>> _kind("CC"), _kind("METRO"), _kind("commune")
('intercommunalite', 'metropole', 'commune')
>>> _epci_name("CA Quimperlé Communauté"), _epci_name("CC du Pays de Redon")
('Quimperlé Communauté', 'Communauté de communes du Pays de Redon')
>>> word_keys("metropole d aix marseille provence")
['metropole d aix marseille provence', 'aix marseille provence', 'marseille provence', 'provence']
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from functools import cache, lru_cache

from hooks.urls import NEAR_FOLDER
from schemas.geo import FOLDER, GEO, name_key

SLICE = 600  # places in one slice of names at most (split further on one more letter)
KINDS = {"CC": "intercommunalite", "CA": "intercommunalite", "CU": "intercommunalite"}
KINDS |= {"METRO": "metropole", "MET69": "metropole", "commune": "commune"}
SPELT = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération"}
SPELT |= {"CU": "Communauté urbaine"}
SAYS_WHAT = ("communauté", "communes", "agglo", "métropole")  # a name that says what it is
# Words a reader does not begin a name with (« de » of « Métropole de Lyon »): not indexed.
FUNCTION_WORDS = {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le"}
FUNCTION_WORDS |= {"les", "lez", "pres", "sous", "sur"}


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


def search_key(name: str) -> str:
    """A name as compared (:func:`schemas.geo.name_key`), its quotes, brackets and slashes
    as spaces too, as ``key()`` of ``docs/assets/pres.js`` reads what a reader types.

    >>> search_key('"Saintes Grandes Rives" Agglo'), search_key("Val de Risle / Charentonne")
    ('saintes grandes rives agglo', 'val de risle charentonne')
    """
    return " ".join(_NOT_A_LETTER.sub(" ", name_key(name)).split())


_NOT_A_LETTER = re.compile(r"[^\w]|_")


def word_keys(key: str) -> list[str]:
    """A name as compared (:func:`search_key`), then from each of its other
    words on but :data:`FUNCTION_WORDS`: where a reader may begin to type it."""
    words = key.split(" ")
    tails = [" ".join(words[i:]) for i in range(1, len(words)) if words[i] not in FUNCTION_WORDS]
    return [key, *tails]


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
    return [search_key(r["nom"]), code, r["nom"], dep, people, *where, kind[0], extra]


def _number(text: str) -> float | None:
    return round(float(text), 3) if text else None


@cache
def _places_of(stamp: tuple[int, ...]) -> list[list[object]]:
    """:func:`_places`, read once in a process (``serve`` rebuilds without them), again
    only if ``stamp`` (the files' times) changes."""
    return _places()


@lru_cache(maxsize=2)
def geo_files(
    stamp: tuple[int, ...], names: tuple[tuple[str, str], ...] = ()
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The communes and EPCI by name and by code: the slices of names and their files.
    ``names``: the codes that are territories of the référentiel and the territory's name,
    shown instead of the one of ``geo/`` (which follows the row, to be found too). Made again
    only when ``stamp`` or ``names`` change (a new territory, a name changed)."""
    own = dict(names)
    places = []
    for place in _places_of(stamp):
        title = own.get(str(place[1]))
        if title and title != place[2]:
            place = [place[0], place[1], title, *place[3:], place[2]]
        places.append(place)
    by_key: dict[str, dict[str, list[object]]] = defaultdict(dict)
    for place in places:
        keys = word_keys(str(place[0]))
        if len(place) > 9:  # a territory's own name
            keys += word_keys(search_key(str(place[2])))
        for key in keys:
            by_key[key][str(place[1]) + str(place[7])] = place
    slices = _prefixes(sorted(k for k, found in by_key.items() for _ in found), SLICE)
    files: dict[str, str] = {}
    for prefix, keys in slices.items():
        rows = {code: p[1:] for k in dict.fromkeys(keys) for code, p in by_key[k].items()}
        files[f"{NEAR_FOLDER}noms/{file_name(prefix)}.json"] = dump(list(rows.values()))
    by_code: dict[str, list[list[object]]] = defaultdict(list)
    for place in places:
        code = str(place[1])
        by_code[_code_file(code, str(place[7]))].append(place[1:])
    for name, rows in by_code.items():
        files[f"{NEAR_FOLDER}codes/{name}.json"] = dump(rows)
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


def file_name(prefix: str) -> str:
    """A prefix as a file name: ``"saint "`` → ``"saint_"``."""
    return prefix.replace(" ", "_") or "_"


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
