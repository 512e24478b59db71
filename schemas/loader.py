"""Read one record file: bytes → text → plain values → validated model, errors collected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path as FsPath

from pydantic import BaseModel, ValidationError

from .errors import Erreur, from_validation
from .fields import SLUG_PATTERN
from .yamlfile import Lines, YamlError, decode, read_yaml

_SLUG = re.compile(SLUG_PATTERN)


def relative(root: FsPath, path: FsPath) -> str:
    """``territoires/malaunay.yml``: how errors and edit links name a file."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_file_name(path: FsPath) -> str | None:
    """The message for a file name that cannot be a record id, or None."""
    if path.suffix != ".yml":
        if path.suffix.lower() in (".yaml", ".yml"):
            return f"extension « {path.suffix} » : renommez le fichier en {path.stem}.yml"
        return "seuls les fichiers .yml sont lus ici : déplacez ou renommez ce fichier"
    if not _SLUG.match(path.stem):
        return (
            f"nom de fichier « {path.name} » invalide : l'identifiant est le nom du fichier, en "
            "minuscules sans accent, avec des tirets, par exemple « le-mene.yml »"
        )
    return None


@dataclass
class Loaded:
    """A file read as YAML: its raw values and lines, and its model if it is valid."""

    path: str
    raw: dict[str, object]
    lines: Lines
    data: BaseModel | None


def load_record(
    root: FsPath,
    path: FsPath,
    model: type[BaseModel],
    erreurs: list[Erreur],
    *,
    check_name: bool = True,
) -> Loaded | None:
    """Read and validate ``path``, appending problems to ``erreurs``.

    Returns None if the file cannot even be read as YAML; otherwise a :class:`Loaded`
    whose ``data`` is None when validation failed (its references can still be checked).
    """
    rel = relative(root, path)
    if check_name and (problem := check_file_name(path)):
        erreurs.append(Erreur(rel, 1, "", problem))
        return None
    try:
        text = decode(path.read_bytes(), rel)
        data, lines = read_yaml(text, rel)
    except FileNotFoundError:
        erreurs.append(Erreur(rel, 1, "", "fichier introuvable : il est obligatoire"))
        return None
    except YamlError as err:
        erreurs.append(Erreur(rel, err.line, err.field, err.message))
        return None
    if not isinstance(data, dict):
        erreurs.append(
            Erreur(rel, 1, "", "le fichier doit contenir des champs « nom: valeur », un par ligne")
        )
        return None
    try:
        return Loaded(rel, data, lines, model.model_validate(data))
    except ValidationError as err:
        erreurs.extend(from_validation(err, model, rel, lines))
        return Loaded(rel, data, lines, None)
