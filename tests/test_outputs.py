"""Every output is safe for its format, whatever a contributor or a committer writes.

Hostile titles arrive through real territory files (the data layer accepts them: they are
plain text), hostile commit messages and author names through the git history. Each output
is then read back by a real reader: ``csv`` for the spreadsheet file, ``bibtexparser`` for
BibTeX, ``json`` for CSL-JSON, ``xml.etree`` and ``minidom`` for the Atom feed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path
from xml.dom import minidom
from xml.etree import ElementTree as ET

import bibtexparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hooks.core.citation import Citation, bibtex_text, collected
from hooks.core.context import BuildContext
from hooks.core.news import NewsDay, NewsItem, recent_changes
from hooks.core.opendata import experiences_csv, spreadsheet_safe
from hooks.core.records import citation_of
from hooks.core.render import render
from hooks.core.revisions import FieldChange, Revision
from hooks.projet.nouveautes import ATOM, DayView, atom_feed, authors, day_title
from schemas.geo import ATTRIBUTION
from schemas.history import History, read_history
from schemas.index import Index, load_index
from schemas.invisible import strip_invisible

from .depot import copy_repository

URL = "https://exemple.fr/"
# Titles and names a contributor may write: the data layer accepts every one of them.
HOSTILE = (
    '=HYPERLINK("https://exemple.fr";"clic")',
    "@SUM(1+1)",
    "+33 6",
    "-2",
    "\uff1d1+1",  # full-width equals sign
    '{\\}%#"@',
    "}} @misc{x,",
    "Un { seul",
    "a ~ b ^ c & d $ e _ f",
    "Jardins 🌱 partagés",
    "Cafe\u0301 des e\u0301changes",  # combining accents
)
# Characters a spreadsheet reads as the start of a formula (OWASP), and the spaces before.
FORMULA_START = re.compile(r"[\t\r\n]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")
BIDI_AND_ZERO_WIDTH = re.compile(
    "[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The real records, plus one territory per hostile text (its name and its experience)."""
    root = copy_repository(tmp_path_factory.mktemp("outputs") / "depot")
    for number, text in enumerate(HOSTILE, 1):
        quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string
        (root / "territoires" / f"hostile-{number}.yml").write_text(
            f"nom: {quoted}\n"
            "type: commune\n"
            "resume: Un territoire pour les tests.\n"
            "experiences:\n"
            "  - id: essai\n"
            f"    titre: {quoted}\n"
            f"    periode: {quoted}\n"
            "    resume: Une expérience.\n"
            "    balises: [construire-le-recit]\n",
            encoding="utf-8",
        )
    return load_index(root)


# --- CSV -------------------------------------------------------------------------------


def starts_a_formula(cell: str) -> bool:
    return bool(FORMULA_START.match(cell))


def test_no_csv_cell_starts_a_formula_and_nothing_else_changes(index: Index) -> None:
    rows = list(csv.reader(io.StringIO(experiences_csv(index, URL))))
    experiences = sum(len(t.data.experiences) for t in index.of_kind("territoire"))
    assert len(rows) == 1 + experiences
    assert not [cell for row in rows for cell in row if starts_a_formula(cell)]
    named = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]  # by column name
    hostile = {row["territoire_id"]: row for row in named if row["territoire_id"][:8] == "hostile-"}
    for number, text in enumerate(HOSTILE, 1):
        row = hostile[f"hostile-{number}"]
        expected = "'" + text if starts_a_formula(text) else text
        assert row["territoire"] == row["experience"] == row["periode"] == expected
    assert hostile["hostile-1"]["territoire"] == '\'=HYPERLINK("https://exemple.fr";"clic")'
    assert hostile["hostile-10"]["territoire"] == "Jardins 🌱 partagés"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\tBonjour", "'\tBonjour"),
        ("   =1+1", "'   =1+1"),
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(1)", "'\uff20SUM(1)"),
        ("Loos-en-Gohelle", "Loos-en-Gohelle"),
        ("2016-2019", "2016-2019"),
        ("a = b", "a = b"),
        ("", ""),
        ("<script>", "<script>"),
    ],
)
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


@given(st.text())
def test_spreadsheet_safe_only_adds_an_apostrophe_where_needed(cell: str) -> None:
    safe = spreadsheet_safe(cell)
    assert not starts_a_formula(safe)
    assert safe == ("'" + cell if starts_a_formula(cell) else cell)


def test_the_open_data_page_explains_the_apostrophe(index: Index) -> None:
    page = render(
        "projet/donnees.md.j2",
        index=index,
        referentiel=index.referentiel,
        columns=(),
        schemas=[],
        attribution=ATTRIBUTION,
    )
    assert "apostrophe" in page and "tableur" in page


