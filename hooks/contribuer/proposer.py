"""« Proposer une expérience »: a form that writes a territory's file, for contributors who
have never used git nor written YAML (``contribuer/proposer/``).

Everything the form shows comes from the models and the index, so it cannot drift from what
``check`` accepts: each field's help is its Pydantic description, its required mark and
length limit come from the model, the balises, modes de faire and dispositifs are choices
grouped by enjeu, the sources those of the bibliography. ``docs/assets/proposer.js`` then:

- checks the answers against :func:`form_schema` (the exported JSON Schema of a territory,
  plus what a form needs: the slug pattern on ids, the ids that exist, the plain-text
  rules), with the vendored ``@cfworker/json-schema`` (no ``eval``), and that the
  territory's id (its name, made a slug as ``build.py new`` does) is not taken;
- writes the YAML with the vendored ``js-yaml`` (every contributor text stays a string,
  never an alias, an anchor or a tag), first line the schema's, fields in the model's order;
- opens GitHub's « new file » page with the file (:func:`github_new_file`): for
  someone without write access, GitHub forks the repository and opens the pull request,
  which is then credited to them. Also « Copier » and « Télécharger le fichier ».

Python's ``check`` stays the judge, in the pull request.

The fields, their help and the schema the browser checks: :mod:`hooks.contribuer.formulaire`.
"""

from __future__ import annotations

import json
from pathlib import Path

from hooks.contribuer.formulaire import (
    EXPERIENCE_FIELDS,
    SOURCE_FIELDS,
    TERRITORY_FIELDS,
    WITHOUT_CODE_FIELDS,
    choices,
    field_order,
    form_schema,
)
from hooks.core.context import BuildContext
from hooks.core.render import render_page
from hooks.generated import GeneratedPage
from hooks.urls import CONTRIBUTE_PAGE, PROPOSER_PAGE, file_url, page_url
from schemas.fields import MAX_SLUG
from schemas.jsonschema import schema_line
from schemas.territoire import TYPE_LABELS, Experience, Territoire

TITLE = "Proposer une expérience"
PAGE = PROPOSER_PAGE
TEMPLATE = "contribuer/proposer.md.j2"
FOLDER = "contribuer/proposer/"  # the page's own folder on the site, beside its index.html
SCHEMA_FILE = FOLDER + "territoire.schema.json"
TERRITORIES_FILE = FOLDER + "territoires.json"
MAX_URL = 7500  # characters of the « new file » address: GitHub answers 414 above about 8 KB


def proposer_files(ctx: BuildContext) -> dict[str, str]:
    """The form's schema and the ids of the territories already there (a new one must not
    take one of them)."""
    index = ctx.index
    territories = sorted(e.id for e in index.of_kind("territoire"))
    return {
        SCHEMA_FILE: json.dumps(form_schema(index), ensure_ascii=False, separators=(",", ":")),
        TERRITORIES_FILE: json.dumps(territories, separators=(",", ":")),
    }


def proposer_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The form's page; its edit link opens its template."""
    index, meta = ctx.index, ctx.referentiel
    sources = index.of_kind("source")
    page = render_page(
        PAGE,
        TEMPLATE,
        **ctx.template_values(),
        page=PAGE,
        title=TITLE,
        territory_fields=TERRITORY_FIELDS,
        without_code_fields=WITHOUT_CODE_FIELDS,
        experience_fields=EXPERIENCE_FIELDS,
        source_fields=SOURCE_FIELDS,
        experiences_help=Territoire.model_fields["experiences"].description,
        sources_help=(
            Territoire.model_fields["sources"].description,
            Experience.model_fields["sources"].description,
        ),
        choices=choices(index),
        types=TYPE_LABELS,
        sources=sources,
        github=github_new_file(meta.depot, meta.branche, "territoires"),
        settings=json.dumps(
            {
                "github": github_new_file(meta.depot, meta.branche, "territoires"),
                "maxUrl": MAX_URL,
                "ligneSchema": schema_line_of_territory(),
                "ordre": field_order(),
                "maxId": MAX_SLUG,
            },
            ensure_ascii=False,
        ),
        schema_url=SCHEMA_FILE.removeprefix(FOLDER),
        territories_url=TERRITORIES_FILE.removeprefix(FOLDER),
        script_url=file_url("assets/proposer.js", PAGE),
        css_url=file_url("assets/proposer.css", PAGE),
        contribuer_url=page_url(CONTRIBUTE_PAGE, PAGE),
    )
    return [page]


def schema_line_of_territory() -> str:
    """``# yaml-language-server: $schema=../schemas/territoire.schema.json``, as in every
    territory's file."""
    return schema_line(Path("territoires/x.yml"), Path("."), "territoire")


def github_new_file(depot: str, branche: str, folder: str) -> str:
    """GitHub's « new file » page in ``folder`` of the repository ``depot``, to which the
    form appends ``?filename=…&value=…&message=…``; for someone without write access, GitHub
    forks the repository and opens the pull request.

    >>> github_new_file("https://github.com/rv/referentiel-vivant/", "main", "territoires")
    'https://github.com/rv/referentiel-vivant/new/main/territoires'
    """
    return f"{depot.rstrip('/')}/new/{branche}/{folder.strip('/')}"
