"""Read one record file: bytes → text → plain values → validated model, errors collected."""

from __future__ import annotations

import functools
import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path as FsPath

from pydantic import BaseModel, ValidationError

from .errors import Erreur, from_validation
from .fields import PLACEHOLDER, SLUG_PATTERN, find_placeholder
from .kinds import KINDS, Kind
from .yamlfile import (
    MAX_BYTES,
    Lines,
    Path,
    YamlError,
    decode,
    field_path,
    read_yaml,
    too_big,
)

_SLUG = re.compile(SLUG_PATTERN)


def relative(root: FsPath, path: FsPath) -> str:
    """``territoires/malaunay.yml``: how errors and edit links name a file."""
    base, name = str(root), str(path)
    if name.startswith(base + os.sep):  # the common case, without building a new path
        return FsPath(name[len(base) + 1 :]).as_posix()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def leads_outside(root: FsPath, folder: FsPath) -> bool:
    """Whether ``folder``, once symbolic links are followed, is outside ``root``."""
    inside = _real(str(root))
    real = _real(str(folder))
    return real != inside and not real.startswith(inside.rstrip(os.sep) + os.sep)


@functools.lru_cache(maxsize=1024)
def _real(folder: str) -> str:
    """``os.path.realpath``, asked once per folder and per load: a thousand territory files
    share one folder (see :func:`forget_folders`)."""
    return os.path.realpath(folder)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused, then restored as it was. Reading a thousand
    territories makes a few hundred thousand objects (parser events, values, models) and
    no reference cycle: the collector would walk them again and again for nothing (about a
    tenth of the load). Memory is freed as usual, by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def forget_folders() -> None:
    """Forget the folders resolved so far: a folder may have become a link since."""
    _real.cache_clear()


def check_file_name(path: FsPath) -> str | None:
    """The message for a file name that cannot be a record id, or None."""
    if path.name.startswith(".") and path.suffix.lower() in (".yaml", ".yml"):
        return f"fichier caché « {path.name} » : retirez le point au début du nom"
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
    folder = path.is_dir()
    if leads_outside(root, path if folder else path.parent):
        erreurs.append(Erreur(rel, 1, "", _OUTSIDE))
        return None
    if check_name and not folder and (problem := check_file_name(path)):
        erreurs.append(Erreur(rel, 1, "", problem))
        return None
    try:
        text = decode(read_regular_file(path))
        data, lines = read_yaml(text)
    except YamlError as err:
        erreurs.append(Erreur(rel, err.line, err.field, err.message))
        return None
    except RecursionError:  # pragma: no cover - read_yaml stops at MAX_DEPTH long before
        erreurs.append(Erreur(rel, 1, "", "valeurs trop imbriquées : vérifiez l'indentation"))
        return None
    if not isinstance(data, dict):
        erreurs.append(
            Erreur(rel, 1, "", "le fichier doit contenir des champs « nom: valeur », un par ligne")
        )
        return None
    left = [
        Erreur(rel, lines.line_of(loc), field_path(loc), _PLACEHOLDER_LEFT)
        for loc in (placeholders(data) if _may_hold_placeholder(text) else ())
    ]
    erreurs.extend(left)
    try:
        return Loaded(rel, data, lines, model.model_validate(data))
    except ValidationError as err:
        # where « À compléter » is left, saying so is enough (not also « invalid id »)
        said = {(e.ligne, e.champ) for e in left}
        found = from_validation(err, model, rel, lines)
        erreurs.extend(e for e in found if (e.ligne, e.champ) not in said)
        return Loaded(rel, data, lines, None)


_OUTSIDE = (
    "ce dossier mène hors du dépôt (lien symbolique) : il n'est pas lu ; remplacez le lien par "
    "un vrai dossier"
)
_PLACEHOLDER_LEFT = (
    f"« {PLACEHOLDER} » laissé tel quel : remplacez-le par votre texte (ou retirez le champ "
    "s'il est facultatif)"
)


