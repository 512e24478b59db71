"""The console speaks French: the engine's own lines (build and the live server) go through
hooks/engine/journal.py's filter, set up by build.py, without a change to the engine's code.

The real engine is run in a child process (the console's logging set up as build.py sets it):
a one-page build with ProperDocs, and the live server of ``serve`` told of a changed file.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hooks.engine.journal import EnFrancais, configure, en_francais

from .depot import ROOT

# What the engine says in English (properdocs 1.6), and a word of each French line.
ENGLISH = [
    "Cleaning site directory",
    "Building documentation to directory",
    "Documentation built in",
    "Watching paths for changes",
    "Serving on",
    "Detected file changes",
    "Reloading browsers",
    "WARNING",
]
BUILD = """
import properdocs.replacement  # as build.py: mkdocs.* is properdocs.*
import logging, sys
from hooks.engine.journal import configure
configure()
from properdocs.commands.build import build
from properdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)
build(config)
logging.getLogger("properdocs.plugins").warning("Un avertissement de l'extension")
"""
SERVE = """
import properdocs.replacement
import sys, threading
from pathlib import Path
from hooks.engine.journal import configure
configure()
from hooks.engine.serveur import Server
folder = Path(sys.argv[1])
built = threading.Event()
server = Server(built.set, "127.0.0.1", 0, str(folder))
server.watch(str(folder))
thread = threading.Thread(target=server.serve, daemon=True)
thread.start()
while not server.observer.is_alive():
    pass
for attempt in range(300):  # until the server has seen the change (at most 30 s)
    (folder / "page.md").write_text(f"# Page {attempt}", encoding="utf-8")
    if built.wait(0.1):
        break
server.shutdown(wait=True)
"""


def run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def test_a_build_by_the_engine_is_told_in_french(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Essai\ntheme: material\n", encoding="utf-8")
    said = run(BUILD, str(config), str(tmp_path / ".site-en-cours-essai"))
    assert not [e for e in ENGLISH if e in said], said
    assert "INFO      -  Le dossier du site est vidé" in said
    assert "Construction des pages dans un dossier provisoire" in said
    assert "Pages construites en " in said and " secondes" in said
    assert "ATTENTION -  Un avertissement de l'extension" in said  # the level, in French


def test_the_live_server_is_told_in_french(tmp_path: Path) -> None:
    said = run(SERVE, str(tmp_path))
    assert not [e for e in ENGLISH if e in said], said
    assert "Dossiers et fichiers surveillés : " + str(tmp_path) in said
    assert "] Site servi sur http://127.0.0.1:" in said
    assert "] Fichiers modifiés : le site est refait" in said
    assert "] Navigateurs rechargés" in said


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Cleaning site directory", "Le dossier du site est vidé"),
        ("Building documentation to directory: /x/site", "Construction des pages dans /x/site"),
        ("Documentation built in 12.50 seconds", "Pages construites en 12,50 secondes"),
        ("[09:05:01] Detected file changes", "[09:05:01] Fichiers modifiés : le site est refait"),
        ("[09:05:01] Watching paths for changes: 'docs', 'a b'", "[09:05:01] "
         "Dossiers et fichiers surveillés : docs, a b"),
        ("Serving on http://h:1/ and opening it in a browser",
         "Site servi sur http://h:1/, ouvert dans le navigateur"),
        ("Page skipped: 'a.md'. Generated empty output.", "Page vide laissée de côté : a.md"),
        ("Template skipped: '404.html' generated empty output.",
         "Gabarit vide laissé de côté : 404.html"),
        ("Aborted with 1 warnings in strict mode!",
         "Construction arrêtée : 1 avertissement(s) (aucun n’est toléré)"),
        ("A line the engine may add one day", "A line the engine may add one day"),
    ],
)  # fmt: skip
def test_each_known_line(english: str, french: str) -> None:
    assert en_francais(english) == french


def test_only_the_engine_is_translated_and_the_filter_set_up_once() -> None:
    def record(name: str, message: str, *args: object) -> logging.LogRecord:
        made = logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)
        assert EnFrancais().filter(made)
        return made

    engine = record("properdocs.commands.build", "Documentation built in %s seconds", "1.5")
    assert (engine.getMessage(), engine.levelname) == (
        "Pages construites en 1,5 secondes",
        "ATTENTION",
    )
    ours = record("mkdocs.hooks.referentiel", "Index rechargé : %d fichier(s)", 2)
    assert (ours.getMessage(), ours.args) == ("Index rechargé : 2 fichier(s)", (2,))
    other = record("weasyprint", "Cleaning site directory")
    assert other.getMessage() == "Cleaning site directory"
    root = logging.getLogger()
    saved = root.handlers[:]
    try:
        root.handlers = [logging.StreamHandler()]
        configure()
        configure()
        assert [type(f) for f in root.handlers[0].filters] == [EnFrancais]
    finally:
        root.handlers = saved
