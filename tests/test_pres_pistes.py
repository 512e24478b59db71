"""« Près de chez moi » on a smaller référentiel (7 territories, so that some balises are
illustrated by none): the balises none of the territories shown has illustrated, each a
link, lead to the workshop grid of their enjeu and to « Proposer une expérience »; and a
pays and a parc known only by their départements are found for a commune of one of them."""

from __future__ import annotations

import re
import shutil

import pytest

from .depot import copy_repository
from .served import browser, needs_chromium, serve, third_party
from .test_site import build

KEPT = {
    "brest-metropole",
    "grand-besancon",
    "grenoble-alpes-metropole",
    "le-mene",
    "pays-centre-ouest-bretagne",
    "petr-grand-clermont",
    "pnr-livradois-forez",
}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    root = copy_repository(tmp_path_factory.mktemp("pres-pistes") / "depot")
    for path in (root / "territoires").iterdir():  # files, and folders of experiences
        if path.stem not in KEPT:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    meta = root / "referentiel" / "referentiel.yml"
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    meta.write_text("".join(x for x in lines if not x.startswith("villes_pairs:")), "utf-8")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(root / "site") as url:
        yield url


def test_balises_none_illustrated_lead_to_the_grid_and_to_proposer(site_url) -> None:
    with browser() as (context, requested):
        page = context.new_page()
        page.set_viewport_size({"width": 375, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + "pres-de-chez-moi/?commune=63430")  # Thiers, Puy-de-Dôme
        page.wait_for_selector("#rv-pres-titre")
        result = page.inner_text("#rv-pres-resultat")
        # Known by their départements only, and found first, saying why.
        inside = [
            li.inner_text()
            for li in page.query_selector_all(".rv-pres-territoires")[0].query_selector_all("li")
        ]
        # Its own name, as on the département's page: « PETR du Grand Clermont ».
        assert "PETR du Grand Clermont — agit dans votre département (Puy-de-Dôme)" in inside
        assert (
            "Parc naturel régional Livradois-Forez — agit dans votre département (Puy-de-Dôme)"
            in inside
        )
        assert "Ce qu'aucun d'eux n'a encore illustré" in result
        missing = page.query_selector_all(".rv-pres-manquantes a")
        assert len(missing) >= 5
        for a in missing:  # each a balise's page
            assert re.search(r"/balises/[a-z0-9-]+/$", a.evaluate("a => a.href")), a.inner_text()
        grids = page.query_selector_all("#rv-pres-resultat .rv-pres-enjeu a")
        assert grids and all(": la grille d'atelier" in g.inner_text() for g in grids)
        grids[0].click()
        page.wait_for_url(re.compile(r"/atelier/grille/[a-z-]+/$"))
        assert re.match(r"Enjeu \d\s: ", page.inner_text("h1"))
        page.go_back()
        page.wait_for_selector("#rv-pres-titre")
        assert errors == []  # on our pages (the form's own script is tested elsewhere)
        page.click("#rv-pres-resultat a:text('Proposer une expérience')")
        page.wait_for_url(re.compile(r"/contribuer/proposer/$"))
        assert page.inner_text("h1").startswith("Proposer une expérience")
        assert third_party(requested) == []
