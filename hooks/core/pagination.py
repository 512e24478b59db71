"""Long lists cut into pages (the explorer, the territories, a région, a département): a page
stays as light as the first, whatever the number of territories. :func:`paginate` is the
one paging loop; :func:`pagination` the links around the current page.

>>> from hooks.urls import explorer_page
>>> [label for label, _ in pagination(5, 9, explorer_page)]
['← Précédente', '1', '…', '3', '4', '5', '6', '7', '…', '9', 'Suivante →']
>>> pagination(1, 2, explorer_page)
[('1', None), ('2', 'explorer/2.md'), ('Suivante →', 'explorer/2.md')]
>>> [(s.page, s.items, s.start) for s in paginate("abcde", 2, explorer_page)]
[('explorer/index.md', 'ab', 1), ('explorer/2.md', 'cd', 3), ('explorer/3.md', 'e', 5)]
>>> [(s.number, s.count, s.items) for s in paginate([], 40, explorer_page)]
[(1, 1, [])]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup

T = TypeVar("T")


@dataclass(frozen=True)
class Slice(Generic[T]):
    """Page ``number`` of ``count``: its source path, its items (from the ``start``-th, counted
    from 1), and the links to the pages around it for its template (see :attr:`links`)."""

    number: int
    count: int
    page: str
    items: Sequence[T]
    start: int
    page_of: Callable[[int], str]

    def values(self) -> dict[str, object]:
        """What every paged template shows of its place: ``number``, ``count``, ``start``
        and the links to the other pages (``pages``)."""
        return {
            "number": self.number,
            "count": self.count,
            "start": self.start,
            "pages": self.links,
        }

    @property
    def links(self) -> list[tuple[str, Markup | None]]:
        """(label, target) as a template writes them: targets are Markdown link targets from
        the root of the docs (``/explorer/2.md``, checked by MkDocs), ``None`` for the current
        page and for « … »."""
        return [
            (label, Markup(f"/{target}") if target else None)
            for label, target in pagination(self.number, self.count, self.page_of)
        ]


def paginate(
    items: Sequence[T], per_page: int, page_of: Callable[[int], str]
) -> Iterator[Slice[T]]:
    """``items`` in slices of ``per_page``; ``page_of(n)`` is the source path of page n. An
    empty list still has its first page (its address never comes and goes)."""
    count = max(1, math.ceil(len(items) / per_page))
    for number in range(1, count + 1):
        first = (number - 1) * per_page
        yield Slice(
            number, count, page_of(number), items[first : first + per_page], first + 1, page_of
        )


def pagination(
    number: int, count: int, page_of: Callable[[int], str]
) -> list[tuple[str, str | None]]:
    """Links to the pages around ``number``, as (label, page): no page for the current one
    (its label is a number) nor for « … »; ``page_of(n)`` is the source path of page n."""
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    links: list[tuple[str, str | None]] = []
    if number > 1:
        links.append(("← Précédente", page_of(number - 1)))
    for previous, n in zip([0, *shown], shown, strict=False):
        if n - previous > 1:
            links.append(("…", None))
        links.append((str(n), None if n == number else page_of(n)))
    if number < count:
        links.append(("Suivante →", page_of(number + 1)))
    return links
