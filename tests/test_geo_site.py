"""Issue « where things happen », as it will be checked: new territory files that give only a
name and an INSEE code, built from a clean copy, get their facts, a place on the map in the
right département, a row in the matrix, a line on their région's page, and are proposed as
similar to the territories that share their balises. Then a territory made of communes in
three départements of two régions (:data:`REDON`), and the repository's own territories that
span several départements or are abroad: each where it truly is, on every page it touches."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from hooks.territoires.geometrie import project, shapes
from schemas.facts import regions_of
from schemas.geo import GEO
from schemas.index import load_index

from .depot import copy_repository
from .served import browser, needs_chromium, serve, third_party
from .test_site import build

NEW = {"arras": ("Arras", "62041"), "rennes": ("Rennes", "35238")}
# Redon (Ille-et-Vilaine, Bretagne), Saint-Nicolas-de-Redon and Fégréac (Loire-Atlantique,
# Pays de la Loire), Rieux (Morbihan, Bretagne): most of its communes in Loire-Atlantique.
REDON = ("35236", "44185", "44057", "56194")
REDON_FILE = (
    "nom: Pays de Redon (essai)\ntype: pays\n"
    f"communes: [{', '.join(REDON)}]\n"
    "resume: Un pays à cheval sur deux régions, donné par ses communes.\n"
    "experiences:\n  - id: premiere\n    titre: Une première expérience\n"
    "    resume: Ce qui a été fait, par qui, ce que cela a changé.\n"
    "    balises: [construire-le-recit]\n"
)


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
    (root / "territoires" / "pays-de-redon.yml").write_text(REDON_FILE, encoding="utf-8")
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
    assert f"{people} habitants (population légale en vigueur en 2026, INSEE)" in label


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
    index = load_index(built.parent)
    experiences = index["arras"].data.experiences
    cells: list[int] = []
    for enjeu in index.of_kind("enjeu"):  # a row in the matrix of each enjeu it illustrates
        row = re.search(
            r'<tr><th scope="row"><a href="../../territoires/arras/">Arras</a></th>(.*?)</tr>',
            read(built, f"matrice/{enjeu.id}"),
        )
        if row:
            found = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", row.group(1))]
            assert found[-1] == len(experiences)  # the row's total: its experiences
            cells += found[:-1]
    assert sum(cells) == len(experiences[0].balises)  # one per balise its experience cites


def test_listed_on_its_region_page(built: Path) -> None:
    assert 'href="../../territoires/arras/"' in read(built, "regions/hauts-de-france")
    assert 'href="../../territoires/rennes/"' in read(built, "regions/bretagne")
    assert "arras/" not in read(built, "regions/bretagne")


def test_proposed_as_similar_to_those_sharing_its_balises(built: Path) -> None:
    loos = read(built, "territoires/loos-en-gohelle")
    section = loos.split('id="territoires-proches"', 1)[1]
    listed = section.split("<ul", 1)[1].split(">", 1)[1]  # the list, not its intro
    proches = text(listed.split("</ul>", 1)[0])
    shared = len(
        {b for x in load_index(built.parent)["loos-en-gohelle"].data.experiences for b in x.balises}
    )
    # Arras (Pas-de-Calais, 19 km away) shares every balise of Loos-en-Gohelle: first, with why
    assert proches.startswith(f"Arras : même nature, à 19 km, {shared} balises en commun")
    assert "Rennes" not in proches or proches.index("Arras") < proches.index("Rennes")


def test_a_territory_of_communes_gets_its_departements_population_and_position(
    built: Path,
) -> None:
    data = load_index(built.parent)["pays-de-redon"].data
    communes = [GEO.commune(code) for code in REDON]
    assert data.departements == ["44", "35", "56"]  # most communes first, then by code
    assert (data.departement, regions_of(data)) == ("44", ("52", "53"))
    assert data.population == sum(c.population for c in communes)
    assert data.population_annee == 2026
    assert data.coordonnees.lat == round(sum(c.lat for c in communes) / len(communes), 4)
    label = text(
        re.search(
            r'<p class="rv-etiquette">.*?</p>', read(built, "territoires/pays-de-redon")
        ).group()
    )
    people = f"{data.population:,}".replace(",", " ")
    assert label == (
        "Pays (territoire de projet) · s'étend sur 3 départements : Loire-Atlantique (44) , "
        f"Ille-et-Vilaine (35) , Morbihan (56) · Pays de la Loire, Bretagne · {people} "
        "habitants (population légale en vigueur en 2026, INSEE)"
    )


def row_of(html: str, page: str, slug: str) -> str | None:
    """The text of the table row of ``page`` that links to the territory ``slug``."""
    for row in re.findall(r"<tr>.*?</tr>", html, re.S):
        for href in re.findall(r'href="([^"]+)"', row):
            if posixpath.normpath(posixpath.join(page, href)) == f"territoires/{slug}":
                return text(row)
    return None


# What the row of the Pays de Redon says on each page, where a page lists it.
REDON_ROWS = {
    "regions/bretagne": "Ille-et-Vilaine et Morbihan ; hors de la région : Loire-Atlantique "
    "(Pays de la Loire)",
    "regions/pays-de-la-loire": "Loire-Atlantique ; hors de la région : Ille-et-Vilaine "
    "(Bretagne) et Morbihan (Bretagne)",
    "territoires/departements/44": "Pays de Redon (essai) (s'étend sur 3 départements)",
    "territoires/departements/35": "Pays de Redon (essai) (s'étend sur 3 départements)",
    "territoires/departements/56": "Pays de Redon (essai) (s'étend sur 3 départements)",
}


@pytest.mark.parametrize("page", sorted(REDON_ROWS))
def test_listed_on_each_region_and_departement_page_it_touches(built: Path, page: str) -> None:
    row = row_of(read(built, page), page, "pays-de-redon")
    assert row and REDON_ROWS[page] in row, row


@pytest.mark.parametrize("page", ["regions/normandie", "territoires/departements/29"])
def test_not_listed_where_it_is_not(built: Path, page: str) -> None:
    assert row_of(read(built, page), page, "pays-de-redon") is None
    assert (
        row_of(read(built, page), page, "malaunay" if "29" in page else "brest-metropole") is None
    )


def test_on_the_map_at_the_centre_of_its_communes(built: Path) -> None:
    page = read(built, "territoires")
    marker = re.search(r'<a href="pays-de-redon/"[^>]*>.*?<circle cx="(\d+)" cy="(\d+)"', page)
    assert marker, "absent de la carte"
    point = (int(marker.group(1)), int(marker.group(2)))
    data = load_index(built.parent)["pays-de-redon"].data
    assert project(data.coordonnees.lon, data.coordonnees.lat) == pytest.approx(point, abs=1)
    assert any(shapes()[code].contains(point) for code in data.departements)
    where = "Loire-Atlantique, Ille-et-Vilaine et Morbihan"
    assert f'aria-label="Pays de Redon (essai) ({where}, 1 expérience)"' in page
    assert (
        '<a href="pays-de-redon/">Pays de Redon (essai)</a> (Loire-Atlantique, Ille-et-Vilaine '
        "et Morbihan)" in page
    )


def test_the_repository_s_territories_are_where_they_are(built: Path) -> None:
    bretagne = read(built, "regions/bretagne")
    assert 'href="../../territoires/pays-centre-ouest-bretagne/"' in bretagne
    for code in ("22", "29", "56"):
        assert 'href="../../pays-centre-ouest-bretagne/"' in read(
            built, f"territoires/departements/{code}"
        )
    auvergne = read(built, "regions/auvergne-rhone-alpes")
    assert 'href="../../territoires/pnr-livradois-forez/"' in auvergne
    page = read(built, "territoires")
    for slug in ("pays-centre-ouest-bretagne", "pnr-livradois-forez"):
        marker = re.search(rf'<a href="{slug}/"[^>]*>.*?<circle cx="(\d+)" cy="(\d+)"', page)
        assert marker, f"{slug} absent de la carte"
    assert "(France)" not in page
    assert '<a href="namur/">Namur</a> (Belgique)' in page
    namur = text(
        re.search(r'<p class="rv-etiquette">.*?</p>', read(built, "territoires/namur")).group()
    )
    assert namur == "Commune · Belgique"


def decoded_regions(document: dict) -> dict[int, list[str]]:
    """Each territory's régions (keys of the filter) by its position, as explorer.js decodes
    ``explorer/facettes.json``: a negative number is a list of ``regions_multiples``."""
    keys = next(f["valeurs"] for f in document["filtres"] if f["cle"] == "region")
    t, several = document["territoires"], document["regions_multiples"]
    found = {}
    for n, i in enumerate(range(0, len(t), 4)):
        positions = several[-1 - t[i + 1]] if t[i + 1] < 0 else [t[i + 1]]
        found[n] = [keys[p][0] for p in positions]
    return found


def test_the_explorer_filters_it_under_each_of_its_regions(built: Path) -> None:
    document = json.loads((built / "explorer" / "facettes.json").read_text(encoding="utf-8"))
    ids = [t.id for t in load_index(built.parent).of_kind("territoire")]
    regions = decoded_regions(document)
    assert regions[ids.index("pays-de-redon")] == ["pays-de-la-loire", "bretagne"]
    assert regions[ids.index("malaunay")] == ["normandie"]
    assert regions[ids.index("namur")] == ["hors-de-france"]


@needs_chromium
@pytest.mark.parametrize("slug", ["bretagne", "pays-de-la-loire"])
def test_the_explorer_shows_it_for_each_of_its_regions(built: Path, slug: str) -> None:
    with serve(built) as url, browser() as (context, requested):
        page = context.new_page()  # type: ignore[attr-defined]
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}explorer/?region={slug}")
        page.wait_for_function("document.querySelectorAll('#rv-ex-resultats li').length > 0")
        results = page.locator("#rv-ex-resultats li").all_inner_texts()
        redon = [r for r in results if "Pays de Redon (essai)" in r]
        assert redon and "Pays de la Loire · Bretagne" in redon[0], results
        assert all("Normandie" not in r for r in results)
        assert not errors and not third_party(requested)


def test_the_search_filters_it_under_each_of_its_departements_and_regions(built: Path) -> None:
    from hooks.recherche.records import territory_facets

    index = load_index(built.parent)
    facets = territory_facets(index, index["pays-de-redon"], [])
    assert sorted(facets["departement"]) == [
        "Ille-et-Vilaine (35)",
        "Loire-Atlantique (44)",
        "Morbihan (56)",
    ]
    assert sorted(facets["region"]) == ["Bretagne", "Pays de la Loire"]
