"""Published versions: git tags, and the records each one held, read from git in one call per
tag (``git archive``), never one per record.

A version is a tag plus what ``referentiel.yml`` said at that tag (version and date). The
records of a version are read as raw YAML values (not validated against today's models,
which may have grown since): enough to compare two versions field by field
(:mod:`hooks.core.revisions`), and to rebuild a version's exports from its own records.

>>> [v.tag for v in published(root)]                       # doctest: +SKIP
['v0.1.0', 'v1.0.0']
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .index import Index, load_index
from .kinds import KIND_BY_NAME, KINDS, METADATA_FILE, Kind
from .yamlfile import NULLS, YamlError, decode, read_yaml

FOLDERS = {kind.folder: kind for kind in KINDS}
TERRITOIRE = KIND_BY_NAME["territoire"]


@dataclass(frozen=True)
class TaggedVersion:
    """A tag: its name, commit, date, and the version and date ``referentiel.yml`` gave."""

    tag: str
    sha: str
    date: str  # of the commit, ISO 8601
    version: str
    version_date: str


@dataclass(frozen=True)
class RawRecord:
    """A record file of a version, as written: its kind, id, path and YAML values."""

    kind: Kind
    id: str
    path: str
    raw: dict
    # A territory's own experience files (``territoires/<id>/<experience>.yml``), folded in.
    files: tuple[str, ...] = ()

    @property
    def paths(self) -> set[str]:
        """Every file it is written in: a commit touching one of them changed the record."""
        return {self.path, *self.files}


Records = dict[tuple[str, str], RawRecord]


def run_git(root: Path, *args: str) -> bytes | None:
    """What ``git args…`` prints in ``root``; None without git or if it fails."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:  # git is not installed
        return None
    return result.stdout if result.returncode == 0 else None


def tags(root: Path) -> list[tuple[str, str, str]]:
    """``(tag, commit, date)`` of every tag, oldest first (by the date of what it names)."""
    out = run_git(
        root,
        "for-each-ref",
        "--sort=creatordate",
        "--format=%(refname:short)%09%(*objectname)%(objectname)%09%(creatordate:iso-strict)",
        "refs/tags",
    )
    found = []
    for line in (out or b"").decode("utf-8", "replace").splitlines():
        tag, sha, date = line.split("\t")
        found.append((tag, sha[:40], date))  # annotated tags: the commit's hash first
    return found