# --- BibTeX and CSL-JSON ---------------------------------------------------------------

_LATEX = re.compile(r"\\text(backslash|braceleft|braceright|asciitilde|asciicircum)\{\}|\\(.)")
_LATEX_CHARS = {
    "backslash": "\\",
    "braceleft": "{",
    "braceright": "}",
    "asciitilde": "~",
    "asciicircum": "^",
}


def latex_to_text(value: str) -> str:
    """The inverse of our escaping, to check that nothing was lost on the way."""
    return _LATEX.sub(lambda m: _LATEX_CHARS[m[1]] if m[1] else m[2], value)


def closes_only_at_its_end(value: str) -> bool:
    """BibTeX counts every brace, escaped or not: ``{value}`` must close at its last ``}``."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def parse_bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def citation(title: str, authors: tuple[str, ...] = ("Les contributeurs",)) -> Citation:
    return Citation(
        "essai", title, list(authors), "0.1.0", "2026-11-22", URL + "essai/", "CC BY-SA 4.0"
    )


@pytest.mark.parametrize(
    ("title", "latex"),
    [
        ('{\\}%#"@', r'\textbraceleft{}\textbackslash{}\textbraceright{}\%\#"@'),
        ("}} @misc{x,", r"\textbraceright{}\textbraceright{} @misc\textbraceleft{}x,"),
        ("C:\\dossier ~ x^2", r"C:\textbackslash{}dossier \textasciitilde{} x\textasciicircum{}2"),
        ("50 % & 3 $ _ #1", r"50 \% \& 3 \$ \_ \#1"),
        ("deux\nlignes\t!", "deux lignes !"),
        ("Jardins 🌱 Cafe\u0301 « é »", "Jardins 🌱 Cafe\u0301 « é »"),
    ],
)
def test_bibtex_title_is_parsed_back_as_written(title: str, latex: str) -> None:
    assert bibtex_text(title) == latex
    entries = parse_bibtex(citation(title).bibtex()).entries
    assert len(entries) == 1
    parsed = entries[0].fields_dict["title"].value
    assert parsed == latex and closes_only_at_its_end(parsed)
    assert latex_to_text(parsed) == " ".join(title.split())


def test_hostile_authors_stay_one_name_each() -> None:
    authors = ("Ana }} @misc{x,", "Bob and Carol", "Ève \u202eevÈ\u200b", "C:\\ %")
    bibtex = citation("Titre", authors).bibtex()
    entry = parse_bibtex(bibtex).entries[0]
    value = entry.fields_dict["author"].value
    assert closes_only_at_its_end(value)
    names = [latex_to_text(n) for n in value.removeprefix("{").removesuffix("}").split("} and {")]
    assert names == ["Ana }} @misc{x,", "Bob and Carol", "Ève evÈ", "C:\\ %"]
    assert not BIDI_AND_ZERO_WIDTH.search(bibtex)
    item = json.loads(citation("Titre", authors).csl_json())[0]
    assert [a["literal"] for a in item["author"]] == names


@given(st.text(min_size=1))
def test_any_title_gives_one_bibtex_entry_and_the_same_csl_title(title: str) -> None:
    c = citation(title)
    entries = parse_bibtex(c.bibtex()).entries
    assert len(entries) == 1
    parsed = entries[0].fields_dict["title"].value
    assert closes_only_at_its_end(parsed)
    assert latex_to_text(parsed) == " ".join(strip_invisible(title).split())
    assert json.loads(c.csl_json())[0]["title"] == strip_invisible(title)


def test_collected_citations_one_entry_per_page(index: Index) -> None:
    citations = [citation_of(BuildContext(index), entry) for entry in index.entries.values()]
    files = collected(citations)
    entries = parse_bibtex(files["donnees/citations.bib"]).entries
    assert [e.key for e in entries] == [f"referentiel-vivant-{c.id}" for c in citations]
    titles = {e.key: e.fields_dict["title"].value for e in entries}
    items = {item["id"]: item for item in json.loads(files["donnees/citations.json"])}
    assert len(items) == len(citations)
    for number, text in enumerate(HOSTILE, 1):
        key = f"referentiel-vivant-hostile-{number}"
        assert titles[key] == bibtex_text(text) and latex_to_text(titles[key]) == text
        assert closes_only_at_its_end(titles[key])
        assert items[key]["title"] == text


# --- Git text: Atom feed, Nouveautés ---------------------------------------------------

HOSTILE_MESSAGE = "Ajoute =cmd|' \x01\x08\x1b[31m \ufffe\uffff <b>x</b> &amp; ]]> \u202eevil"
HOSTILE_AUTHOR = "Ève\u200b \u2066Martin\u2069 \x7f\x85"


def hostile_days(index: Index) -> list[NewsDay]:
    """A day that changed the summary of every hostile territory, by a hostile author name
    (as :mod:`schemas.history` would give it, and as it is before it strips it)."""
    items = []
    for number in range(1, len(HOSTILE) + 1):
        entry = index[f"hostile-{number}"]
        change = FieldChange("resume", "Avant.", "Après.", "résumé")
        items.append(NewsItem(Revision("territoire", entry.id, entry.title, "modification",
                                       None, [change]), entry))  # fmt: skip
    return [NewsDay("2026-03-02", "2026-03-02T10:00:00+00:00", [HOSTILE_AUTHOR], items)]


def check_feed(feed: str) -> ET.Element:
    minidom.parseString(feed.encode("utf-8"))  # a second, stricter parser (expat)
    assert not NOT_XML.search(feed) and not BIDI_AND_ZERO_WIDTH.search(feed)
    return ET.fromstring(feed)


def test_atom_feed_stays_well_formed_with_hostile_git_text(index: Index) -> None:
    root = check_feed(atom_feed(hostile_days(index), index, URL))
    entry = root.find(f"{{{ATOM}}}entry")
    assert entry is not None
    assert entry.findtext(f"{{{ATOM}}}title") == "2 mars 2026 : 11 territoires modifiés"
    assert entry.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == "Ève Martin "
    summary = entry.findtext(f"{{{ATOM}}}summary") or ""
    for number, text in enumerate(HOSTILE, 1):
        assert f"{text}, territoire modifié : résumé ({URL}territoires/hostile-{number}/)" in (
            summary
        )


def test_atom_feed_from_a_real_git_history_never_shows_the_message(index: Index) -> None:
    root = index.root
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ève \u202eevÈ\u200b",
        "GIT_AUTHOR_EMAIL": "e@example.org",
        "GIT_COMMITTER_NAME": "Ève",
        "GIT_COMMITTER_EMAIL": "e@example.org",
    }
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", HOSTILE_MESSAGE],
    ):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    history = read_history(Path(root))
    assert history is not None
    feed = atom_feed(recent_changes(index, history), index, URL)
    entry = check_feed(feed).find(f"{{{ATOM}}}entry")
    assert entry is not None
    title = entry.findtext(f"{{{ATOM}}}title") or ""
    assert title.endswith(f" : {len(index.entries)} fiches ajoutées"), title
    assert entry.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == "Ève evÈ"
    assert "Ajoute" not in feed and "cmd" not in feed and "evil" not in feed


def test_news_page_shows_git_text_without_invisible_characters(index: Index) -> None:
    page = render(
        "projet/nouveautes.md.j2",
        index=index,
        referentiel=index.referentiel,
        source=index[index.referentiel.source],
        history=History([], {}),
        days=[DayView.of(day) for day in hostile_days(index)],
        shown=20,
        day_title=day_title,
        authors=authors,
    )
    assert not BIDI_AND_ZERO_WIDTH.search(page) and not NOT_XML.search(page)
    assert "Par Ève Martin ." in page
    assert r'- [\{\\\}%\#"@](/territoires/hostile-6.md)' in page  # Markdown-escaped text


# --- Invisible characters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("Ali\u202eecnalA\u202c", "AliecnalA"),
        ("\u2066isolé\u2069 \u200e\u200f\u061c", "isolé "),
        ("mot\u200bmot\u200c\u2060\ufeff", "motmot"),
        ("ligne\tune\nligne deux\r", "ligne\tune\nligne deux"),
        ("\x00\x07\x1b[0m\x7f\x85\x9f", "[0m"),
        ("\ufffe\uffff", ""),
        (
            "👩\u200d💻 ❤\ufe0f\u200d🔥 🏳\ufe0f\u200d⚧\ufe0f",
            "👩\u200d💻 ❤\ufe0f\u200d🔥 🏳\ufe0f\u200d⚧\ufe0f",
        ),
        ("a\u200db 🌱\u200d \u200d🌱", "ab 🌱 🌱"),
        ("Cafe\u0301 🌱 « é »", "Cafe\u0301 🌱 « é »"),
    ],
)
def test_strip_invisible(text: str, visible: str) -> None:
    assert strip_invisible(text) == visible


@given(st.text())
def test_strip_invisible_leaves_valid_xml_text(text: str) -> None:
    visible = strip_invisible(text)
    assert not NOT_XML.search(visible) and not BIDI_AND_ZERO_WIDTH.search(visible)
    assert strip_invisible(visible) == visible
