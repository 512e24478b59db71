"""Pages by région (hooks/territoires/regions.py) and « Chiffres clés »
(hooks/territoires/chiffres.py): the right territories on each région's pages, bounded pages,
the explorer filtered on the région, and figures equal to counts made here from the records,
each chart with its text alternative."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.scale import add_territories
from hooks.core.context import BuildContext
from hooks.core.facets import regions
from hooks.site import generate_site
from hooks.territoires.chiffres import figures, figures_page
from hooks.territoires.explorer import filters, items
from hooks.territoires.regions import PER_PAGE, region_pages
from schemas.facts import regions_of
from schemas.index import Index, load_index
from schemas.territoire import TYPE_LABELS

from .depot import copy_repository
from .test_site import build

SYNTHETIC = 300  # enough for a région with several pages


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = copy_repository(tmp_path_factory.mktemp("regions") / "depot")
    add_territories(root, SYNTHETIC)
    return load_index(root)


def listed(markdown: str) -> list[str]:
    """The ids of the territories linked from the table of a région's page."""
    return re.findall(r'<td><a href="[./]*territoires/([^/"]+)/">', markdown)


def test_each_region_lists_its_territories_in_pages_of_40(index: Index) -> None:
    pages = {p.src_uri: p.markdown for p in region_pages(BuildContext(index))}
    expected = items_region(index)
    del expected["hors-de-france"], expected["non-renseignee"]
    in_france = [t for t in index.of_kind("territoire") if t.data.pays == "FR"]  # type: ignore[attr-defined]
    placed = [r for t in in_france for r in regions_of(t.data)]  # type: ignore[arg-type]
    assert sum(len(ids) for ids in expected.values()) == len(placed) > SYNTHETIC
    several = False
    for slug, ids in expected.items():
        first = pages[f"regions/{slug}.md"]
        count = -(-len(ids) // PER_PAGE)
        uris = [f"regions/{slug}.md"] + [f"regions/{slug}/page/{n}.md" for n in range(2, count + 1)]
        found = [listed(pages[uri]) for uri in uris]
        assert all(len(f) <= PER_PAGE for f in found)
        assert sorted(x for f in found for x in f) == sorted(ids), slug
        assert f"regions/{slug}/page/{count + 1}.md" not in pages
        experiences = sum(len(index[i].data.experiences) for i in ids)  # type: ignore[attr-defined]
        assert f"partage{'nt' if len(ids) > 1 else ''} {experiences} expérience" in first
        assert f'href="../../explorer/?region={slug}"' in first
        several = several or count > 1
    assert several, "no région with more than one page: raise SYNTHETIC"


def items_region(index: Index) -> dict[str, set[str]]:
    """Territories by the key of their values in the explorer's « Région » filter (a
    territory across several régions under each)."""
    found: dict[str, set[str]] = {}
    for item in items(index):
        for value in item.regions:
            found.setdefault(value.key, set()).add(item.territoire.id)
    return found


def test_region_slugs_are_values_of_the_explorer_filter(index: Index) -> None:
    region_filter = next(f for f in filters(index, items(index)) if f.key == "region")
    keys = {v.key for v in region_filter.values}
    pages = {p.src_uri for p in region_pages(BuildContext(index))}
    with_territories = {k for k in keys if f"regions/{k}.md" in pages}
    assert with_territories == keys - {"hors-de-france", "non-renseignee"}


def test_the_regions_index_counts_each_region(index: Index) -> None:
    markdown = next(
        p for p in region_pages(BuildContext(index)) if p.src_uri == "regions/index.md"
    ).markdown
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)/">[^<]+</a></th><td>(\d+)</td><td>(\d+)</td>', markdown
    )
    by_slug = items_region(index)
    assert len(rows) >= 18  # 13 metropolitan régions and 5 DROM, with or without territories
    for slug, territories, experiences in rows:
        ids = by_slug.get(slug, set())
        assert int(territories) == len(ids), slug
        assert int(experiences) == sum(len(index[i].data.experiences) for i in ids)  # type: ignore[attr-defined]


def table(markdown: str, caption: str) -> dict[str, int]:
    """The rows of the table captioned ``caption``: header → number."""
    found = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", markdown, re.S)
    assert found, caption
    rows = re.findall(r'<th scope="row">([^<]+)</th><td style="[^"]*">(\d+)</td>', found.group(1))
    return {label: int(n) for label, n in rows}


