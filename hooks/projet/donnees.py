"""« Données ouvertes »: the page that describes the open data, and the files themselves —
every record as JSON, the experiences as CSV (:mod:`hooks.core.opendata`), the JSON Schemas,
the Data Package, and the citation of every page as BibTeX and CSL-JSON.
"""

from __future__ import annotations

from hooks.core.citation import collected
from hooks.core.context import BuildContext
from hooks.core.opendata import CSV_COLUMNS, data_files
from hooks.core.records import citation_of
from hooks.core.render import render_page
from hooks.generated import GeneratedPage
from hooks.urls import DATA_PAGE, PAGES
from schemas.geo import ATTRIBUTION
from schemas.jsonschema import models

TEMPLATE = "projet/donnees.md.j2"


def donnees_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The page, written in its template (no « Modifier cette page »: no record)."""
    return [
        render_page(
            DATA_PAGE,
            TEMPLATE,
            **ctx.template_values(),
            columns=CSV_COLUMNS,
            schemas=list(models()),
            attribution=ATTRIBUTION,  # of the geographic data (geo/), as under the map
        )
    ]


def donnees_files(ctx: BuildContext) -> dict[str, str]:
    """The open-data files and, for each record that has a page, its citation."""
    files = data_files(ctx.index, ctx.referentiel.url)
    with_page = [kind for kind, (_, own_page) in PAGES.items() if own_page]
    citations = [citation_of(ctx, e) for kind in with_page for e in ctx.index.of_kind(kind)]
    files.update(collected(citations))
    return files
