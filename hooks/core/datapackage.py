"""``donnees/datapackage.json``: the open-data files as a Frictionless Data Package.

The convention of French public open data (schema.data.gouv.fr publishes Table Schemas):
each file with its size and SHA-256, each CSV with a Table Schema whose descriptions and
constraints are read from the Pydantic models (never copied by hand), the licence, the
sources, the version and its date. ``frictionless validate site/donnees/datapackage.json``
checks every file against it (tests/test_datapackage.py).
"""

from __future__ import annotations

import hashlib
import json
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from schemas.fields import SLUG_PATTERN
from schemas.geo import ATTRIBUTION
from schemas.index import Index
from schemas.jsonschema import json_schema

# A column of a CSV file: a field of a model (``(Territoire, "nom")``), or a sentence for
# what the build adds.
Column = tuple[type[BaseModel], str] | str
_LIST = " Dans ce fichier : les identifiants, séparés par une espace."


@dataclass(frozen=True)
class Resource:
    """How the package describes one file: ``Resource('experiences', 'Les expériences…')``."""

    name: str
    title: str
    description: str
    columns: dict[str, Column] | None = None  # a CSV file: its Table Schema, column by column
    keys: dict[str, object] = field(default_factory=dict)  # primaryKey, foreignKeys


def datapackage(index: Index, files: dict[str, str], described: dict[str, Resource]) -> str:
    """The package of ``files`` (paths under ``donnees/``), each described in ``described``
    by its path beside ``datapackage.json``."""
    meta = index.referentiel
    source = index[meta.source].data
    resources = []
    for path, text in files.items():
        name = path.removeprefix("donnees/")
        about, data = described[name], text.encode("utf-8")
        resource: dict[str, object] = {
            "name": about.name,
            "path": name,
            "title": about.title,
            "description": about.description,
            # a JSON file named *.schema.json would otherwise be read as a Table Schema
            "type": "json" if about.columns is None else "table",
            "format": name.rsplit(".", 1)[1],
            "mediatype": "application/json" if about.columns is None else "text/csv",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        }
        if about.columns is not None:
            resource["profile"] = "tabular-data-resource"
            resource["dialect"] = {"delimiter": ",", "header": True}
            resource["schema"] = {"fields": table_fields(about.columns), **about.keys}
        resources.append(resource)
    package = {
        "name": "referentiel-vivant",
        "title": f"{meta.titre} : {meta.sous_titre}" if meta.sous_titre else meta.titre,
        "description": "Le référentiel « Villes pairs, territoires pilotes de la transition » "
        "et les expériences des territoires qui l'illustrent, en fichiers réutilisables.",
        "homepage": meta.url,
        "version": meta.version,
        "created": f"{meta.date}T00:00:00Z",
        "licenses": [
            {
                "name": meta.licence_contenu.nom.replace(" ", "-"),  # CC-BY-SA-4.0
                "title": meta.licence_contenu.nom,
                "path": meta.licence_contenu.url,
            }
        ],
        "contributors": [{"title": author, "role": "author"} for author in meta.auteurs],
        "sources": [
            {
                "title": f"{source.titre}, {', '.join(source.auteurs)}, {source.annee}",
                "path": source.url,
            },
            {  # the départements of experiences.csv come from the codes, through geo/
                "title": f"Données géographiques (dossier geo/ du dépôt). {ATTRIBUTION}",
                "path": f"{meta.depot}/tree/{meta.branche}/geo",
            },
        ],
        "keywords": ["transition", "territoires", "collectivités", "référentiel"],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def table_fields(columns: dict[str, Column]) -> list[dict[str, object]]:
    """The Table Schema fields of a CSV: for a column taken from a model, its description,
    whether it is required and the values or the form it allows, read from the model."""
    fields = []
    for name, column in columns.items():
        spec: dict[str, object] = {"name": name, "type": "string"}
        if isinstance(column, str):
            spec["description"] = column
            if name == "url":
                spec["format"] = "uri"
        else:
            model, key = column
            info = model.model_fields[key]
            is_list = typing.get_origin(info.annotation) is list
            spec["description"] = (info.description or "") + (_LIST if is_list else "")
            if constraints := _constraints(model, key):
                spec["constraints"] = constraints
        if name.endswith("_id"):  # ids of records: always there, always in the same form
            spec["constraints"] = {"required": True, "pattern": _pattern(SLUG_PATTERN)}
        fields.append(spec)
    return fields


def _constraints(model: type[BaseModel], key: str) -> dict[str, object]:
    """What the model requires of a field, as Table Schema constraints."""
    info = model.model_fields[key]
    prop = json_schema(model)["properties"][key]
    constraints: dict[str, object] = {"required": True} if info.is_required() else {}
    for choice in [prop, *prop.get("anyOf", [])]:
        if "enum" in choice:
            constraints["enum"] = choice["enum"]
        if "pattern" in choice:
            constraints["pattern"] = _pattern(choice["pattern"])
    if typing.get_origin(info.annotation) is list:  # ids separated by spaces
        slug = _pattern(SLUG_PATTERN)
        constraints["pattern"] = f"{slug}( {slug})*"
    return constraints


def _pattern(regex: str) -> str:
    """A Table Schema pattern: XML Schema style, it matches the whole value without ``^…$``."""
    return regex.removeprefix("^").removesuffix("$")
