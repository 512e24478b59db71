"""The data contract documents itself: every field has a French description."""

from __future__ import annotations

from pydantic import BaseModel

from schemas.fields import SourceRef, nested_model
from schemas.kinds import KINDS
from schemas.referentiel import Referentiel
from schemas.territoire import Territoire


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
        "code_insee",
        "population",
        "coordonnees",
        "site_web",
        "resume",
        "experiences",
        "sources",
    ]
    experience = nested_model(Territoire.model_fields["experiences"].annotation)
    assert experience is not None
    assert list(experience.model_fields) == [
        "id",
        "titre",
        "periode",
        "resume",
        "balises",
        "modes_de_faire",
        "dispositifs",
        "concepts",
        "sources",
    ]
    required = {n for n, f in Territoire.model_fields.items() if f.is_required()}
    assert required == {"nom", "type", "resume", "experiences"}
