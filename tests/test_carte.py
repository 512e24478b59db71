"""The map of the territories page (hooks/territoires/carte.py): a link per territory, each at
a point inside its département's outline, links that lead to real pages, valid SVG, overseas and
foreign territories beside it, and a weight bounded at 5,000 territories."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from markupsafe import escape

from benchmarks.scale import add_territories
from hooks.territoires.carte import (
    MAX_POINTS,
    classes,
    experiences_by_departement,
    map_svg,
    placed,
    territory_map,
)
from hooks.territoires.geometrie import project, shapes
from hooks.urls import relative_url
from schemas.facts import departements_of
from schemas.index import Index, load_index

from .depot import copy_repository
from .test_site import build

PAGE = "territoires/index.md"
SVG = "{http://www.w3.org/2000/svg}"
BUDGET = 40_000  # bytes gzip, the map and everything around it
REUNION = """nom: Saint-Denis
type: commune
code_insee: "97411"
resume: Une commune de La Réunion, pour les tests.
experiences:
  - id: une-experience
    titre: Une expérience
    resume: Ce qui a été fait.
    balises: [construire-le-recit]
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("carte") / "depot")
    (root / "territoires" / "saint-denis.yml").write_text(REUNION, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index(root: Path) -> Index:
    return load_index(root)


def links(svg: str) -> dict[str, tuple[float, float]]:
    """href → centre of its circle, for every link of the map."""
    found = {}
    for a in ET.fromstring(svg).iter(f"{SVG}a"):
        circle = a.find(f"{SVG}circle")
        assert circle is not None and a.get("aria-label"), ET.tostring(a)
        assert a.find(f"{SVG}title").text == a.get("aria-label")  # type: ignore[union-attr]
        found[a.get("href")] = (float(circle.get("cx")), float(circle.get("cy")))  # type: ignore[arg-type]
    return found


def test_every_territory_with_a_place_is_a_link_inside_its_departement(index: Index) -> None:
    where = placed(index)
    svg = map_svg(index, PAGE, where)
    on_map = links(svg)
    departements = shapes()
    assert len(where.on_map) >= 10
    for entry, _ in where.on_map:
        href = relative_url(entry, PAGE)
        assert href in on_map, entry.id
        deps = departements_of(entry.data)  # type: ignore[arg-type]
        inside = [d for d in deps if departements[d].contains(on_map[href])]
        assert inside, (entry.id, deps, on_map[href])
    assert len(on_map) == len(where.on_map)


def test_a_position_is_drawn_where_it_is() -> None:
    # Malaunay (76402) is in Seine-Maritime, Luc-sur-Aude (11209) in the Aude: the same
    # projection puts their centres inside those outlines, and not in a neighbour's.
    assert shapes()["76"].contains(project(1.0488, 49.5254))
    assert shapes()["11"].contains(project(2.2809, 42.9636))
    assert not shapes()["27"].contains(project(1.0488, 49.5254))


def test_overseas_abroad_and_unplaced_territories_are_beside_the_map(index: Index) -> None:
    where = placed(index)
    assert [e.id for e in where.overseas] == ["saint-denis"]
    assert [e.id for e in where.abroad] == ["namur"]
    html = territory_map(index, PAGE)
    beside = html.split("Outre-mer", 1)[1]
    assert '<a href="saint-denis/">Saint-Denis</a>' in beside
    assert '<a href="namur/">Namur</a>' in beside.split("Hors de France", 1)[1]
    assert f"{len(where.nowhere)} territoire" in beside


def test_the_legend_says_each_class_in_words(index: Index) -> None:
    html = territory_map(index, PAGE)
    legend = re.search(r'<ul class="rv-legende">(.*?)</ul>', html, re.DOTALL)
    assert legend
    items = re.findall(r"</svg> ([^<]+)</li>", legend.group(1))
    assert items[0] == "Aucune expérience"
    assert all(re.match(r"^\d+( à \d+)? expériences?$", x) for x in items[1:]), items
    assert len(items) == 1 + len(classes(max(experiences_by_departement(index).values())))
    # Each class is drawn with its own pattern, which the legend's swatches reuse.
    for n in range(len(items)):
        assert f'fill="url(#rv-motif-{n})"' in html


def test_each_departement_s_number_of_experiences_is_written_under_the_map(
    index: Index,
) -> None:
    """The text of the shading: a line per class of the legend, darkest first, naming its
    départements with their numbers."""
    html = territory_map(index, PAGE)
    details = html.split('<details class="rv-carte-details">')[1].split("</details>")[0]
    counts = experiences_by_departement(index)
    lines = re.findall(r"<li><strong>([^<]+)</strong> : (.*?)\.</li>", details)
    assert [label for label, _ in lines][-1].startswith("1 ")  # the lightest class last
    written = {
        name: int(n)
        for _, text in lines
        for name, n in re.findall(r"(.+?) \((\d+)\)(?:, |$)", text)
    }
    names = {code: str(escape(s.nom)) for code, s in shapes().items()}
    assert written == {names[code]: n for code, n in counts.items() if code in names and n}


def test_the_map_in_the_built_site(root: Path) -> None:
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    page = (site / "territoires" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="rv-carte-svg".*?</svg>', page, re.DOTALL)
    assert svg, "no map on the territories page"
    on_map = links(svg.group(0))  # parses as XML
    base = "http://site/territoires/"
    beside = re.search(r'<div class="rv-carte-cote">(.*?)</div>', page, re.DOTALL)
    assert beside
    hrefs = [*on_map, *re.findall(r'href="([^"]+)"', beside.group(1))]
    for href in hrefs:
        path = urljoin(base, href).removeprefix("http://site/")
        assert (site / path / "index.html").is_file(), href
    assert "Licence Ouverte / Etalab" in page.split('class="rv-attribution"', 1)[1]
    assert page.index('class="rv-carte-svg"') < page.index('class="rv-territoires"')  # the list
    second = site / "territoires" / "page" / "2" / "index.html"
    assert not second.exists() or "rv-carte-svg" not in second.read_text(encoding="utf-8")


@pytest.mark.parametrize("n", [MAX_POINTS - 12, 5000])
def test_the_map_stays_under_its_budget(tmp_path: Path, n: int) -> None:
    """At about :data:`MAX_POINTS` territories on the map (the most it draws one by one) and
    at 5,000 (counted per région, each région a link to its page)."""
    root = copy_repository(tmp_path / "depot")
    add_territories(root, n)
    index = load_index(root)
    where = placed(index)
    html = territory_map(index, PAGE)
    assert len(gzip.compress(html.encode())) <= BUDGET
    on_map = links(map_svg(index, PAGE, where))
    grouped = len(where.on_map) > MAX_POINTS
    assert grouped == (n == 5000), len(where.on_map)
    if grouped:
        regions = shapes("regions.geojson")
        assert len(on_map) <= len(regions)
        assert all(href.startswith("../regions/") for href in on_map)
        assert all(any(r.contains(p) for r in regions.values()) for p in on_map.values())
    else:
        assert len(on_map) == len(where.on_map)
