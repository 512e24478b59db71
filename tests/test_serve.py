"""``python build.py serve``: an edit shows on its page, the whole site then equals a full
build, and a broken file is reported (console and page) without stopping the server.

One server for the module (the repository's own territories, copied): the tests run in
order and each leaves the files as it found them. No timing here: ``benchmarks/serve.py``
measures how fast.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.serve import Serving, edit_resume

from .depot import copy_repository

TERRITORY = "territoires/loos-en-gohelle.yml"
PAGE = "territoires/loos-en-gohelle/"
LIVERELOAD = re.compile(rb"<script>\s*var livereload.*?</script>", re.S)


@pytest.fixture(scope="module")
def serving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serving]:
    serving = Serving(copy_repository(tmp_path_factory.mktemp("serve") / "depot"))
    serving.start()
    yield serving
    serving.stop()


def shows(serving: Serving, path: str, text: str) -> bool:
    return text in (serving.get(path) or "")


def test_an_edit_shows_on_the_territory_page(serving: Serving) -> None:
    file = serving.repo / TERRITORY
    before = file.read_text(encoding="utf-8")
    assert not shows(serving, PAGE, "Phrase-de-test-neuve")
    edit_resume(file, "Phrase-de-test-neuve")
    serving.wait(lambda: shows(serving, PAGE, "Phrase-de-test-neuve"), 120, "la page")
    file.write_text(before, encoding="utf-8")
    serving.wait(lambda: not shows(serving, PAGE, "Phrase-de-test-neuve"), 120, "la page")


def full_build(serving: Serving, out: Path) -> None:
    """The engine's full build of the same files, for the same address as the server's."""
    code = (
        "import properdocs.replacement\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        f"config = load_config('mkdocs.yml', site_dir={str(out)!r})\n"
        f"config.site_url = {serving.url!r}\n"
        f"build(config, serve_url={serving.url!r})\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=serving.repo, check=True, capture_output=True)


def served_differs(serving: Serving, out: Path) -> list[str]:
    """Every file of the full build in ``out`` that the server serves otherwise."""
    differ = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if name.startswith("pagefind/") or name.endswith(".gz"):  # names differ at each build
            continue
        with urllib.request.urlopen(serving.url + urllib.parse.quote(name)) as response:
            body = LIVERELOAD.sub(b"", response.read())
        if body != path.read_bytes():
            differ.append(name)
    return differ


def test_a_new_title_reaches_every_page_as_a_full_build_writes_it(
    serving: Serving, tmp_path: Path
) -> None:
    file = serving.repo / TERRITORY
    before = file.read_text(encoding="utf-8")
    experience = re.search(r"balises:\s*\n\s*- (?:id: )?([a-z-]+)", before)
    assert experience, "une balise de la première expérience"
    balise = f"balises/{experience[1]}/"
    assert shows(serving, balise, "Loos-en-Gohelle")
    file.write_text(before.replace("nom: Loos-en-Gohelle", "nom: Loos-Titre-Neuf"), "utf-8")
    try:
        serving.wait(lambda: shows(serving, PAGE, "Loos-Titre-Neuf"), 120, "la page")
        serving.wait(lambda: shows(serving, balise, "Loos-Titre-Neuf"), 120, "la balise")
        # the balise was written last: once it is served, the rebuild has ended
        full_build(serving, tmp_path / "complet")
        assert served_differs(serving, tmp_path / "complet") == []
    finally:
        file.write_text(before, encoding="utf-8")
        serving.wait(lambda: not shows(serving, balise, "Loos-Titre-Neuf"), 120, "la balise")


def test_an_experience_in_its_own_file_shows_on_its_territory_page(serving: Serving) -> None:
    file = serving.repo / "territoires/loos-en-gohelle/anges-gardens-et-club-elemiah.yml"
    before = file.read_text(encoding="utf-8")
    edit_resume(file, "Phrase-de-l-experience-a-part")
    try:
        serving.wait(lambda: shows(serving, PAGE, "Phrase-de-l-experience-a-part"), 120, "la page")
    finally:
        file.write_text(before, encoding="utf-8")
    serving.wait(lambda: not shows(serving, PAGE, "Phrase-de-l-experience-a-part"), 120, "la page")


def test_a_new_glossary_term_reaches_every_page(serving: Serving, tmp_path: Path) -> None:
    """The glossary links every page: a full build, then the site is as a full build's."""
    file = serving.repo / "referentiel/concepts/co-construction.yml"
    before = file.read_text(encoding="utf-8")
    assert 'href="../../concepts/co-construction/">mines' not in (serving.get(PAGE) or "")
    file.write_text(before.replace('termes: ["co-construire"', 'termes: ["mines", "co-construire"'))
    try:
        linked = 'href="../../concepts/co-construction/"'
        serving.wait(
            lambda: re.search(linked + r"[^>]*>mines<", serving.get(PAGE) or ""), 120, "le lien"
        )
        assert "Construction complète (le glossaire change)" in serving.log
        full_build(serving, tmp_path / "complet")
        assert served_differs(serving, tmp_path / "complet") == []
    finally:
        file.write_text(before, encoding="utf-8")
        serving.wait(lambda: not re.search(r">mines<", serving.get(PAGE) or ""), 120, "le lien")


def test_a_new_territory_gets_its_page(serving: Serving) -> None:
    source = (serving.repo / TERRITORY).read_text(encoding="utf-8")
    new = serving.repo / "territoires/loos-bis.yml"
    new.write_text(
        source.replace("nom: Loos-en-Gohelle", "nom: Loos-Bis").replace(
            'code_insee: "62528"\n', ""
        ),
        encoding="utf-8",
    )
    try:
        serving.wait(lambda: shows(serving, "territoires/loos-bis/", "Loos-Bis"), 120, "la page")
    finally:
        new.unlink()
    serving.wait(
        lambda: (
            serving.get("territoires/loos-bis/") is None
            or not shows(serving, "territoires/loos-bis/", "Loos-Bis")
        ),
        120,
        "la page retirée",
    )


def test_a_broken_file_is_reported_and_serve_stays_up(serving: Serving) -> None:
    file = serving.repo / TERRITORY
    before = file.read_text(encoding="utf-8")
    page = serving.get(PAGE)
    assert page is not None and 'role="alert"' not in page
    file.write_text(before.replace("type: commune", "type: [commune", 1), encoding="utf-8")
    try:
        serving.wait(lambda: 'role="alert"' in (serving.get(PAGE) or ""), 120, "l'alerte")
        alert = serving.get(PAGE) or ""
        assert "crochet « [ » ouvert ici" in alert and TERRITORY in alert
        assert "Loos-en-Gohelle" in alert.split('role="alert"')[1]  # the page, as it was
        assert f"{TERRITORY}:" in serving.log and "corrigez ces erreurs" in serving.log
        assert "Traceback" not in serving.log
    finally:
        file.write_text(before, encoding="utf-8")
    serving.wait(lambda: 'role="alert"' not in (serving.get(PAGE) or ""), 120, "la page réparée")
    assert serving.process is not None and serving.process.poll() is None
