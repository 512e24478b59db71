"""« Versions » in detail: a page per version (``versions/<version>/``) with its revision
notes and its frozen exports, and, for each record, the versions that changed it.

The exports of a tagged version (``referentiel.json``, ``experiences.csv``) are rebuilt
from that tag's own records (``git archive``), so a citation of « version 1.0 » keeps
pointing at the data of 1.0 whatever has changed since; they are kept in
``.cache/versions/<format>-<commit>/`` so that a tag's records are read and checked once per
machine. The site of a version is not rebuilt: see the README (« Versions »).

>>> [n.slug for n in collect(index, history).notes]          # doctest: +SKIP
['en-cours', '1.0.0', '0.1.0']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas.errors import ErreursDeValidation
from schemas.history import History
from schemas.index import Index
from schemas.versions import Published, archive, index_of, published, records, working_tree

from .generated import GeneratedPage
from .opendata import data_files
from .render import render
from .revisions import Notes, notes, version_slug

FROZEN = (
    "donnees/referentiel.json",
    "donnees/experiences.csv",
    "donnees/experiences-balises.csv",
)
CACHE = Path(".cache") / "versions"
FORMAT = 2  # bump when FROZEN or the exports change: older cached exports are then ignored


@dataclass
class Versions:
    """Every version's notes (newest first), its exports, and who changed each record when."""

    notes: list[Notes] = field(default_factory=list)
    exports: dict[str, dict[str, str]] = field(default_factory=dict)  # slug → file → text
    problems: dict[str, str] = field(default_factory=dict)  # slug → why no exports
    by_record: dict[tuple[str, str], list[tuple[Notes, str]]] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # tag → slug of its version


def frozen_exports(
    root: Path, version: Published, files: dict[str, bytes], site_url: str
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


def collect(index: Index, history: History | None) -> Versions:
    """Read every tag once (``git archive``), compare, rebuild the exports."""
    root = index.root
    tagged = published(root)
    found = Versions()
    if not tagged:
        return found
    files = [archive(root, v.sha) for v in tagged]  # one git archive per tag, used twice
    snapshots = [records(f) for f in files]
    current = records(working_tree(root))
    found.notes = notes(tagged, snapshots, history, (index.referentiel.version, current))
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


def version_page(slug: str) -> str:
    return f"versions/{slug}/index.md"


def revision_pages(
    index: Index, versions: Versions, common: dict[str, Any]
) -> tuple[list[GeneratedPage], dict[str, str]]:
    """A page per version and its frozen exports (files of the site, by path)."""
    pages, files = [], {}
    for note in versions.notes:
        page = version_page(note.slug)
        exports = versions.exports.get(note.slug, {})
        for name, text in exports.items():
            files[f"versions/{note.slug}/{Path(name).name}"] = text
        markdown = render(
            "version.md.j2",
            **common,
            page=page,
            note=note,
            exports=[Path(name).name for name in exports],
            problem=versions.problems.get(note.slug),
        )
        pages.append(GeneratedPage(page, markdown, "referentiel/referentiel.yml"))
    return pages, files


def version_pages_by_name(index: Index, versions: Versions) -> dict[str, str]:
    """The name « Versions » gives each version (its tag, or « x (en cours) ») → its slug."""
    found = dict(versions.tags)
    found[f"{index.referentiel.version} (en cours)"] = "en-cours"
    slugs = {n.slug for n in versions.notes}
    return {name: slug for name, slug in found.items() if slug in slugs}
