"""« Nouveautés »: the recent changes to the records, as a page and an Atom feed, from the
git history.

Only changes to records count (the YAML files of the référentiel's folders): a reader
wants to know that a balise was rewritten or a territory added, not that a test moved.
Commit messages, author and tag names are not validated like the records: they reach the
pages and the feed through :func:`~schemas.invisible.strip_invisible`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from xml.etree import ElementTree as ET

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import NEWS_PAGE, public_url
from schemas.history import Commit, History
from schemas.index import Entry, Index
from schemas.invisible import strip_invisible
from schemas.kinds import KINDS, METADATA_FILE

FOLDERS = tuple(f"{kind.folder}/" for kind in KINDS)
STATUS = {"A": "ajout", "M": "modification", "D": "suppression", "R": "renommage"}
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class RecordChange:
    """``ajout`` of ``territoires/namur.yml``, with its entry if it still exists."""

    status: str
    path: str
    entry: Entry | None
    old_path: str | None = None


def is_record(path: str) -> bool:
    return path.endswith(".yml") and (path.startswith(FOLDERS) or path == METADATA_FILE)


def _by_path(index: Index) -> dict[str, Entry]:
    return {e.path: e for e in index.entries.values()}


def record_changes(commit: Commit, by_path: dict[str, Entry]) -> list[RecordChange]:
    """The records a commit touched, each with its entry (``by_path``) if it still exists."""
    return [
        RecordChange(STATUS[c.status], c.path, by_path.get(c.path), c.old_path)
        for c in commit.changes
        if is_record(c.path) and c.status in STATUS
    ]


def recent(history: History, index: Index, limit: int = 30) -> list[tuple[Commit, list]]:
    """The last ``limit`` commits that changed records, newest first, their message and
    author as a reader may see them (:func:`~schemas.invisible.strip_invisible`)."""
    found = []
    by_path = _by_path(index)
    for commit in history.commits:
        changes = record_changes(commit, by_path)
        if changes:
            visible = replace(
                commit,
                message=strip_invisible(commit.message),
                author=strip_invisible(commit.author),
            )
            found.append((visible, changes))
        if len(found) == limit:
            break
    return found


def _element(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    """An Atom element: ElementTree escapes ``<`` and ``&`` but writes any character, so
    what is not valid in XML 1.0 is removed first."""
    visible = {name: strip_invisible(value) for name, value in attributes.items()}
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", visible)
    element.text = strip_invisible(text) or None
    return element


def atom_feed(history: History, index: Index, site_url: str) -> str:
    """``nouveautes.xml``: the recent changes as an Atom feed."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "fr"})
    page = site_url.rstrip("/") + "/nouveautes/"
    items = recent(history, index)
    _element(feed, "title", f"{index.referentiel.titre} : nouveautés")
    _element(feed, "id", page)
    _element(feed, "updated", items[0][0].date if items else index.referentiel.date)
    _element(feed, "link", href=page, rel="alternate")
    for commit, changes in items:
        entry = _element(feed, "entry")
        _element(entry, "title", commit.message)
        _element(entry, "id", f"{page}#{commit.sha[:12]}")
        _element(entry, "updated", commit.date)
        _element(_element(entry, "author"), "name", commit.author)
        _element(entry, "link", href=f"{page}#{commit.sha[:12]}")
        lines = [
            f"{c.status} : {c.entry.title if c.entry else c.path}"
            + (f" ({public_url(c.entry, site_url)})" if c.entry else "")
            for c in changes
        ]
        _element(entry, "summary", "\n".join(lines))
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def nouveautes_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Nouveautés »; its edit link opens the folder of the référentiel's records."""
    changes = recent(ctx.history, ctx.index) if ctx.history else []
    markdown = render("projet/nouveautes.md.j2", **ctx.template_values(), changes=changes)
    return [GeneratedPage(NEWS_PAGE, markdown, "referentiel/")]


def nouveautes_files(ctx: BuildContext) -> dict[str, str]:
    """The Atom feed, when there is a history to tell."""
    if not ctx.history:
        return {}
    return {"nouveautes.xml": atom_feed(ctx.history, ctx.index, ctx.referentiel.url)}
