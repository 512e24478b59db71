"""« Versions »: the list of versions, and a page per version (``versions/<version>/``) with
its revision notes and its frozen exports (read once per build: :mod:`hooks.core.versions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.core.versions import Versions
from hooks.generated import GeneratedPage
from hooks.projet.nouveautes import RecordChange, _by_path, record_changes
from hooks.urls import VERSIONS_PAGE, version_page
from schemas.history import History
from schemas.index import Index
from schemas.invisible import strip_invisible
from schemas.kinds import METADATA_FILE


@dataclass
class VersionChanges:
    """The record files a version (tagged, or the work in progress) added, removed, renamed,
    read from ``git log``."""

    name: str
    date: str
    added: list[RecordChange] = field(default_factory=list)
    removed: list[RecordChange] = field(default_factory=list)
    renamed: list[RecordChange] = field(default_factory=list)


def versions_of(history: History, index: Index) -> list[VersionChanges]:
    """Versions newest first; commits after the last tag form the version in progress."""
    done: list[VersionChanges] = []
    current = VersionChanges("", "")
    by_path = _by_path(index)
    for commit in reversed(history.commits):  # oldest first
        for change in record_changes(commit, by_path):
            target = {
                "ajout": current.added,
                "suppression": current.removed,
                "renommage": current.renamed,
            }.get(change.status)
            if target is not None:
                target.append(change)
        current.date = commit.date
        if commit.tags:
            current.name = strip_invisible(commit.tags[0])
            done.append(current)
            current = VersionChanges("", "")
    if current.date:
        current.name = f"{index.referentiel.version} (en cours)"
        done.append(current)
    return list(reversed(done))


def version_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Versions », then a page per version; their edit link opens ``referentiel.yml``,
    where the version is named."""
    index, versions = ctx.index, ctx.versions
    changes = versions_of(ctx.history, index) if ctx.history else []
    pages = [
        GeneratedPage(
            VERSIONS_PAGE,
            render(
                "projet/versions.md.j2",
                **ctx.template_values(),
                versions=changes,
                version_pages=version_pages_by_name(index, versions),
            ),
            METADATA_FILE,
        )
    ]
    for note in versions.notes:
        page = version_page(note.slug)
        exports = versions.exports.get(note.slug, {})
        markdown = render(
            "projet/version.md.j2",
            **ctx.template_values(),
            page=page,
            note=note,
            exports=[Path(name).name for name in exports],
            problem=versions.problems.get(note.slug),
        )
        pages.append(GeneratedPage(page, markdown, METADATA_FILE))
    return pages


def version_files(ctx: BuildContext) -> dict[str, str]:
    """Each tagged version's frozen exports (``versions/<version>/referentiel.json``…)."""
    return {
        f"versions/{slug}/{Path(name).name}": text
        for slug, exports in ctx.versions.exports.items()
        for name, text in exports.items()
    }


def version_pages_by_name(index: Index, versions: Versions) -> dict[str, str]:
    """The name « Versions » gives each version (its tag, or « x (en cours) ») → its slug."""
    found = dict(versions.tags)
    found[f"{index.referentiel.version} (en cours)"] = "en-cours"
    slugs = {n.slug for n in versions.notes}
    return {name: slug for name, slug in found.items() if slug in slugs}
