"""Errors that name the file, the line, the field, and what to write instead.

>>> str(Erreur("territoires/malaunay.yml", 12, "balises", "« recit » n'existe pas"))
"territoires/malaunay.yml:12: balises: « recit » n'existe pas"
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .fields import nested_model, one_line, shown, thousands
from .yamlfile import Lines, Path, field_path


@dataclass(frozen=True, order=True)
class Erreur:
    """One problem in one file, at one line."""

    fichier: str
    ligne: int
    champ: str
    message: str

    def __str__(self) -> str:
        champ = f" {self.champ}:" if self.champ else ""
        # one error, one line, whatever was quoted
        return f"{self.fichier}:{self.ligne}:{champ} {one_line(self.message)}"


MAX_PER_FILE = 50


class ErreursDeValidation(Exception):
    """Raised with every error found, so that contributors fix them all in one go.

    A file with thousands of errors (one pasted by mistake) shows its first
    :data:`MAX_PER_FILE` and a line saying how many more: the report stays readable and
    the other files' errors stay visible.
    """

    def __init__(self, erreurs: Iterable[Erreur]) -> None:
        self.total = 0
        self.erreurs: list[Erreur] = []
        by_file: dict[str, list[Erreur]] = {}
        for erreur in sorted(erreurs):
            by_file.setdefault(erreur.fichier, []).append(erreur)
        for fichier, found in by_file.items():
            self.total += len(found)
            self.erreurs += found[:MAX_PER_FILE]
            if len(found) > MAX_PER_FILE:
                rest = len(found) - MAX_PER_FILE
                self.erreurs.append(
                    Erreur(
                        fichier,
                        found[MAX_PER_FILE].ligne,
                        "",
                        f"… et {rest} autre{'s' * (rest > 1)} erreur{'s' * (rest > 1)} dans ce "
                        "fichier, non affichées : corrigez d'abord celles-ci",
                    )
                )
        super().__init__(self.rapport())

    def rapport(self) -> str:
        lignes = [str(e) for e in self.erreurs]
        fichiers = len({e.fichier for e in self.erreurs})
        n = self.total
        lignes.append(f"{n} erreur{'s' * (n > 1)} dans {fichiers} fichier{'s' * (fichiers > 1)}.")
        return "\n".join(lignes)


def suggestion(value: str, choices: Iterable[str]) -> str:
    """`` — vouliez-vous dire « x » ?`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" — vouliez-vous dire « {close[0]} » ?" if close else ""


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (to list its fields or values)."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        inner = nested_model(field.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _allowed_values(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The values of a ``Literal`` field, for enum errors."""
    holder = _model_at(model, [p for p in loc[:-1]])
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    field = holder.model_fields.get(name) if holder else None
    if field is None:
        return []
    annotation = field.annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return [str(v) for v in typing.get_args(annotation)]


def _message(error: ErrorDetails, model: type[BaseModel]) -> str:
    """French text for one Pydantic error, with the fix."""
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx", {})
    raw = error.get("input")
    value = shown(raw)
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"champ obligatoire manquant : ajoutez « {name}: … »"
    if kind == "extra_forbidden":
        holder = _model_at(model, loc[:-1])
        known = list(holder.model_fields) if holder else []
        hint = suggestion(name, known) or f" — champs possibles : {', '.join(known)}"
        return f"champ inconnu « {name} »{hint}"
    if kind == "literal_error":
        allowed = _allowed_values(model, loc)
        return (
            f"valeur « {value} » non reconnue{suggestion(value, allowed)} — "
            f"valeurs possibles : {', '.join(allowed)}"
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"« {value} » n'est pas un nombre entier : écrivez-le en chiffres, sans espace"
    if kind == "int_parsing_size":
        return f"« {value} » est bien trop grand : écrivez un nombre raisonnable, en chiffres"
    if kind == "finite_number":
        return f"« {value} » n'est pas un nombre fini : écrivez par exemple 49.52"
    if kind in ("float_parsing", "float_type"):
        return f"« {value} » n'est pas un nombre : écrivez par exemple 49.52 (point décimal)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"« {value} » est trop petit : minimum {_number(ctx.get('ge', ctx.get('gt')))}"
    if kind in ("less_than_equal", "less_than"):
        return f"« {value} » est trop grand : maximum {_number(ctx.get('le', ctx.get('lt')))}"
    if kind == "too_short":
        return "liste vide : indiquez au moins un élément, par exemple « - identifiant »"
    if kind == "list_type":
        return "une liste est attendue : [a, b] ou un élément par ligne précédé de « - »"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "un bloc de champs (nom: valeur) est attendu ici"
    if kind == "string_type":
        return "un texte est attendu ici, pas une liste ni un bloc"
    if kind == "string_too_long":
        length = len(raw) if isinstance(raw, str) else 0
        return (
            f"texte trop long : {thousands(length)} caractères, "
            f"{thousands(ctx['max_length'])} au plus "
            "— raccourcissez-le"
        )
    if kind == "too_long":
        return (
            f"liste trop longue : {thousands(ctx.get('actual_length', 0))} éléments, "
            f"{thousands(ctx['max_length'])} au plus"
        )
    if kind == "string_pattern_mismatch":
        return f"« {value} » n'a pas la forme attendue ({_FORMATS.get(name, ctx.get('pattern'))})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"]  # our own PydanticCustomError messages are already in French


def _number(value: object) -> str:
    """``90.0`` → ``90``: bounds as a reader writes them."""
    return f"{value:g}" if isinstance(value, float) else str(value)


_FORMATS = {
    "pays": "deux lettres majuscules, par exemple FR",
    "departement": 'numéro en texte, par exemple "76", "01" ou "2A"',
    "code_insee": '5 caractères, par exemple "76402"',
    "couleur": 'couleur hexadécimale, par exemple "#b5452f"',
    "version": 'par exemple "0.1.0"',
    "date": 'AAAA-MM-JJ, par exemple "2026-11-22"',
}


def from_validation(
    error: ValidationError, model: type[BaseModel], fichier: str, lines: Lines
) -> list[Erreur]:
    """Turn a Pydantic ``ValidationError`` into located French errors."""
    erreurs = []
    for details in error.errors(include_url=False):
        loc: Path = tuple(details["loc"])
        erreurs.append(
            Erreur(fichier, lines.line_of(loc), field_path(loc), _message(details, model))
        )
    return erreurs
