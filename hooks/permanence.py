r"""Old addresses that still lead somewhere: a redirect page for each former id of a record
(``anciens_ids``), and a notice on the page of a withdrawn record (``retrait``).

A redirect page is a small page of its own at the old address: it names the new page in a
link (what a reader without redirection follows) and asks the browser to go there
(``<meta http-equiv="refresh">``, written by ``hooks/theme/main.html`` from the page's
``rv_redirect``). Search engines see the canonical address of the new page.

>>> with_notice("# Titre\nTexte", "!!! warning")
'# Titre\n\n!!! warning\nTexte'
"""

from __future__ import annotations

from schemas.index import Entry, Index

from .generated import GeneratedPage
from .render import render
from .urls import PAGES, relative_url


def old_page(entry: Entry, old_id: str) -> str:
    """``balises/ancienne.md``: where a record's page was when its id was ``old_id``."""
    folder = PAGES[entry.kind.name][0]
    return f"{folder}/{old_id}.md"


def redirect_pages(index: Index) -> list[GeneratedPage]:
    """A page at each former address of every record that has a page of its own."""
    pages = []
    for entry in index.entries.values():
        if not PAGES[entry.kind.name][1]:
            continue  # concepts and sources live on a list page: no address of their own
        for old_id in getattr(entry.data, "anciens_ids", []):
            page = old_page(entry, old_id)
            markdown = render(
                "redirection.md.j2",
                entry=entry,
                old_id=old_id,
                target=relative_url(entry, page),
            )
            pages.append(GeneratedPage(page, markdown, entry.path))
    return pages


def retirement_notice(index: Index, entry: Entry) -> str:
    """The Markdown notice of a withdrawn record, or ``""``."""
    retrait = getattr(entry.data, "retrait", None)
    if retrait is None:
        return ""
    replacement = index[retrait.remplace_par] if retrait.remplace_par else None
    return render("retrait.md.j2", retrait=retrait, replacement=replacement)


def with_notice(markdown: str, notice: str) -> str:
    """``markdown`` with ``notice`` right after its title (the first ``# `` line)."""
    if not notice:
        return markdown
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[: title + 1], "", notice.rstrip("\n"), *lines[title + 1 :]])
