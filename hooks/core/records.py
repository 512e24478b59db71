"""A record's page, whatever its section: its template, its notice if it was withdrawn, and
its footer « Historique et citation » (history, licence, how to cite it).

The référentiel's records (:mod:`hooks.fiches.pages`) and the territories
(:mod:`hooks.territoires.fiches`) each give their own template and values.

>>> with_notice("# Titre\\nTexte", "!!! warning")
'# Titre\\n\\n!!! warning\\nTexte'
"""

from __future__ import annotations

from typing import Any

from hooks.core.citation import Citation
from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.core.typography import french_spacing
from hooks.generated import GeneratedPage
from hooks.urls import page_for, public_url
from schemas.index import Entry, Index


def citation_of(ctx: BuildContext, entry: Entry) -> Citation:
    """How to cite a record's page: its title, the version, its last change."""
    meta = ctx.referentiel
    file = ctx.history.of(entry.path) if ctx.history else None
    return Citation(
        entry.id,
        entry.title,
        meta.auteurs,
        meta.version,
        file.updated[:10] if file else meta.date,
        public_url(entry, meta.url),
        meta.licence_contenu.nom,
    )


def record_page(ctx: BuildContext, entry: Entry, template: str, **values: Any) -> GeneratedPage:
    """The page of ``entry`` rendered by ``template`` (``values`` added to the template's),
    its edit link opening the record's YAML file."""
    page = page_for(entry)
    markdown = render(
        template, **ctx.template_values(), page=page, entry=entry, data=entry.data, **values
    )
    markdown = with_notice(markdown, retirement_notice(ctx.index, entry))
    footer = render(
        "core/pied.html.j2",
        entry=entry,
        revisions=ctx.versions.by_record.get((entry.kind.name, entry.id), []),
        history=ctx.history,
        citation=citation_of(ctx, entry),
        referentiel=ctx.referentiel,
    )
    return GeneratedPage(page, markdown, entry.path, french_spacing(footer))


def retirement_notice(index: Index, entry: Entry) -> str:
    """The Markdown notice of a withdrawn record, or ``""``."""
    retrait = getattr(entry.data, "retrait", None)
    if retrait is None:
        return ""
    replacement = index[retrait.remplace_par] if retrait.remplace_par else None
    return render("core/retrait.md.j2", retrait=retrait, replacement=replacement)


def with_notice(markdown: str, notice: str) -> str:
    """``markdown`` with ``notice`` right after its title (the first ``# `` line)."""
    if not notice:
        return markdown
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[: title + 1], "", notice.rstrip("\n"), *lines[title + 1 :]])
