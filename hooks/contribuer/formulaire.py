"""The fields of « Proposer une expérience » and what the browser checks them against, all
read from the models: each field's help is its Pydantic description, its required mark and
length limit come from the model's JSON Schema, the lists of ids are choices grouped by enjeu
(:func:`choices`), and :func:`form_schema` is the exported schema of a territory plus what a
form needs (ids that exist, plain-text rules, addresses).

>>> [f.name for f in TERRITORY_FIELDS][:4]
['nom', 'type', 'code_insee', 'siren']
>>> FormField("titre", "Titre", "texte", Experience).max_length
150
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from schemas.fields import SLUG_PATTERN, SourceRef, thousands
from schemas.index import Entry, Index
from schemas.jsonschema import schema_text
from schemas.territoire import Experience, Territoire

# What a form's pattern checks, as the validators of schemas/fields.py do (Python and
# JavaScript read these the same way, ``u`` flag in JavaScript).
PLAIN_PATTERN = r"^(?=.*\S)(?!.*&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)[^<>\x00-\x1f\x7f]*$"
MARKDOWN_PATTERN = r"\S"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"

# The message of a value that breaks its pattern, by widget; the others (too long, missing,
# not a number…) are written by proposer.js from the schema's numbers. Each is one sentence
# that also follows the field's name in the list of errors (« Site web : une adresse… »): no
# other « : », no proper noun first, nothing the label says already.
PATTERN_MESSAGES = {
    "texte": "Du texte sur une ligne, sans les signes < et >.",
    "id": "Lettres minuscules sans accent, chiffres et tirets simples, "
    "par exemple « amap-et-marche ».",
    "insee": "5 chiffres (en Corse, 2A ou 2B puis 3 chiffres), par exemple 76402.",
    "siren": "9 chiffres, par exemple 200066041.",
    "departement": "Son numéro, par exemple 76, 01, 2A ou 971.",
    "lien": "Une adresse comme www.malaunay.fr, sans espace.",
    "nombre": "Un nombre entier, en chiffres.",
    "long": "",
}
# Those of a field whose widget's message says too little (each number its own example).
FIELD_MESSAGES = {
    "population": "Un nombre d'habitants en chiffres, par exemple 2 449.",
    "population_annee": "Une année en chiffres, par exemple 2021.",
}


@dataclass(frozen=True)
class FormField:
    """A field of the form: its key in the file, a short label, how it is entered (``texte``,
    ``long`` for Markdown, ``id``, ``insee``, ``siren``, ``departement``, ``nombre``,
    ``lien``, ``type``) and the model that describes it."""

    name: str
    label: str
    widget: str
    model: type[BaseModel]
    plain: str = ""  # the form's help in plain words, when the model's speaks to developers

    @property
    def description(self) -> str:
        return self.model.model_fields[self.name].description or ""

    @property
    def required(self) -> bool:
        return self.model.model_fields[self.name].is_required()

    @property
    def max_length(self) -> int | None:
        return _properties(self.model)[self.name].get("maxLength")

    @property
    def help(self) -> str:
        """The description, and the length limit: « Titre de l'expérience (texte simple).
        150 caractères au plus. »"""
        limit = self.max_length
        help_text = self.plain or self.description
        return help_text + (f" {thousands(limit)} caractères au plus." if limit else "")

    @property
    def limits(self) -> tuple[int | None, int | None]:
        """A number's smallest and largest values: ``(0, 100000000)``."""
        found = _properties(self.model)[self.name]
        return found.get("minimum"), found.get("maximum")

    @property
    def message(self) -> str:
        return FIELD_MESSAGES.get(self.name) or PATTERN_MESSAGES.get(self.widget, "")


TERRITORY_FIELDS = (
    FormField("nom", "Nom du territoire", "texte", Territoire),
    FormField("type", "Type de territoire", "type", Territoire),
    FormField(
        "code_insee",
        "Code INSEE de la commune (5 caractères)",
        "insee",
        Territoire,
        "Le code de la commune à l'INSEE, différent du code postal : par exemple 76402 pour "
        "Malaunay. Le site en tire le département, la population et la position.",
    ),
    FormField(
        "siren",
        "Numéro SIREN de l'intercommunalité (9 chiffres)",
        "siren",
        Territoire,
        "Pour une communauté de communes, une agglomération ou une métropole : par exemple "
        "200066041. Le site en tire le département, la population et la position.",
    ),
    FormField(
        "site_web", "Site web", "lien", Territoire, "Son adresse, par exemple www.malaunay.fr."
    ),
    FormField(
        "resume",
        "Présentation du territoire",
        "long",
        Territoire,
        "Le territoire et sa démarche, en quelques phrases.",
    ),
)
# The kinds of territory each code field is shown for (proposer.js hides it for the others:
# a pays, a parc, a département has neither, and may give its département below).
CODE_TYPES = {"code_insee": ("commune",), "siren": ("intercommunalite", "metropole")}
# Only when the territory has neither a code INSEE nor a SIREN (a parc, a pays, abroad).
WITHOUT_CODE_FIELDS = (
    FormField(
        "departement", "Département", "departement", Territoire, "Son numéro : 76, 01, 2A, 971."
    ),
    FormField("population", "Population", "nombre", Territoire, "Nombre d'habitants : 2 449."),
    FormField(
        "population_annee",
        "Année de la population",
        "nombre",
        Territoire,
        "L'année de ce nombre d'habitants, par exemple 2021.",
    ),
)
EXPERIENCE_FIELDS = (
    FormField(
        "titre",
        "Titre de l'expérience",
        "texte",
        Experience,
        "Son titre, par exemple « L'AMAP et le marché ».",
    ),
    FormField("periode", "Période", "texte", Experience),
    FormField(
        "resume",
        "Ce qui a été fait",
        "long",
        Experience,
        "Ce qui a été fait, par qui, ce que cela a changé.",
    ),
)
# Folded under « Options avancées »: derived from the title, rarely changed.
ADVANCED_FIELDS = (
    FormField(
        "id",
        "Nom court de l'expérience",
        "id",
        Experience,
        "Tiré du titre, il termine l'adresse de l'expérience sur le site (…/#amap-et-marche) et "
        "ne change plus une fois publié. Lettres minuscules sans accent, chiffres et tirets.",
    ),
)
SOURCE_FIELDS = (
    FormField("titre", "Titre du document", "texte", SourceRef),
    FormField("url", "Adresse web du document", "lien", SourceRef),
    FormField(
        "pages", "Pages", "texte", SourceRef, "Pages citées, par exemple « 32 » ou « 18-19 »."
    ),
)
# The experience's lists of ids, offered as choices grouped by enjeu.
CHOICES = (
    ("balises", "balise", "Balises"),
    ("modes_de_faire", "mode_de_faire", "Modes de faire"),
    ("dispositifs", "dispositif", "Dispositifs"),
)


