"""Golden files for the generation step: a record in, the exact Markdown page out (and the
exact HTML of its "Historique et citation", written by the theme after the page)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hooks.site import generate_site
from schemas.index import load_index

from .depot import ROOT, copy_referentiel

VALID = ROOT / "tests" / "cas" / "valides"
PAGES = ROOT / "tests" / "cas" / "pages"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("pages")
    copy_referentiel(root)
    shutil.copy(VALID / "ville-test.yml", root / "territoires")
    return {page.src_uri: page for page in generate_site(load_index(root)).pages}


@pytest.mark.parametrize("golden", sorted(PAGES.rglob("*.md")), ids=lambda p: p.name)
def test_generated_markdown_matches_the_golden_file(site, golden: Path) -> None:
    page = site[golden.relative_to(PAGES).as_posix()]
    assert page.markdown == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("golden", sorted(PAGES.rglob("*.pied.html")), ids=lambda p: p.name)
def test_generated_footer_matches_the_golden_file(site, golden: Path) -> None:
    page = site[golden.relative_to(PAGES).as_posix().replace(".pied.html", ".md")]
    assert page.footer == golden.read_text(encoding="utf-8")


def test_each_page_says_which_yaml_file_to_edit(site) -> None:
    assert site["territoires/ville-test.md"].edit_path == "territoires/ville-test.yml"
    assert site["balises/construire-le-recit.md"].edit_path == "balises/construire-le-recit.yml"
    assert site["index.md"].edit_path == "referentiel/referentiel.yml"
    assert site["territoires/index.md"].edit_path == "territoires/"
