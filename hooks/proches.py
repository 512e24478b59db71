"""« Territoires proches »: for each territory, the few others most alike, with the reason.

Alike means, in this order: more balises in common (the balises its experiences
illustrate), then the same type and the same size band (those of the explorer,
:func:`hooks.explorer.size_band`); ties go by name. A territory that shares no balise is
never proposed.

Computed once for the whole index, without comparing every pair: an inverted index gives,
for each balise, the territories that illustrate it (in name order), and a territory is
compared only with those of its own balises. A balise that very many territories
illustrate gives at most :data:`CAP` candidates: first those of the same type and size
band, then the others, each time the territories that follow it in name order (wrapping
around), so that no territory is favoured for its name. The work is therefore at most
(links territory → balise) × :data:`CAP`: linear in the number of territories
(``benchmarks/proches.py``).

>>> Proche(None, 4, True, True).raison
'4 balises en commun, même type, même taille'
>>> Proche(None, 1, False, False).raison
'1 balise en commun'
>>> _after(["a", "b", "c", "d", "e"], 3, 3)
['e', 'a', 'b']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from schemas.index import Entry, Index, sort_key

from .explorer import UNKNOWN, Value, size_band

LIMIT = 5  # territories proposed on a page
CAP = 200  # candidates taken from one balise


@dataclass(frozen=True)
class Proche:
    """A territory proposed as alike, and why."""

    territoire: Entry
    balises: int  # in common
    meme_type: bool
    meme_taille: bool

    @property
    def raison(self) -> str:
        """« 4 balises en commun, même type, même taille »"""
        reasons = [f"{self.balises} balise{'s' if self.balises > 1 else ''} en commun"]
        reasons += ["même type"] * self.meme_type + ["même taille"] * self.meme_taille
        return ", ".join(reasons)


def proches(index: Index, limit: int = LIMIT, cap: int = CAP) -> dict[str, tuple[Proche, ...]]:
    """Territory id → its ``limit`` closest territories, closest first (none: empty)."""
    territories = sorted(index.of_kind("territoire"), key=lambda e: (sort_key(e.title), e.id))
    balises = {
        t.id: frozenset(b for x in t.data.experiences for b in x.balises)  # type: ignore[attr-defined]
        for t in territories
    }
    kinds: dict[str, tuple[str, Value]] = {
        t.id: (t.data.type, size_band(t.data.population))  # type: ignore[attr-defined]
        for t in territories
    }
    # balise → territories, and (balise, type, band) → territories, in name order, with
    # each territory's place in them.
    every: dict[str, list[str]] = defaultdict(list)
    alike: dict[tuple[str, str, Value], list[str]] = defaultdict(list)
    for t in territories:
        for b in balises[t.id]:
            every[b].append(t.id)
            alike[(b, *kinds[t.id])].append(t.id)
    places = {key: {tid: i for i, tid in enumerate(ids)} for key, ids in every.items()}
    alike_places = {key: {tid: i for i, tid in enumerate(ids)} for key, ids in alike.items()}

    entries = {t.id: t for t in territories}
    found: dict[str, tuple[Proche, ...]] = {}
    for t in territories:
        kind = kinds[t.id]
        candidates: set[str] = set()
        for b in balises[t.id]:
            if len(every[b]) <= cap + 1:
                candidates.update(every[b])
                continue
            group = alike[(b, *kind)]
            chosen = _after(group, alike_places[(b, *kind)][t.id], cap)
            candidates.update(chosen)
            candidates.update(_after(every[b], places[b][t.id], cap - len(chosen)))
        candidates.discard(t.id)
        scored = [
            _compare(entries[c], balises[t.id] & balises[c], kind, kinds[c]) for c in candidates
        ]
        scored.sort(key=_rank)
        found[t.id] = tuple(scored[:limit])
    return found


def _compare(
    other: Entry, shared: frozenset[str], kind: tuple[str, Value], its: tuple[str, Value]
) -> Proche:
    same_size = kind[1] == its[1] and kind[1] != UNKNOWN
    return Proche(other, len(shared), kind[0] == its[0], same_size)


def _rank(proche: Proche) -> tuple[int, int, str, str]:
    alike = proche.meme_type + proche.meme_taille
    return (-proche.balises, -alike, sort_key(proche.territoire.title), proche.territoire.id)


def _after(ids: list[str], place: int, count: int) -> list[str]:
    """The ``count`` ids that follow ``ids[place]``, wrapping around, without it."""
    count = min(count, len(ids) - 1)
    return [ids[(place + 1 + i) % len(ids)] for i in range(max(count, 0))]
