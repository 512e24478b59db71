"""The engine that builds the site changes no page: ProperDocs writes the article of the home
page, a balise and a territory exactly as MkDocs 1.6.1 did (``tests/cas/html/``, written by
MkDocs itself before the switch).

When a page changes on purpose, write the golden files again with the previous engine (MkDocs
stays installed, as Material's dependency) and read the difference before committing it::

    python -m tests.test_engine
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .depot import ROOT, copy_repository
from .test_site import build

GOLDEN = ROOT / "tests" / "cas" / "html"
PAGES = {
    "accueil": "",
    "balise": "balises/construire-le-recit/",
    "territoire": "territoires/loos-en-gohelle/",
}
_GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def article(page_html: str) -> str:
    """The page's ``<article>``: what the generation step and the Markdown engine write,
    without the theme's frame (header, sidebars, generator tag).

    >>> article('<body><nav>x</nav><article class="md">Texte</article></body>')
    '<article class="md">Texte</article>\\n'
    """
    start = page_html.index("<article")
    end = page_html.index("</article>") + len("</article>")
    return page_html[start:end] + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by ``build.py build --sans-pdf`` from a copy without git history."""
    root = copy_repository(tmp_path_factory.mktemp("moteur") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_site_is_built_by_properdocs(site: Path) -> None:
    match = _GENERATOR.search((site / "index.html").read_text("utf-8"))
    assert match and "ProperDocs 1.6." in match.group(1), match


@pytest.mark.parametrize("name", PAGES)
def test_the_article_is_the_one_mkdocs_wrote(site: Path, name: str) -> None:
    page = (site / PAGES[name] / "index.html").read_text("utf-8")
    expected = (GOLDEN / f"{name}.html").read_text("utf-8")
    assert article(page) == expected


def write_golden() -> None:
    """Build a copy with MkDocs' own command (the previous engine: the only use of it left)
    and keep the articles of :data:`PAGES` in ``tests/cas/html/``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_repository(Path(tmp) / "depot")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
        subprocess.run(command, cwd=root, check=True)
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, path in PAGES.items():
            page = (root / "site" / path / "index.html").read_text("utf-8")
            assert "mkdocs-1.6" in _GENERATOR.search(page).group(1)
            (GOLDEN / f"{name}.html").write_text(article(page), "utf-8")
            print(f"Écrit : {(GOLDEN / f'{name}.html').relative_to(ROOT)}")


if __name__ == "__main__":
    write_golden()
