"""« Matrice des expériences »: counts equal to the territory files, right totals, the balises
with the fewest experiences called out, real tables with headers, every balise named in
full, and five pages that weigh the same whatever the number of territories."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from hooks.core.render import text
from hooks.site import FEATURES, generate_site
from hooks.territoires.matrice import SHOWN, SHOWN_CALLS, leading, matrix
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
MATRIX = tuple(f for f in FEATURES if f.name == "Matrice des expériences")


def counted(root: Path) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """From the territory files themselves, and the experiences in their own files
    (``territoires/<territoire>/<experience>.yml``): experiences per (territory, balise), and
    experiences per territory."""
    cells: Counter[tuple[str, str]] = Counter()
    rows: Counter[str] = Counter()
    for path in (root / "territoires").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        apart = [
            yaml.safe_load(f.read_text(encoding="utf-8"))
            for f in (root / "territoires" / path.stem).glob("*.yml")
        ]
        for x in [*data.get("experiences", []), *apart]:
            rows[path.stem] += 1
            for balise in {b if isinstance(b, str) else b["id"] for b in x["balises"]}:
                cells[(path.stem, balise)] += 1
    return cells, rows


def matrix_markdown(index: Index) -> dict[str, str]:
    """The matrix's pages only, by source path."""
    return {p.src_uri: p.markdown for p in generate_site(index, features=MATRIX).pages}


def body_rows(markdown: str) -> list[str]:
    """The ids of the territories of a matrix's table, in the order of its rows."""
    body = markdown.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'<tr><th scope="row"><a href="[^"]*/([^/"]+)/">', body)


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
        assert column.territoires == sum(1 for t in rows if cells[(t, column.balise.id)])
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


def test_the_overview_names_every_balise_in_a_table_of_three_columns(index: Index) -> None:
    pages = matrix_markdown(index)
    assert sorted(pages) == sorted(
        ["matrice/index.md"] + [f"matrice/{e.id}/index.md" for e in index.of_kind("enjeu")]
    )
    whole = pages["matrice/index.md"]
    found = matrix(index)
    assert '<caption id="rv-matrice-legende">' in whole
    assert len(re.findall(r'<th scope="col"[ >]', whole)) == 3
    assert "<td" not in whole.split("<thead>")[1].split("</thead>")[0]
    for enjeu in index.of_kind("enjeu"):  # a group of rows per enjeu, led to its matrix
        group = re.search(
            rf'<tbody>\n<tr class="rv-matrice__enjeu"><th scope="rowgroup" colspan="3">'
            rf'{enjeu.data.numero}\. [^<]+ · <a href="../matrice/{enjeu.id}/">par territoire</a>',
            whole,
        )
        assert group, enjeu.id
        assert f"](/matrice/{enjeu.id}/index.md)" in whole
    assert whole.count("<tbody>") == len(index.of_kind("enjeu"))
    for column in found.columns:  # the number and the whole name, as the link's visible text
        row = re.search(
            rf'<tr><th scope="row"[^>]*><a href="[^"]+">{re.escape(column.label)} '
            rf"{re.escape(text(column.balise.title))}</a>(.*?)</tr>",
            whole,
        )
        assert row, column.balise.id
        assert re.findall(r"<td>(\d+)</td>", row.group(1)) == [
            str(column.total),
            str(column.territoires),
        ]
    assert "/territoires/" not in whole.split("<table")[1]  # the same at any number of them
    footer = whole.split("<tfoot>")[1]
    assert f"<td>{found.total}</td><td>{len(found.rows)}</td>" in footer
    title = "Cette balise attend vos expériences" if len(found.calls) == 1 else "Ces balises"
    assert f"## {title}" in whole and "(/contribuer/proposer.md)" in whole
    assert whole.count("(attend vos expériences)") == len(found.calls)
    assert whole.count('<th scope="row" class="rv-appel">') == len(found.calls)  # ◆ by CSS
    listed = whole.split('<ul class="rv-matrice-appel">')[1].split("</ul>")[0]
    assert listed.count("<li>") == min(len(found.calls), SHOWN_CALLS)
    if len(found.calls) > SHOWN_CALLS:
        assert f"Et {len(found.calls) - SHOWN_CALLS} autre" in whole
    assert all("rv_indexer: false" in page for page in pages.values())


def test_an_enjeu_page_names_its_columns_and_sorts_its_territories(index: Index) -> None:
    pages = matrix_markdown(index)
    for enjeu in index.of_kind("enjeu"):
        page = pages[f"matrice/{enjeu.id}/index.md"]
        found = matrix(index, enjeu)
        legend = page.split('<ul class="rv-matrice__legende"')[1].split("</ul>")[0]
        head = page.split("<thead>")[1].split("</thead>")[0]
        for column in found.columns:  # the name in the legend and, hidden from sight, in the
            name = text(column.balise.title)  # column's header link, for screen readers
            assert f"<li>{column.label} {name}</li>" in legend
            assert f'{column.label}<span class="rv-matrice__nom"> {name}</span></a>' in head
        assert len(re.findall(r'<th scope="col"', head)) == len(found.columns) + 2
        rows = body_rows(page)
        expected = sorted(found.rows, key=lambda r: (-r.total, r.territoire.title.casefold()))
        assert rows == [r.territoire.id for r in expected][:SHOWN]
        assert (len(found.rows) > SHOWN) == ("rv-suite" in page)
        assert page.count('<th scope="col" class="rv-appel">') == len(found.calls)


def test_leading_keeps_the_most_active_territories_in_alphabetical_ties() -> None:
    from types import SimpleNamespace as R

    rows = [R(total=1, title="Zèbre"), R(total=2, title="bourg"), R(total=1, title="Arles")]
    assert [r.title for r in leading(rows, 5)] == ["bourg", "Arles", "Zèbre"]
    assert [r.title for r in leading(rows, 1)] == ["bourg"]


def test_five_pages_of_the_same_weight_at_any_number_of_territories(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    sizes = []
    for step in (40, 160):
        for n in range(step):
            (root / "territoires" / f"commune-{n:03d}.yml").write_text(
                TERRITORY.format(n=n), encoding="utf-8"
            )
        index = load_index(root)
        pages = matrix_markdown(index)
        assert len(pages) == 1 + len(index.of_kind("enjeu"))
        engagement = pages["matrice/engagement/index.md"]
        systemique = pages["matrice/approche-systemique/index.md"]
        assert len(body_rows(engagement)) == len(body_rows(systemique)) == SHOWN
        found = matrix(index, index["engagement"])
        rest = len(found.rows) - SHOWN
        assert f"… et {rest} autres territoires : " in engagement
        assert 'href="../../explorer/?enjeu=engagement"' in engagement
        footer = re.search(r"<tfoot>.*?</tfoot>", engagement, re.S)
        assert footer and f"<td>{found.total}</td></tr>" in footer.group()
        recit = next(c for c in matrix(index).columns if c.balise.id == "construire-le-recit")
        assert recit.total >= step and recit.territoires >= step
        sizes.append([page.count("<tr") for page in pages.values()])
    assert sizes[0] == sizes[1]  # as many rows at 160 territories as at 40
