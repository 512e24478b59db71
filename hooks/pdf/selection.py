"""Which experiences a printed document shows under a record: a few, by a rule editors steer.

A balise may be illustrated by thousands of experiences; a PDF prints at most
:data:`~schemas.fields.PRINTED_EXAMPLES` of them under each record and counts the others.
The order, first to last:

1. the territories the record names in ``exemples``, in that order;
2. the villes pairs of ``referentiel.yml`` (``villes_pairs``), in that order;
3. the other territories, the most recently changed first (``git log``), then by name.

Within a territory, its experiences keep the order of its file.

The balise cards print one experience each, and a deck where one town illustrates half the
cards shows little: :func:`spread` takes, for each card, the first territory of that order
that is not already on a quarter of the cards, when another territory can illustrate it.

>>> ranked = Ranking(index, history)                        # doctest: +SKIP
>>> featured(index, index["construire-le-recit"], ranked)   # doctest: +SKIP
Featured(shown=[Backlink(…), Backlink(…), Backlink(…)], others=12)
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from schemas.fields import PRINTED_EXAMPLES
from schemas.history import History
from schemas.index import Backlink, Entry, Index, sort_key


class Ranking:
    """The default order of territories: villes pairs, then the most recently changed."""

    def __init__(self, index: Index, history: History | None = None) -> None:
        self.pairs = {t: i for i, t in enumerate(index.referentiel.villes_pairs)}
        self.history = history

    def updated(self, territory: Entry) -> str:
        """The date of the territory file's last commit, ``""`` if unknown (not committed)."""
        found = self.history.of(territory.path) if self.history else None
        return found.updated if found else ""

    def key(self, territory: Entry) -> tuple[int, int, str, str]:
        """Sort key: villes pairs by their rank, then newest first, then by name."""
        pair = self.pairs.get(territory.id)
        if pair is not None:
            return (0, pair, "", "")
        # Inverting the ISO date's digits sorts the newest first in ascending order.
        newest_first = self.updated(territory).translate(_INVERT)
        return (1, 0, newest_first or "~", sort_key(territory.title))


_INVERT = str.maketrans("0123456789", "9876543210")


@dataclass(frozen=True)
class Featured:
    """The experiences a document prints under a record, and how many it leaves out."""

    shown: list[Backlink]
    others: int


def experiences_citing(index: Index, record_id: str) -> dict[str, list[Backlink]]:
    """Territory id → one backlink per experience citing ``record_id`` (file order)."""
    found: dict[str, dict[str, Backlink]] = {}
    for link in index.cited_by(record_id, "territoire"):
        if link.experience is not None:
            found.setdefault(link.entry.id, {}).setdefault(link.experience.id, link)
    return {territory: list(links.values()) for territory, links in found.items()}


def featured(
    index: Index,
    record: Entry,
    ranking: Ranking,
    limit: int = PRINTED_EXAMPLES,
    citing: dict[str, list[Backlink]] | None = None,
) -> Featured:
    """At most ``limit`` experiences citing ``record``, in the order of the module's rule
    (``citing``: :func:`experiences_citing` of the record, if the caller has it already)."""
    citing = experiences_citing(index, record.id) if citing is None else citing
    shown: list[Backlink] = []
    # Each territory has at least one experience: the first ``limit`` territories suffice.
    for territory in territories(index, record, ranking, citing, limit):
        shown += citing[territory][: limit - len(shown)]
        if len(shown) == limit:
            break
    total = sum(len(links) for links in citing.values())
    return Featured(shown, total - len(shown))


def territories(
    index: Index, record: Entry, ranking: Ranking, citing: dict[str, list[Backlink]], limit: int
) -> list[str]:
    """The first territories of ``citing`` in the module's order: the record's own
    ``exemples``, then ``limit`` others by ``ranking`` (never all sorted, however many)."""
    chosen = [t for t in getattr(record.data, "exemples", []) if t in citing]
    others = (t for t in citing if t not in chosen)
    return chosen + heapq.nsmallest(limit, others, key=lambda t: ranking.key(index[t]))


def spread(
    index: Index,
    records: list[Entry],
    ranking: Ranking,
    share: int = 4,
    group: Callable[[Entry], str] | None = None,
) -> dict:
    """Record id → the one experience (a :class:`Backlink`) its card prints, or None.

    Each record takes the first territory of the module's order that is on fewer than
    ``len(records) // share`` cards yet; if every territory citing it is, its first one.
    Records with the fewest territories choose first, so that they are not left with a
    town already on a quarter of the cards when the others had a choice. With ``group``
    (a card's enjeu), a record takes first, among those territories, the one least used in
    its group: a deck printed for one enjeu repeats a town only when its cards leave no
    other choice.
    """
    cap = max(1, len(records) // share)
    candidates = {}
    for record in records:
        citing = experiences_citing(index, record.id)
        # ``share`` towns at most can be full: one more is always enough to find a free one.
        order = territories(index, record, ranking, citing, share + 1)
        candidates[record.id] = [citing[t][0] for t in order]
    used: Counter[str] = Counter()
    in_group: Counter[tuple[str, str]] = Counter()
    chosen: dict[str, Backlink | None] = {}
    for record in sorted(records, key=lambda r: len(candidates[r.id])):
        found = candidates[record.id]
        free = [link for link in found if used[link.entry.id] < cap] or found
        if group is not None:  # a stable sort: the module's order among equals
            free = sorted(free, key=lambda link: in_group[group(record), link.entry.id])
        chosen[record.id] = pick = (free or [None])[0]
        if pick is not None:
            used[pick.entry.id] += 1
            if group is not None:
                in_group[group(record), pick.entry.id] += 1
    return chosen
