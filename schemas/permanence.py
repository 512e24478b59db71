"""Ids are forever: a record id published in a version (a git tag) may not silently vanish.

A record that disappears must be declared: renamed (its new file lists the old id in
``anciens_ids``; the old address then redirects) or withdrawn (the file stays, with
``retrait``). ``check`` and ``build`` refuse anything else, naming the version that
published the id and, when git saw a rename, the file it became.

Git is read once per tag (``git ls-tree`` lists a version's record files), never once per
record. Without git, or without a tag, there is nothing to compare with.

>>> published = {"v1.0": {("balises", "construire-le-recit")}}
>>> [e.message[:60] for e in missing_ids(index, published, {})]     # doctest: +SKIP
['« construire-le-recit » (balise) existait dans la version v1.0']
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .errors import Erreur, ErreursDeValidation
from .fields import shown
from .history import History
from .index import Index
from .kinds import KINDS
from .versions import run_git, tags

FOLDERS = {kind.folder: kind for kind in KINDS}


def published_ids(root: Path) -> dict[str, set[tuple[str, str]]]:
    """Tag → the ``(folder, id)`` of every record file it holds; one ``git ls-tree`` per tag."""
    found: dict[str, set[tuple[str, str]]] = {}
    for tag, sha, _ in tags(root):
        out = run_git(root, "ls-tree", "-r", "--name-only", sha, "--", *FOLDERS)
        records = set()
        for path in (out or b"").decode("utf-8", "replace").splitlines():
            folder, _, name = path.rpartition("/")
            if folder in FOLDERS and name.endswith(".yml"):
                records.add((folder, name.removesuffix(".yml")))
        found[tag] = records
    return found


def renamed_to(history: History | None, path: str) -> str | None:
    """Where git saw ``path`` go, following renames from the oldest commit; None if it did not."""
    if history is None:
        return None
    current, moved = path, False
    for commit in reversed(history.commits):  # oldest first
        for change in commit.changes:
            if change.status == "R" and change.old_path == current:
                current, moved = change.path, True
    return current if moved else None


def missing_ids(
    index: Index, published: dict[str, set[tuple[str, str]]], history: History | None
) -> list[Erreur]:
    """An error for each id a version published that no record holds or declares."""
    declared: set[tuple[str, str]] = set()
    for entry in index.entries.values():
        declared.add((entry.kind.folder, entry.id))
        declared.update((entry.kind.folder, old) for old in getattr(entry.data, "anciens_ids", []))
    first_seen: dict[tuple[str, str], str] = {}
    for tag, records in published.items():  # oldest first
        for record in records:
            first_seen.setdefault(record, tag)
    erreurs = []
    paths = {entry.path for entry in index.entries.values()}
    for (folder, record_id), tag in sorted(first_seen.items()):
        if (folder, record_id) in declared:
            continue
        kind = FOLDERS[folder]
        path = f"{folder}/{record_id}.yml"
        now = renamed_to(history, path)
        if now in paths:  # the file git saw it become is still there
            hint = (
                f"git l'a vue renommée en {now} : ajoutez « anciens_ids: [{record_id}] » à ce "
                "fichier"
            )
        else:
            ids = [e.id for e in index.of_kind(kind.name)]
            close = difflib.get_close_matches(record_id, ids, n=1, cutoff=0.6)
            maybe = f" (peut-être {folder}/{close[0]}.yml)" if close else ""
            hint = (
                f"si elle a été renommée, ajoutez « anciens_ids: [{record_id}] » à sa nouvelle "
                f"fiche{maybe} ; si elle est retirée, remettez le fichier avec « retrait: "
                "{version: …, motif: …} »"
            )
        erreurs.append(
            Erreur(
                path,
                1,
                "",
                f"« {shown(record_id)} » ({kind.label}) existait dans la version {tag} et a "
                f"disparu : {hint}",
            )
        )
    return erreurs


def conflicting_ids(index: Index) -> list[Erreur]:
    """A former id claimed twice, or still the id of a record of the same kind."""
    erreurs = []
    claimed: dict[tuple[str, str], str] = {}
    for entry in index.entries.values():
        for i, old in enumerate(getattr(entry.data, "anciens_ids", [])):
            key = (entry.kind.folder, old)
            line = entry.lines.line_of(("anciens_ids", i))
            where = f"anciens_ids[{i}]"
            if old in index.entries and index[old].kind is entry.kind:
                message = f"« {shown(old)} » est l'identifiant d'une fiche existante : {old}.yml"
                erreurs.append(Erreur(entry.path, line, where, message))
            elif key in claimed:
                message = f"« {shown(old)} » est déjà l'ancien identifiant de {claimed[key]}"
                erreurs.append(Erreur(entry.path, line, where, message))
            claimed.setdefault(key, entry.path)
    return erreurs


def check_permanence(index: Index, root: Path, history: History | None) -> list[Erreur]:
    """Every problem with ids across versions (none without git or without tags)."""
    return conflicting_ids(index) + missing_ids(index, published_ids(root), history)


def verify(index: Index, root: Path, history: History | None) -> None:
    """Raise :class:`~schemas.errors.ErreursDeValidation` if :func:`check_permanence` finds
    anything: ``check`` and ``build`` both call it after :func:`~schemas.index.load_index`."""
    erreurs = check_permanence(index, root, history)
    if erreurs:
        raise ErreursDeValidation(erreurs)
