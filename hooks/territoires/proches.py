"""« Territoires proches »: for each territory, the few others most alike, and which of the
reasons apply to each (« même nature, taille comparable, à 34 km, 5 balises en commun »).

The notions are those of « Près de chez moi » (:mod:`hooks.core.ressemblance`): the same
nature (``type``, but « autre »), a comparable size (populations within a factor of 2), the
distance; and, because a territory's page is about what it did, the balises its experiences
illustrate. A candidate scores one point per balise in common, one for the same nature, one
for a comparable size, one when it is within :data:`NEAR_KM` km; the highest scores are
proposed, ties going to more balises in common, then the nearer, then the name. A territory
that shares no balise is never proposed.

Computed once for the whole index, without comparing every pair: an inverted index gives,
for each balise, the territories that illustrate it (in name order), and a territory is
compared only with those of its own balises. A balise that very many territories
illustrate gives at most :data:`CAP` candidates: first those of the same département, then
of the same type and size band (:func:`hooks.core.facets.size_band`), then the others, each
time the territories that follow it in name order (wrapping around), so that no territory
is favoured for its name. The work is therefore at most (links territory → balise) × 3
:data:`CAP`: linear in the number of territories (``benchmarks/proches.py``).

>>> Proche(None, 4, True, True, 34.2).raison
'même nature, taille comparable, à 34\xa0km, 4 balises en commun'
>>> Proche(None, 1, False, False, None).raison
'1 balise en commun'
>>> _after([2, 3, 5, 7, 11], 7, 3)
[11, 2, 3]
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from hooks.core.facets import UNKNOWN, size_band
from hooks.core.ressemblance import EARTH, FACTOR, position, reasons
from schemas.facts import departements_of
from schemas.index import Entry, Index, sort_key

LIMIT = 5  # territories proposed on a page
CAP = 50  # candidates taken from one balise in each group (then about 1 µs each)
NEAR_KM = 100  # within this distance, nearness is a reason (and said)
RADIAN = math.pi / 180  # as in hooks.core.ressemblance.km, whose result is the same


@dataclass(frozen=True)
class Proche:
    """A territory proposed as alike, and why."""

    territoire: Entry
    balises: int  # in common
    meme_type: bool
    meme_taille: bool  # populations within a factor of 2
    distance: float | None = None  # km, given only when within NEAR_KM
    environ: bool = False  # the distance from the centre of a territory's départements

    @property
    def raison(self) -> str:
        """« même nature, taille comparable, à 34 km, 4 balises en commun »"""
        words = reasons(self.meme_type, self.meme_taille, self.distance, self.balises, self.environ)
        return ", ".join(words)


def proches(index: Index, limit: int = LIMIT, cap: int = CAP) -> dict[str, tuple[Proche, ...]]:
    """Territory id → its ``limit`` closest territories, closest first (none: empty)."""
    # Territories by their place in name order: ties go to the smaller place.
    territories = sorted(index.of_kind("territoire"), key=lambda e: (sort_key(e.title), e.id))
    balises = [frozenset(b for x in t.data.experiences for b in x.balises) for t in territories]
    # Each territory's balises as the bits of a number: counting those in common is quick.
    bit = {b: 1 << n for n, b in enumerate(sorted(set().union(*balises)))}
    bits = [sum(bit[b] for b in mine) for mine in balises]
    people = [t.data.population for t in territories]
    places = [position(t.data) for t in territories]
    # Types, size bands and départements as small numbers, quick to compare; an unknown
    # band or département is never the same as another.
    numbers: dict[object, int] = {}
    types = [numbers.setdefault(t.data.type, len(numbers)) for t in territories]
    other = numbers.setdefault("autre", len(numbers))  # « autre » is no nature in common
    bands = [_band(t.data.population, numbers, -1 - i) for i, t in enumerate(territories)]
    deps = [_first_dep(t, numbers, -1 - i) for i, t in enumerate(territories)]
    # balise → territories, and (balise, département) and (balise, type, band) → territories,
    # each in name order.
    every: dict[str, list[int]] = defaultdict(list)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, mine in enumerate(balises):
        for b in mine:
            every[b].append(i)
            groups[(b, deps[i])].append(i)
            groups[(b, types[i], bands[i])].append(i)

    found: dict[str, tuple[Proche, ...]] = {}
    for i in range(len(territories)):
        candidates: set[int] = set()
        for b in balises[i]:
            if len(every[b]) <= cap + 1:
                candidates.update(every[b])
                continue
            for group in (groups[(b, deps[i])], groups[(b, types[i], bands[i])], every[b]):
                candidates.update(_after(group, i, cap))
        candidates.discard(i)
        best = _best(i, candidates, limit, bits, types, other, people, places)
        found[territories[i].id] = tuple(
            Proche(
                territories[c],
                -shared,
                same_type,
                same_size,
                distance if near else None,
                bool(places[i] and places[c] and (places[i][1] or places[c][1])),
            )
            for _, shared, _, c, same_type, same_size, near, distance in best
        )
    return found


def _best(
    i: int,
    candidates: set[int],
    limit: int,
    bits: list[int],
    types: list[int],
    other: int,
    people: list[int | None],
    places: list,
) -> list[tuple]:
    """The ``limit`` best of ``candidates`` for territory ``i``, best first, each as
    ``(-score, -shared, km or inf, c, same type, same size, near, km or None)``: the
    ``limit`` smallest of these tuples. A candidate's distance is computed only while it can
    still be among them (its score without nearness, plus one, against the worst kept)."""
    here, type_, size, mine = places[i], types[i], people[i], bits[i]
    bounds = []
    for c in candidates:  # km() and comparable() written inline: about 500 a territory
        shared = (mine & bits[c]).bit_count()
        same_type = type_ == types[c] != other
        size_c = people[c]
        same_size = bool(size and size_c) and size <= FACTOR * size_c and size_c <= FACTOR * size
        bounds.append((-(shared + same_type + same_size + 1), -shared, c, same_type, same_size))
    bounds.sort()
    kept: list[tuple] = []  # the best so far, the worst first (keys negated)
    for top, shared, c, same_type, same_size in bounds:
        if len(kept) == limit and (top, shared) > (-kept[0][0], -kept[0][1]):
            break  # neither this one nor any after it can be better than the worst kept
        there = places[c]
        if here and there:
            (a0, a1), (b0, b1) = here[0], there[0]
            x = (b1 - a1) * RADIAN * math.cos((a0 + b0) * RADIAN / 2)
            distance = math.hypot(x, (b0 - a0) * RADIAN) * EARTH
            near = distance <= NEAR_KM
        else:
            distance, near = None, False
        far = distance if distance is not None else math.inf
        key = (top + 1 - near, shared, far, c)  # -score, -shared: as the result sorts
        item = (-key[0], -key[1], -far, -c, (*key, same_type, same_size, near, distance))
        if len(kept) < limit:
            heapq.heappush(kept, item)
        elif item > kept[0]:
            heapq.heapreplace(kept, item)
    return sorted(entry[-1] for entry in kept)


def _first_dep(entry: Entry, numbers: dict[object, int], unknown: int) -> int:
    """A territory's first département as a number, or ``unknown`` (one per territory)."""
    codes = departements_of(entry.data)
    return numbers.setdefault(("dep", codes[0]), len(numbers)) if codes else unknown


def _band(population: int | None, numbers: dict[object, int], unknown: int) -> int:
    """The size band of ``population`` as a number, or ``unknown`` (one per territory)."""
    band = size_band(population)
    return unknown if band == UNKNOWN else numbers.setdefault(band, len(numbers))


def _after(ids: list[int], me: int, count: int) -> list[int]:
    """The ``count`` ids that follow ``me`` in ``ids`` (sorted, holding it), wrapping around."""
    place = bisect.bisect_left(ids, me)
    count = max(0, min(count, len(ids) - 1))
    end = place + 1 + count  # at most len(ids) + place: it wraps around once at most
    return ids[place + 1 : end] + ids[: max(0, end - len(ids))]