def archive(root: Path, ref: str) -> dict[str, bytes]:
    """Every file of the record folders and ``referentiel.yml`` at ``ref``: one ``git archive``."""
    folders = sorted({f.split("/")[0] for f in FOLDERS})
    out = run_git(root, "archive", "--format=tar", ref, "--", *folders)
    if out is None:
        return {}
    files = {}
    with tarfile.open(fileobj=io.BytesIO(out)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                extracted = tar.extractfile(member)
                if extracted is not None:
                    files[member.name] = extracted.read()
    return files


# An alias (``*name``) after a space or a flow indicator: a file that may hold one is read by
# read_yaml, which refuses aliases, never by PyYAML alone (a « billion laughs » would expand
# when compared). Markdown emphasis matches too: those files just take the careful path.
_MAYBE_ALIAS = re.compile(rb"(?:^|[\s\[{,:-])\*")
_QUICK_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _read(content: bytes, quick: bool) -> object:
    """A file's YAML values, as :func:`~schemas.yamlfile.read_yaml` reads them (every scalar a
    string); ``quick``: with PyYAML's C parser and without read_yaml's checks of every character
    and line, for files git already holds (they were checked when committed), five times faster
    for the hundreds of blobs « Nouveautés » compares."""
    if quick and (b"*" not in content or not _MAYBE_ALIAS.search(content)):
        try:
            return _nulls(yaml.load(content.decode("utf-8-sig"), Loader=_QUICK_LOADER))
        except (UnicodeDecodeError, yaml.YAMLError):
            pass  # read_yaml says why, and refuses it too
    return read_yaml(decode(content))[0]


def _nulls(value: object) -> object:
    """``null``, ``~`` and empty values as None, as read_yaml gives them."""
    if isinstance(value, dict):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return None if isinstance(value, str) and value in NULLS else value


def records(files: dict[str, bytes], quick: bool = False, partial: bool = False) -> Records:
    """``(kind name, id)`` → the record of each readable YAML file of an :func:`archive`
    (``quick``: see :func:`_read`). An experience file, ``territoires/<t>/<e>.yml``, is folded
    into its territory's record as the index does (:func:`_fold`), so that moving an experience
    into its own file changes nothing; ``partial``: ``files`` hold only some files (a day of
    « Nouveautés »), an experience file without its territory's file gives a territory record
    that holds its experiences alone."""
    found = {}
    own: dict[str, list[tuple[str, dict]]] = {}  # territory id → (path, experience)
    for path, content in files.items():
        folder, _, name = path.rpartition("/")
        kind, territory = FOLDERS.get(folder), experience_folder(folder)
        if (kind is None and territory is None) or not name.endswith(".yml"):
            continue
        try:
            raw = _read(content, quick)
        except YamlError:
            continue  # a version with a broken file: that record is not compared
        if not isinstance(raw, dict):
            continue
        record_id = name.removesuffix(".yml")
        if territory is not None:
            own.setdefault(territory, []).append((path, _experience(record_id, raw)))
        elif kind is not None:
            found[kind.name, record_id] = RawRecord(kind, record_id, path, raw)
    for territory, experiences in own.items():
        key = (TERRITOIRE.name, territory)
        if key in found or partial:
            found[key] = _fold(found.get(key), territory, experiences)
    return found


def experience_folder(folder: str) -> str | None:
    """``territoires/loos-en-gohelle`` → ``loos-en-gohelle``: the territory whose experience
    files a folder holds; None for any other folder."""
    parent, _, territory = folder.rpartition("/")
    return territory if parent == TERRITOIRE.folder and territory else None


def _experience(record_id: str, raw: dict) -> dict:
    """An experience file's values as the experience would be written inside its territory's
    file: its id (the file name) first, without ``territoire``."""
    return {"id": record_id, **{k: v for k, v in raw.items() if k not in ("id", "territoire")}}


def _fold(
    record: RawRecord | None, territory: str, experiences: list[tuple[str, dict]]
) -> RawRecord:
    """A territory's record with its own files' experiences after its inline ones, by file
    name (the order of its page); without its file (``partial``), those experiences alone."""
    experiences = sorted(experiences, key=lambda pair: pair[1]["id"])
    raw = dict(record.raw) if record else {}
    inline = raw.get("experiences")
    raw["experiences"] = [
        *(inline if isinstance(inline, list) else []),
        *(e for _, e in experiences),
    ]
    path = record.path if record else f"{TERRITOIRE.folder}/{territory}.yml"
    return RawRecord(TERRITOIRE, territory, path, raw, tuple(p for p, _ in experiences))


def both_sides(
    old_files: dict[str, bytes], new_files: dict[str, bytes], touched: set[str]
) -> tuple[Records, Records]:
    """The records of some files before and after a change (« Nouveautés »: a day's changed
    files; ``touched``: their paths, before and after). A territory whose experience files
    changed but not its own file is compared from those experiences alone, on both sides (an
    experience added to it, not the territory); if its file changed too, it is compared as read,
    or left out when its file is not given (a territory added, told from the index)."""
    old, new = records(old_files, True, True), records(new_files, True, True)
    for side, files in ((old, old_files), (new, new_files)):
        for key, record in list(side.items()):
            if record.path in files:
                continue
            if record.path in touched:
                side.pop(key)
            else:
                stub = RawRecord(record.kind, record.id, record.path, {})
                old.setdefault(key, stub)
                new.setdefault(key, stub)
    return old, new


def working_tree(root: Path) -> dict[str, bytes]:
    """The same files as :func:`archive`, from the working tree (the version in progress)."""
    files = {}
    for folder in {f.split("/")[0] for f in FOLDERS}:
        for path in sorted((root / folder).rglob("*.yml")):
            if path.is_file() and not path.is_symlink():
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def published(root: Path) -> list[TaggedVersion]:
    """Every tag, oldest first, with what its ``referentiel.yml`` says."""
    found = []
    for tag, sha, date in tags(root):
        meta = run_git(root, "show", f"{tag}:{METADATA_FILE}")
        version, version_date = tag.removeprefix("v"), date[:10]
        if meta:
            try:
                raw, _ = read_yaml(decode(meta))
                if isinstance(raw, dict):
                    version = str(raw.get("version") or version)
                    version_date = str(raw.get("date") or version_date)
            except YamlError:
                pass
        found.append(TaggedVersion(tag, sha, date, version, version_date))
    return found


def index_of(files: dict[str, bytes]) -> Index:
    """The index of a version's files (an :func:`archive`), checked by today's models: they
    are written into a temporary folder, which is gone when this returns.

    Raises :class:`~schemas.errors.ErreursDeValidation` if they no longer pass."""
    with tempfile.TemporaryDirectory(prefix="rv-version-") as folder:
        for path, content in files.items():
            target = Path(folder) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return load_index(Path(folder))
