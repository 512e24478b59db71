"""The records of one git revision (or of the working tree), as an editor reviews them.

A revision's record folders are read from git in one ``git archive`` call, written into a
temporary folder and loaded by the schemas' own loader (:func:`~schemas.versions.index_of`),
so that whatever the layout of the files (experiences inside a territory's file or in
``territoires/<territoire>/<experience>.yml``), the review sees what the site would show.
Each record becomes a :class:`RawRecord` keyed ``(kind, id)``, as the revision notes compare
them (:func:`hooks.core.revisions.compare`); an experience is a record of its own, keyed
``("experience", "<territoire>/<experience>")``.

>>> etat = lire(root, "main")                                   # doctest: +SKIP
>>> etat.fiches["experience", "malaunay/amap-et-marche"].raw["titre"]    # doctest: +SKIP
'L’AMAP et le marché'
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from schemas.errors import Erreur, ErreursDeValidation
from schemas.history import read_history
from schemas.index import Entry, Index, load_index
from schemas.kinds import KIND_BY_NAME, KINDS, METADATA_FILE
from schemas.permanence import verify
from schemas.versions import RawRecord, archive, index_of

EXPERIENCE = "experience"
REFERENTIEL = "referentiel"  # referentiel/referentiel.yml: title, version, settings
# The folders a contributor's proposal may touch; anything else asks for a technical review.
DOSSIERS_DE_FICHES = tuple(sorted({kind.folder.split("/")[0] + "/" for kind in KINDS}))


class RevisionInconnue(ValueError):
    """A revision git does not know: the message says what to give instead."""


@dataclass
class Etat:
    """One revision's records: ``fiches`` keyed ``(kind, id)``, or the errors that stop it
    from loading (then ``index`` is None and ``fiches`` empty)."""

    nom: str  # as the editor gave it: « main », « HEAD »; empty for the working tree
    index: Index | None
    fiches: dict[tuple[str, str], RawRecord] = field(default_factory=dict)
    erreurs: list[Erreur] = field(default_factory=list)
    lignes: dict[tuple[str, str], int] = field(default_factory=dict)  # where each one starts


def git(root: Path, *args: str) -> str:
    """What ``git args…`` prints in ``root`` (UTF-8, paths unquoted); raises on failure."""
    result = subprocess.run(
        ["git", "-c", "core.quotePath=false", *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        raise RevisionInconnue(result.stderr.strip() or f"git {' '.join(args)} a échoué")
    return result.stdout


def commit_de(root: Path, revision: str) -> str:
    """The commit a revision names (``main``, ``v1.0.0``, ``HEAD~2``, a hash)."""
    if revision.startswith("-"):  # never an option for git
        raise RevisionInconnue(f"révision « {revision} » invalide")
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except RevisionInconnue:
        raise RevisionInconnue(
            f"révision « {revision} » inconnue de git : donnez une branche (main), une étiquette "
            "(v1.0.0) ou un commit (voir git log --oneline)"
        ) from None


def lire(root: Path, revision: str | None) -> Etat:
    """The records at ``revision`` (None: the working tree, uncommitted changes included),
    checked as ``python build.py check`` checks them."""
    if revision is None:
        return _charger("", lambda: load_index(root), root)
    files = archive(root, commit_de(root, revision))
    return _charger(revision, lambda: index_of(files), root)


def _charger(nom: str, load: Callable[[], Index], depot: Path) -> Etat:
    try:
        index = load()
        verify(index, depot, read_history(depot))  # ids published in a version stay
    except ErreursDeValidation as errors:
        return Etat(nom, None, erreurs=errors.erreurs)
    etat = Etat(nom, index)
    meta = index.referentiel.model_dump(mode="json", exclude_defaults=True)
    key = (REFERENTIEL, REFERENTIEL)
    etat.fiches[key] = RawRecord(KIND_BY_NAME["enjeu"], REFERENTIEL, METADATA_FILE, meta)
    etat.lignes[key] = 1
    for entry in index.entries.values():
        _ajouter(etat, entry, index)
    return etat


def _ajouter(etat: Etat, entry: Entry, index: Index) -> None:
    """A record, and each experience of a territory as a record of its own."""
    key = (entry.kind.name, entry.id)
    raw = entry.data.model_dump(mode="json", exclude_defaults=True, exclude={"experiences"})
    etat.fiches[key] = RawRecord(entry.kind, entry.id, entry.path, raw)
    etat.lignes[key] = 1
    for i, experience in enumerate(getattr(entry.data, "experiences", None) or []):
        path, line = _origine(index, entry, i, experience.id)
        values = experience.model_dump(mode="json", exclude_defaults=True)
        values.pop("territoire", None)  # the same as the key's, wherever the file is
        key = (EXPERIENCE, f"{entry.id}/{experience.id}")
        etat.fiches[key] = RawRecord(KIND_BY_NAME["territoire"], experience.id, path, values)
        etat.lignes[key] = line


def _origine(index: Index, entry: Entry, i: int, experience_id: str) -> tuple[str, int]:
    """The file and line an experience is written at (its own file, or its place in its
    territory's file), as the index records it."""
    found = getattr(index, "origines", {}).get((entry.id, experience_id))
    return found or (entry.path, entry.lines.line_of(("experiences", i)))


def fichiers_changes(root: Path, base: str, head: str | None) -> list[tuple[str, str]]:
    """``(status, path)`` of every file that differs from ``base`` to ``head`` (None: the
    working tree, new files not yet added to git included), renames as their new path."""
    args = ["diff", "--name-status", "--find-renames", "--no-color", commit_de(root, base)]
    if head is not None:
        args.append(commit_de(root, head))
    found = []
    for line in git(root, *args).splitlines():
        status, *paths = line.split("\t")
        if paths:
            found.append((status[0], paths[-1]))
    if head is None:
        untracked = git(root, "ls-files", "--others", "--exclude-standard")
        found += [("A", path) for path in untracked.splitlines() if path]
    return sorted(set(found), key=lambda change: change[1])


def hors_des_fiches(changes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The changed files outside the record folders: code, templates, workflows, settings."""
    return [(s, p) for s, p in changes if not p.startswith(DOSSIERS_DE_FICHES)]
