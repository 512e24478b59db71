"""« Territoires proches »: for each territory, the few others most alike, with the reason.

Alike means, in this order: more balises in common (the balises its experiences
illustrate), then the same type and the same size band (those of the explorer,
:func:`hooks.territoires.explorer.size_band`); ties go by name. A territory that shares no balise is
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
>>> _after([2, 3, 5, 7, 11], 7, 3)
[11, 2, 3]
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from dataclasses import dataclass

from hooks.core.facets import UNKNOWN, size_band
from schemas.index import Entry, Index, sort_key

LIMIT = 5  # territories proposed on a page
CAP = 50  # candidates taken from one balise (then about 1 µs each)


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
    # Territories by their place in name order: ties go to the smaller place.
    territories = sorted(index.of_kind("territoire"), key=lambda e: (sort_key(e.title), e.id))
    balises = [frozenset(b for x in t.data.experiences for b in x.balises) for t in territories]
    # Types and size bands as small numbers, quick to compare; an unknown band is never
    # the same as another.
    numbers: dict[object, int] = {}
    types = [numbers.setdefault(t.data.type, len(numbers)) for t in territories]
    bands = [_band(t.data.population, numbers, -1 - i) for i, t in enumerate(territories)]
    # balise → territories, and (balise, type, band) → territories, each in name order.
    every: dict[str, list[int]] = defaultdict(list)
    alike: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, mine in enumerate(balises):
        for b in mine:
            every[b].append(i)
            alike[(b, types[i], bands[i])].append(i)

    found: dict[str, tuple[Proche, ...]] = {}
    for i, mine in enumerate(balises):
        kind, band = types[i], bands[i]
        candidates: set[int] = set()
        for b in mine:
            if len(every[b]) <= cap + 1:
                candidates.update(every[b])
                continue
            chosen = _after(alike[(b, kind, band)], i, cap)
            candidates.update(chosen)
            candidates.update(_after(every[b], i, cap - len(chosen)))
        candidates.discard(i)
        best = heapq.nsmallest(
            limit,
            (
                (-len(mine & balises[c]), -(types[c] == kind) - (bands[c] == band), c)
                for c in candidates
            ),
        )
        found[territories[i].id] = tuple(
            Proche(territories[c], -shared, types[c] == kind, bands[c] == band)
            for shared, _, c in best
        )
    return found


def _band(population: int | None, numbers: dict[object, int], unknown: int) -> int:
    """The size band of ``population`` as a number, or ``unknown`` (one per territory)."""
    band = size_band(population)
    return unknown if band == UNKNOWN else numbers.setdefault(band, len(numbers))


def _after(ids: list[int], me: int, count: int) -> list[int]:
    """The ``count`` ids that follow ``me`` in ``ids`` (sorted, holding it), wrapping around."""
    place = bisect.bisect_left(ids, me)
    count = max(0, min(count, len(ids) - 1))
    return [ids[(place + 1 + k) % len(ids)] for k in range(count)]
