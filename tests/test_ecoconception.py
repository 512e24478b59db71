"""« Écoconception »: the page shows what ``qualite/ecoconception.json`` holds, the file's
figures agree with EcoIndex, and the built site asks for no web font and no other host."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ecoindex.compute import compute_ecoindex

from benchmarks.chromium import KINDS as VISITED
from benchmarks.chromium import NOT_FOUND, SYNTHETIC
from hooks.core.sanitize import escape_markdown
from hooks.projet.ecoconception import (
    CAUSES,
    MEASURES,
    ecoconception_markdown,
    number,
    read_measures,
)
from hooks.site import navigation
from schemas.index import load_index

from .depot import ROOT, copy_repository

# The pages that benchmarks/ecoconception.py visits at every N, by the labels of
# hooks/page_kinds.py: every kind's example, and the 404 page
KINDS = (*(page.label for page in VISITED), NOT_FOUND.label)


def page(
    name: str, requetes: int, ko: float, noeuds: int, score: float, note: str, sorte: str = ""
) -> dict:
    return {
        "page": name,
        "sorte": sorte,
        "chemin": "",
        "requetes": requetes,
        "ko": ko,
        "noeuds": noeuds,
        "score": score,
        "note": note,
        "polices": [],
        "tiers": [],
        "images": ["assets/images/favicon.png"],
    }


SAMPLE = {
    "date": "2026-11-30",
    "commit": "f4d25e38563e",
    "outils": {"ecoindex-compute": "5.10.0", "chromium": "156.0"},
    "mesures": [
        {"territoires": 0, "pages": [page("accueil", 7, 71.72, 273, 85.0, "A")]},
        {
            "territoires": 1000,
            "pages": [
                page("accueil", 7, 71.8, 273, 85.0, "A"),
                page("Matrice des expériences", 7, 85.9, 5215, 49.0, "D", "matrice"),
                page("<b>x</b> | y", 12, 3.0, 40, 95.0, "A"),
            ],
        },
    ],
}


def test_the_page_tabulates_each_measure_in_french_figures_every_value_escaped() -> None:
    markdown = ecoconception_markdown(SAMPLE)
    assert "Mesures du 30 novembre 2026" in markdown
    measured = markdown.split("\n## Mesures\n")[1]
    assert (
        "Chaque case donne la valeur sans territoire synthétique, puis avec 1\u202f000 "
        "territoires synthétiques\n(séparées par « / »)"
    ) in measured
    rows = [line for line in measured.splitlines() if line.startswith("| ")]
    assert rows == [
        "| Page | Note EcoIndex (score) : requêtes, poids transféré, éléments |",
        "| --- | --- |",
        r"| accueil | A \(85\) : 7 requêtes, 71,7 / 71,8 Ko, 273 éléments |",
        "| Matrice des expériences | — / D \\(49\\) : — / 7 requêtes, — / 85,9 Ko, "
        "— / 5\u202f215 éléments |",
        r"| \<b\>x\</b\> \| y | — / A \(95\) : — / 12 requêtes, — / 3,0 Ko, — / 40 éléments |",
    ]
    assert (
        "Sans territoire synthétique : 1 sortes de pages sur 1 ont la note A, la pire a la "
        "note A. Avec 1\u202f000 territoires synthétiques : 2 sortes de pages sur 3 ont la "
        "note A, la pire a la note D."
    ) in measured
    not_done = markdown.split("\n## Ce qui n'est pas encore fait\n")[1]
    assert (
        "Avec 1\u202f000 territoires synthétiques, 1 sorte de pages n'a pas la note A" in not_done
    )
    cause = escape_markdown(CAUSES["matrice"])  # as every value of the page
    assert f"- Matrice des expériences : D (49, 5\u202f215 éléments) ; {cause}." in not_done
    assert "son icône d'onglet est une image" in not_done


def test_without_measures_the_page_says_how_to_write_them(tmp_path: Path) -> None:
    assert read_measures(tmp_path) is None
    markdown = ecoconception_markdown(None)
    assert "Aucune mesure n'a encore été écrite" in markdown
    assert "| Page |" not in markdown


@pytest.fixture(scope="module")
def measures() -> dict:
    found = read_measures(ROOT)
    assert found is not None, f"{MEASURES} manque : python benchmarks/ecoconception.py --ecrire"
    return found


def test_the_page_shows_every_page_kind_measured(measures: dict) -> None:
    markdown = ecoconception_markdown(measures)
    largest = measures["mesures"][-1]
    for p in largest["pages"]:
        row = f"| {escape_markdown(p['page'])} | "
        assert row in markdown, p["page"]
        line = next(line for line in markdown.splitlines() if line.startswith(row))
        assert f" {p['note']} \\({round(p['score'])}\\) : " in line, line
        assert line.endswith(f" {number(p['noeuds'])} éléments |"), line


def test_the_measures_cover_every_page_kind_at_0_and_1000_territories(measures: dict) -> None:
    by_size = {m["territoires"]: [p["page"] for p in m["pages"]] for m in measures["mesures"]}
    assert {0, 1000} <= set(by_size)
    for n, kinds in by_size.items():
        assert set(KINDS) <= set(kinds), n
        assert len(kinds) == len(set(kinds)), n
    assert SYNTHETIC.label in by_size[1000]
    assert measures["outils"]["ecoindex-compute"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", measures["date"])


def test_each_grade_is_the_one_ecoindex_gives_for_the_three_figures(measures: dict) -> None:
    for size in measures["mesures"]:
        for p in size["pages"]:
            found = asyncio.run(
                compute_ecoindex(nodes=p["noeuds"], size=p["ko"], requests=p["requetes"])
            )
            assert (found.score, found.grade.value) == (p["score"], p["note"]), p


def test_no_page_measured_loaded_a_web_font_or_called_another_host(measures: dict) -> None:
    for size in measures["mesures"]:
        for p in size["pages"]:
            assert p["polices"] == [] and p["tiers"] == [], p


def test_the_page_is_in_the_nav_under_le_projet() -> None:
    nav = navigation(load_index(ROOT))
    sections = {key: value for item in nav if isinstance(item, dict) for key, value in item.items()}
    assert "ecoconception.md" in sections["Le projet"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("ecoconception") / "depot")
    command = [sys.executable, "build.py", "build", "--sans-pdf"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return root / "site"


FONT_FILES = ("*.woff2", "*.woff", "*.ttf", "*.otf", "*.eot")
# url(…) and @import "…" in a stylesheet: what the browser would fetch
FETCHED = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""")


def test_the_built_site_has_no_web_font_and_no_other_host_in_its_css(site: Path) -> None:
    assert not [f for pattern in FONT_FILES for f in site.rglob(pattern)]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for rule in ("@font-face", "fonts.googleapis", "fonts.gstatic"):
            assert rule not in text, (css, rule)
        for match in FETCHED.finditer(text):
            address = match[1] or match[2]
            assert not address.startswith(("http:", "https:", "//")), (css, address)
    for html in site.rglob("*.html"):
        assert "@font-face" not in html.read_text(encoding="utf-8"), html


def test_the_built_page_has_a_table_with_real_headers(site: Path) -> None:
    html = (site / "ecoconception" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Écoconception", html)
    assert re.search(r"<th[^>]*>Page</th>", html)
    header = r"<th[^>]*>Note EcoIndex \(score\)\s: requêtes, poids transféré, éléments</th>"
    assert re.search(header, html)  # \s: the no-break space of French typography
