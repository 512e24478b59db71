"""Open data: every record as JSON (links resolved, page URLs), experiences as CSV.

Written into ``site/donnees/`` with the JSON Schemas of ``schemas/`` and a
``datapackage.json`` (Frictionless Data Package, the convention of schema.data.gouv.fr)
that describes each file, so that anyone can reuse the référentiel without scraping the
site. No cell of a CSV starts a spreadsheet formula (:func:`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
import json
import re

from hooks.core.datapackage import Column, Resource, datapackage
from hooks.urls import public_url
from schemas.balise import Balise
from schemas.facts import departements_of
from schemas.index import Entry, Index, references
from schemas.jsonschema import models, schema_text
from schemas.territoire import BaliseCitee, Experience, Territoire
from schemas.yamlfile import field_path

# Each column of a CSV file and what it holds: a field of a model (the Data Package takes its
# description and constraints from there), or, for what the build adds, a sentence.
EXPERIENCE_COLUMNS: dict[str, Column] = {
    "territoire_id": "Identifiant du territoire : le nom de son fichier dans territoires/.",
    "territoire": (Territoire, "nom"),
    "type": (Territoire, "type"),
    "pays": (Territoire, "pays"),
    "departement": (Territoire, "departement"),
    "departements": "Numéros de tous les départements du territoire, séparés par une espace : "
    "le plus souvent le seul de « departement », plusieurs pour un parc, un pays ou une "
    "intercommunalité qui s'étend sur plusieurs départements.",
    "code_insee": (Territoire, "code_insee"),
    "experience_id": (Experience, "id"),
    "experience": (Experience, "titre"),
    "periode": (Experience, "periode"),
    "decrite": (Experience, "decrite"),
    "relue": (Experience, "relue"),
    "balises_ids": (Experience, "balises"),
    "balises_titres": "Titres des balises illustrées, dans le même ordre, séparés par « | ».",
    "modes_de_faire_ids": (Experience, "modes_de_faire"),
    "dispositifs_ids": (Experience, "dispositifs"),
    "url": "Adresse de l'expérience sur le site : la page du territoire et son ancre.",
}
CSV_COLUMNS = tuple(EXPERIENCE_COLUMNS)
# One row per balise cited by an experience, with the sentence that justifies it, if any.
LINK_COLUMNS: dict[str, Column] = {
    "territoire_id": EXPERIENCE_COLUMNS["territoire_id"],
    "experience_id": (Experience, "id"),
    "balise_id": (BaliseCitee, "id"),
    "balise": (Balise, "titre"),
    "pourquoi": (BaliseCitee, "pourquoi"),
}
# What a spreadsheet runs as a formula (OWASP "CSV injection"), after any leading spaces;
# full-width = + - @ too, which some spreadsheets read as their ASCII forms.
_FORMULA = re.compile(r"[\t\r\n]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")


def record(index: Index, entry: Entry, site_url: str) -> dict[str, object]:
    """One record: its data as written, its links resolved, who cites it."""
    data = entry.data.model_dump(mode="json")
    links = [
        {
            "champ": field_path(loc),
            "id": target,
            "type": index[target].kind.name,
            "titre": index[target].title,
            "url": public_url(index[target], site_url),
        }
        for loc, _, target in references(type(entry.data), data)
    ]
    cited_by = [
        {
            "id": b.entry.id,
            "type": b.entry.kind.name,
            "titre": b.entry.title,
            "experience": b.experience.id if b.experience else None,
            "url": public_url(b.entry, site_url) + (f"#{b.experience.id}" if b.experience else ""),
        }
        for b in index.cited_by(entry.id)
    ]
    return {
        "id": entry.id,
        "type": entry.kind.name,
        "titre": entry.title,
        "fichier": entry.path,
        "url": public_url(entry, site_url),
        "donnees": data,
        "liens": links,
        "cite_par": cited_by,
    }


def referentiel_json(index: Index, site_url: str) -> str:
    """``donnees/referentiel.json``."""
    meta = index.referentiel
    document = {
        "referentiel": meta.model_dump(mode="json"),
        "licence": meta.licence_contenu.model_dump(mode="json"),
        "fiches": [record(index, e, site_url) for e in index.entries.values()],
    }
    return json.dumps(document, ensure_ascii=False) + "\n"  # compact: C encoder, 5× faster


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula, made text as OWASP advises: a ``'``
    before it. Every other cell is left as it is.

    >>> print(spreadsheet_safe('=HYPERLINK("https://exemple.fr";"clic")'))
    '=HYPERLINK("https://exemple.fr";"clic")
    >>> spreadsheet_safe("  -2"), spreadsheet_safe("Loos-en-Gohelle")
    ("'  -2", 'Loos-en-Gohelle')
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def experiences_csv(index: Index, site_url: str) -> str:
    """``donnees/experiences.csv``: one row per experience (UTF-8, comma-separated), every
    cell :func:`spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for territoire in index.of_kind("territoire"):
        t = territoire.data
        for x in t.experiences:
            row = [
                territoire.id,
                t.nom,
                t.type,
                t.pays,
                t.departement or "",
                " ".join(departements_of(t)),
                t.code_insee or "",
                x.id,
                x.titre,
                x.periode or "",
                x.decrite or "",
                x.relue or "",
                " ".join(x.balises),
                " | ".join(index[b].title for b in x.balises),
                " ".join(x.modes_de_faire),
                " ".join(x.dispositifs),
                public_url(territoire, site_url) + f"#{x.id}",
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def links_csv(index: Index) -> str:
    """``donnees/experiences-balises.csv``: one row per balise an experience cites, with the
    sentence that says why (empty if none), every cell :func:`spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LINK_COLUMNS)
    for territoire in index.of_kind("territoire"):
        for x in territoire.data.experiences:
            for b in x.balises:
                row = [territoire.id, x.id, b, index[b].title, b.pourquoi or ""]
                writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def data_files(index: Index, site_url: str) -> dict[str, str]:
    """Every open-data file, by its path in the site, and the Data Package that describes
    them (``donnees/datapackage.json``)."""
    files = {
        "donnees/referentiel.json": referentiel_json(index, site_url),
        "donnees/experiences.csv": experiences_csv(index, site_url),
        "donnees/experiences-balises.csv": links_csv(index),
    }
    described = dict(RESOURCES)
    for name, model in models().items():
        files[f"donnees/schemas/{name}.schema.json"] = schema_text(name, model)
        described[f"schemas/{name}.schema.json"] = Resource(
            f"schema-{name}",
            f"Schéma JSON des fiches de type {name}",
            f"Le schéma JSON (draft 2020-12) de la partie donnees des fiches de type {name}.",
        )
    files["donnees/datapackage.json"] = datapackage(index, files, described)
    return files


