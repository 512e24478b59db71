"""Collect, then resolve: every record loaded and checked into one :class:`Index`.

``load_index(root)`` reads every YAML file of the repository, validates it, checks that
each id is unique and that every reference points to an existing record of the right
kind, and computes the backlinks (which experiences cite this balise?). It reports all
errors at once by raising :class:`~schemas.errors.ErreursDeValidation`.
Presentation code only reads the index; it never opens a YAML file.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from pydantic import BaseModel

from .errors import Erreur, ErreursDeValidation, suggestion
from .fields import Ref
from .kinds import KIND_BY_NAME, KINDS, METADATA_FILE, Kind
from .loader import load_record
from .referentiel import Referentiel
from .territoire import Experience
from .yamlfile import Lines, Path


@dataclass(eq=False)
class Entry:
    """A validated record: ``Entry(balise 'construire-le-recit')``."""

    kind: Kind
    id: str
    path: str
    data: BaseModel
    lines: Lines = field(repr=False)

    def __repr__(self) -> str:
        return f"Entry({self.kind.name} {self.id!r})"

    @property
    def title(self) -> str:
        return str(getattr(self.data, "titre", None) or getattr(self.data, "nom", self.id))


@dataclass(frozen=True)
class Backlink:
    """``entry`` (or one of its experiences) refers to a record through ``field``."""

    entry: Entry
    field: str
    experience: Experience | None = None


@dataclass
class Index:
    """Every record of the référentiel, by id, with references resolved both ways."""

    root: FsPath
    referentiel: Referentiel
    entries: dict[str, Entry]
    backlinks: dict[str, list[Backlink]]

    def __getitem__(self, record_id: str) -> Entry:
        return self.entries[record_id]

    def of_kind(self, kind: str) -> list[Entry]:
        """Records of one kind in reading order (enjeu, then number, then title)."""
        found = [e for e in self.entries.values() if e.kind.name == kind]
        return sorted(found, key=self._order)

    def cited_by(self, record_id: str, kind: str | None = None) -> list[Backlink]:
        """Records (or experiences) that refer to ``record_id``, optionally of one kind."""
        links = self.backlinks.get(record_id, [])
        return [b for b in links if kind is None or b.entry.kind.name == kind]

    def _order(self, entry: Entry) -> tuple[int, int, str]:
        enjeu = getattr(entry.data, "enjeu", None)
        enjeu_number = self.entries[enjeu].data.numero if enjeu in self.entries else 0
        return (enjeu_number, getattr(entry.data, "numero", 0), sort_key(entry.title))


def sort_key(text: str) -> str:
    """Alphabetical order as a French reader expects it: « Écosystème » next to « Eau »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def record_files(root: FsPath) -> Iterator[tuple[Kind, FsPath]]:
    """Every file of every kind's folder, in a stable order."""
    for kind in KINDS:
        folder = root / kind.folder
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file() and not path.name.startswith((".", "_", "README")):
                    yield kind, path


def load_index(root: FsPath) -> Index:
    """Load, validate and cross-link every record under ``root``; raise all errors at once."""
    erreurs: list[Erreur] = []
    entries: dict[str, Entry] = {}
    meta = load_record(root, root / METADATA_FILE, Referentiel, erreurs, check_name=False)
    for kind, path in record_files(root):
        loaded = load_record(root, path, kind.model, erreurs)
        if loaded is None:
            continue
        data, lines, rel = loaded
        if path.stem in entries:
            other = entries[path.stem]
            erreurs.append(Erreur(rel, 1, "", f"identifiant « {path.stem} » déjà pris par "
                                  f"{other.path} : renommez l'un des deux fichiers"))
            continue
        entries[path.stem] = Entry(kind, path.stem, rel, data, lines)
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    for entry in entries.values():
        erreurs += _check_experience_ids(entry)
        for loc, kind_name, target, experience in references(entry.data):
            problem = _check_reference(entries, kind_name, target)
            if problem:
                erreurs.append(Erreur(entry.path, entry.lines.line_of(loc), _name(loc), problem))
            else:
                backlinks[target].append(Backlink(entry, _name(loc), experience))
    if meta is not None:
        for loc, kind_name, target, _ in references(meta[0]):
            problem = _check_reference(entries, kind_name, target)
            if problem:
                erreurs.append(Erreur(meta[2], meta[1].line_of(loc), _name(loc), problem))
    if erreurs:
        raise ErreursDeValidation(erreurs)
    assert meta is not None
    return Index(root, meta[0], entries, dict(backlinks))  # type: ignore[arg-type]


def references(
    model: BaseModel, loc: Path = (), experience: Experience | None = None
) -> Iterator[tuple[Path, str, str, Experience | None]]:
    """Every id a record refers to: ``(location, kind, id, experience or None)``."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        if ref is not None:
            targets = value if isinstance(value, list) else [value]
            for i, target in enumerate(targets):
                if target is not None:
                    where = (*loc, name, i) if isinstance(value, list) else (*loc, name)
                    yield where, ref.kind, target, experience
        elif isinstance(value, BaseModel):
            yield from references(value, (*loc, name), experience)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    inner = item if isinstance(item, Experience) else experience
                    yield from references(item, (*loc, name, i), inner)


def _name(loc: Path) -> str:
    return ".".join(str(p) for p in loc if isinstance(p, str))


def _check_reference(entries: dict[str, Entry], kind_name: str, target: str) -> str | None:
    """None if ``target`` is a record of ``kind_name``, else the message that says why not."""
    kind = KIND_BY_NAME[kind_name]
    found = entries.get(target)
    if found is not None and found.kind is kind:
        return None
    article = "une" if kind.feminine else "un"
    if found is not None:
        return (f"« {target} » est {'une' if found.kind.feminine else 'un'} {found.kind.label}, "
                f"pas {article} {kind.label}")
    same_kind = [e.id for e in entries.values() if e.kind is kind]
    hint = suggestion(target, same_kind) or f" — voir la liste dans {kind.folder}/"
    return f"« {target} » n'existe pas parmi les {kind.plural}{hint}"


def _check_experience_ids(entry: Entry) -> list[Erreur]:
    """Experience ids are anchors on the territory page: each must be unique in its file."""
    seen: dict[str, int] = {}
    erreurs = []
    for i, experience in enumerate(getattr(entry.data, "experiences", [])):
        line = entry.lines.line_of(("experiences", i, "id"))
        if experience.id in seen:
            erreurs.append(Erreur(entry.path, line, "experiences.id",
                                  f"identifiant « {experience.id} » déjà utilisé ligne "
                                  f"{seen[experience.id]} : choisissez-en un autre"))
        seen.setdefault(experience.id, line)
    return erreurs
