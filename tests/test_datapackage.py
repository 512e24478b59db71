"""Open data by the book: ``donnees/datapackage.json`` describes every export as a
Frictionless Data Package (the convention of schema.data.gouv.fr), and ``frictionless``
finds every file of the built site valid against it: sizes, hashes, columns, values, keys.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from hooks.core.opendata import EXPERIENCE_COLUMNS, LINK_COLUMNS
from schemas.geo import ATTRIBUTION
from schemas.index import Index, load_index
from schemas.territoire import TYPE_LABELS

from .depot import copy_repository

# A territory whose texts a spreadsheet would run, or a CSV reader split: still valid data.
HOSTILE = """\
nom: "=Ville, \\"hostile\\""
type: commune
resume: Une commune pour les tests.
experiences:
  - id: essai
    titre: "-2, ou +33 6"
    periode: "@2020"
    resume: Une expérience.
    balises:
      - {id: construire-le-recit, pourquoi: "=1+1, « virgule » et \\"guillemets\\""}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index]:
    """The site built with one hostile territory more; its ``donnees/`` folder and index."""
    root = copy_repository(tmp_path_factory.mktemp("donnees") / "depot")
    (root / "territoires" / "hostile.yml").write_text(HOSTILE, encoding="utf-8")
    command = [sys.executable, "build.py", "build", "--sans-pdf"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return root / "site" / "donnees", load_index(root)


def package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def errors(report: frictionless.Report) -> list[tuple[str, str]]:
    return [(task.name, e.type) for task in report.tasks for e in task.errors] + [
        ("", e.type) for e in report.errors
    ]


def test_the_built_package_is_valid_and_every_file_matches_it(built) -> None:
    folder, _ = built
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    tables = {task.name: task.stats["rows"] for task in report.tasks if task.type == "table"}
    assert tables["experiences"] > 20 and tables["experiences-balises"] > tables["experiences"]


def test_every_file_written_beside_it_is_described(built) -> None:
    folder, _ = built
    described = {r["path"] for r in package(folder)["resources"]}
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    # the citations and this page are written by other parts of the build
    assert written - described == {
        "datapackage.json",
        "index.html",
        "citations.bib",
        "citations.json",
    }
    assert described <= written


def test_the_schema_catches_a_wrong_value_and_the_hash_a_changed_byte(
    built, tmp_path: Path
) -> None:
    folder, _ = built
    copy = shutil.copytree(folder, tmp_path / "donnees")
    table = copy / "experiences.csv"
    table.write_text(table.read_text("utf-8").replace(",commune,", ",ville,", 1), "utf-8")
    assert ("experiences", "hash-count") in errors(frictionless.validate(copy / "datapackage.json"))
    unhashed = package(copy)
    for resource in unhashed["resources"]:
        del resource["hash"], resource["bytes"]
    (copy / "datapackage.json").write_text(json.dumps(unhashed), "utf-8")
    found = errors(frictionless.validate(copy / "datapackage.json"))
    assert found == [("experiences", "constraint-error")]


def test_a_row_that_cites_an_unknown_experience_breaks_the_foreign_key(
    built, tmp_path: Path
) -> None:
    folder, _ = built
    copy = shutil.copytree(folder, tmp_path / "donnees")
    descriptor = package(copy)
    for resource in descriptor["resources"]:
        del resource["hash"], resource["bytes"]
    (copy / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    links = copy / "experiences-balises.csv"
    links.write_text(links.read_text("utf-8") + "hostile,inconnue,elargir-le-regard,X,\n", "utf-8")
    found = errors(frictionless.validate(copy / "datapackage.json"))
    assert found == [("experiences-balises", "foreign-key")]


def test_field_descriptions_and_constraints_come_from_the_models(built) -> None:
    folder, _ = built
    tables = {r["name"]: r for r in package(folder)["resources"] if r.get("schema")}
    for name, columns in (
        ("experiences", EXPERIENCE_COLUMNS),
        ("experiences-balises", LINK_COLUMNS),
    ):
        fields = {f["name"]: f for f in tables[name]["schema"]["fields"]}
        assert list(fields) == list(columns)
        for column, source in columns.items():
            if isinstance(source, str):
                assert fields[column]["description"] == source
            else:
                model, key = source
                expected = model.model_fields[key].description
                assert expected and fields[column]["description"].startswith(expected)
    experiences = {f["name"]: f for f in tables["experiences"]["schema"]["fields"]}
    assert experiences["type"]["constraints"] == {"required": True, "enum": list(TYPE_LABELS)}
    assert experiences["code_insee"]["constraints"] == {"pattern": "[0-9][0-9AB][0-9]{3}"}
    assert experiences["balises_ids"]["description"].endswith("séparés par une espace.")
    assert tables["experiences"]["schema"]["primaryKey"] == ["territoire_id", "experience_id"]


def test_licence_sources_version_and_date_come_from_the_referentiel(built) -> None:
    folder, index = built
    meta = index.referentiel
    described = package(folder)
    assert described["name"] == "referentiel-vivant"
    assert described["version"] == meta.version
    assert described["created"] == f"{meta.date}T00:00:00Z"
    assert described["licenses"] == [
        {
            "name": "CC-BY-SA-4.0",
            "title": meta.licence_contenu.nom,
            "path": meta.licence_contenu.url,
        }
    ]
    titles = [source["title"] for source in described["sources"]]
    assert titles[0].startswith(index[meta.source].title) and "2019" in titles[0]
    assert titles[1].endswith(ATTRIBUTION)


def test_the_open_data_page_explains_how_to_reuse_and_cite(built) -> None:
    folder, index = built
    html = (folder / "index.html").read_text("utf-8").replace("\u00a0", " ").replace("\u202f", " ")
    assert 'href="datapackage.json"' in html
    assert 'href="experiences-balises.csv"' in html
    assert "schema.data.gouv.fr" in html and "frictionless validate" in html
    assert f"version {index.referentiel.version} du" in html
    assert index.referentiel.licence_contenu.url in html
