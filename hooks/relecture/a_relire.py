"""« Expériences à relire »: for the editorial team, every experience past its review delay
(:mod:`hooks.core.relecture`), the oldest first, in pages of :data:`PER_PAGE`, with its
territory, its dates and a link to it. Not in the sidebar nor in the search: it is linked
from the end of « Contribuer ».
"""

from __future__ import annotations

from datetime import date

from hooks.core.context import BuildContext
from hooks.core.pagination import paginate
from hooks.core.relecture import due_for_review, duration, when
from hooks.core.render import render, template_source
from hooks.generated import GeneratedPage
from hooks.urls import review_page

TEMPLATE = "relecture/a-relire.md.j2"
PER_PAGE = 100  # at 5,000 territories, 10,000 experiences due: 100 pages as light as one
TITLE = "Expériences à relire"


def review_pages(
    ctx: BuildContext, today: date | None = None, per_page: int = PER_PAGE
) -> list[GeneratedPage]:
    """The list of experiences due for a review on ``today`` (the day of the build)."""
    due = due_for_review(ctx.index, ctx.history, today or date.today())
    delay = ctx.referentiel.relecture_delai_mois
    return [
        GeneratedPage(
            part.page,
            render(
                TEMPLATE,
                **part.values(),
                **ctx.template_values(),
                page=part.page,
                title=TITLE,
                items=part.items,
                total=len(due),
                delay=duration(delay),
                when=when,
                duration=duration,
            ),
            template_source(TEMPLATE),
        )
        for part in paginate(due, per_page, review_page)
    ]
