"""Old addresses that still lead somewhere: a redirect page for each former id of a record
(``anciens_ids``); the notice on the page of a withdrawn record (``retrait``) is written
with the page (:func:`hooks.core.records.retirement_notice`).

A redirect page is a small page of its own at the old address: it names the new page in a
link (what a reader without redirection follows) and asks the browser to go there
(``<meta http-equiv="refresh">``, written by ``hooks/theme/main.html`` from the page's
``rv_redirect``). Search engines see the canonical address of the new page.
"""

from __future__ import annotations

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import PAGES, relative_url
from schemas.index import Entry


def old_page(entry: Entry, old_id: str) -> str:
    """``balises/ancienne.md``: where a record's page was when its id was ``old_id``."""
    folder = PAGES[entry.kind.name][0]
    return f"{folder}/{old_id}.md"


def redirect_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """A page at each former address of every record that has a page of its own."""
    pages = []
    for entry in ctx.index.entries.values():
        if not PAGES[entry.kind.name][1]:
            continue  # concepts and sources live on a list page: no address of their own
        for old_id in getattr(entry.data, "anciens_ids", []):
            page = old_page(entry, old_id)
            markdown = render(
                "fiches/redirection.md.j2",
                entry=entry,
                old_id=old_id,
                target=relative_url(entry, page),
            )
            pages.append(GeneratedPage(page, markdown, entry.path))
    return pages
