"""scripts/comparer_sites.py, which shows what a move of code changed in the built site: it
counts identical files, names the files on one side only, shows the changed lines, and says
when two files differ only by blanks or by the order of their lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .depot import ROOT

SCRIPT = ROOT / "scripts" / "comparer_sites.py"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def compare(before: Path, after: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(before), str(after)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_it_says_what_differs_and_how(tmp_path: Path) -> None:
    common = {"a/index.html": "<p>A</p>\n", "pagefind/x.js": "1"}
    before = write(tmp_path / "avant", {
        **common,
        "lien/index.html": '<a href="hooks/templates/kit.md.j2">\n',
        "blancs/index.html": "<p>B</p>\n  \n<p>C</p>\n",
        "sitemap.xml": "<url>1</url>\n<url>2</url>\n",
        "vieux.html": "x",
    })  # fmt: skip
    after = write(tmp_path / "apres", {
        **common,
        "pagefind/x.js": "2",  # left out: its names change at every build
        "lien/index.html": '<a href="hooks/atelier/kit.md.j2">\n',
        "blancs/index.html": "<p>B</p>\n<p>C</p>\n",
        "sitemap.xml": "<url>2</url>\n<url>1</url>\n",
        "neuf.html": "y",
    })  # fmt: skip
    out = compare(before, after)
    assert out.splitlines()[0] == (
        "1 fichiers identiques, 3 différents, 1 seulement avant, 1 seulement après "
        "(sans pagefind/)."
    )
    assert "seulement avant : vieux.html" in out and "seulement après : neuf.html" in out
    assert '  -<a href="hooks/templates/kit.md.j2">\n  +<a href="hooks/atelier/kit.md.j2">' in out
    assert "différent : blancs/index.html\n  (blancs seulement" in out
    assert "différent : sitemap.xml\n  (les mêmes lignes, dans un autre ordre)" in out


def test_a_missing_site_is_said_in_french(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "rien"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "n'est pas un dossier : construisez d'abord le site" in done.stderr
