"""Who changed which record, and when: read from git in one single ``git log`` pass.

One call for the whole repository, not one per page (which would cost minutes at a few
thousand pages). Without git, or outside a repository (a tarball), :func:`read_history`
returns None and the site says so instead of failing.

Authors are read as git's ``.mailmap`` names them (``%aN``): the repository maps its
maintainers' commit identity to the team's name, so that footers and « Nouveautés » credit
« L'équipe du Référentiel vivant » and every other contributor by the name they commit with.
Each change keeps the blobs (file contents) before and after it, so that what a commit did to
a record can be read back in one more call for all of them (:func:`read_blobs`).
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .invisible import strip_invisible
from .relecture import review_only

# One commit per record: \x1e starts it, fields are split by \x1f, then the file changes.
# %aN: the author's name as .mailmap gives it.
_FORMAT = "%x1e%H%x1f%aI%x1f%aN%x1f%s%x1f%D"
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Change:
    """A file added (A), modified (M), deleted (D) or renamed (R) by a commit, with the blobs
    of its content before (None: added) and after (None: deleted)."""

    status: str
    path: str
    old_path: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None


@dataclass
class Commit:
    sha: str
    date: str  # ISO 8601, e.g. 2026-11-22T03:12:00+00:00
    author: str
    message: str  # never shown to readers: only its pull-request number (« #12 ») is used
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
    _grouped: set[str] | None = field(default=None, init=False, repr=False)

    def of(self, path: str) -> FileHistory | None:
        """A file's history; a territory's counts the changes of its experience files too."""
        return self.files.get(path)

    def experiences_folder(self, path: str) -> str | None:
        """``territoires/loos-en-gohelle`` if ``path`` is a territory's file and experience
        files of its own were ever committed in that folder, else None."""
        if self._grouped is None:
            self._grouped = {t for f in self.files if (t := territory_file(f))}
        return path.removesuffix(".yml") if path in self._grouped else None


def read_history(root: Path, reviews: bool = True) -> History | None:
    """Parse ``git log`` of ``root``; None if there is no git history to read. With
    ``reviews=False``, the changes that only record a review are kept (:func:`_drop_reviews`
    costs a diff of every change of a territory: ``check``, which only follows renames,
    goes without)."""
    try:
        # Started first, it runs on the other core while the history below is read.
        candidates = _reviews(root) if reviews else None
        result = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=false",  # « é » in a path as it is, not "\\303\\251"
                "log",
                "--no-color",
                "--find-renames",
                "--raw",
                "--no-abbrev",
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
        if candidates is not None:
            candidates.communicate()  # not a repository: it stops at once
        return None
    commits = [_commit(block) for block in result.stdout.split("\x1e") if block.strip()]
    if candidates is not None:
        _drop_reviews(root, commits, set(candidates.communicate()[0].split()))
    return History(commits, _files(commits))


def _reviews(root: Path) -> subprocess.Popen[str]:
    """``git log -G``: the commits whose diff of a territory's file adds or removes a line
    that says ``relue`` (the others cannot be a review alone)."""
    return subprocess.Popen(
        ["git", "log", "--format=%H", "--diff-filter=M", "-Grelue", "--", "territoires"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _drop_reviews(root: Path, commits: list[Commit], shas: set[str]) -> None:
    """Leave out of ``commits`` (``shas``: those :func:`_reviews` found) the changes that only
    record a review (``relue:`` lines, :func:`schemas.relecture.review_only`): a review is no
    change of content, so it moves neither « dernière mise à jour » nor « Nouveautés ». Their
    files' blobs are read in one call."""
    changes = [
        (commit, change)
        for commit in commits
        if commit.sha in shas
        for change in commit.changes
        if change.status == "M" and change.old_blob and change.new_blob
    ]
    blobs = read_blobs(root, [b for _, c in changes for b in (c.old_blob, c.new_blob) if b])
    for commit, change in changes:
        old, new = blobs.get(change.old_blob or ""), blobs.get(change.new_blob or "")
        if old is not None and new is not None and review_only(old, new):
            commit.changes.remove(change)


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
        # :100644 100644 <old blob> <new blob> M<TAB>path (R095<TAB>old<TAB>new for a rename)
        meta, *paths = line.split("\t")
        fields = meta.split(" ")
        if not line.startswith(":") or len(fields) != 5 or not paths:
            continue
        old_blob, new_blob = (b if b != _NO_BLOB else None for b in fields[2:4])
        status = fields[4][0]
        if status == "R" and len(paths) == 2:
            changes.append(Change("R", paths[1], paths[0], old_blob, new_blob))
        elif len(paths) == 1:
            changes.append(Change(status, paths[0], None, old_blob, new_blob))
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
        counted: set[str] = set()
        for change in commit.changes:
            if change.old_path and change.old_path in files:  # a renamed file keeps its past
                files[change.path] = files.pop(change.old_path)
                contributors[change.path] = contributors.pop(change.old_path)
            # An experience in its own file is part of its territory: it counts for both.
            paths = (change.path, territory_file(change.path), territory_file(change.old_path))
            counted.update(path for path in paths if path)
        for path in sorted(counted):
            history = files.setdefault(path, FileHistory(commit.date, commit.date))
            history.updated = commit.date
            if commit.author not in contributors[path]:
                contributors[path].append(commit.author)
            history.contributors = contributors[path]
    return files


def territory_file(path: str | None) -> str | None:
    """``territoires/loos-en-gohelle/jardins.yml`` → ``territoires/loos-en-gohelle.yml``: the
    file of the territory an experience file belongs to; None for any other file."""
    parts = (path or "").split("/")
    if len(parts) == 3 and parts[0] == "territoires" and parts[1] and parts[2].endswith(".yml"):
        return f"territoires/{parts[1]}.yml"
    return None


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The content of each blob (a :class:`Change`'s ``old_blob``, ``new_blob``), read in one
    ``git cat-file --batch`` call; a blob git cannot find is left out."""
    wanted = list(dict.fromkeys(b for b in blobs if b))
    if not wanted:
        return {}
    try:
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=root,
            input="".join(f"{b}\n" for b in wanted).encode("ascii"),
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:  # git is not installed
        return {}
    out, found, position = result.stdout, {}, 0
    while position < len(out):  # "<blob> blob <size>\n<content>\n", or "<blob> missing\n"
        end = out.index(b"\n", position)
        header = out[position:end].decode("ascii", "replace").split(" ")
        position = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            found[header[0]] = out[position : position + size]
            position += size + 1
    return found
