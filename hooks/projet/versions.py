"""« Versions »: the list of versions, and a page per version (``versions/<version>/``) with
its revision notes and its frozen exports (read once per build: :mod:`hooks.core.versions`).

Both come from the same notes (:func:`hooks.core.revisions.notes`, which compares the records
of two tags, or of the last tag and the working tree), so the list and a version's page agree
on every record and on its date: for a tag, the date ``referentiel.yml`` gave it; for the
working version, its last change to a record.
"""

from __future__ import annotations

from pathlib import Path

from hooks.core.context import BuildContext
from hooks.core.news import PARTICIPLES, agree
from hooks.core.render import render
from hooks.core.revisions import Revision, VersionNotes
from hooks.generated import GeneratedPage
from hooks.urls import VERSIONS_PAGE, version_page
from schemas.index import Entry, Index
from schemas.kinds import KIND_BY_NAME, KINDS, METADATA_FILE

# The lists of a version, in the order they are shown: its status → their heading.
GROUPS = {
    "ajout": "ajoutée",
    "modification": "modifiée",
    "renommage": "renommée",
    "retrait": "retirée",
    "suppression": "supprimée",
}

ORDER = {kind.name: n for n, kind in enumerate(KINDS)}  # enjeux first, territories last


def counts(note: VersionNotes) -> str:
    """``117 fiches ajoutées, 2 modifiées``: what a version did, the empty lists left out."""
    parts = []
    for status, participle in GROUPS.items():
        n = note.count(status)
        if n:
            plural = "s" if n > 1 else ""
            noun = f"fiche{plural} " if not parts else ""
            parts.append(f"{n} {noun}{participle}{plural}")
    return ", ".join(parts) if parts else "aucune fiche changée"


def current_entry(index: Index, revision: Revision) -> Entry | None:
    """The page a revised record has today: the same id, or the record that lists it among its
    ``anciens_ids``; None for a deleted record, or one that is gone since."""
    if revision.status == "suppression":
        return None
    entry = index.entries.get(revision.id)
    if entry is not None and entry.kind.name == revision.kind:
        return entry
    for other in index.of_kind(revision.kind):
        if revision.id in (getattr(other.data, "anciens_ids", None) or []):
            return other
    return None


Group = tuple[str, list[tuple[Revision, Entry | None]]]  # heading, records and their page


def groups(index: Index, note: VersionNotes) -> list[Group]:
    """The version's records by what it did to them, each with its page today (if any)."""
    found = []
    for status, participle in GROUPS.items():
        revisions = note.of_status(status)
        if revisions:
            heading = f"Fiches {participle}s ({len(revisions)})"
            revisions.sort(key=lambda r: (ORDER.get(r.kind, len(ORDER)), r.title.casefold()))
            found.append((heading, [(r, current_entry(index, r)) for r in revisions]))
    return found


def kind_label(revision: Revision) -> str:
    return KIND_BY_NAME[revision.kind].label if revision.kind in KIND_BY_NAME else revision.kind


def what(revision: Revision) -> str:
    """``balise modifiée``, ``territoire ajouté``: a revision in two words."""
    kind = KIND_BY_NAME.get(revision.kind)
    feminine = kind.feminine if kind else True
    return f"{kind_label(revision)} {agree(PARTICIPLES[revision.status], feminine, False)}"


def credits(revision: Revision) -> list[tuple[str, str, list[str]]]:
    """Who changed a record in a version and on which day, each pair once, newest first, with
    the numbers of their pull requests: ``[("2026-03-02", "Bruno Petit", ["12"])]``."""
    found: dict[tuple[str, str], list[str]] = {}
    for commit in revision.commits:
        prs = found.setdefault((commit.date[:10], commit.author), [])
        if commit.pr and commit.pr not in prs:
            prs.append(commit.pr)
    return [(day, author, prs) for (day, author), prs in found.items()]


def version_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Versions », then a page per version; their edit link opens ``referentiel.yml``,
    where the version is named."""
    index, versions = ctx.index, ctx.versions
    pages = [
        GeneratedPage(
            VERSIONS_PAGE,
            render(
                "projet/versions.md.j2",
                **ctx.template_values(),
                page=VERSIONS_PAGE,
                versions=versions,
                groups=lambda note: groups(index, note),
                counts=counts,
                kind_label=kind_label,
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
            counts=counts,
            what=what,
            credits=credits,
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
