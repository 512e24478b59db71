"""The workshop grid on paper: « Où en est notre territoire ? », one PDF per enjeu and one
with every enjeu, each balise with its questions, the four levels as boxes to tick and lines
for notes and evidence (the same grid as the page :mod:`hooks.atelier.grille` writes).

>>> [pdf_id for pdf_id, _, _ in grid_jobs(index, "https://exemple.fr/")]  # doctest: +SKIP
['grille-engagement', 'grille-approche-systemique', 'grille-cooperation', 'grille-valeur', 'grille']
"""

from __future__ import annotations

from hooks.core.grille import LEVELS, TITLE, Part, parts, pdf_name
from hooks.urls import GRID_PAGE, page_address
from schemas.index import Index

from .html import common, render

STYLESHEET = "grille"  # write.py: STYLESHEETS["grille"] = ("commun.css", "grille.css")
NOTE_LINES = 4  # ruled lines for notes and evidence under each balise


def grid_html(index: Index, chosen: list[Part], site_url: str, whole: bool) -> str:
    """The HTML of one grid: a title block, then each enjeu of ``chosen`` and its balises."""
    anchor = None if whole else chosen[0].anchor
    return render(
        "grille.html.j2",
        **common(index, site_url),
        title=TITLE,
        label="Grille complète" if whole else f"Enjeu {chosen[0].enjeu.data.numero}",
        parts=chosen,
        levels=LEVELS,
        lines=NOTE_LINES,
        url=page_address(GRID_PAGE, site_url, anchor),
    )


def grid_jobs(index: Index, site_url: str) -> list[tuple[str, str, str]]:
    """``(pdf id, html, stylesheet key)``: ``grille-<enjeu>`` for each enjeu, then
    ``grille`` (every enjeu); ``site_url`` ends with ``/``."""
    grid = parts(index)
    jobs = [(pdf_name(p), grid_html(index, [p], site_url, False), STYLESHEET) for p in grid]
    jobs.append((pdf_name(), grid_html(index, grid, site_url, True), STYLESHEET))
    return jobs
