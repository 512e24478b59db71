"""Long lists cut into pages (the explorer, the territories): a page stays as light as
the first, whatever the number of territories.

>>> from hooks.urls import explorer_page
>>> [label for label, _ in pagination(5, 9, explorer_page)]
['← Précédente', '1', '…', '3', '4', '5', '6', '7', '…', '9', 'Suivante →']
>>> pagination(1, 2, explorer_page)
[('1', None), ('2', 'explorer/2.md'), ('Suivante →', 'explorer/2.md')]
"""

from __future__ import annotations

from collections.abc import Callable


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
