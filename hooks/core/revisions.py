"""Revision notes: what each version changed, record by record and field by field.

Between two versions (two tags, or the last tag and the work in progress), a record is
added, removed, renamed (its new file lists the old id in ``anciens_ids``), withdrawn
(``retrait`` appears) or modified; a modification lists each field that changed, named in
French (:mod:`hooks.core.field_changes`), with its old and new wording as a word-level diff for
text, and the commits that made it: their date, author and the pull-request number when the
message gives one (« #12 »). A commit message itself is never shown: it is written for the
developers, often in English.

Fields are compared as text by :mod:`hooks.core.field_changes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hooks.core.field_changes import FieldChange, field_changes
from schemas.history import Commit, History
from schemas.invisible import strip_invisible
from schemas.versions import RawRecord, TaggedVersion

_PR = re.compile(r"#(\d+)\b")
IN_PROGRESS = "en-cours"  # the folder of the working version's notes


@dataclass(frozen=True)
class CommitRef:
    """A commit that changed a record, as a reader may see it: when, by whom, and the number of
    its pull request (« #12 » in its message), if any."""

    sha: str
    date: str
    author: str
    pr: str | None = None


@dataclass
class Revision:
    """What a version did to one record."""

    kind: str  # the kind's name
    id: str
    title: str
    status: str  # ajout, suppression, renommage, retrait, modification
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    commits: list[CommitRef] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.id}".replace("_", "-")


@dataclass
class VersionNotes:
    """The revision notes of a version: from ``previous`` (None: the first) to ``version``."""

    name: str  # « 1.1.0 », or « 1.2.0 (en cours) »
    slug: str  # its folder under versions/
    date: str  # a tag: the date referentiel.yml gives it; in progress: its last record change
    previous: str | None
    revisions: list[Revision]

    @property
    def in_progress(self) -> bool:
        """The working version: the records as they are, not yet tagged."""
        return self.slug == IN_PROGRESS

    @property
    def title(self) -> str:
        """``version 1.1.0``, ``version 1.2.0 en préparation``, or, while ``referentiel.yml``
        still gives the last tag's number, ``prochaine version (après la 1.1.0)``."""
        number = self.name.removesuffix(" (en cours)")
        if not self.in_progress:
            return f"version {number}"
        return (
            f"version {number} en préparation"
            if number != self.previous
            else (f"prochaine version (après la {self.previous})")
        )

    def count(self, status: str) -> int:
        return len(self.of_status(status))

    def of_status(self, status: str) -> list[Revision]:
        return [r for r in self.revisions if r.status == status]


def _title(record: RawRecord) -> str:
    value = record.raw.get("titre") or record.raw.get("nom") or record.id
    return strip_invisible(str(value))


def commits_between(history: History | None, since: str | None, until: str | None) -> list[Commit]:
    """Commits after ``since`` (a commit hash, excluded) up to ``until`` (included; None: the
    newest), newest first."""
    if history is None:
        return []
    found, started = [], until is None
    for commit in history.commits:  # newest first
        if commit.sha == since:
            break
        if commit.sha == until:
            started = True
        if started:
            found.append(commit)
    return found


def _commits_by_path(commits: list[Commit]) -> dict[str, list[CommitRef]]:
    """Path → the commits that touched it (as :class:`CommitRef`), newest first: one pass."""
    found: dict[str, list[CommitRef]] = {}
    for commit in commits:
        pr = _PR.search(commit.message)
        ref = CommitRef(commit.sha, commit.date, commit.author, pr.group(1) if pr else None)
        for change in commit.changes:
            for path in {change.path, change.old_path} - {None}:
                refs = found.setdefault(str(path), [])
                if not refs or refs[-1] is not ref:
                    refs.append(ref)
    return found


def _commits_of(by_path: dict[str, list[CommitRef]], paths: set[str]) -> list[CommitRef]:
    """The commits that touched any of ``paths``, newest first, each once."""
    found = {ref.sha: ref for path in paths for ref in by_path.get(path, [])}
    return sorted(found.values(), key=lambda ref: ref.date, reverse=True)


def compare(
    old: dict[tuple[str, str], RawRecord],
    new: dict[tuple[str, str], RawRecord],
    commits: list[Commit],
    moved: dict[tuple[str, str], tuple[str, str]] | None = None,
) -> list[Revision]:
    """What changed from ``old`` to ``new`` (records of two versions), record by record;
    ``moved``: old key → new key of the records git saw renamed, declared or not."""
    renamed = {o: n for o, n in (moved or {}).items() if o in old and o not in new and n in new}
    by_path = _commits_by_path(commits)
    for key, record in new.items():
        for former in record.raw.get("anciens_ids") or []:
            if (key[0], former) in old and (key[0], former) not in new:
                renamed[key[0], former] = key
    formerly = {n: o for o, n in renamed.items()}
    revisions = []
    for key, record in sorted(new.items()):
        before_key = formerly.get(key, key)
        before = old.get(before_key)
        paths = record.paths | (before.paths if before else set())
        if before is None:
            revision = Revision(key[0], key[1], _title(record), "ajout")
        else:
            changes = field_changes(before.raw, record.raw)
            status = "modification"
            if before_key != key:
                status = "renommage"
            elif record.raw.get("retrait") and not before.raw.get("retrait"):
                status = "retrait"
            elif not changes:
                continue
            revision = Revision(key[0], key[1], _title(record), status, None, changes)
            if before_key != key:
                revision.old_id = before_key[1]
        revision.commits = _commits_of(by_path, paths)
        revisions.append(revision)
    for key, record in sorted(old.items()):
        if key not in new and key not in renamed:
            revision = Revision(key[0], key[1], _title(record), "suppression")
            revision.commits = _commits_of(by_path, record.paths)
            revisions.append(revision)
    return revisions


def notes(
    versions: list[TaggedVersion],
    snapshots: list[dict[tuple[str, str], RawRecord]],
    history: History | None,
    in_progress: tuple[str, dict[tuple[str, str], RawRecord]] | None,
) -> list[VersionNotes]:
    """The notes of every version, newest first; ``snapshots`` are the records of each of
    ``versions`` (same order, oldest first); ``in_progress`` the working tree's, if it
    differs from the last version."""
    found = []
    previous: TaggedVersion | None = None
    for version, snapshot in zip(versions, snapshots, strict=True):
        before = snapshots[versions.index(previous)] if previous else {}
        commits = commits_between(history, previous.sha if previous else None, version.sha)
        found.append(
            VersionNotes(
                version.version,
                version_slug(version.version),
                version.version_date,
                previous.version if previous else None,
                compare(before, snapshot, commits),
            )
        )
        previous = version
    if in_progress is not None:
        name, snapshot = in_progress
        before = snapshots[-1] if snapshots else {}
        commits = commits_between(history, previous.sha if previous else None, None)
        revisions = compare(before, snapshot, commits)
        if revisions:
            # Its date: the last commit that changed one of its records (none: not committed).
            dates = [ref.date for r in revisions for ref in r.commits]
            found.append(
                VersionNotes(
                    f"{name} (en cours)",
                    IN_PROGRESS,
                    max(dates)[:10] if dates else "",
                    previous.version if previous else None,
                    revisions,
                )
            )
    return list(reversed(found))


def version_slug(version: str) -> str:
    """``1.0.0`` → ``1.0.0``: a version's folder under ``versions/`` (its number as it is,
    digits and dots only, which the schema guarantees)."""
    return re.sub(r"[^0-9.]", "-", version)
