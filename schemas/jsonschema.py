"""JSON Schemas exported from the models, for editors and other tools.

Every record starts with ``# yaml-language-server: $schema=…/schemas/<kind>.schema.json``,
so VS Code (extension YAML) and other editors complete fields and flag errors while
typing. ``python build.py schemas`` rewrites the files; a test fails when they are stale.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path as FsPath

from pydantic import BaseModel

from .experience import ExperienceFichier
from .kinds import KINDS
from .referentiel import Referentiel

FOLDER = FsPath(__file__).parent


def models() -> dict[str, type[BaseModel]]:
    """Schema name → model: one per kind, the référentiel's metadata, and an experience in
    its own file (``territoires/<territoire>/<experience>.yml``)."""
    kinds = {kind.name: kind.model for kind in KINDS}
    return {"referentiel": Referentiel} | kinds | {"experience": ExperienceFichier}


@cache
def json_schema(model: type[BaseModel]) -> dict:
    """``model.model_json_schema()``, made once per model in a process (the build asks for
    some twenty; each takes milliseconds): shared, so never to be changed by a caller."""
    return model.model_json_schema()


@cache
def schema_text(name: str, model: type[BaseModel]) -> str:
    """The JSON Schema of ``model``, as written to ``schemas/<name>.schema.json``."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **json_schema(model),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_line(record: FsPath, root: FsPath, name: str) -> str:
    """The first line of a record: ``# yaml-language-server: $schema=../schemas/x.schema.json``."""
    depth = len(record.relative_to(root).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{name}.schema.json"


def export(folder: FsPath = FOLDER) -> list[FsPath]:
    """Write every schema into ``folder``; return the files written."""
    written = []
    for name, model in models().items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name, model), encoding="utf-8")
        written.append(path)
    return written
