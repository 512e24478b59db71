"""« Proposer une expérience »: a form that writes a new territory's file, or the files of
experiences added to a territory already there (``territoires/<territoire>/<experience>.yml``),
for contributors who have never used git nor written YAML (``contribuer/proposer/``;
``?territoire=<id>`` chooses the territory, as « Ajouter une expérience à ce territoire » on
each territory's page does).

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
  which is then credited to them;
- or, without a GitHub account, « Envoyer à l'équipe éditoriale »: a ``mailto:`` link to
  ``contact.propositions`` of ``referentiel.yml`` with the proposal (a sentence for the
  sender, then the YAML stream that ``python build.py recevoir`` reads, the name to credit
  first; the command itself only in the downloaded file's header) in its body, or, above
  :data:`MAX_MAILTO` characters, the proposal downloaded to attach. Also « Copier » and
  « Télécharger ».

A commune's INSEE code or an intercommunalité's SIREN is recognised as it is typed, from the
files of « Près de chez moi » (:mod:`hooks.territoires.pres`), read where that page writes
them: no second copy of ``geo/``.

Python's ``check`` stays the judge, in the pull request.

The fields, their help and the schema the browser checks: :mod:`hooks.contribuer.formulaire`.
"""

from __future__ import annotations

import json
from pathlib import Path

from hooks.contribuer.formulaire import (
    ADVANCED_FIELDS,
    CODE_TYPES,
    EXPERIENCE_FIELDS,
    PATTERN_MESSAGES,
    SOURCE_FIELDS,
    TERRITORY_FIELDS,
    WITHOUT_CODE_FIELDS,
    choices,
    field_order,
    form_schema,
)
from hooks.core.context import BuildContext
from hooks.core.lieux import departement_label
from hooks.core.render import render_page
from hooks.generated import GeneratedPage
from hooks.urls import (
    CONTRIBUTE_PAGE,
    NEAR_FOLDER,
    NEAR_PAGE,
    PROPOSER_PAGE,
    file_url,
    page_url,
    relative_url,
    territory_list_page,
)
from schemas.facts import departements_of
from schemas.fields import MAX_NOM, MAX_SLUG
from schemas.geo import name_key
from schemas.jsonschema import schema_line
from schemas.territoire import TYPE_LABELS, Experience, Territoire

TITLE = "Proposer une expérience"
PAGE = PROPOSER_PAGE
TEMPLATE = "contribuer/proposer.md.j2"
FOLDER = "contribuer/proposer/"  # the page's own folder on the site, beside its index.html
SCHEMA_FILE = FOLDER + "territoire.schema.json"
TERRITORIES_FILE = FOLDER + "territoires.json"
MAX_URL = 7500  # characters of the « new file » address: GitHub answers 414 above about 8 KB
# Characters of a ``mailto:`` link at most: some mail programs cut longer ones (Outlook
# on Windows near 2,000); above, the proposal is downloaded, to attach.
MAX_MAILTO = 1800


def proposer_files(ctx: BuildContext) -> dict[str, str]:
    """The form's schema, and the territories already there: ``[id, name, where, [ids of
    its experiences], code INSEE or SIREN]`` sorted by name (a new territory must not take
    one of their ids or codes, an added experience one of its territory's ids)."""
    index = ctx.index
    territories = sorted(
        (
            [
                e.id,
                e.data.nom,
                _where(e.data),
                [x.id for x in e.data.experiences],
                e.data.code_insee or e.data.siren or "",
            ]
            for e in index.of_kind("territoire")
        ),
        key=lambda row: (name_key(row[1]), row[0]),
    )
    return {
        SCHEMA_FILE: json.dumps(form_schema(index), ensure_ascii=False, separators=(",", ":")),
        TERRITORIES_FILE: json.dumps(territories, ensure_ascii=False, separators=(",", ":")),
    }


def _where(data: Territoire) -> str:
    """What tells two territories of the same name apart: « Nord (59) », or the type."""
    codes = departements_of(data)
    return departement_label(codes[0]) if codes else TYPE_LABELS[data.type]


def proposer_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The form's page, written in its template (no « Modifier cette page »: no record)."""
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
        code_types=CODE_TYPES,
        near_page=page_url(NEAR_PAGE, PAGE),
        record_url=lambda entry: relative_url(entry, PAGE),
        experience_fields=EXPERIENCE_FIELDS,
        advanced_fields=ADVANCED_FIELDS,
        courriel=meta.contact.pour_propositions,
        credit_max=MAX_NOM,
        credit_message=PATTERN_MESSAGES["texte"],
        territories_page=page_url(territory_list_page(), PAGE),
        source_fields=SOURCE_FIELDS,
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
                "courriel": meta.contact.pour_propositions,
                "maxCourriel": MAX_MAILTO,
                "ligneSchema": schema_line_of_territory(),
                "ligneSchemaExperience": schema_line(
                    Path("territoires/t/x.yml"), Path("."), "experience"
                ),
                "ordre": field_order(),
                "maxId": MAX_SLUG,
                "codes": file_url(f"{NEAR_FOLDER}codes/", PAGE),
                "lieux": file_url(f"{NEAR_FOLDER}index.json", PAGE),
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
