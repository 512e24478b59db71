"""The published versions, read once per build: every tag's revision notes, its frozen
exports, for each record the versions that changed it, and the recent changes day by day for
« Nouveautés » (:class:`Versions`).

The working version (the records as they are, after the last tag or without any tag yet) has
its notes too, dated by its last change to a record.

The exports of a tagged version (``referentiel.json``, ``experiences.csv``…) are rebuilt
from that tag's own records (``git archive``), so a citation of « version 1.0 » keeps
pointing at the data of 1.0 whatever has changed since; they are kept in
``.cache/versions/<format>-<commit>/`` so that a tag's records are read and checked once per
machine. The site of a version is not rebuilt: see the README (« Versions »).

>>> [n.slug for n in read_versions(index, history).notes]          # doctest: +SKIP
['en-cours', '1.0.0', '0.1.0']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.news import NewsDay, recent_changes
from hooks.core.opendata import data_files
from hooks.core.revisions import VersionNotes, notes, version_slug
from schemas.errors import ErreursDeValidation
from schemas.history import History
from schemas.index import Index
from schemas.versions import (
    RawRecord,
    TaggedVersion,
    archive,
    index_of,
    published,
    records,
    working_tree,
)

FROZEN = (
    "donnees/referentiel.json",
    "donnees/experiences.csv",
    "donnees/experiences-balises.csv",
)
CACHE = Path(".cache") / "versions"
FORMAT = 3  # bump when FROZEN or the exports change: older cached exports are then ignored


@dataclass
class Versions:
    """Every version's notes (newest first), its exports, and who changed each record when."""

    notes: list[VersionNotes] = field(default_factory=list)
    exports: dict[str, dict[str, str]] = field(default_factory=dict)  # slug → file → text
    problems: dict[str, str] = field(default_factory=dict)  # slug → why no exports
    by_record: dict[tuple[str, str], list[tuple[VersionNotes, str]]] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # tag → slug of its version
    news: list[NewsDay] = field(default_factory=list)  # the last days that changed records

    @property
    def published(self) -> list[VersionNotes]:
        """The tagged versions, newest first."""
        return [n for n in self.notes if not n.in_progress]

    @property
    def working(self) -> VersionNotes | None:
        """The version in progress, if the records changed since the last tag (or no tag)."""
        return next((n for n in self.notes if n.in_progress), None)


def frozen_exports(
    root: Path, version: TaggedVersion, files: dict[str, bytes], site_url: str
) -> dict[str, str]:
    """The exports of a tagged version, from its own records ``files`` (cached by commit)."""
    cached = root / CACHE / f"{FORMAT}-{version.sha}"
    if (cached / "fini").is_file():
        return {name: (cached / Path(name).name).read_text("utf-8") for name in FROZEN}
    made = data_files(index_of(files), site_url)  # ErreursDeValidation: said on the page
    cached.mkdir(parents=True, exist_ok=True)
    for name in FROZEN:
        (cached / Path(name).name).write_text(made[name], encoding="utf-8")
    (cached / "fini").write_text(json.dumps({"tag": version.tag}), encoding="utf-8")
    return {name: made[name] for name in FROZEN}


def untagged(index: Index) -> dict[tuple[str, str], RawRecord]:
    """The working version's records when no version is published: their kind, id, path and
    title only, all that :func:`~hooks.core.revisions.compare` needs of an added record (and a
    territory's experience files, whose commits are its own)."""
    files: dict[str, set[str]] = {}
    for (territory, _), (path, _) in index.origines.items():
        files.setdefault(territory, set()).add(path)
    return {
        (e.kind.name, e.id): RawRecord(
            e.kind,
            e.id,
            e.path,
            {"titre": e.title},
            tuple(sorted(files.get(e.id, set()) - {e.path})),
        )
        for e in index.entries.values()
    }


def read_versions(index: Index, history: History | None) -> Versions:
    """Read every tag once (``git archive``), compare, rebuild the exports."""
    root = index.root
    found = Versions()
    if history is None:  # no git: nothing to compare with, the pages say so
        return found
    found.news = recent_changes(index, history)
    tagged = published(root)
    files = [archive(root, v.sha) for v in tagged]  # one git archive per tag, used twice
    snapshots = [records(f) for f in files]
    # Without a tag, every record is new to the working version: their titles say enough,
    # their files need not be read again.
    current = records(working_tree(root)) if tagged else untagged(index)
    found.notes = notes(tagged, snapshots, history, (index.referentiel.version, current))
    working = found.working
    if working is not None and found.news:
        # Its date is the last day a record's content changed (a commit that only added a
        # YAML comment changes nothing a reader sees): the newest day « Nouveautés » tells.
        working.date = found.news[0].day
    found.tags = {v.tag: version_slug(v.version) for v in tagged}
    for version, version_files in zip(tagged, files, strict=True):
        slug = version_slug(version.version)
        try:
            found.exports[slug] = frozen_exports(
                root, version, version_files, index.referentiel.url
            )
        except ErreursDeValidation as errors:
            found.problems[slug] = (
                f"les fiches de cette version ne passent plus la vérification d'aujourd'hui "
                f"({errors.total} erreur{'s' if errors.total > 1 else ''})"
            )
    for note in found.notes:
        for revision in note.revisions:
            found.by_record.setdefault((revision.kind, revision.id), []).append(
                (note, revision.anchor)
            )
    return found
