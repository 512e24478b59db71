"""References between records, read from the models' ``Ref`` marks: where a record's raw
values name other records (:func:`references`), and what is wrong with a reference
(:func:`check_reference`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from .errors import suggestion
from .fields import Ref, nested_model, shown
from .kinds import KIND_BY_NAME, Kind
from .yamlfile import Path


def references(
    model: type[BaseModel], raw: object, loc: Path = ()
) -> Iterator[tuple[Path, str, str]]:
    """Every id that a record's raw data refers to: ``(location, kind, id)``.

    Works on raw YAML values, guided by the ``Ref`` marks of the model, so that the
    references of an invalid record are checked too (all errors at once). A list of ids may
    also hold blocks whose model marks the id (``balises: [a, {id: b, pourquoi: …}]``): the
    id of a block is located at its ``id`` key (``experiences.0.balises.1.id``).
    """
    if not isinstance(raw, dict):
        return
    for name, ref, inner in _linking_fields(model):
        value = raw.get(name)
        if ref is not None:
            if isinstance(value, str):
                yield (*loc, name), ref.kind, value
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*loc, name, i), ref.kind, item
                    elif inner is not None:  # a block that holds the id: {id: …, pourquoi: …}
                        yield from references(inner, item, (*loc, name, i))
        elif inner is not None and value is not None:
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                where = (*loc, name, i) if isinstance(value, list) else (*loc, name)
                yield from references(inner, item, where)


@cache
def _linking_fields(model: type[BaseModel]) -> list[tuple[str, Ref | None, type[BaseModel] | None]]:
    """The fields of ``model`` that hold references, or records that may: read once per model."""
    found = []
    for name, info in model.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        inner = nested_model(info.annotation)
        if ref or inner:
            found.append((name, ref, inner))
    return found


def check_reference(kinds: dict[str, Kind], kind_name: str, target: str) -> str | None:
    """None if ``target`` is a record of ``kind_name``, else the message that says why not."""
    found = kinds.get(target)
    if kind_name == "*":
        if found:
            return None
        return f"« {shown(target)} » ne correspond à aucune fiche{suggestion(target, kinds)}"
    kind = KIND_BY_NAME[kind_name]
    if found is kind:
        return None
    quoted = shown(target)
    article = "une" if kind.feminine else "un"
    if found is not None:
        return (
            f"« {quoted} » est {'une' if found.feminine else 'un'} {found.label}, "
            f"pas {article} {kind.label}"
        )
    same_kind = [record_id for record_id, k in kinds.items() if k is kind]
    hint = suggestion(target, same_kind) or f" — voir la liste dans {kind.folder}/"
    return f"« {quoted} » n'existe pas parmi les {kind.plural}{hint}"
