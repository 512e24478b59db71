"""A new experience (or territory) that looks like one already there: same territory, close
title. Titles are compared without case, accents, punctuation or small words, and a pair is
flagged when its words mostly coincide or its letters mostly align (:data:`SEUIL`).

>>> proximite("Les jardins partagés", "Jardins partagés du centre-ville") >= SEUIL
True
>>> proximite("L'AMAP et le marché", "Le conseil municipal des enfants") < SEUIL
True
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from schemas.index import sort_key
from schemas.versions import RawRecord

SEUIL = 0.75  # below it, two titles are different enough to pass without a word
# fmt: off
_MOTS_VIDES = frozenset({
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une",
    "pour", "par", "sur", "dans", "avec", "son", "sa", "ses", "notre", "nos", "leur", "leurs",
})
# fmt: on


def _mots(titre: str) -> list[str]:
    return [m for m in re.split(r"[^0-9a-z]+", sort_key(titre)) if m and m not in _MOTS_VIDES]


def proximite(a: str, b: str) -> float:
    """How alike two titles are, from 0 to 1: the larger of the share of the shorter title's
    words found in the other and of the letters' alignment (:mod:`difflib`)."""
    mots_a, mots_b = _mots(a), _mots(b)
    if not mots_a or not mots_b:
        return 0.0
    commun = len(set(mots_a) & set(mots_b)) / min(len(set(mots_a)), len(set(mots_b)))
    lettres = difflib.SequenceMatcher(
        a=" ".join(mots_a), b=" ".join(mots_b), autojunk=False
    ).ratio()
    return max(commun, lettres)


@dataclass(frozen=True)
class Ressemblance:
    """``nouvelle`` (a record's key) looks like ``existante``, by ``score`` (0 to 1)."""

    nouvelle: tuple[str, str]
    existante: tuple[str, str]
    score: float


def _titre(record: RawRecord) -> str:
    return str(record.raw.get("titre") or record.raw.get("nom") or record.id)


def _groupe(key: tuple[str, str]) -> tuple[str, str]:
    """Where a record is compared: an experience within its territory, any other record
    within its kind."""
    kind, ident = key
    return (kind, ident.split("/")[0]) if "/" in ident else (kind, "")


def ressemblances(
    ajouts: list[tuple[str, str]], fiches: dict[tuple[str, str], RawRecord]
) -> list[Ressemblance]:
    """For each added record among ``ajouts``, the most alike other record of its group
    (experiences of the same territory, or territories), if it is alike enough."""
    found = []
    for key in ajouts:
        new = fiches[key]
        candidates = [
            (proximite(_titre(new), _titre(other)), other_key)
            for other_key, other in fiches.items()
            if other_key != key and _groupe(other_key) == _groupe(key)
        ]
        if candidates:
            score, best = max(candidates)
            if score >= SEUIL:
                found.append(Ressemblance(key, best, score))
    return found
