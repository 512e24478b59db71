"""Search as a reader uses it: Pagefind's index, our « Rechercher » page, in headless Chromium.

The site is built once, with the test territories of ``tests/cas/valides``, and served on
localhost; every request the browser makes is recorded, and one that would leave this
machine fails the test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from schemas.index import load_index

from .depot import copy_repository
from .served import browser, needs_chromium, serve, third_party
from .test_site import VALID, build

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = copy_repository(tmp_path_factory.mktemp("recherche") / "depot")
    for case in VALID.iterdir():
        shutil.copy(case, root / "territoires" / case.name)
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    assert "Index de recherche :" in result.stderr
    with serve(root / "site") as url:
        yield url, load_index(root)


@pytest.fixture
def page(site):
    url, _ = site
    with browser() as (context, requested):
        yield context.new_page(), url
        assert not third_party(requested), third_party(requested)


def results(tab) -> list[tuple[str, str]]:
    """(link text, href) of each result, once the status says how many there are."""
    tab.wait_for_function(
        "document.getElementById('rv-statut').textContent.match(/résultat|Aucun/)"
    )
    links = tab.locator("#rv-resultats li h3 a")
    return [(a.inner_text(), a.get_attribute("href")) for a in links.all()]


def test_confiance_finds_the_balise(page) -> None:
    tab, url = page
    tab.goto(url + "recherche/?q=confiance")
    found = results(tab)
    assert (
        "Créer les conditions de la confiance",
        "/referentiel-vivant/balises/conditions-de-la-confiance/",
    ) in found
    assert tab.locator("#rv-statut").get_attribute("role") == "status"
    assert "résultats pour «\xa0confiance\xa0»" in tab.inner_text("#rv-statut")
    kinds = tab.locator(".rv-resultat__rubrique").all_text_contents()
    assert "Balise" in kinds and any(k.startswith("Expérience · ") for k in kinds)


@pytest.mark.parametrize(
    ("typed", "expected"), [("cooperer", "coopération"), ("energie", "énergie")]
)
def test_french_stemming_and_accent_folding(page, typed: str, expected: str) -> None:
    tab, url = page
    tab.goto(url + f"recherche/?q={typed}")
    assert results(tab)
    marked = " ".join(tab.locator("#rv-resultats mark").all_inner_texts()).lower()
    assert expected in marked


def test_query_balise_and_type_filters_give_exactly_the_expected_experiences(site, page) -> None:
    tab, url = page
    _, index = site
    expected = sorted(
        f"/referentiel-vivant/territoires/{t.id}/#{x.id}"
        for t in index.of_kind("territoire")
        if t.data.type == "commune"
        for x in t.data.experiences
        # Pagefind matches the last word typed as a prefix: « jardin » finds « jardinières »
        if "construire-le-recit" in x.balises and re.search(r"\bjardin", f"{x.titre} {x.resume}")
    )
    assert "/referentiel-vivant/territoires/ville-test/#jardin-partage" in expected
    assert "/referentiel-vivant/territoires/windows-bom/#jardin-des-emoji" in expected
    tab.goto(url + "recherche/")
    tab.get_by_label("Mots à chercher").fill("jardin")
    tab.keyboard.press("Enter")
    assert len(results(tab)) > len(expected)
    tab.locator("#rv-filtres summary").click()
    tab.get_by_role("group", name="Balise").get_by_label("Construire le récit").check()
    tab.wait_for_url("**balise=*")
    tab.get_by_role("group", name="Type de territoire").get_by_label("Commune").check()
    tab.wait_for_url("**type=*")
    tab.wait_for_function(
        f"document.querySelectorAll('#rv-resultats li').length === {len(expected)}"
    )
    found = sorted(href for _, href in results(tab))
    assert found == expected  # each experience a result of its own, and nothing else
    query = parse_qs(urlsplit(tab.url).query)
    assert query == {"q": ["jardin"], "balise": ["Construire le récit"], "type": ["Commune"]}
    tab.reload()  # the URL alone brings the same search back
    assert sorted(href for _, href in results(tab)) == found
    assert tab.get_by_label("Construire le récit").is_checked()
    assert tab.get_by_role("group", name="Type de territoire").get_by_label("Commune").is_checked()
    assert tab.input_value("#rv-q") == "jardin"


def test_the_header_field_leads_to_the_search_page_with_the_keyboard(page) -> None:
    tab, url = page
    tab.goto(url + "balises/construire-le-recit/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "rv-entete-q"
    tab.keyboard.type("récit")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/recherche/?q=r%C3%A9cit")
    assert ("Construire le récit", "/referentiel-vivant/balises/construire-le-recit/") in results(
        tab
    )


def test_no_empty_list_before_a_search_and_no_search_data_on_other_pages(site) -> None:
    url, _ = site
    with browser() as (context, requested):
        tab = context.new_page()
        tab.goto(url + "recherche/")
        tab.wait_for_load_state("networkidle")
        assert tab.locator("#rv-resultats ol").count() == 0
        assert tab.inner_text("#rv-statut") == ""
        requested.clear()
        tab.goto(url + "territoires/ville-test/")
        tab.wait_for_load_state("networkidle")
        assert not [u for u in requested if "/pagefind/" in u or "search_index" in u]
        assert not third_party(requested)


def test_an_index_that_cannot_be_written_is_an_error_not_a_silent_gap(tmp_path: Path) -> None:
    from hooks.engine import pagefind

    job = pagefind.start(list)  # nothing to index: Pagefind says so, and we stop
    with pytest.raises(RuntimeError, match="Pagefind n'a pas pu indexer le site"):
        job.finish(tmp_path)
    assert not job.folder.exists() and not (tmp_path / "pagefind").exists()


def test_a_failed_build_stops_pagefind_and_leaves_no_folder(tmp_path: Path) -> None:
    from hooks.engine import pagefind
    from hooks.recherche.records import Record

    job = pagefind.start(lambda: [Record("../x/", "X", "<p>x</p>", {}, {})] * 2000)
    job.cancel()
    assert not job.folder.exists()
    assert not job.pid  # the forked copy (Pagefind in its place) has been waited for
