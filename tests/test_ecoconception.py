"""« Écoconception »: the page shows what ``qualite/ecoconception.json`` holds, the file's
figures agree with EcoIndex, and the built site asks for no web font and no other host."""

from __future__ import annotations

import asyncio
import html
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
                page("Une fiche de la référence", 7, 85.9, 5215, 49.0, "D", "reference_fiche"),
                page("<b>x</b> | y", 12, 3.0, 40, 95.0, "A"),
            ],
        },
    ],
}


REFERENTIEL = load_index(ROOT).referentiel
# What a reader who is not a developer must not meet outside the folded technical detail.
TECHNICAL = re.compile(
    r"`|\.py\b|\.json\b|qualite/|benchmarks|ecoindex-compute|mkdocs|\d+\.\d+\.\d+"
)


def plain_part(markdown: str) -> str:
    """The page without its « Détail technique des mesures »."""
    return markdown.split("<details")[0] + markdown.split("</details>")[-1]


def test_the_page_sums_up_the_measures_in_plain_french() -> None:
    markdown = ecoconception_markdown(SAMPLE, REFERENTIEL)
    plain = plain_part(markdown)
    assert not TECHNICAL.search(plain), TECHNICAL.search(plain)
    measured = plain.split("\n## Ce que montrent les mesures\n")[1]
    assert "la note A pour chaque sorte de page,\nmême avec 1\u202f000 territoires" in measured
    assert (
        "Mesure du 30 novembre 2026 : sans territoire de test, 1 sorte de page sur 1 a la "
        "note A ; avec 1\u202f000 territoires de test, 2 sortes de pages sur 3 ont la note A, "
        "la moins bonne a la note D."
    ) in measured
    assert "transfère plus de 85,9 Ko" in measured
    assert "| " not in plain  # no table: the figures of each page are folded away
    not_done = plain.split("\n## Ce qui reste à faire\n")[1]
    cause = escape_markdown(CAUSES["reference_fiche"])  # as every value of the page
    matrix = "- **« Une fiche de la référence »** n'a que la note D (5\u202f215 éléments)"
    assert f"{matrix} : {cause}." in not_done
    assert "son icône d'onglet est une image" in not_done
    mail = REFERENTIEL.contact.courriel
    assert f"({('mailto:' + mail)})" in not_done and "sans compte à créer" in not_done


def test_the_detail_lists_each_measure_in_french_figures_every_value_escaped() -> None:
    markdown = ecoconception_markdown(SAMPLE, REFERENTIEL)
    detail = markdown.split('<details class="rv-detail-technique">')[1].split("</details>")[0]
    assert "<summary>Détail technique des mesures</summary>" in detail
    assert "<code>ecoindex-compute 5.10.0</code>, <code>chromium 156.0</code>" in detail
    assert (
        "sans territoire synthétique, puis avec 1\u202f000 territoires synthétiques "
        "(séparés par « / »)"
    ) in detail
    assert re.findall(r"<li>.*</li>", detail) == [
        "<li>accueil : A (85), 7 requêtes, 71,7 / 71,8 Ko, 273 éléments</li>",
        "<li>Une fiche de la référence : — / D (49), — / 7 requêtes, — / 85,9 Ko, "
        "— / 5\u202f215 éléments</li>",
        "<li>&lt;b&gt;x&lt;/b&gt; | y : — / A (95), — / 12 requêtes, — / 3,0 Ko, — / 40 "
        "éléments</li>",
    ]
    assert "<b>" not in markdown


def test_without_measures_the_page_says_so(tmp_path: Path) -> None:
    assert read_measures(tmp_path) is None
    markdown = ecoconception_markdown(None, REFERENTIEL)
    assert "Aucune mesure n'a encore été faite pour cette version du site." in markdown
    assert "<details" not in markdown and not TECHNICAL.search(markdown)


@pytest.fixture(scope="module")
def measures() -> dict:
    found = read_measures(ROOT)
    assert found is not None, f"{MEASURES} manque : python benchmarks/ecoconception.py --ecrire"
    return found


def test_the_page_shows_every_page_kind_measured(measures: dict) -> None:
    markdown = ecoconception_markdown(measures, REFERENTIEL)
    largest = measures["mesures"][-1]
    for p in largest["pages"]:
        start = f"<li>{html.escape(p['page'], quote=False)} : "
        line = next((line for line in markdown.splitlines() if line.startswith(start)), None)
        assert line, p["page"]
        assert f" {p['note']} ({round(p['score'])})" in line, line
        assert line.endswith(f" {number(p['noeuds'])} éléments</li>"), line


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
    for page in site.rglob("*.html"):
        assert "@font-face" not in page.read_text(encoding="utf-8"), page


def test_the_built_page_speaks_plainly_and_folds_the_detail_away(site: Path) -> None:
    page = (site / "ecoconception" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert re.search(r"<h1[^>]*>Écoconception", article)
    folded = re.search(
        r'<details class="rv-detail-technique">\s*<summary>Détail technique', article
    )
    assert folded, "le détail technique n'est pas replié"
    shown = article[: folded.start()] + article[article.index("</details>") :]
    assert not TECHNICAL.search(re.sub(r"<[^>]+>", " ", shown))
    mail = REFERENTIEL.contact.courriel
    assert f'<a href="mailto:{mail}">{mail}</a>' in shown
    assert "<table" not in article  # one list item a page kind: lighter than a table row
