"""The data contract documents itself: every field has a French description."""

from __future__ import annotations

from pydantic import BaseModel

from schemas.fields import SourceRef, nested_model
from schemas.jsonschema import FOLDER, models, schema_line, schema_text
from schemas.kinds import KINDS, METADATA_FILE
from schemas.referentiel import Referentiel
from schemas.territoire import Territoire

from .depot import ROOT


def all_models() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    todo = [k.model for k in KINDS] + [Referentiel, SourceRef]
    while todo:
        model = todo.pop()
        if model in found:
            continue
        found.add(model)
        todo += [m for f in model.model_fields.values() if (m := nested_model(f.annotation))]
    return found


def test_every_field_has_a_french_description() -> None:
    missing = [
        f"{model.__name__}.{name}"
        for model in all_models()
        for name, field in model.model_fields.items()
        if not field.description or len(field.description) < 10
    ]
    assert missing == []
    assert len(all_models()) >= 12


def test_descriptions_reach_the_json_schema() -> None:
    schema = Territoire.model_json_schema()
    assert schema["properties"]["nom"]["description"].startswith("Nom du territoire")
    assert schema["additionalProperties"] is False
    experience = schema["$defs"]["Experience"]
    assert experience["properties"]["balises"]["description"].startswith("Balises")


def test_contributors_contract_field_names() -> None:
    assert list(Territoire.model_fields) == [
        "nom",
        "type",
        "pays",
        "departement",
        "departements",
        "code_insee",
        "siren",
        "communes",
        "population",
        "population_annee",
        "coordonnees",
        "site_web",
        "resume",
        "experiences",
        "sources",
        "anciens_ids",
        "retrait",
    ]
    experience = nested_model(Territoire.model_fields["experiences"].annotation)
    assert experience is not None
    assert list(experience.model_fields) == [
        "id",
        "titre",
        "periode",
        "decrite",
        "relue",
        "resume",
        "balises",
        "modes_de_faire",
        "dispositifs",
        "concepts",
        "sources",
    ]
    required = {n for n, f in Territoire.model_fields.items() if f.is_required()}
    # experiences: optional here, since each may have its own file (one in all: the index)
    assert required == {"nom", "type", "resume"}


def test_exported_json_schemas_are_up_to_date() -> None:
    for name, model in models().items():
        path = FOLDER / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schema_text(name, model), (
            f"{path.name} est périmé : lancez python build.py schemas"
        )


def test_every_record_names_its_json_schema_on_its_first_line() -> None:
    names = {kind.folder: kind.name for kind in KINDS}
    records = [(p, names[k]) for k in names for p in (ROOT / k).glob("*.yml")]
    records.append((ROOT / METADATA_FILE, "referentiel"))
    assert len(records) > 100
    for path, name in records:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_line(path, ROOT, name), path
        target = first.split("$schema=")[1]
        assert (path.parent / target).resolve().is_file(), path
