"""The contributors' reference of every field, read from the Pydantic models themselves.

The descriptions, types, allowed values and examples on the "Référence des champs" page
come from ``schemas/``, so the page can never drift from what ``check`` accepts.

>>> from schemas.territoire import Territoire
>>> [f for f in document(Territoire)[0].fields if f.name == "type"][0].allowed[:3]
['commune', 'intercommunalite', 'metropole']
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import REFERENCE_PAGE, reference_page
from schemas import fields as f
from schemas.experience import ExperienceFichier
from schemas.kinds import KIND_BY_NAME
from schemas.referentiel import Referentiel

# The blocks nested in a record, as the page names them: a title, and the field that holds
# them (None: more than one field, e.g. the two licences). A block missing here is shown by its
# model's name, which the spelling check of tests/test_finished.py then reports.
BLOCKS = {
    "Experience": ("Une expérience", "experiences"),
    "ExperienceFichier": ("Une expérience dans son propre fichier", None),
    "Coordonnees": ("Des coordonnées", "coordonnees"),
    "SourceRef": ("Une source citée", "sources"),
    "Etape": ("Une étape", "etapes"),
    "BaliseCitee": ("Une balise justifiée", "balises"),
    "Retrait": ("Un retrait", "retrait"),
    "Licence": ("Une licence", None),
    "Contact": ("Le contact", "contact"),
}


def block_title(name: str) -> str:
    """The heading of a block's table, and how a type names the block.

    >>> block_title("Coordonnees"), block_title("Inconnu")
    ('Des coordonnées', 'Inconnu')
    """
    return BLOCKS.get(name, (name, None))[0]


_VALIDATED = {
    f.check_plain_text: "texte simple",
    f.check_markdown: "texte Markdown",
    f.check_slug: "identifiant",
    f.check_url: "adresse web",
    f.check_pages: "pages",
}


@dataclass(frozen=True)
class FieldDoc:
    """One line of the reference: ``FieldDoc('nom', 'texte simple', required=True, …)``."""

    name: str
    type: str
    required: bool
    allowed: list[str]
    example: str
    description: str


@dataclass(frozen=True)
class ModelDoc:
    """The fields of one model (a record kind, or a block inside one)."""

    name: str
    fields: list[FieldDoc]


def document(model: type[BaseModel]) -> list[ModelDoc]:
    """``model`` and every block nested in it, each with its fields."""
    docs, todo, seen = [], [model], set()
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        fields = [_field(name, info) for name, info in current.model_fields.items()]
        docs.append(ModelDoc(current.__name__, fields))
        todo += [
            m for info in current.model_fields.values() if (m := f.nested_model(info.annotation))
        ]
    return docs


def _field(name: str, info: FieldInfo) -> FieldDoc:
    examples = info.examples or (
        []
        if info.is_required() or info.get_default(call_default_factory=True) in (None, [])
        else [info.default]
    )
    return FieldDoc(
        name=name,
        type=type_label(info.annotation, info.metadata),
        required=info.is_required(),
        allowed=[str(v) for v in _literal_values(info.annotation)],
        example=json.dumps(examples[0], ensure_ascii=False) if examples else "",
        description=info.description or "",
    )


def type_label(annotation: object, metadata: typing.Sequence[object] = ()) -> str:
    """A type in words: ``list[Slug]`` marked ``Ref('balise')`` → ``liste d'identifiants…``."""
    ref = next((m for m in metadata if isinstance(m, f.Ref)), None)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if ref is not None:
        kind = "fiche" if ref.kind == "*" else KIND_BY_NAME[ref.kind].label
        single = f"identifiant {'d’' if kind[0] in 'aeiou' else 'de '}{kind}"
        if origin is list and (block := f.nested_model(annotation)):  # ids or justified blocks
            return f"liste d'identifiants ({kind}) ou de blocs « {block_title(block.__name__)} »"
        return f"liste d'identifiants ({kind})" if origin is list else single
    if origin is typing.Annotated:
        validators = [getattr(m, "func", None) for m in args[1:]]
        label = next((_VALIDATED[v] for v in validators if v in _VALIDATED), None)
        return _with_limit(label, args[1:]) if label else type_label(args[0], args[1:])
    if origin in (typing.Union, _UnionType):
        return type_label(next(a for a in args if a is not type(None)), metadata)
    if origin is list:
        return f"liste ({type_label(args[0])})"
    if origin is typing.Literal:
        return "une valeur de la liste"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"bloc « {block_title(annotation.__name__)} »"
    validators = [getattr(m, "func", None) for m in metadata]
    label = next((_VALIDATED[v] for v in validators if v in _VALIDATED), None)
    if label:
        return _with_limit(label, metadata)
    return {int: "nombre entier", float: "nombre décimal", str: "texte"}.get(
        annotation, str(annotation)
    )  # type: ignore[call-overload]


def _with_limit(label: str, metadata: typing.Sequence[object]) -> str:
    """``texte simple, 150 caractères au plus`` (ids and addresses: their form says enough)."""
    limit = max_length(metadata)
    if not limit or label in ("identifiant", "pages"):
        return label
    return f"{label}, {f.thousands(limit)} caractères au plus"


def max_length(metadata: typing.Sequence[object]) -> int | None:
    """The ``max_length`` set by ``Field(max_length=…)`` inside an ``Annotated`` type.

    >>> max_length(typing.get_args(f.Titre)[1:])
    150
    """
    for item in metadata:
        for constraint in getattr(item, "metadata", [item]):
            if isinstance(limit := getattr(constraint, "max_length", None), int):
                return limit
    return None


def _literal_values(annotation: object) -> tuple[object, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        if values := _literal_values(arg):
            return values
    return ()


_UnionType = type(int | None)


# The field reference: an index page, then a page per kind (territories first: the kind
# contributors write), so that no page holds every table at once.
REFERENCE_ORDER = (
    "territoire",
    "enjeu",
    "balise",
    "mode_de_faire",
    "dispositif",
    "chapitre",
    "concept",
    "source",
    "parcours",
)


def _own_files(kind: str) -> list[ModelDoc]:
    """A territory's page also documents an experience in its own file
    (``territoires/<territoire>/<experience>.yml``): its fields, ``territoire`` first."""
    return document(ExperienceFichier)[:1] if kind == "territoire" else []


def reference_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The index of the field reference, then a page per kind, made from the models (where each
    field's description is written), so without « Modifier cette page »."""
    sections = [
        (
            KIND_BY_NAME[k].label.capitalize(),
            KIND_BY_NAME[k].folder,
            reference_page(k.replace("_", "-")),
            document(KIND_BY_NAME[k].model) + _own_files(k),
        )
        for k in REFERENCE_ORDER
    ]
    sections.append(
        (
            "Métadonnées du référentiel",
            "referentiel",
            reference_page("referentiel"),
            document(Referentiel),
        )
    )
    index_page = render("contribuer/reference.md.j2", sections=sections)
    return [
        GeneratedPage(REFERENCE_PAGE, index_page, "schemas/"),
        *(
            GeneratedPage(
                page,
                render(
                    "contribuer/reference-fiche.md.j2",
                    title=title,
                    folder=folder,
                    docs=docs,
                    blocks=BLOCKS,
                ),
                "schemas/",
            )
            for title, folder, page, docs in sections
        ),
    ]
