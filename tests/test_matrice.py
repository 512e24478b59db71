"""« Matrice des expériences »: counts equal to the territory files, right totals, the balises
with the fewest experiences called out, a real table, pages that weigh the same whatever
the number of territories."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from hooks.site import generate_site
from hooks.territoires.matrice import PER_PAGE, PER_PAGE_WHOLE, matrix
from schemas.index import Index, load_index

from .depot import ROOT, copy_repository

TERRITORY = """nom: Commune {n:03d}
type: commune
resume: Une commune pour les tests.
experiences:
  - id: une-experience
    titre: Une expérience
    resume: Ce qui a été fait.
    balises: [construire-le-recit, elargir-le-regard]
"""


def counted(root: Path) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """From the territory files themselves: experiences per (territory, balise), and
    experiences per territory."""
    cells: Counter[tuple[str, str]] = Counter()
    rows: Counter[str] = Counter()
    for path in (root / "territoires").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for x in data["experiences"]:
            rows[path.stem] += 1
            for balise in {b if isinstance(b, str) else b["id"] for b in x["balises"]}:
                cells[(path.stem, balise)] += 1
    return cells, rows


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_counts_and_totals_equal_the_territory_files(index: Index) -> None:
    cells, rows = counted(ROOT)
    found = matrix(index)
    balises = [c.balise.id for c in found.columns]
    assert balises == [b.id for b in index.of_kind("balise")]
    assert {r.territoire.id for r in found.rows} == set(rows)
    for row in found.rows:
        assert row.counts == tuple(cells[(row.territoire.id, b)] for b in balises)
        assert row.total == rows[row.territoire.id]
    for i, column in enumerate(found.columns):
        assert column.total == sum(cells[(t, column.balise.id)] for t in rows)
        assert column.total == sum(r.counts[i] for r in found.rows)
    assert found.total == sum(rows.values())


def test_an_enjeu_counts_its_balises_and_its_territories_only(index: Index) -> None:
    cells, _ = counted(ROOT)
    for enjeu in index.of_kind("enjeu"):
        found = matrix(index, enjeu)
        balises = [c.balise.id for c in found.columns]
        assert {index[b].data.enjeu for b in balises} == {enjeu.id}
        territories = {t for t, b in cells if b in balises}
        assert {r.territoire.id for r in found.rows} == territories
        for row in found.rows:
            assert 1 <= row.total <= sum(row.counts)
            assert row.counts == tuple(cells[(row.territoire.id, b)] for b in balises)


def test_the_balises_with_the_fewest_experiences_are_called_out(index: Index) -> None:
    for enjeu in [None, *index.of_kind("enjeu")]:
        found = matrix(index, enjeu)
        least = min(c.total for c in found.columns)
        assert [c.appel for c in found.columns] == [c.total == least for c in found.columns]
        assert found.calls and all(c.total == least for c in found.calls)


def test_the_page_is_a_table_with_headers_and_the_call(index: Index) -> None:
    pages = {p.src_uri: p.markdown for p in generate_site(index).pages}
    whole = pages["matrice/index.md"]
    found = matrix(index)
    assert '<caption id="rv-matrice-legende">' in whole
    shown = min(len(found.rows), PER_PAGE_WHOLE)
    assert whole.count('<th scope="row">') == shown + 1  # and « Tous les territoires »
    assert len(re.findall(r'<th scope="col"[ >]', whole)) == len(found.columns) + 2
    assert "<colgroup" not in whole  # one header row: a column's number says its enjeu
    for enjeu in index.of_kind("enjeu"):  # whose matrix is linked above the table
        assert f"](/matrice/{enjeu.id}/index.md)" in whole
    title = "Cette balise attend vos expériences" if len(found.calls) == 1 else "Ces balises"
    assert f"## {title}" in whole and "[Contribuer](/contribuer/index.md)" in whole
    for column in found.columns:  # short label, full title for screen readers and on hover
        label = f'aria-label="{column.label} {escape(column.balise.title)}">{column.label}</a>'
        assert label in whole
    assert whole.count("(attend vos expériences)") == len(found.calls)
    assert whole.count('<th scope="col" class="rv-appel">') == len(found.calls)  # ◆ by CSS
    listed = whole.split('<ul class="rv-matrice-appel">')[1].split("</ul>")[0]
    assert listed.count("<li>") == min(len(found.calls), 5)
    if len(found.calls) > 5:
        assert f"Et {len(found.calls) - 5} autre" in whole
    for enjeu in index.of_kind("enjeu"):
        page = pages[f"matrice/{enjeu.id}/index.md"]
        assert "<colgroup" not in page
    assert all("rv_indexer: false" in pages[p] for p in pages if p.startswith("matrice/"))


def test_pages_of_territories_with_the_totals_of_all_on_each(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    for n in range(90):
        (root / "territoires" / f"commune-{n:03d}.yml").write_text(
            TERRITORY.format(n=n), encoding="utf-8"
        )
    index = load_index(root)
    pages = {p.src_uri: p.markdown for p in generate_site(index).pages}
    found = matrix(index)
    count = -(-len(found.rows) // PER_PAGE_WHOLE)
    uris = ["matrice/index.md"] + [f"matrice/page/{n}.md" for n in range(2, count + 1)]
    assert f"matrice/page/{count + 1}.md" not in pages
    listed = [re.findall(r'<th scope="row"><a href="[^"]*/([^/"]+)/">', pages[u]) for u in uris]
    assert [len(rows) for rows in listed[:-1]] == [PER_PAGE_WHOLE] * (count - 1)
    assert sorted(t for rows in listed for t in rows) == sorted(r.territoire.id for r in found.rows)
    footer = re.compile(r"<tfoot>.*?</tfoot>", re.S)
    assert len({footer.search(pages[u]).group() for u in uris}) == 1  # the same totals
    recit = next(c for c in found.columns if c.balise.id == "construire-le-recit")
    assert recit.total >= 90
    engagement = matrix(index, index["engagement"])
    pages_engagement = -(-len(engagement.rows) // PER_PAGE)
    assert f"matrice/engagement/page/{pages_engagement}.md" in pages
    assert f"matrice/engagement/page/{pages_engagement + 1}.md" not in pages
