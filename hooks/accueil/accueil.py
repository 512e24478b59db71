"""The home page: the référentiel in a few lines, its enjeux, and where to go next."""

from __future__ import annotations

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import HOME_PAGE
from schemas.kinds import METADATA_FILE


def home_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """``index.md``; its edit link opens ``referentiel.yml``, where the title and the
    presentation are written."""
    markdown = render(
        "accueil/accueil.md.j2",
        **ctx.template_values(),
        page=HOME_PAGE,
        enjeux=ctx.index.of_kind("enjeu"),
    )
    return [GeneratedPage(HOME_PAGE, markdown, METADATA_FILE)]
