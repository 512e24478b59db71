"""The workshop grid on paper: « Où en est notre territoire ? », one PDF per enjeu and one
with every enjeu, each balise with its questions, the four levels as boxes to tick and lines
for notes and evidence (the same grid as the page :mod:`hooks.atelier.grille` writes).

>>> [pdf_id for pdf_id, _, _ in grid_jobs(index, "https://exemple.fr/")]  # doctest: +SKIP
['grille-engagement', 'grille-approche-systemique', 'grille-cooperation', 'grille-valeur', 'grille']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hooks.core.grille import LEVELS, TITLE, Part, online_page, parts, pdf_name
from hooks.urls import page_address
from schemas.index import Index

from .html import common, render

STYLESHEET = "grille"  # write.py: STYLESHEETS["grille"] = ("commun.css", "grille.css")
NOTE_LINES = 6  # ruled lines for notes and evidence under each balise
NEXT_LINES = 4  # under each enjeu's summary, at least: what the team keeps and will do
LINE_PX = 5.6 * 96 / 25.4  # a ruled line's height (grille.css, .lignes .ligne), in CSS px
MORE_LINES = "<!-- lignes en plus -->"  # where the last summary may take more lines


def grid_html(index: Index, chosen: list[Part], site_url: str, whole: bool) -> str:
    """The HTML of one grid: a title block with a QR code to the page where the same grid
    is filled in online, then each enjeu of ``chosen`` and its balises, one after the other
    (no page left mostly blank)."""
    return render(
        "grille.html.j2",
        **common(index, site_url),
        title=TITLE,
        label="Grille complète" if whole else f"Enjeu {chosen[0].enjeu.data.numero}",
        whole=whole,
        parts=chosen,
        levels=LEVELS,
        lines=NOTE_LINES,
        next_lines=NEXT_LINES,
        url=page_address(online_page(None if whole else chosen[0]), site_url),
    )


def fill_last_page(html: str, lay_out: Callable[[str], Any]) -> Any:
    """Lay out a grid with ``lay_out`` (HTML → WeasyPrint document), then again with as many
    more lines under the last summary as its last page has room for: a grid never ends on a
    page mostly blank, but on lines to write what comes next. The same HTML always gives the
    same PDF (the PDF cache's key is the HTML's)."""
    document = lay_out(html)
    page = document.pages[-1]._page_box  # WeasyPrint's layout, pinned below version 71
    root = next(box for box in page.children if getattr(box, "element_tag", "") == "html")
    bottom = max(box.position_y + box.margin_height() for box in root.children[0].children)
    free = page.content_box_y() + page.height - bottom
    more = int(free // LINE_PX) - 1  # one line of margin, for rounding
    if more < 1 or MORE_LINES not in html:
        return document
    before, _, after = html.rpartition(MORE_LINES)
    filled = lay_out(before + '<div class="ligne"></div>' * more + after)
    return filled if len(filled.pages) == len(document.pages) else document


def grid_jobs(index: Index, site_url: str) -> list[tuple[str, str, str]]:
    """``(pdf id, html, stylesheet key)``: ``grille-<enjeu>`` for each enjeu, then
    ``grille`` (every enjeu); ``site_url`` ends with ``/``."""
    grid = parts(index)
    jobs = [(pdf_name(p), grid_html(index, [p], site_url, False), STYLESHEET) for p in grid]
    jobs.append((pdf_name(), grid_html(index, grid, site_url, True), STYLESHEET))
    return jobs
