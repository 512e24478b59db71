"""Every page of the built site is valid HTML for the Nu HTML Checker (see tests/vnu.py),
and so are a few pages as their scripts leave them (search results, explorer, copy buttons).

Our markup has no error at all; the theme's are the ones listed with their reason in
``tests.vnu.KNOWN_THEME_ERRORS``, no more (a new one must be fixed or explained) and no fewer
(one that is gone must leave the list, and the accessibility statement).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from . import vnu
from .depot import ROOT, copy_repository
from .served import CHROMIUM, browser, serve
from .test_site import VALID, build

# Pages whose scripts write markup, and what to wait for before saving them.
AFTER_SCRIPTS = {
    "recherche": ("recherche/?q=jardin", "#rv-resultats li"),
    "explorer": ("explorer/?enjeu=engagement", "#rv-ex-resultats li"),
    "balise": ("balises/construire-le-recit/", "pre > .md-code__nav"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once, with the test territories (one hostile)."""
    if (missing := vnu.available()) is not None:
        pytest.skip(f"Nu HTML Checker indisponible : {missing}")
    root = copy_repository(tmp_path_factory.mktemp("valide") / "depot")
    for case in VALID.iterdir():
        shutil.copy(case, root / "territoires" / case.name)
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def report(site: Path) -> dict:
    return vnu.vnu_report(site)


@pytest.fixture(scope="module")
def after_scripts(site: Path) -> dict:
    """The report on pages saved from the browser once their scripts have run."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium absent")
    saved = site.parent / "apres-scripts"
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        for name, (path, ready) in AFTER_SCRIPTS.items():
            tab.goto(url + path)
            tab.wait_for_selector(ready, state="attached")
            html = tab.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
            (saved / name).mkdir(parents=True)
            (saved / name / "index.html").write_text(html, encoding="utf-8")
    return vnu.vnu_report(saved)


def test_the_checker_is_the_pinned_one_and_read_the_site(report: dict) -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["vnu-jar"]
    assert report["version"].split()[0] == pinned
    assert report["pages"] > 50


def assert_no_error_but_the_listed_ones(report: dict) -> None:
    ours = [e for e in report["errors"] if e["source"] == "ours"]
    assert not ours, f"{len(ours)} erreur(s) HTML dans notre balisage :\n" + vnu.describe(ours)
    unexplained = [e for e in report["errors"] if e["known"] is None]
    assert not unexplained, (
        f"{len(unexplained)} erreur(s) HTML du thème, ni corrigées (surcharge dans "
        "hooks/theme/partials/) ni expliquées (tests/vnu.py, KNOWN_THEME_ERRORS) :\n"
        + vnu.describe(unexplained)
    )


def test_every_page_is_valid_but_for_the_listed_theme_errors(report: dict) -> None:
    assert_no_error_but_the_listed_ones(report)


def test_pages_as_scripts_leave_them_are_valid_too(after_scripts: dict) -> None:
    assert after_scripts["pages"] == len(AFTER_SCRIPTS)
    assert_no_error_but_the_listed_ones(after_scripts)


def test_every_listed_theme_error_still_occurs(report: dict, after_scripts: dict) -> None:
    errors = report["errors"] + after_scripts["errors"]
    gone = [k for k in vnu.KNOWN_THEME_ERRORS if not any(k.matches(e) for e in errors)]
    assert not gone, (
        f"erreurs du thème disparues, à retirer de la liste (et de la déclaration) : {gone}"
    )


@pytest.mark.parametrize(
    ("extract", "expected"),
    [
        ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">', "theme"),
        ('<label class="md-nav__title" for="__toc">', "theme"),
        ('<a rel="noopener noreferrer nofollow">tab</a', "ours"),
        ('<form class="rv-entete-recherche" role="search"><button class="md-icon">', "ours"),
        ("<details><summary></summary>", "ours"),
    ],
)
def test_errors_are_told_apart_by_their_markup(extract: str, expected: str) -> None:
    assert vnu.source({"extract": extract}) == expected


def test_describe_says_page_line_and_message() -> None:
    error = {"page": "balises/x/index.html", "line": 12, "message": "Stray end tag “p”."}
    assert vnu.describe([{**error, "extract": "</div>\n  </p>"}]) == (
        "balises/x/index.html:12: Stray end tag “p”.\n    </div> </p>"
    )


def test_says_why_the_checker_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vnu.shutil, "which", lambda _: "/usr/bin/java")
    monkeypatch.setattr(vnu, "JAR", vnu.ROOT / "absent" / "vnu.jar")
    assert vnu.available() == "absent/vnu.jar est absent (npm ci, comme .ci/run)"
    monkeypatch.setattr(vnu.shutil, "which", lambda _: None)
    assert (
        vnu.available() == "Java est absent (apt-get install default-jre-headless, comme .ci/run)"
    )