@dataclass(frozen=True)
class Choices:
    """The records of a list field, by enjeu: ``Choices('balises', 'Balises', …)``."""

    field: str
    label: str
    groups: tuple[tuple[Entry, tuple[Entry, ...]], ...]

    @property
    def description(self) -> str:
        """The model's description up to its first « : » (what may follow says how to write
        the list in YAML, which the form does itself)."""
        text = Experience.model_fields[self.field].description or ""
        head, colon, _ = text.partition(" : ")
        return (head + "." if colon else text).replace(" (identifiants)", "")

    @property
    def required(self) -> bool:
        return "minItems" in _properties(Experience)[self.field]


def choices(index: Index) -> list[Choices]:
    """Balises, modes de faire and dispositifs, each grouped under its enjeu."""
    enjeux = index.of_kind("enjeu")
    return [
        Choices(
            field,
            label,
            tuple(
                (enjeu, group)
                for enjeu in enjeux
                if (group := tuple(e for e in index.of_kind(kind) if e.data.enjeu == enjeu.id))
            ),
        )
        for field, kind, label in CHOICES
    ]


@cache
def _properties(model: type[BaseModel]) -> dict[str, dict[str, Any]]:
    """The JSON Schema of each field of ``model``, ``null`` left out."""
    return _without_null(model.model_json_schema())["properties"]


def field_order() -> dict[str, list[str]]:
    """The order of the fields in a file, the model's: ``{"territoire": ["nom", …], …}``;
    an experience in its own file starts with its territory and has no ``id`` (its file
    name)."""
    return {
        "territoire": list(Territoire.model_fields),
        "experience": list(Experience.model_fields),
        "fichier_experience": ["territoire", *(f for f in Experience.model_fields if f != "id")],
        "source": list(SourceRef.model_fields),
    }


def form_schema(index: Index) -> dict[str, Any]:
    """The JSON Schema of a territory (as exported), with what the form checks beyond it:
    ids as slugs and among those that exist, plain texts and Markdown not empty, addresses;
    ``null`` left out (the form leaves an empty field out of the file)."""
    schema = _without_null(json.loads(schema_text("territoire", Territoire)))
    schema["$id"] = "territoire.schema.json"
    root, defs = schema["properties"], schema["$defs"]
    experience, source = defs["Experience"]["properties"], defs["SourceRef"]["properties"]

    def ids(kind: str) -> list[str]:
        return [e.id for e in index.of_kind(kind)]

    experience["id"]["pattern"] = SLUG_PATTERN
    for field, kind in (*((f, k) for f, k, _ in CHOICES), ("concepts", "concept")):
        if field == "balises":  # an id, or {id, pourquoi}: the form writes both (issue 16)
            known = {"type": "string", "pattern": SLUG_PATTERN, "enum": ids(kind)}
            why = {"type": "string", "maxLength": 300, "pattern": PLAIN_PATTERN}
            justified = {
                "type": "object",
                "properties": {"id": known, "pourquoi": why},
                "required": ["id"],
                "additionalProperties": False,
            }
            experience[field]["items"] = {"anyOf": [known, justified]}
        else:
            experience[field]["items"].update(pattern=SLUG_PATTERN, enum=ids(kind))
        experience[field]["uniqueItems"] = True
    source["source"].update(pattern=SLUG_PATTERN, enum=ids("source"))
    for props, name in ((root, "nom"), (experience, "titre"), (experience, "periode")):
        props[name]["pattern"] = PLAIN_PATTERN
    source["titre"]["pattern"] = PLAIN_PATTERN
    for props in (root, experience):
        props["resume"]["pattern"] = MARKDOWN_PATTERN
    for props, name in ((root, "site_web"), (source, "url")):
        props[name]["pattern"] = URL_PATTERN
    defs["SourceRef"]["anyOf"] = [{"required": ["source"]}, {"required": ["titre"]}]
    return schema


def _without_null(node: Any) -> Any:
    """``{"anyOf": [{"type": "string", …}, {"type": "null"}], …}`` → ``{"type": "string", …}``."""
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _without_null(value) for key, value in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        kept = [o for o in options if o != {"type": "null"}]
        node.pop("anyOf")
        if node.get("default") is None:
            node.pop("default", None)
        node = {**kept[0], **node} if len(kept) == 1 else {**node, "anyOf": kept}
    return node
