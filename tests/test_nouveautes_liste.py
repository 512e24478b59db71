"""« Nouveautés » keeps its promise on a busy day: every record changed is on the page (the first
listed, the next folded, bounded at 5,000 territories), and a day of search keywords alone is
one line an élu can read. Days are made from the real index, without git."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest

from hooks.core.context import BuildContext
from hooks.core.field_changes import FieldChange
from hooks.core.news import NewsDay, NewsItem
from hooks.core.revisions import Revision
from hooks.core.versions import Versions
from hooks.projet.nouveautes import ATOM, FOLDED, SHOWN, atom_feed, nouveautes_pages
from schemas.history import History
from schemas.index import Entry, load_index

from .depot import ROOT


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    index = load_index(ROOT)
    return [e for e in index.entries.values() if e.kind.name != "source"]


def changed(entry: Entry, path: str = "resume", old: str = "a") -> NewsItem:
    fields = [FieldChange(path, old, "b")]
    return NewsItem(
        Revision(entry.kind.name, entry.id, entry.title, "modification", None, fields), entry
    )


def page(days: list[NewsDay]) -> str:
    index = load_index(ROOT)
    ctx = BuildContext(index, History([], {}), versions=Versions(news=days))
    return nouveautes_pages(ctx)[0].markdown


def test_every_record_of_a_busy_day_is_on_the_page(entries: list[Entry]) -> None:
    items = [changed(e) for e in entries[: SHOWN + 30]]
    markdown = page([NewsDay("2026-12-06", "2026-12-06T10:00:00Z", ["Alice"], items)])
    assert "notes de révision" not in markdown
    assert "Et 30 autres fiches ce jour-là" in markdown
    for item in items:
        assert item.entry is not None and f"/{item.entry.id}" in markdown
    folded = markdown.split("<details", 1)[1]
    assert folded.count("<li>") == 30


def test_the_fold_is_bounded(entries: list[Entry]) -> None:
    many = (entries * 40)[: SHOWN + FOLDED + 500]  # a day as one that changes 5,000 territories
    markdown = page([NewsDay("2026-12-06", "2026-12-06T10:00:00Z", [], [changed(e) for e in many])])
    folded = markdown.split("<details", 1)[1]
    assert folded.count("<li>") == FOLDED + 1
    assert "Et 500 autres, que cette page ne liste pas" in folded
    assert len(markdown.encode()) < 200_000


def test_a_day_of_keywords_is_one_line(entries: list[Entry]) -> None:
    items = [changed(e, "mots_cles", "") for e in entries[:71]] + [changed(entries[80])]
    day = NewsDay("2026-12-06", "2026-12-06T10:00:00Z", [], items)
    markdown = page([day]).replace("\\-", "-")  # Markdown's escapes
    title = r"## 6 décembre 2026 : 1 \w+ modifiée?, mots-clés de recherche ajoutés à 71 fiches"
    assert re.search(title, markdown)
    assert "- Mots-clés de recherche ajoutés à 71 fiches." in markdown
    assert markdown.count("\n- ") == 2 and "<details" not in markdown
    feed = ET.fromstring(atom_feed([day], load_index(ROOT), "https://exemple.fr/"))
    summary = feed.find(f"{{{ATOM}}}entry/{{{ATOM}}}summary")
    assert summary is not None and summary.text is not None
    assert summary.text.splitlines()[-1] == "Mots-clés de recherche ajoutés à 71 fiches."


def test_an_experience_keyword_is_not_a_record_keyword(entries: list[Entry]) -> None:
    item = changed(entries[0], "experiences[jardin].mots_cles", "")
    markdown = page([NewsDay("2026-12-06", "2026-12-06T10:00:00Z", [], [item])])
    assert "Mots-clés de recherche" not in markdown
