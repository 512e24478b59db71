"""Where a territory is, in words a reader understands: its département(s) by name, its
country by its French name, never a bare code nor « France » for a place the site knows.

The territories' list, map, région and département pages and each territory's page write
these words; the search and the explorer may show them too.

>>> from schemas.index import load_index
>>> from schemas.geo import FOLDER
>>> index = load_index(FOLDER.parent)
>>> [where(index[t].data) for t in ("malaunay", "pays-centre-ouest-bretagne", "namur")]
['Seine-Maritime', "Finistère, Côtes-d'Armor et Morbihan", 'Belgique']
>>> where(index["territoires-zero-chomeur"].data)
'France, sans département précisé'
>>> spans(index["pnr-livradois-forez"].data), spans(index["malaunay"].data)
("s'étend sur 3 départements", None)
"""

from __future__ import annotations

from schemas.facts import departements_of
from schemas.geo import GEO
from schemas.pays import country_name
from schemas.territoire import Territoire

MAX_NAMED = 3  # beyond this many départements, a list says how many instead of naming them
NOWHERE = "France, sans département précisé"


def departement_label(code: str) -> str:
    """``Seine-Maritime (76)``"""
    return f"{GEO.departement(code) or 'Département'} ({code})"


def names(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def where(data: Territoire) -> str:
    """A few words for lists: its départements by name (up to :data:`MAX_NAMED`, else how
    many), its country abroad, or :data:`NOWHERE`."""
    if data.pays != "FR":
        return country_name(data.pays)
    codes = departements_of(data)
    if not codes:
        return NOWHERE
    if len(codes) > MAX_NAMED:
        return f"{len(codes)} départements"
    return names([GEO.departement(code) or code for code in codes])


def spans(data: Territoire) -> str | None:
    """``s'étend sur 3 départements`` for a territory across several, else None."""
    count = len(departements_of(data))
    return f"s'étend sur {count} départements" if count > 1 else None