def ids(experience: object) -> list[str]:
    """The ids of the balises an experience cites (written as ids, or as objects with one)."""
    return [getattr(b, "id", b) for b in experience.balises]  # type: ignore[attr-defined]


def test_key_figures_equal_the_records(index: Index) -> None:
    markdown = figures_page(BuildContext(index))[0].markdown
    territories = index.of_kind("territoire")
    types = Counter(t.data.type for t in territories)  # type: ignore[attr-defined]
    assert table(markdown, "Territoires par type") == {TYPE_LABELS[k]: n for k, n in types.items()}
    per_balise: Counter[str] = Counter()
    for t in territories:
        for x in t.data.experiences:  # type: ignore[attr-defined]
            per_balise.update(set(ids(x)))
    titles = {b.title: b.id for b in index.of_kind("balise")}
    balises = table(markdown, "Expériences par balise")
    assert {titles[label]: n for label, n in balises.items()} == {
        b: per_balise[b] for b in titles.values()
    }
    enjeux = table(markdown, "Expériences par enjeu")
    for e in index.of_kind("enjeu"):
        under = {b.id for b in index.of_kind("balise") if b.data.enjeu == e.id}  # type: ignore[attr-defined]
        count = sum(
            1
            for t in territories
            for x in t.data.experiences
            if under & set(ids(x))  # type: ignore[attr-defined]
        )
        assert enjeux[f"{e.data.numero}. {e.data.titre_court}"] == count  # type: ignore[attr-defined]
    by_region = table(markdown, "Territoires par région")
    assert sum(by_region.values()) == sum(len(regions(t.data)) for t in territories)  # type: ignore[arg-type]
    assert by_region["Hors de France"] == sum(1 for t in territories if t.data.pays != "FR")  # type: ignore[attr-defined]


def test_each_number_has_its_bar(index: Index) -> None:
    """The charts are the tables themselves: each number cell carries its bar's length
    (its share of the table's largest number), drawn by the stylesheet; no element is
    added, so what assistive technologies read is the table, captioned, with header cells."""
    markdown = figures_page(BuildContext(index))[0].markdown
    assert "<svg" not in markdown
    for caption in (
        "Territoires par type",
        "Territoires par région",
        "Expériences par enjeu",
        "Expériences par balise",
    ):
        found = re.search(rf"<caption>{caption}</caption>(.*?)</table>", markdown, re.S)
        assert found, caption
        cells = re.findall(r'<td style="--part: (\d+)%">(\d+)</td>', found.group(1))
        assert len(cells) == len(table(markdown, caption)) > 0
        largest = max(int(n) for _, n in cells)
        for part, n in cells:
            assert int(part) == (round(100 * int(n) / largest) if largest else 0)


def test_pages_and_navigation(index: Index) -> None:
    site = generate_site(index)
    uris = {p.src_uri for p in site.pages}
    assert {"chiffres.md", "regions/index.md", "regions/normandie.md"} <= uris
    assert "chiffres.md" in site.nav
    territories = next(p for p in site.pages if p.src_uri == "territoires/index.md").markdown
    assert 'href="../regions/"' in territories  # the régions from the map


def test_the_pages_in_the_built_site(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    page = (site / "regions" / "normandie" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../territoires/malaunay/"' in page
    assert 'href="../../explorer/?region=normandie"' in page
    assert (site / "regions" / "index.html").is_file()
    chiffres = (site / "chiffres" / "index.html").read_text(encoding="utf-8")
    assert chiffres.count("<caption>") == 4
    assert chiffres.count('style="--part: ') == chiffres.count('<th scope="row">')


def test_a_national_territory_is_in_france_not_unknown() -> None:
    """« Territoires zéro chômeur », a national experiment with no site named, is counted
    « France, sans région précise » under « Territoires par région », never « Non
    renseignée »; the explorer says the same."""
    index = load_index(Path(__file__).resolve().parent.parent)
    by_region = dict(next(f for f in figures(index) if f.id == "regions").rows)
    assert by_region.get("France, sans région précise") == 1
    assert "Non renseignée" not in by_region
    national = index["territoires-zero-chomeur"].data
    assert [r.label for r in regions(national)] == ["France, sans région précise"]
