"""A page per territory: its experiences, where it is, and « Territoires proches ».

This is the loop that grows with contributions: :data:`hooks.site.FEATURES` has it made by a
second process, when a core is free, while the others are made.
"""

from __future__ import annotations

from hooks.core.context import BuildContext
from hooks.core.records import record_page
from hooks.generated import GeneratedPage
from hooks.territoires.proches import proches

TEMPLATE = "territoires/territoire.md.j2"


def territory_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """Each territory's page, with the few territories most alike (computed all at once)."""
    alike = proches(ctx.index)
    return [
        record_page(ctx, entry, TEMPLATE, proches=alike)
        for entry in ctx.index.of_kind("territoire")
    ]
