"""The list of territories, in pages of :data:`PER_PAGE`: at 5,000 territories one page
of them all weighed 138 KB gzip and 25,000 DOM nodes; a page of the list now weighs the
same whatever their number (finding them by name, place or size: search and explorer).
"""

from __future__ import annotations

from hooks.core.context import BuildContext
from hooks.core.lieux import where
from hooks.core.pagination import paginate
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.territoires.carte import territory_map
from hooks.urls import territory_list_page

PER_PAGE = 40  # 80 DOM nodes of list: a light page (EcoIndex), 2 to 3 KB gzip
TITLE = "Territoires"


def territory_list_pages(ctx: BuildContext, per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """``territoires/index.md`` (with the map), then one page per ``per_page`` territories
    more."""
    entries = ctx.index.of_kind("territoire")
    pages = []
    for part in paginate(entries, per_page, territory_list_page):
        page = part.page
        markdown = render(
            "territoires/liste-territoires.md.j2",
            **part.values(),
            **ctx.template_values(),
            page=page,
            title=TITLE,
            entries=part.items,
            total=len(entries),
            where=where,
            carte=territory_map(ctx.index, page) if part.number == 1 else None,
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages
