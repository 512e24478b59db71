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
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Generic, Literal, TypeVar, overload

from pydantic import BaseModel

from .balise import Balise
from .chapitre import Chapitre
from .coherence import name_warnings, same_codes
from .concept import Concept, Source
from .enjeu import Enjeu
from .errors import Erreur, ErreursDeValidation
from .experience import (
    ExperienceFichier,
    ExperienceFile,
    check_places,
    load_experience,
    merged,
    origins,
)
from .facts import with_facts
from .fields import find_placeholder, shown
from .kinds import METADATA_FILE, Kind
from .loader import (
    Loaded,
    collector_paused,
    experience_files,
    forget_folders,
    load_record,
    record_files,
)
from .parcours import Parcours
from .pratique import Dispositif, ModeDeFaire
from .references import check_reference, references
from .referentiel import Referentiel
from .territoire import Experience, Territoire
from .yamlfile import Lines, field_path

M = TypeVar("M", bound=BaseModel)


@dataclass(eq=False)
class Entry(Generic[M]):
    """A validated record: ``Entry(balise 'construire-le-recit')``. ``data`` is the record as
    its kind's model reads it: :meth:`Index.of_kind` says which (``Entry[Balise]``…)."""

    kind: Kind
    id: str
    path: str
    data: M
    lines: Lines = field(repr=False)

    def __repr__(self) -> str:
        return f"Entry({self.kind.name} {self.id!r})"

    @property
    def title(self) -> str:
        data = self.data
        return str(_attribute(data, "titre", None) or _attribute(data, "nom", self.id))


# (model, name) → True when a name that is not among a record's fields can be nothing else
# (no property, no method, no extra field): then it is simply missing.
_FIELD_ONLY: dict[tuple[type, str], bool] = {}


def _attribute(data: BaseModel, name: str, default: object) -> object:
    """``getattr(data, name, default)``, without Pydantic's slow path when the model has no
    such field (a territory's « titre »: 2 µs each, asked some 100,000 times a build)."""
    values = vars(data)
    if name in values:  # a field (a property or an extra is never there)
        return values[name]
    model = type(data)
    only = _FIELD_ONLY.get((model, name))
    if only is None:
        extra = getattr(model, "model_config", {}).get("extra") == "allow"
        only = _FIELD_ONLY[(model, name)] = not extra and not hasattr(model, name)
    return default if only else getattr(data, name, default)


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
    entries: dict[str, Entry[Any]]
    backlinks: dict[str, list[Backlink]]
    # (territory, experience) → the file and line where the experience is written: its
    # territory's file, or its own (territoires/<territoire>/<experience>.yml).
    origines: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    # What check prints without failing: a territory's name unlike its code's place.
    avertissements: list[Erreur] = field(default_factory=list)
    _of_kind: dict[str, list[Entry[Any]]] = field(default_factory=dict, init=False, repr=False)

    def __getitem__(self, record_id: str) -> Entry[Any]:
        return self.entries[record_id]

    # One signature per kind, so that ``index.of_kind("balise")[0].data.enjeu`` is typed.
    @overload
    def of_kind(self, kind: Literal["enjeu"]) -> list[Entry[Enjeu]]: ...
    @overload
    def of_kind(self, kind: Literal["balise"]) -> list[Entry[Balise]]: ...
    @overload
    def of_kind(self, kind: Literal["mode_de_faire"]) -> list[Entry[ModeDeFaire]]: ...
    @overload
    def of_kind(self, kind: Literal["dispositif"]) -> list[Entry[Dispositif]]: ...
    @overload
    def of_kind(self, kind: Literal["chapitre"]) -> list[Entry[Chapitre]]: ...
    @overload
    def of_kind(self, kind: Literal["concept"]) -> list[Entry[Concept]]: ...
    @overload
    def of_kind(self, kind: Literal["source"]) -> list[Entry[Source]]: ...
    @overload
    def of_kind(self, kind: Literal["parcours"]) -> list[Entry[Parcours]]: ...
    @overload
    def of_kind(self, kind: Literal["territoire"]) -> list[Entry[Territoire]]: ...
    @overload
    def of_kind(self, kind: str) -> list[Entry[Any]]: ...
    def of_kind(self, kind: str) -> list[Entry[Any]]:
        """Records of one kind in reading order (enjeu, then number, then title): sorted
        once per kind, as pages ask for them once per territory (quadratic otherwise)."""
        if kind not in self._of_kind:
            found = [e for e in self.entries.values() if e.kind.name == kind]
            self._of_kind[kind] = sorted(found, key=self._order)
        return list(self._of_kind[kind])  # a copy: the caller may change its list

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


def load_index(root: FsPath) -> Index:
    """Load, validate and cross-link every record under ``root``; raise all errors at once."""
    forget_folders()
    with collector_paused():
        return _load_index(root)


def _load_index(root: FsPath) -> Index:
    erreurs: list[Erreur] = []
    loaded: dict[str, tuple[Kind, Loaded]] = {}
    meta = load_record(root, root / METADATA_FILE, Referentiel, erreurs, check_name=False)
    for kind, path in record_files(root):
        record = load_record(root, path, kind.model, erreurs)
        if record is None:
            continue
        if path.stem in loaded:
            other = loaded[path.stem][1].path
            erreurs.append(
                Erreur(
                    record.path,
                    1,
                    "",
                    f"identifiant « {path.stem} » déjà pris "
                    f"par {other} : renommez l'un des deux fichiers",
                )
            )
            continue
        loaded[path.stem] = (kind, record)
    files = [f for p in experience_files(root) if (f := load_experience(root, p, erreurs))]
    kinds = {record_id: kind for record_id, (kind, _) in loaded.items()}
    checked = [(kind.model, record) for kind, record in loaded.values()]
    if meta is not None:
        checked.append((Referentiel, meta))
    checked += [(ExperienceFichier, f.record) for f in files]
    for model, record in checked:
        for loc, kind_name, target in references(model, record.raw):
            problem = check_reference(kinds, kind_name, target)
            if problem and not find_placeholder(target):  # « À compléter » has its error
                line = record.lines.line_of(loc)
                erreurs.append(Erreur(record.path, line, field_path(loc), problem))
        erreurs += _check_experience_ids(record)
        if isinstance(record.data, Territoire):
            erreurs += _fill_facts(record)
    territories = {i: record for i, (kind, record) in loaded.items() if kind.name == "territoire"}
    erreurs += [*check_places(files, territories), *same_codes(territories)]
    if erreurs:
        raise ErreursDeValidation(erreurs)
    assert meta is not None and isinstance(meta.data, Referentiel)
    entries = {
        record_id: Entry(kind, record_id, record.path, record.data, record.lines)
        for record_id, (kind, record) in loaded.items()
        if record.data is not None
    }
    origines: dict[tuple[str, str], tuple[str, int]] = {}
    by_territory: dict[str, list[ExperienceFile]] = defaultdict(list)
    for f in files:
        by_territory[f.territoire].append(f)
    for territory_id, record in territories.items():
        own = by_territory.get(territory_id, [])
        entries[territory_id].data = merged(entries[territory_id].data, own)
        origines |= origins(territory_id, record, own)
    backlinks = _backlinks(entries)
    erreurs = [e for entry in entries.values() for e in _check_examples(entry, backlinks)]
    if erreurs:
        raise ErreursDeValidation(erreurs)
    warnings = list(name_warnings(territories))
    return Index(root, meta.data, entries, backlinks, origines, warnings)


def _backlinks(entries: dict[str, Entry]) -> dict[str, list[Backlink]]:
    """For each record, who refers to it (and from which experience)."""
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    for entry in entries.values():
        for loc, _, target in references(type(entry.data), entry.data.model_dump()):
            experience = None
            if loc[0] == "experiences" and isinstance(loc[1], int):
                experience = entry.data.experiences[loc[1]]
            backlinks[target].append(Backlink(entry, field_path(loc), experience))
    return dict(backlinks)


def _check_examples(entry: Entry, backlinks: dict[str, list[Backlink]]) -> list[Erreur]:
    """A record's ``exemples`` name territories with an experience that cites the record."""
    citing = {b.entry.id for b in backlinks.get(entry.id, []) if b.experience is not None}
    erreurs = []
    for i, territory in enumerate(getattr(entry.data, "exemples", [])):
        if territory not in citing:
            erreurs.append(
                Erreur(
                    entry.path,
                    entry.lines.line_of(("exemples", i)),
                    field_path(("exemples", i)),
                    f"aucune expérience de « {territory} » ne cite cette fiche : choisissez un "
                    f"territoire parmi ceux qui l'illustrent, ou citez-la dans territoires/"
                    f"{territory}.yml",
                )
            )
    return erreurs


def _fill_facts(record: Loaded) -> list[Erreur]:
    """Département(s), population and position from the territory's codes (INSEE, SIREN,
    communes, départements)."""
    assert isinstance(record.data, Territoire)
    record.data, problems = with_facts(record.data)
    return [
        Erreur(record.path, record.lines.line_of(where), field_path(where), message)
        for where, message in problems
    ]


def _check_experience_ids(record: Loaded) -> list[Erreur]:
    """Experience ids are anchors on the territory page: each must be unique in its file."""
    seen: dict[str, int] = {}
    erreurs = []
    experiences = record.raw.get("experiences")
    for i, experience in enumerate(experiences if isinstance(experiences, list) else []):
        experience_id = experience.get("id") if isinstance(experience, dict) else None
        if not isinstance(experience_id, str):
            continue
        line = record.lines.line_of(("experiences", i, "id"))
        if experience_id in seen:
            erreurs.append(
                Erreur(
                    record.path,
                    line,
                    "experiences.id",
                    f"identifiant « {shown(experience_id)} » déjà utilisé ligne "
                    f"{seen[experience_id]} : choisissez-en un autre",
                )
            )
        seen.setdefault(experience_id, line)
    return erreurs
