"""A page per territory: its experiences, where it is, and « Territoires proches ».

This is the loop that grows with contributions: :data:`hooks.site.FEATURES` has it made by a
second process, when a core is free, while the others are made.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from hooks.core.context import BuildContext
from hooks.core.records import record_page
from hooks.generated import GeneratedPage
from hooks.territoires.proches import proches
from hooks.urls import departement_page, page_for, page_url
from schemas.geo import GEO
from schemas.index import Entry
from schemas.territoire import Territoire

TEMPLATE = "territoires/territoire.md.j2"


def territory_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """Each territory's page, with the few territories most alike (computed all at once)."""
    alike = proches(ctx.index)
    return [
        record_page(
            ctx, entry, TEMPLATE, proches=alike, departement_url=departement_url(entry.data, entry)
        )
        for entry in ctx.index.of_kind("territoire")
    ]


def departement_url(data: Territoire, entry: Entry[Territoire]) -> Markup | None:
    """The page of the territory's département, from its page, if it has one: a French
    territory whose département belongs to a région (:mod:`hooks.territoires.departements`)."""
    if data.pays != "FR" or not GEO.region_code_of(data.departement):
        return None
    return Markup(html.escape(page_url(departement_page(data.departement), page_for(entry))))
