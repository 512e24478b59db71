"""Who changed which record, and when: read from git in one single ``git log`` pass.

One call for the whole repository, not one per page (which would cost minutes at a few
thousand pages). Without git, or outside a repository (a tarball), :func:`read_history`
returns None and the site says so instead of failing.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .invisible import strip_invisible

# One commit per record: \x1e starts it, fields are split by \x1f, then the file changes.
_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s%x1f%D"


@dataclass(frozen=True)
class Change:
    """A file added (A), modified (M), deleted (D) or renamed (R) by a commit."""

    status: str
    path: str
    old_path: str | None = None


@dataclass
class Commit:
    sha: str
    date: str  # ISO 8601, e.g. 2026-11-22T03:12:00+00:00
    author: str
    message: str
    tags: list[str]
    changes: list[Change]


@dataclass
class FileHistory:
    """The life of one file: its last change and everyone who changed it."""

    created: str
    updated: str
    contributors: list[str] = field(default_factory=list)


@dataclass
class History:
    """Commits newest first, and the history of every file they touched."""

    commits: list[Commit]
    files: dict[str, FileHistory]

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)


def read_history(root: Path) -> History | None:
    """Parse ``git log`` of ``root``; None if there is no git history to read."""
    try:
        result = subprocess.run(
            [
                "git",
                "log",
                "--no-color",
                "--find-renames",
                "--name-status",
                "--decorate=full",
                f"--format={_FORMAT}",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:  # git is not installed
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    commits = [_commit(block) for block in result.stdout.split("\x1e") if block.strip()]
    return History(commits, _files(commits))


def _commit(block: str) -> Commit:
    header, _, body = block.partition("\n")
    sha, date, author, message, refs = header.split("\x1f")
    tags = [
        r.strip().removeprefix("tag: refs/tags/")
        for r in refs.split(",")
        if r.strip().startswith("tag: ")
    ]
    changes = []
    for line in body.splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            changes.append(Change(parts[0][0], parts[1]))
        elif len(parts) == 3:  # a rename: R095 old new
            changes.append(Change("R", parts[2], parts[1]))
    # Commit text is not validated like a record: what no reader can see is dropped here,
    # once, before it reaches a footer, the Nouveautés page, the feed or a citation.
    author, message = strip_invisible(author), strip_invisible(message)
    tags = [strip_invisible(tag) for tag in tags]
    return Commit(sha, date, author, message, tags, changes)


def _files(commits: list[Commit]) -> dict[str, FileHistory]:
    """Oldest to newest, so that contributors come in order of arrival."""
    files: dict[str, FileHistory] = {}
    contributors: dict[str, list[str]] = defaultdict(list)
    for commit in reversed(commits):
        for change in commit.changes:
            if change.old_path and change.old_path in files:  # a renamed file keeps its past
                files[change.path] = files.pop(change.old_path)
                contributors[change.path] = contributors.pop(change.old_path)
            history = files.setdefault(change.path, FileHistory(commit.date, commit.date))
            history.updated = commit.date
            if commit.author not in contributors[change.path]:
                contributors[change.path].append(commit.author)
            history.contributors = contributors[change.path]
    return files
