"""From a code to facts: INSEE and SIREN codes resolved from geo/, errors with line and hint,
and `new territoire` that finds the code by name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schemas.geo import ATTRIBUTION, GEO, POPULATION_YEAR
from schemas.index import load_index

from .depot import ROOT, copy_repository

VILLES_PAIRS = {
    "loos-en-gohelle": ("62", "Hauts-de-France"),
    "le-mene": ("22", "Bretagne"),
    "malaunay": ("76", "Normandie"),
    "grande-synthe": ("59", "Hauts-de-France"),
}


def check(repo: Path) -> str:
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout
    return result.stdout + result.stderr


def new(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "build.py", "new", "territoire", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True)


def edit(path: Path, old: str, new_text: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new_text, 1), encoding="utf-8")


def test_the_villes_pairs_get_departement_region_population_and_position() -> None:
    index = load_index(ROOT)
    for territory, (departement, region) in VILLES_PAIRS.items():
        data = index[territory].data
        assert data.code_insee, territory  # the file gives the code only
        assert "departement:" not in (ROOT / index[territory].path).read_text(encoding="utf-8")
        place = GEO.commune(data.code_insee)
        assert (data.departement, GEO.region_of(data.departement)) == (departement, region)
        assert (data.population, data.population_annee) == (place.population, POPULATION_YEAR)
        assert (data.coordonnees.lat, data.coordonnees.lon) == (place.lat, place.lon)


def test_an_epci_gets_its_facts_from_its_siren() -> None:
    data = load_index(ROOT)["brest-metropole"].data
    assert (data.siren, data.departement, GEO.region_of(data.departement)) == (
        "242900314",
        "29",
        "Bretagne",
    )
    assert data.population == GEO.epci("242900314").population > 100_000


def test_territories_without_code_keep_their_own_fields() -> None:
    namur = load_index(ROOT)["namur"].data
    assert (namur.pays, namur.departement, namur.coordonnees) == ("BE", None, None)


def test_a_hand_written_population_wins(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    edit(
        repo / "territoires" / "malaunay.yml",
        'code_insee: "76402"\n',
        'code_insee: "76402"\npopulation: 6000\n',
    )
    data = load_index(repo)["malaunay"].data
    assert (data.population, data.population_annee) == (6000, None)


def test_an_unknown_code_is_refused_with_the_closest_names(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    path = repo / "territoires" / "malaunay.yml"
    edit(path, 'code_insee: "76402"', 'code_insee: "76999"')
    line = path.read_text(encoding="utf-8").splitlines().index('code_insee: "76999"') + 1
    report = check(repo)
    assert f"territoires/malaunay.yml:{line}: code_insee: code INSEE « 76999 » inconnu" in report
    assert "Malaunay (76402, Seine-Maritime)" in report  # the hint: the commune of that name


def test_a_departement_that_contradicts_the_code_is_refused(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    path = repo / "territoires" / "malaunay.yml"
    edit(path, 'code_insee: "76402"\n', 'code_insee: "76402"\ndepartement: "62"\n')
    line = path.read_text(encoding="utf-8").splitlines().index('departement: "62"') + 1
    report = check(repo)
    assert (
        f"territoires/malaunay.yml:{line}: departement: « 62 » contredit le code_insee 76402"
        in report
    )
    assert "supprimez cette ligne" in report


def test_an_unknown_siren_and_a_code_abroad_are_refused(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    edit(repo / "territoires" / "brest-metropole.yml", '"242900314"', '"242900000"')
    edit(repo / "territoires" / "namur.yml", "pays: BE\n", 'pays: BE\ncode_insee: "76402"\n')
    report = check(repo)
    assert "siren: numéro SIREN « 242900000 » inconnu parmi les EPCI" in report
    assert "Brest Métropole (242900314, Finistère)" in report
    assert "territoires/namur.yml:" in report and "désigne un territoire français" in report


def test_new_territory_finds_the_code_of_a_unique_name(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    (repo / "territoires" / "malaunay.yml").unlink()
    result = new(repo, "Malaunay")
    assert result.returncode == 0, result.stderr
    assert "code_insee 76402" in result.stdout
    text = (repo / "territoires" / "malaunay.yml").read_text(encoding="utf-8")
    assert 'code_insee: "76402"' in text and "type: commune" in text


def test_new_territory_lists_the_candidates_of_a_common_name(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    result = new(repo, "Saint-Martin")
    assert result.returncode == 0, result.stderr
    expected = [p for p in GEO.named("Saint-Martin")]
    assert len(expected) > 1
    for place in expected:
        assert f'code_insee: "{place.code}"' in result.stdout
    assert (
        'code_insee: "'
        not in (repo / "territoires" / "saint-martin.yml")
        .read_text(encoding="utf-8")
        .split("# code_insee")[0]
    )
    chosen = new(repo, "Saint-Martin du Gers", "--code", expected[0].code)
    assert chosen.returncode == 0
    text = (repo / "territoires" / "saint-martin-du-gers.yml").read_text(encoding="utf-8")
    assert f'code_insee: "{expected[0].code}"' in text


@pytest.mark.parametrize(
    "name", ["communes.csv", "epci.csv", "departements.geojson", "regions.geojson"]
)
def test_the_geo_data_and_its_attribution_are_in_the_repository(name: str) -> None:
    assert (ROOT / "geo" / name).is_file()
    readme = (ROOT / "geo" / "README.md").read_text(encoding="utf-8")
    assert name in readme
    assert " ".join(ATTRIBUTION.split()) in " ".join(readme.replace("> ", "").split())
