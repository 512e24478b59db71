"""Open data: every record as JSON (links resolved, page URLs), experiences as CSV.

Written into ``site/donnees/`` with the JSON Schemas of ``schemas/``, so that anyone can
reuse the référentiel without scraping the site. No cell of the CSV starts a spreadsheet
formula (:func:`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
import json
import re

from schemas.index import Entry, Index, references
from schemas.jsonschema import models, schema_text
from schemas.yamlfile import field_path

from .urls import public_url

CSV_COLUMNS = (
    "territoire_id",
    "territoire",
    "type",
    "pays",
    "departement",
    "code_insee",
    "experience_id",
    "experience",
    "periode",
    "balises_ids",
    "balises_titres",
    "modes_de_faire_ids",
    "dispositifs_ids",
    "url",
)
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
        for x in t.experiences:  # type: ignore[attr-defined]
            row = [
                territoire.id,
                t.nom,
                t.type,
                t.pays,
                t.departement or "",
                t.code_insee or "",
                x.id,
                x.titre,
                x.periode or "",
                " ".join(x.balises),
                " | ".join(index[b].title for b in x.balises),
                " ".join(x.modes_de_faire),
                " ".join(x.dispositifs),
                public_url(territoire, site_url) + f"#{x.id}",
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def data_files(index: Index, site_url: str) -> dict[str, str]:
    """Every open-data file, by its path in the site."""
    files = {
        "donnees/referentiel.json": referentiel_json(index, site_url),
        "donnees/experiences.csv": experiences_csv(index, site_url),
    }
    for name, model in models().items():
        files[f"donnees/schemas/{name}.schema.json"] = schema_text(name, model)
    return files
