"""« Où en est notre territoire ? »: the workshop grid, every balise with its questions and a
scale of four levels, to fill in online (``docs/assets/grille.js`` keeps the answers in the
browser) or on paper (:mod:`hooks.pdf.grid` prints the same grid).

Online, one page per enjeu (its 5 to 7 balises: a light page, grade A for EcoIndex, where the
23 balises on one page weighed 800 DOM nodes) and an index: what the grid is, a link to each
enjeu with its number of balises, and the tools for every answer at once. Without JavaScript
an enjeu's page is a plain form that prints; with it, answers are saved in the browser's
local storage only, under one key for every page (:data:`STORAGE_KEY`), each enjeu shows how
many balises are at each level (on its page and on the index), and the index sends every
answer out and back in as a CSV file, or clears them.

>>> [level.label for level in LEVELS]
['pas encore', 'en chemin', 'acquis', 'non concerné']
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from hooks.core.context import BuildContext
from hooks.core.grille import LEVELS, TITLE, Part, parts, pdf_name
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import GRID_PAGE, file_url, grid_enjeu_page, page_url

TEMPLATE = "atelier/grille.md.j2"  # the index
ENJEU_TEMPLATE = "atelier/grille-enjeu.md.j2"  # an enjeu's page
STORAGE_KEY = "referentiel-vivant:grille"  # the key of the answers in localStorage


def grid_data(grid: list[Part]) -> Markup:
    """What ``grille.js`` needs on every page of the grid, as JSON in a ``<script>``: the
    storage key, the levels and every balise (id, title, enjeu), so that an enjeu's page keeps
    the other enjeux' answers and the index exports them all. ``<`` and ``&`` are escaped.

    >>> data = json.loads(grid_data([]))
    >>> data["cle"], data["niveaux"][0], data["balises"]
    ('referentiel-vivant:grille', ['pas-encore', 'pas encore'], [])
    """
    data = {
        "cle": STORAGE_KEY,
        "niveaux": [[level.key, level.label] for level in LEVELS],
        "balises": [[b.id, b.data.titre, p.enjeu.id] for p in grid for b in p.balises],
    }
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def grid_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The grid's index, then one page per enjeu, made from the balises (where the questions
    are written), so without « Modifier cette page »."""
    grid = parts(ctx.index)
    home = GRID_PAGE
    shared = {
        **ctx.template_values(),
        "title": TITLE,
        "parts": grid,
        "levels": LEVELS,
        "data": grid_data(grid),
        "whole": pdf_name(),
        "pdfs": [(pdf_name(p), p) for p in grid],
        "home": home,
        "enjeu_pages": {p.enjeu.id: grid_enjeu_page(p.enjeu.id) for p in grid},
    }
    hrefs = {p.enjeu.id: page_url(grid_enjeu_page(p.enjeu.id), home) for p in grid}
    pages = [_page(home, TEMPLATE, shared, hrefs=hrefs)]
    for n, part in enumerate(grid):
        before, after = grid[n - 1] if n else None, grid[n + 1] if n + 1 < len(grid) else None
        page = grid_enjeu_page(part.enjeu.id)
        own = {"part": part, "own_pdf": pdf_name(part), "before": before, "after": after}
        pages.append(_page(page, ENJEU_TEMPLATE, shared, **own))
    return pages


def _page(page: str, template: str, shared: dict[str, Any], **own: Any) -> GeneratedPage:
    markdown = render(
        template,
        **shared,
        **own,
        page=page,
        script_url=file_url("assets/grille.js", page),
        css_url=file_url("assets/grille.css", page),
    )
    return GeneratedPage(page, markdown, "balises/")
