"""The list of territories, in pages of :data:`PER_PAGE`: at 5,000 territories one page
of them all weighed 138 KB gzip and 25,000 DOM nodes; a page of the list now weighs the
same whatever their number (finding them by name, place or size: search and explorer).
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup

from schemas.index import Index

from .carte import territory_map
from .generated import GeneratedPage
from .pagination import pagination
from .render import render
from .urls import territory_list_page

PER_PAGE = 40  # 80 DOM nodes of list: a light page (EcoIndex), 2 to 3 KB gzip
TITLE = "Territoires"


def territory_list_pages(
    index: Index, common: dict[str, Any], per_page: int = PER_PAGE
) -> list[GeneratedPage]:
    """``territoires/index.md``, then one page per ``per_page`` territories more."""
    entries = index.of_kind("territoire")
    count = max(1, math.ceil(len(entries) / per_page))
    pages = []
    for number in range(1, count + 1):
        page = territory_list_page(number)
        first = (number - 1) * per_page
        links = pagination(number, count, territory_list_page)
        markdown = render(
            "liste-territoires.md.j2",
            **common,
            page=page,
            title=TITLE,
            entries=entries[first : first + per_page],
            number=number,
            count=count,
            start=first + 1,
            total=len(entries),
            pages=[(label, Markup(f"/{target}") if target else None) for label, target in links],
            carte=territory_map(index, page) if number == 1 else None,
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages
