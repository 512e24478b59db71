"""Issue « where things happen », as it will be checked: new territory files that give only a
name and an INSEE code, built from a clean copy, get their facts, a place on the map in the
right département, a row in the matrix, a line on their région's page, and are proposed as
similar to the territories that share their balises."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hooks.territoires.geometrie import project, shapes
from schemas.geo import GEO
from schemas.index import load_index

from .depot import copy_repository
from .test_site import build

NEW = {"arras": ("Arras", "62041"), "rennes": ("Rennes", "35238")}


def territory(name: str, code: str, balises: list[str]) -> str:
    return (
        f'nom: {name}\ntype: commune\ncode_insee: "{code}"\n'
        "resume: Une ville venue par le formulaire, avec son seul code.\n"
        "experiences:\n  - id: premiere\n    titre: Une première expérience\n"
        "    resume: Ce qui a été fait, par qui, ce que cela a changé.\n"
        f"    balises: [{', '.join(balises)}]\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("geo") / "depot")
    loos = load_index(root)["loos-en-gohelle"].data
    shared = sorted({b for x in loos.experiences for b in x.balises})  # all of Loos's balises
    for slug, (name, code) in NEW.items():
        text = territory(name, code, shared if slug == "arras" else shared[:1])
        (root / "territoires" / f"{slug}.yml").write_text(text, encoding="utf-8")
    shutil.rmtree(root / "site", ignore_errors=True)
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def read(site: Path, path: str) -> str:
    page = (site / path / "index.html").read_text(encoding="utf-8")
    return page.replace("\u202f", " ").replace("\xa0", " ")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("slug", sorted(NEW))
def test_facts_come_from_the_code(built: Path, slug: str) -> None:
    commune = GEO.commune(NEW[slug][1])
    label = text(read(built, f"territoires/{slug}"))
    where = f"{GEO.departement(commune.departement)} ({commune.departement})"
    people = f"{commune.population:,}".replace(",", " ")
    assert f"Commune · {where} · {GEO.region_of(commune.departement)}" in label
    assert f"{people} habitants (2026, INSEE)" in label


@pytest.mark.parametrize("slug", sorted(NEW))
def test_placed_on_the_map_in_its_departement(built: Path, slug: str) -> None:
    page = read(built, "territoires")
    marker = re.search(rf'<a href="{slug}/"[^>]*>.*?<circle cx="(\d+)" cy="(\d+)"', page)
    assert marker, f"{slug} absent de la carte"
    commune = GEO.commune(NEW[slug][1])
    point = (int(marker.group(1)), int(marker.group(2)))
    assert shapes()[commune.departement].contains(point)
    assert project(commune.lon, commune.lat) == pytest.approx(point, abs=1)


def test_counted_in_the_matrix(built: Path) -> None:
    matrix = read(built, "matrice")
    row = re.search(
        r'<tr><th scope="row"><a href="../territoires/arras/">Arras</a></th>(.*?)</tr>', matrix
    )
    assert row, "Arras absent de la matrice"
    cells = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", row.group(1))]
    experiences = load_index(built.parent)["arras"].data.experiences
    assert sum(cells[:-1]) == len(experiences[0].balises)  # one per balise its experience cites
    assert cells[-1] == len(experiences)  # the row's total: its experiences


def test_listed_on_its_region_page(built: Path) -> None:
    assert 'href="../../territoires/arras/"' in read(built, "regions/hauts-de-france")
    assert 'href="../../territoires/rennes/"' in read(built, "regions/bretagne")
    assert "arras/" not in read(built, "regions/bretagne")


def test_proposed_as_similar_to_those_sharing_its_balises(built: Path) -> None:
    loos = read(built, "territoires/loos-en-gohelle")
    section = loos.split('id="territoires-proches"', 1)[1]
    proches = text(section.split("</ul>", 1)[0])
    shared = len(
        {b for x in load_index(built.parent)["loos-en-gohelle"].data.experiences for b in x.balises}
    )
    assert f"Arras : {shared} balises en commun, même type" in proches, proches[:400]
    assert "Rennes" not in proches or proches.index("Arras") < proches.index("Rennes")
