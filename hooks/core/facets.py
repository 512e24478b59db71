"""How the site sorts territories into groups a reader understands: a size band of
population, a région (or « Hors de France », « France, sans région précise »: a national
démarche, a network, or a place not given), the decade of an
experience. The explorer's filters, the search's, the régions' pages and « Territoires
proches » use the same groups, so ``?region=normandie`` means the same everywhere. A
territory that spans several régions (:func:`regions`) is in the group of each.

>>> size_band(1200).label, size_band(None).label
('Moins de 2\\xa0000 hab.', 'Taille inconnue')
>>> decade("septembre 2018 - février 2019").label, decade("depuis longtemps").label
('2010-2019', 'Période non précisée')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from schemas.facts import regions_of
from schemas.geo import GEO
from schemas.territoire import Territoire


@dataclass(frozen=True)
class Value:
    """One value of a filter: ``key`` in the page's address (``?type=commune``), ``label``
    shown to the reader."""

    key: str
    label: str


# What a filter says of a value not given, each in its own words, under the same key (the
# addresses stay the same): a population (UNKNOWN), a period, a région code.
UNKNOWN = Value("non-renseignee", "Taille inconnue")
UNKNOWN_PERIOD = Value(UNKNOWN.key, "Période non précisée")
UNKNOWN_REGION = Value(UNKNOWN.key, "Région inconnue")
ABROAD = Value("hors-de-france", "Hors de France")
# A territory in France with no département nor commune: « Territoires zéro chômeur », a
# national experiment, is not « non renseigné ». The same key as UNKNOWN: the same addresses.
NO_REGION = Value(UNKNOWN.key, "France, sans région précise")
_NBSP = "\u00a0"
# Each band and its upper bound (excluded), the last one without.
SIZES = (
    (2_000, Value("moins-de-2000", f"Moins de 2{_NBSP}000 hab.")),
    (10_000, Value("2000-10000", f"2{_NBSP}000 à 10{_NBSP}000 hab.")),
    (50_000, Value("10000-50000", f"10{_NBSP}000 à 50{_NBSP}000 hab.")),
    (200_000, Value("50000-200000", f"50{_NBSP}000 à 200{_NBSP}000 hab.")),
    (None, Value("plus-de-200000", f"Plus de 200{_NBSP}000 hab.")),
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def size_band(population: int | None) -> Value:
    """The band of a population: « Moins de 2 000 hab. » … « Plus de 200 000 hab. », or
    « Taille inconnue »."""
    if population is None:
        return UNKNOWN
    return next(band for bound, band in SIZES if bound is None or population < bound)


@cache
def decade(periode: str | None) -> Value:
    """The decade of the first year written in a period, or « Période non précisée »."""
    found = _YEAR.search(periode or "")
    if not found:
        return UNKNOWN_PERIOD
    start = int(found.group(1)) // 10 * 10
    return Value(str(start), f"{start}-{start + 9}")


@cache
def region(pays: str, departement: str | None) -> Value:
    """The région of a territory's département, « Hors de France » or « France, sans région
    précise »."""
    if pays != "FR":
        return ABROAD
    name = GEO.region_of(departement)
    return Value(_slug(name), name) if name else NO_REGION


@cache
def region_named(code: str) -> Value:
    """The value of a région by its code (``"53"`` → Bretagne), « Région inconnue » if unknown."""
    name = GEO.regions().get(code)
    return Value(_slug(name), name) if name else UNKNOWN_REGION


def regions(data: Territoire) -> tuple[Value, ...]:
    """Every région a territory touches (:func:`schemas.facts.regions_of`), in its
    départements' order; « Hors de France », or « France, sans région précise ».

    >>> from schemas.index import load_index
    >>> from schemas.geo import FOLDER
    >>> index = load_index(FOLDER.parent)
    >>> [r.label for r in regions(index["pnr-livradois-forez"].data)]
    ['Auvergne-Rhône-Alpes']
    >>> regions(index["namur"].data) == (ABROAD,)
    True
    """
    if data.pays != "FR":
        return (ABROAD,)
    return tuple(region_named(code) for code in regions_of(data)) or (NO_REGION,)


def _slug(name: str) -> str:
    """``Provence-Alpes-Côte d'Azur`` → ``provence-alpes-cote-d-azur``"""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_name.lower()).split())
