"""Revision notes: what each version changed, record by record and field by field.

Between two versions (two tags, or the last tag and the work in progress), a record is
added, removed, renamed (its new file lists the old id in ``anciens_ids``), withdrawn
(``retrait`` appears) or modified; a modification lists each field that changed with its
old and new wording, as a word-level diff for text, and the commits that made it (their
message, and the pull-request number when the message gives one, « #12 »).

Contributor text stays text: every word of a diff is HTML-escaped before ``<del>`` and
``<ins>`` are put around it.

>>> word_diff("les habitants du quartier", "les habitants de la ville")
Markup('les habitants <del>du quartier</del> <ins>de la ville</ins>')
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

import yaml
from markupsafe import Markup

from schemas.history import Commit, History
from schemas.invisible import strip_invisible
from schemas.versions import RawRecord, TaggedVersion

_PR = re.compile(r"#(\d+)\b")


@dataclass(frozen=True)
class FieldChange:
    """One field of a record: its path (``experiences[jardin].resume``), old and new text."""

    path: str
    old: str
    new: str

    @property
    def diff(self) -> Markup:
        return word_diff(self.old, self.new)


@dataclass
class Revision:
    """What a version did to one record."""

    kind: str  # the kind's name
    id: str
    title: str
    status: str  # ajout, suppression, renommage, retrait, modification
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    commits: list[tuple[str, str, str | None]] = field(default_factory=list)  # sha, message, PR

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.id}".replace("_", "-")


@dataclass
class VersionNotes:
    """The revision notes of a version: from ``previous`` (None: the first) to ``version``."""

    name: str  # « 1.1.0 », or « 1.2.0 (en cours) »
    slug: str  # its folder under versions/
    date: str
    previous: str | None
    revisions: list[Revision]

    def count(self, status: str) -> int:
        return sum(1 for r in self.revisions if r.status == status)


def word_diff(old: str, new: str) -> Markup:
    """``old`` → ``new`` word by word: removed words in ``<del>``, added ones in ``<ins>``."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(html.escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return Markup(" ".join(parts))


def _text(value: object) -> str:
    """A field's value as one line of text: a string as it is, a list of ids joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value)
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000).strip()


def _fields(raw: dict, prefix: str = "") -> dict[str, str]:
    """Every field of a record as text, lists of identified items (experiences, steps) item
    by item: ``experiences[jardin].resume``."""
    found = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if (
            isinstance(value, list)
            and value
            and all(
                isinstance(v, dict) and isinstance(v.get("id") or v.get("fiche"), str)
                for v in value
            )
        ):
            for item in value:
                found.update(_fields(item, f"{name}[{item.get('id') or item.get('fiche')}]."))
        else:
            found[name] = _text(value)
    return found


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """The fields whose text differs between two versions of a record, in the new order."""
    before, after = _fields(old), _fields(new)
    names = list(after) + [n for n in before if n not in after]
    return [
        FieldChange(n, before.get(n, ""), after.get(n, ""))
        for n in names
        if before.get(n, "") != after.get(n, "") and not n.startswith("anciens_ids")
    ]


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


def _commits_of(commits: list[Commit], paths: set[str]) -> list[tuple[str, str, str | None]]:
    found = []
    for commit in commits:
        if any(c.path in paths or c.old_path in paths for c in commit.changes):
            pr = _PR.search(commit.message)
            found.append((commit.sha[:7], commit.message, pr.group(1) if pr else None))
    return found


def compare(
    old: dict[tuple[str, str], RawRecord],
    new: dict[tuple[str, str], RawRecord],
    commits: list[Commit],
) -> list[Revision]:
    """What changed from ``old`` to ``new`` (records of two versions), record by record."""
    renamed: dict[tuple[str, str], tuple[str, str]] = {}
    for key, record in new.items():
        for former in record.raw.get("anciens_ids") or []:
            if (key[0], former) in old and (key[0], former) not in new:
                renamed[key[0], former] = key
    revisions = []
    for key, record in sorted(new.items()):
        before_key = next((o for o, n in renamed.items() if n == key), key)
        before = old.get(before_key)
        paths = {record.path} | ({before.path} if before else set())
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
        revision.commits = _commits_of(commits, paths)
        revisions.append(revision)
    for key, record in sorted(old.items()):
        if key not in new and key not in renamed:
            revision = Revision(key[0], key[1], _title(record), "suppression")
            revision.commits = _commits_of(commits, {record.path})
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
            found.append(
                VersionNotes(
                    f"{name} (en cours)",
                    "en-cours",
                    "",
                    previous.version if previous else None,
                    revisions,
                )
            )
    return list(reversed(found))


def version_slug(version: str) -> str:
    """``1.0.0`` → ``1.0.0``: a version's folder under ``versions/`` (its number as it is,
    digits and dots only, which the schema guarantees)."""
    return re.sub(r"[^0-9.]", "-", version)