def read_regular_file(path: FsPath) -> bytes:
    """The bytes of ``path`` if it is a regular file, read without following a link.

    A record folder may hold a symbolic link (git and pull requests carry them): reading it
    would print another file's content (``.git/config``, a system file) into public CI logs,
    so it is refused by name, and so is anything else that is not a plain file.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise YamlError(1, "fichier introuvable : il est obligatoire") from None
    except OSError as err:
        raise YamlError(1, f"fichier illisible ({err.strerror}) : vérifiez ses droits") from None
    if stat.S_ISLNK(info.st_mode):
        raise YamlError(
            1,
            "lien symbolique refusé (il n'est pas lu) : remplacez-le par le fichier lui-même",
        )
    if stat.S_ISDIR(info.st_mode):
        raise YamlError(
            1, "dossier inattendu : placez les fichiers .yml directement dans ce dossier-ci"
        )
    if not stat.S_ISREG(info.st_mode):
        raise YamlError(1, "ce n'est pas un fichier ordinaire : remplacez-le par un fichier .yml")
    if info.st_size > MAX_BYTES:
        raise too_big(info.st_size)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as file:
            return file.read(MAX_BYTES + 1)
    except OSError as err:
        raise YamlError(1, f"fichier illisible ({err.strerror}) : vérifiez ses droits") from None


_COMPLETER = re.compile("compl[ée]ter")


def _may_hold_placeholder(text: str) -> bool:
    """Whether a value read from ``text`` may hold « À compléter »: only if the file has the
    word, or a backslash (an escape, in double quotes, can write it or join two lines). One
    scan of the file instead of one search per value (a thousand territories: 18,000)."""
    return "\\" in text or _COMPLETER.search(text) is not None


def placeholders(raw: object, loc: Path = ()) -> Iterator[Path]:
    """Where the template's « À compléter » is still written, in a file's raw values."""
    if isinstance(raw, str):
        if find_placeholder(raw):
            yield loc
    elif isinstance(raw, dict):
        for key, value in raw.items():
            yield from placeholders(value, (*loc, key))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            yield from placeholders(value, (*loc, i))


# What a record folder may hold besides records; anything else is read, or refused by name.
_NOT_RECORDS = ("README.md", ".gitkeep", ".DS_Store")


def record_files(root: FsPath) -> Iterator[tuple[Kind, FsPath]]:
    """Everything in every kind's folder, in a stable order: files, but also links, folders
    and odd names, which the loader refuses by name rather than skipping in silence.

    A folder that leads out of the repository (through a symbolic link) is yielded itself,
    for the loader to refuse: nothing in it is read.
    """
    for kind in KINDS:
        folder = root / kind.folder
        if folder.is_dir():
            if leads_outside(root, folder) or folder.is_symlink():
                yield kind, folder
                continue
            for entry in _listed(folder):
                if not (kind.folder == EXPERIENCES_FOLDER and _is_experience_folder(entry)):
                    yield kind, FsPath(entry.path)


# ``territoires/<territoire>/<experience>.yml``: an experience in its own file (see
# :mod:`schemas.experience`).
EXPERIENCES_FOLDER = "territoires"


def _is_experience_folder(entry: os.DirEntry[str]) -> bool:
    """A real folder (not a link, not hidden) of ``territoires/``: a territory's experiences.
    A directory entry answers from the listing itself, without asking the disk again."""
    return entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")


def experience_files(root: FsPath) -> Iterator[FsPath]:
    """Everything in the folders of ``territoires/``, in a stable order: experience files,
    and what the loader refuses by name (links, folders, other extensions)."""
    folder = root / EXPERIENCES_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return
    for sub in _listed(folder):
        if _is_experience_folder(sub):
            yield from (FsPath(entry.path) for entry in _listed(FsPath(sub.path)))


def _listed(folder: FsPath) -> list[os.DirEntry[str]]:
    """The entries of ``folder`` by name, but hidden non-YAML files and :data:`_NOT_RECORDS`."""
    with os.scandir(folder) as entries:
        kept = [
            entry
            for entry in entries
            if entry.name not in _NOT_RECORDS
            and not (entry.name.startswith(".") and _suffix(entry.name) not in _YAML)
        ]
    return sorted(kept, key=lambda entry: entry.name)


_YAML = (".yml", ".yaml")


def _suffix(name: str) -> str:
    """A file name's extension in lower case, as :attr:`pathlib.Path.suffix` reads it."""
    return os.path.splitext(name)[1].lower()
