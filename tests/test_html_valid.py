"""Every page of the built site is valid HTML for the Nu HTML Checker (see tests/vnu.py),
and so are a few pages as their scripts leave them (search results, explorer, copy buttons).

No error is accepted, whoever wrote the markup (RGAA criterion 8.2): ours, or the theme's
(Material's ``autocomplete`` on its checkbox toggles is removed by ``on_post_page``, its copy
button's ``nav`` inside ``pre`` becomes a ``span`` in ``docs/assets/raccourcis.js``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from . import vnu
from .depot import ROOT, copy_repository
from .served import browser, needs_chromium, serve
from .test_site import VALID, build

# Pages whose scripts write markup, and what to wait for before saving them.
AFTER_SCRIPTS = {
    "recherche": ("recherche/?q=jardin", "#rv-resultats li"),
    "explorer": ("explorer/?enjeu=engagement", "#rv-ex-resultats li"),
    # The copy button, once raccourcis.js has made its nav a span.
    "balise": ("balises/construire-le-recit/", "pre > span.md-code__nav"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once, with the test territories (one hostile)."""
    if (missing := vnu.available()) is not None:
        pytest.fail(f"Nu HTML Checker impossible à lancer : {missing}", pytrace=False)
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
def after_scripts(chromium_installed: str, site: Path) -> dict:
    """The report on pages saved from the browser once their scripts have run."""
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


@needs_chromium
def test_back_button_brings_a_page_back_with_its_panels_closed(site: Path) -> None:
    """What the theme's autocomplete="off" did, now that it is gone: the menu opened before
    leaving a page is closed when the reader comes back to it."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="__drawer"' in html and "autocomplete" not in html.split('id="__drawer"')[1][:40]
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        tab.set_viewport_size({"width": 375, "height": 700})
        tab.goto(url + "balises/")
        tab.click('.md-header label[for="__drawer"]')
        assert tab.evaluate("document.getElementById('__drawer').checked")
        tab.goto(url + "enjeux/")
        tab.go_back()
        tab.wait_for_load_state()
        assert tab.url.endswith("/balises/")
        assert not tab.evaluate("document.getElementById('__drawer').checked")
        assert not tab.evaluate("document.getElementById('__search').checked")
        # The section toggles, checked by the build, still open the menu on the page's section.
        section = "document.querySelector('.md-nav__toggle[checked]')"
        assert tab.evaluate(f"{section} && {section}.checked")


def assert_no_error(report: dict) -> None:
    errors = report["errors"]
    assert not errors, f"{len(errors)} erreur(s) HTML :\n" + vnu.describe(errors)


def test_every_page_is_valid_html(report: dict) -> None:
    assert_no_error(report)


def test_pages_as_scripts_leave_them_are_valid_too(after_scripts: dict) -> None:
    assert after_scripts["pages"] == len(AFTER_SCRIPTS)
    assert_no_error(after_scripts)


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
    assert vnu.describe([{**error, "extract": "</div>\n  </p>", "source": "ours"}]) == (
        "balises/x/index.html:12: Stray end tag “p”. (notre code)\n    </div> </p>"
    )


def test_says_why_the_checker_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vnu.shutil, "which", lambda _: "/usr/bin/java")
    monkeypatch.setattr(vnu, "JAR", vnu.ROOT / "absent" / "vnu.jar")
    assert vnu.available() == "absent/vnu.jar manque : lancez « npm ci » (ou « bash .ci/run »)"
    monkeypatch.setattr(vnu.shutil, "which", lambda _: None)
    assert vnu.available().startswith("java manque : apt-get install default-jre-headless")
