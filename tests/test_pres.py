"""« Près de chez moi »: the files (every name findable, bytes of a lookup at 5,000
territories), then the page in headless Chromium: typing, picking with the keyboard, the
address kept and restored, homonyms, an EPCI, an overseas commune without position, a
commune inside a territory of the référentiel found first, nothing asked of another site."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from benchmarks.pres import LIMIT, lookup_bytes
from benchmarks.scale import add_territories
from hooks.core.context import BuildContext
from hooks.territoires.pres import near_files
from hooks.territoires.pres_noms import file_name, search_key, word_keys
from hooks.urls import NEAR_FOLDER
from schemas.index import load_index

from .depot import ROOT, copy_repository
from .served import browser, needs_chromium, serve, third_party
from .test_site import build


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return near_files(BuildContext(load_index(ROOT)))


def test_every_commune_and_epci_is_in_the_slice_of_each_word_of_its_name(files) -> None:
    index = json.loads(files[NEAR_FOLDER + "index.json"])
    found: dict[str, set[str]] = {}  # code → the prefixes of its slices
    for prefix in index["noms"]:
        for row in json.loads(files[f"{NEAR_FOLDER}noms/{file_name(prefix)}.json"]):
            keys = {k for name in [row[1], *row[8:]] for k in word_keys(search_key(name))}
            assert any(k.startswith(prefix) for k in keys), (prefix, row[1])
            found.setdefault(row[0] + row[6], set()).add(prefix)
    assert len(found) == 34_969 + 1_255
    # « Aix-Marseille » finds the métropole, by a word that is not the first of its name.
    aix = next(p for p in index["noms"] if "aix marseille provence".startswith(p))
    assert any(p.startswith("m") for p in found["200054807m"]) and aix in found["200054807m"]
    codes = [row for f, text in files.items() if "/codes/" in f for row in json.loads(text)]
    assert len(codes) == 34_969 + 1_255


def test_a_territory_of_the_referentiel_has_its_own_name(files) -> None:
    """« Brest métropole » as on its page, then « Brest Métropole » of geo/ (also found)."""
    rows = json.loads(files[NEAR_FOLDER + "codes/e4.json"])
    brest = next(row for row in rows if row[0] == "242900314")
    assert brest[1] == "Brest métropole" and brest[8] == "Brest Métropole"
    territories = [row for f, t in files.items() if "/regions/" in f for row in json.loads(t)]
    assert "PETR du Grand Clermont" in {row[0] for row in territories}


def test_a_lookup_stays_under_60_kb_at_5000_territories(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "depot")
    add_territories(repo, 5000)
    measured = lookup_bytes(near_files(BuildContext(load_index(repo))))
    print(measured)
    assert 0 < measured["recherche par nom"] <= LIMIT
    assert 0 < measured["adresse partagée"] <= LIMIT


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    root = copy_repository(tmp_path_factory.mktemp("pres") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture
def page(site_url):
    """The page in Chromium at 375 px; the test fails on a script error or a request to
    another site."""
    with browser() as (context, requested):
        tab = context.new_page()
        tab.set_viewport_size({"width": 375, "height": 800})
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(site_url + "pres-de-chez-moi/")
        yield tab
        assert errors == []
        assert third_party(requested) == []


def options(page, typed: str) -> list[str]:
    page.fill("#rv-pres-nom", "")
    page.wait_for_selector("#rv-pres-liste", state="hidden")
    page.fill("#rv-pres-nom", typed)
    page.wait_for_selector("#rv-pres-liste li")
    return [li.inner_text() for li in page.query_selector_all("#rv-pres-liste li")]


pytestmark = needs_chromium


def test_typing_a_name_without_accents_or_hyphens_and_picking_it_with_the_keyboard(page) -> None:
    assert options(page, "saint brieuc")[0] == "Saint-Brieuc (Côtes-d'Armor, 22)"
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#rv-pres-nom", "aria-activedescendant") == "rv-pres-option-0"
    start = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_selector("#rv-pres-titre")
    print(f"réponse en {(time.perf_counter() - start) * 1000:.0f} ms")
    assert page.url.endswith("?commune=22278")
    assert page.get_attribute("#rv-pres-nom", "aria-expanded") == "false"
    result = page.inner_text("#rv-pres-resultat")
    assert "Pays du Centre Ouest Bretagne — agit dans votre département (Côtes-d'Armor)" in result
    # Saint-Brieuc has 44,364 inhabitants: Le Mené is not of a comparable size.
    shape = r"Le Mené — même nature, 6\s556 habitants, même département, à \d+\xa0km"
    assert re.search(shape, result)
    assert "entre la moitié et le double" in result
    # The address kept: opened again, the same place and results.
    page.goto(page.url)
    page.wait_for_selector("#rv-pres-titre")
    assert page.input_value("#rv-pres-nom") == "Saint-Brieuc"
    assert page.inner_text("#rv-pres-resultat") == result


def test_names_with_apostrophes_diaereses_and_homonyms(page) -> None:
    assert options(page, "l hay les roses") == ["L'Haÿ-les-Roses (Val-de-Marne, 94)"]
    # The name itself and the towns whose name begins with it as a word, by population:
    # Évry-Courcouronnes (66,919 inhabitants) before Évry in the Yonne (402).
    evry = options(page, "Evry")
    assert evry[:2] == ["Évry-Courcouronnes (Essonne, 91)", "Évry (Yonne, 89)"]
    assert options(page, "saint denis")[:2] == [
        "Saint-Denis (La Réunion, 974)",
        "Saint-Denis (Seine-Saint-Denis, 93)",
    ]
    assert options(page, "Die")[0] == "Die (Drôme, 26)"  # before Dieppe, a larger town
    homonyms = [o for o in options(page, "Saint-Martin") if o.startswith("Saint-Martin (")]
    assert len(homonyms) >= 5
    assert len(set(homonyms)) == len(homonyms)  # the département tells them apart


def test_a_name_is_found_by_any_of_its_words(page) -> None:
    """The name, then names that begin with it, then names with a word that does; an
    intercommunality named after the commune typed right after it."""
    assert options(page, "Aix-Marseille") == [
        "Métropole d'Aix-Marseille-Provence (métropole, Bouches-du-Rhône, 13)"
    ]
    assert options(page, "lyon")[:2] == [
        "Lyon (Rhône, 69)",
        "Métropole de Lyon (métropole, Rhône, 69)",
    ]
    assert options(page, "Besancon") == [
        "Besançon (Doubs, 25)",
        "Grand Besançon (intercommunalité, Doubs, 25)",  # the territory's own name
    ]
    assert options(page, "Courcouronnes") == ["Évry-Courcouronnes (Essonne, 91)"]
    etienne = options(page, "saint etienne")
    assert etienne[:3] == [
        "Saint-Étienne (Loire, 42)",
        "Saint-Étienne Métropole (métropole, Loire, 42)",
        "Saint-Étienne-du-Rouvray (Seine-Maritime, 76)",  # 28,000 inhabitants
    ]
    assert "lieux trouvés, les 12 premiers sont proposés" in page.inner_text("#rv-pres-etat")
    # « Marseille »: the names that begin with it before the métropole, which has it as a word.
    marseille = options(page, "Marseille")
    assert marseille[0] == "Marseille (Bouches-du-Rhône, 13)"
    assert marseille[-1].startswith("Métropole d'Aix-Marseille-Provence")
    # A word after quotes: « CC Alpes-Provence-Verdon "Sources de lumière" ».
    assert any("Sources de lumière" in o for o in options(page, "sources de lumiere"))


def test_an_epci_and_its_territory_first(page) -> None:
    # The name as the help text writes it, without the « CA » of the national list.
    assert options(page, "Quimperlé Communauté")[0] == (
        "Quimperlé Communauté (intercommunalité, Finistère, 29)"
    )
    assert options(page, "communaute de communes du pays de fayence") == [
        "Communauté de communes du Pays de Fayence (intercommunalité, Var, 83)"
    ]
    # The territory's own name, as on its page (« Brest Métropole » in geo/).
    assert options(page, "brest metropole")[0] == "Brest métropole (métropole, Finistère, 29)"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#rv-pres-titre")
    assert page.url.endswith("?epci=242900314")
    first = page.inner_text("#rv-pres-resultat .rv-pres-territoires li")
    assert first == "Brest métropole — c'est votre intercommunalité"


def test_a_commune_inside_a_territory_of_the_referentiel_finds_it_first(
    page, site_url, files
) -> None:
    page.goto(site_url + "pres-de-chez-moi/?commune=29075")  # Guipavas, in Brest métropole
    page.wait_for_selector("#rv-pres-titre")
    assert page.input_value("#rv-pres-nom") == "Guipavas"
    first = page.inner_text("#rv-pres-resultat .rv-pres-territoires li")
    assert first == "Brest métropole — votre commune en fait partie"
    assert "Leurs expériences, par enjeu" in page.inner_text("#rv-pres-resultat")
    # « Ce qu'aucun d'eux n'a encore illustré »: every balise but those of the territories
    # shown, each a link, under its enjeu's workshop grid (or a sentence when none is left).
    shown = {a.get_attribute("href") for a in page.query_selector_all(".rv-pres-territoires a")}
    rows = json.loads(files[NEAR_FOLDER + "repli.json"])
    rows += json.loads(files[NEAR_FOLDER + "regions/53.json"])
    illustrated = {b for row in rows if row[1] in shown for b in row[11]}
    index = json.loads(files[NEAR_FOLDER + "index.json"])
    expected = {index["balises"][b][1] for b in set(index["balises"]) - illustrated}
    links = page.query_selector_all(".rv-pres-manquantes a")
    assert {a.get_attribute("href") for a in links} == expected
    grids = page.query_selector_all("#rv-pres-resultat a[href*='atelier/grille']")
    if expected:
        assert grids
    else:
        assert "Toutes les balises sont illustrées" in page.inner_text("#rv-pres-resultat")
    assert page.query_selector("#rv-pres-resultat a[href$='contribuer/proposer/']") or not expected


def test_an_overseas_commune_without_position(page) -> None:
    assert options(page, "97502") == ["Saint-Pierre (Saint-Pierre-et-Miquelon, 975)"]
    page.keyboard.press("Enter")  # the only option
    page.wait_for_selector("#rv-pres-titre")
    result = page.inner_text("#rv-pres-resultat")
    assert "aucun territoire dans votre région" in result
    assert "Pas de position connue pour Saint-Pierre" in result
    assert len(page.query_selector_all("#rv-pres-resultat .rv-pres-territoires li")) >= 3


def test_an_unknown_code_in_the_address_says_so(page, site_url) -> None:
    page.goto(site_url + "pres-de-chez-moi/?commune=00000")
    page.wait_for_function("document.getElementById('rv-pres-etat').textContent")
    assert "ne correspond à aucune commune" in page.inner_text("#rv-pres-etat")


# Communes that are in no other test, from several régions, and what someone who knows the
# map expects: (code, lines the answer holds).
READERS = {
    "29233": [  # Quimperlé: in the Finistère of the Pays du Centre Ouest Bretagne
        "Pays du Centre Ouest Bretagne — agit dans votre département (Finistère)",
        "Actifs dans votre département",
        "Le Mené — même nature, taille comparable (6 556 habitants), même région, à 90 km",
    ],
    "26113": [  # Die: Grenoble nearest, the parc of the Livradois-Forez roughly
        "Grenoble-Alpes Métropole — à 54 km",
        "Parc naturel régional Livradois-Forez — à environ 160 km",
    ],
    "18279": [  # Vierzon: no territory in the Centre-Val de Loire
        "Le référentiel n'a encore aucun territoire dans votre région",
        "Grande-Synthe — même nature, taille comparable (20 239 habitants), à 421 km",
    ],
    "2B033": [  # Bastia: no town of its size; the nearest in population first; none near
        "Aucun territoire de même nature et de population comparable ici",
        "Grande-Synthe — même nature, 20 239 habitants",
    ],
    "97411": [  # Saint-Denis de La Réunion: nothing near, no distance of thousands of km
        "Le référentiel n'a encore aucun territoire dans votre région. Aucun territoire du "
        "référentiel n'est proche de Saint-Denis : le plus proche est à plus de 300 km. Voici "
        "plutôt ceux qui lui ressemblent le plus, ailleurs en France ou à l'étranger.",
        "Grande-Synthe — même nature, 20 239 habitants",
        "Namur — même nature, en Belgique",
    ],
    "06083": [  # Menton: Grenoble near; Brest far, in French figures
        "Grenoble-Alpes Métropole — à 208 km",
        "Brest métropole — métropole, 213 403 habitants, à 1 057 km",
    ],
    "48095": [  # Mende: Luc-sur-Aude in the same région (Occitanie)
        "Le Mené — même nature, taille comparable (6 556 habitants), à 622 km",
        "Luc-sur-Aude — même nature, 257 habitants, même région, à 199 km",
    ],
    "63430": [  # Thiers: a pays and a parc known by their départements only
        "Actifs dans votre département",
        "PETR du Grand Clermont — agit dans votre département (Puy-de-Dôme)",
        "Parc naturel régional Livradois-Forez — agit dans votre département (Puy-de-Dôme)",
    ],
    "63003": [  # Ambert: abroad said so when there is no distance; experiences counted
        "Namur — même nature, en Belgique",
        "Engagement — 11 expériences",
        "Une expérience qui sert plusieurs enjeux compte une fois dans chacun : les nombres "
        "ne s'additionnent pas.",
    ],
}


@pytest.mark.parametrize("code", READERS)
def test_communes_readers_from_several_regions_would_try(page, site_url, code) -> None:
    page.goto(f"{site_url}pres-de-chez-moi/?commune={code}")
    page.wait_for_selector("#rv-pres-titre")
    result = re.sub("[\u00a0\u202f]", " ", page.inner_text("#rv-pres-resultat"))
    lines = [line.split(" : voici")[0] for line in result.splitlines()]
    for expected in READERS[code]:
        assert expected in lines, (code, expected)
    # A territory known by its départements only is never said to contain the place: the
    # Pays du Centre Ouest Bretagne does not hold Quimperlé, the PETR does not hold Ambert.
    if "Actifs dans votre département" in lines:
        inside = result.split("Actifs dans votre département")[0]
        assert "agit dans votre département" not in inside, code
    assert not re.search(r"\(\d+\)$", result, re.M)  # « Engagement (12) »: a bare number
    assert not re.search(r"\d{4} km", result)  # « 1 057 km », as populations
    if "Aucun territoire du référentiel n'est proche" in result:
        assert "Les plus proches" not in lines, code
        assert not [line for line in lines if " — " in line and " km" in line], code
    if "ailleurs en France." in result:
        assert "— même nature, en Belgique" not in result, code


def test_without_javascript_each_departement_page_leads_on(site_url) -> None:
    with browser(javascript=False) as (context, _):
        tab = context.new_page()
        tab.goto(site_url + "pres-de-chez-moi/")
        assert not tab.is_visible("#rv-pres")  # the form needs the script
        tab.click(".rv-pres-departements a:text('Cher (18)')")
        tab.wait_for_url("**/territoires/departements/18/")
        near = tab.inner_text("#territoires-proches + div, .rv-proches")
        assert "PETR du Grand Clermont" in near and "du centre du département" in near


def test_the_answer_reads_as_french_at_375_px(page, site_url) -> None:
    """« n'est proche de Ajaccio »; « Aucun territoire… n'est proche de Luc-sur-Aude », itself
    one; « Intercommunalité » heading a métropole suggested as « métropole »; « à 1 057 / km »
    split at the end of a line."""
    answers = {}
    for query in ("commune=2A004", "commune=11209", "epci=200054807", "commune=06083"):
        page.goto(f"{site_url}pres-de-chez-moi/?{query}")
        page.wait_for_selector("#rv-pres-titre")
        answers[query] = page.inner_text("#rv-pres-resultat")
    assert (
        "Aucun territoire du référentiel n'est proche d'Ajaccio\xa0: le plus proche est à plus "
        "de 300\xa0km." in answers["commune=2A004"]
    )
    assert (
        "\nAucun autre territoire du référentiel n'est proche de Luc-sur-Aude\xa0: "
        in answers["commune=11209"]
    )
    assert "\nMétropole · Bouches-du-Rhône · " in answers["epci=200054807"]
    menton = answers["commune=06083"]
    assert "Brest métropole — métropole, 213\u202f403 habitants, à 1\u202f057\xa0km" in menton
    assert not re.search(r"\d km|« | »| :", "".join(answers.values()))
