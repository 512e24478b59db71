"""``build.py export`` writes a docs folder that the plain engine builds without our hooks:
ProperDocs' own command makes of it a site whose internal links all resolve, with the
glossary's links, the French spaces, each record's footer and edit link, and the same
articles as ``build.py build`` (the golden files of :mod:`tests.test_engine`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .depot import copy_repository
from .test_engine import GOLDEN, PAGES, article
from .test_links import check_links
from .test_site import FORGE, parse

BALISE = "balises/construire-le-recit"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``build.py export`` from a copy without git history, then ``properdocs build --strict``
    in the folder it wrote, as anyone would run it there."""
    root = copy_repository(tmp_path_factory.mktemp("export") / "depot")
    out = root.parent / "export"
    command = [sys.executable, "build.py", "export", str(out)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(command, cwd=out, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


def test_the_export_is_a_docs_folder_and_a_config_without_hooks(exported: Path) -> None:
    config = yaml.safe_load((exported / "mkdocs.yml").read_text("utf-8"))
    assert "hooks" not in config and config["theme"]["custom_dir"] == "theme"
    assert (exported / "docs" / BALISE / "index.md").is_file()
    assert (exported / "docs" / "donnees" / "referentiel.json").is_file()
    assert (exported / "docs" / "pagefind" / "pagefind.js").is_file()


def test_every_internal_link_of_the_exported_site_resolves(exported: Path) -> None:
    broken, kinds = check_links(exported / "site")
    assert not broken, f"{len(broken)} liens internes cassés :\n" + "\n".join(broken)
    assert kinds[".html"] > 2000 and kinds[".html#"] > 300 and kinds["#"] > 1000, kinds


def test_a_page_carries_its_footer_and_edit_link_in_its_front_matter(exported: Path) -> None:
    text = (exported / "docs" / BALISE / "index.md").read_text("utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["rv_edit_url"] == f"{FORGE}{BALISE}.yml"
    assert "Pour citer cette page" in meta["rv_footer"]
    page = parse(exported / "site" / BALISE / "index.html")
    words = " ".join("".join(page.text).split())
    assert "Historique et citation" in words and "Pour citer cette page" in words
    pencil = "Proposer une correction sur GitHub (compte nécessaire)"
    assert ("a", {"href": f"{FORGE}{BALISE}.yml", "title": pencil}) in [
        (tag, {k: v for k, v in attrs.items() if k in ("href", "title")})
        for tag, attrs in page.tags
    ]


def test_the_glossary_and_the_french_spaces_come_from_markdown_extensions(
    exported: Path,
) -> None:
    html = (exported / "site" / BALISE / "index.html").read_text("utf-8")
    assert 'class="rv-concept" href="../../concepts/' in html
    assert "\u202f?" in html or "\xa0:" in html


@pytest.mark.parametrize("name", PAGES)
def test_the_exported_article_is_the_one_the_build_writes(exported: Path, name: str) -> None:
    page = (exported / "site" / PAGES[name] / "index.html").read_text("utf-8")
    assert article(page) == (GOLDEN / f"{name}.html").read_text("utf-8")