# How the Data Package describes each file (the JSON Schemas: one per kind, in data_files).
RESOURCES = {
    "referentiel.json": Resource(
        "referentiel",
        "Toutes les fiches",
        "Chaque fiche du référentiel : ses données telles qu'écrites (donnees, décrites par "
        "schemas/<type>.schema.json), ses liens résolus vers les autres fiches (liens), les "
        "fiches qui la citent (cite_par), l'adresse de sa page (url) et son fichier (fichier).",
    ),
    "experiences.csv": Resource(
        "experiences",
        "Les expériences des territoires",
        "Une ligne par expérience de territoire, avec les balises, modes de faire et "
        "dispositifs qu'elle cite.",
        EXPERIENCE_COLUMNS,
        {"primaryKey": ["territoire_id", "experience_id"]},
    ),
    "experiences-balises.csv": Resource(
        "experiences-balises",
        "Les balises citées par chaque expérience",
        "Une ligne par balise citée par une expérience, avec la phrase qui dit pourquoi "
        "l'expérience l'illustre, quand son territoire l'a écrite.",
        LINK_COLUMNS,
        {
            "foreignKeys": [
                {
                    "fields": ["territoire_id", "experience_id"],
                    "reference": {
                        "resource": "experiences",
                        "fields": ["territoire_id", "experience_id"],
                    },
                }
            ]
        },
    ),
}
