"""A page per territory: its experiences, where it is, and « Territoires proches ».

This is the loop that grows with contributions: :data:`hooks.site.FEATURES` has it made by a
second process, when a core is free, while the others are made.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from hooks.core.context import BuildContext
from hooks.core.lieux import departement_label, spans
from hooks.core.records import record_page
from hooks.core.relecture import of_territory
from hooks.core.render import text
from hooks.generated import GeneratedPage
from hooks.territoires.proches import Proche, proches
from hooks.urls import departement_page, page_for, page_url
from schemas.facts import departements_of, regions_of
from schemas.geo import GEO
from schemas.index import Entry
from schemas.pays import country_name
from schemas.territoire import Territoire

TEMPLATE = "territoires/territoire.md.j2"


def territory_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """Each territory's page, with the few territories most alike (computed all at once)."""
    alike = proches(ctx.index)
    today = date.today()
    return [territory_page(ctx, entry, alike, today) for entry in ctx.index.of_kind("territoire")]


def territory_page(
    ctx: BuildContext, entry: Entry[Territoire], alike: dict[str, tuple[Proche, ...]], today: date
) -> GeneratedPage:
    """One territory's page (``alike``: :func:`proches` of the whole index); ``serve`` makes
    the page of an edited territory alone with it, before the rest of the site."""
    return record_page(
        ctx,
        entry,
        TEMPLATE,
        proches=alike,
        lieu=place(entry.data, entry),
        fraicheur=of_territory(ctx.index, ctx.history, entry, today),
    )


def place(data: Territoire, entry: Entry[Territoire]) -> Markup:
    """What the banner of a territory's page says of where it is, as HTML: its département
    linked to that département's page (« Seine-Maritime (76) ») or, across several, « s'étend
    sur 3 départements : » and each one linked; then its région(s); or its country abroad.
    Each département has its page (:mod:`hooks.territoires.departements`), as each has a
    région. Empty for a territory of France without a département."""
    if data.pays != "FR":
        return Markup(" · ") + text(country_name(data.pays))
    codes = departements_of(data)
    if not codes:
        return Markup("")
    page = page_for(entry)
    links = Markup(", ").join(
        Markup('<a href="{}">{}</a>').format(
            page_url(departement_page(code), page), text(departement_label(code))
        )
        for code in codes
    )
    regions = ", ".join(GEO.regions()[code] for code in regions_of(data))
    many = Markup("{} : ").format(text(spans(data))) if len(codes) > 1 else ""
    return Markup(" · {}{} · {}").format(many, links, text(regions))
