"""The content promised to readers: complete, linked, and in our own words."""

from __future__ import annotations

import re

import pytest

from schemas.index import Index, load_index
from schemas.kinds import KINDS
from schemas.yamlfile import read_yaml

from .depot import ROOT

SOURCES = ROOT.parent / "shared" / "sources"
RUN = 12  # words in a row that may not be shared with a source
_WORD = re.compile(r"[^\W\d_]+|\d+")
_QUOTE = re.compile(r"«[^»]{0,200}»\s*\(p+\.[^)]*\)")  # a marked quotation: « … » (p. N)
_URL = re.compile(r"https?://\S+")
_TOC_ENTRY = re.compile(r"^(.*?)[.\s]*\t?\s*\d+$")
_TOC_LINE = re.compile(r"(\.{2,}|\t)\s*\d+\s*$")  # "Titre.....\t17": a line of the contents
TITLE_FIELDS = {"titre", "nom", "titre_court", "public"}
PROPER_NAMES = ("Institut européen de l'économie de la fonctionnalité et de la coopération",)


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def toc_titles(referentiel: str) -> set[str]:
    """The titles of the 2019 table of contents (headings may be quoted as they are)."""
    lines = referentiel.splitlines()
    start = lines.index("Table des matières") + 1
    end = next(i for i in range(start, len(lines)) if len(lines[i]) > 200)
    found = (_TOC_ENTRY.match(line.strip()) for line in lines[start:end])
    return {" ".join(words(m.group(1))) for m in found if m and m.group(1)}


def source_runs() -> set[tuple[str, ...]]:
    """Every run of RUN words of the sources, headings of the table of contents aside."""
    referentiel = next(SOURCES.glob("003_*.txt")).read_text(encoding="utf-8")
    headings = toc_titles(referentiel)
    runs = set()
    for path in SOURCES.glob("*.txt"):
        kept = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if " ".join(words(line)) not in headings and not _TOC_LINE.search(line)
        ]
        w = words(_URL.sub(" ", "\n".join(kept)))
        runs.update(tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    return runs


def texts(value: object, key: str = "") -> list[str]:
    """Every text of a record, titles aside."""
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in TITLE_FIELDS for t in texts(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v, key)]
    return [value] if isinstance(value, str) else []


def test_counts_promised_to_readers(index: Index) -> None:
    experiences = [x for t in index.of_kind("territoire") for x in t.data.experiences]
    assert len(index.of_kind("concept")) >= 20
    assert len(index.of_kind("territoire")) >= 12
    assert len(experiences) >= 30
    assert len(index.of_kind("chapitre")) >= 9
    assert len(index.of_kind("parcours")) >= 5


def test_every_balise_is_illustrated_by_an_experience(index: Index) -> None:
    alone = [b.id for b in index.of_kind("balise") if not index.cited_by(b.id, "territoire")]
    assert alone == []


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources absent")
def test_no_run_of_twelve_words_copied_from_the_sources(index: Index) -> None:
    runs = source_runs()
    titles = sorted((e.title for e in index.entries.values()), key=len, reverse=True)
    copied = []
    for kind in KINDS:
        for path in sorted((ROOT / kind.folder).glob("*.yml")):
            data, _ = read_yaml(path.read_text(encoding="utf-8"))
            for text in texts(data):
                text = _URL.sub(" ", _QUOTE.sub(" ", text))
                for title in (*titles, *PROPER_NAMES):  # titles and names may be cited
                    text = re.sub(re.escape(title), " ", text, flags=re.IGNORECASE)
                w = words(text)
                copied += [
                    f"{path.relative_to(ROOT)}: {' '.join(w[i : i + RUN])}"
                    for i in range(len(w) - RUN + 1)
                    if tuple(w[i : i + RUN]) in runs
                ]
    assert copied == []
