"""The home page as an élu opens it on a phone: four entry points by need (find experiences,
propose one, run a workshop, read the référentiel), all seen without scrolling at 375 × 667,
each a large link to a page of the site; what it says of its version fits what git holds;
and every page's footer gives an address to write to, which needs no account anywhere."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from hooks.accueil.accueil import NEEDS, home_pages
from hooks.core.context import BuildContext
from hooks.core.glossary import Glossary
from hooks.core.revisions import VersionNotes
from hooks.core.versions import Versions
from hooks.engine.export import copyright_line, engine_config
from hooks.generated import Site
from schemas.index import load_index
from schemas.referentiel import Contact

from .depot import ROOT, copy_repository
from .served import browser, serve
from .test_site import build

INDEX = load_index(ROOT)
HISTORY = object()  # « there is a git history »: the home page only asks whether there is one


def home(history: object = HISTORY, *notes: VersionNotes) -> str:
    """The home page's Markdown, as one line without Markdown escapes."""
    ctx = BuildContext(INDEX, history=history, versions=Versions(notes=list(notes)))  # type: ignore[arg-type]
    return " ".join(home_pages(ctx)[0].markdown.replace("\\", "").split())


def version(name: str, slug: str, date: str = "2026-12-01") -> VersionNotes:
    return VersionNotes(name, slug, date, None, [])


def test_with_no_published_version_the_home_page_says_it_shows_the_working_one() -> None:
    text = home()
    number = INDEX.referentiel.version
    assert f"Vous lisez la **version de travail {number}** : aucune version du référentiel" in text
    assert "n'a encore été publiée" in text and "[Versions](/versions.md)" in text
    assert "dernière version publiée" not in text and "les versions publiées" not in text


def test_with_a_published_version_the_home_page_names_it_and_its_date() -> None:
    text = home(HISTORY, version("1.0.0", "1.0.0"))
    assert "Vous lisez la **version 1.0.0**, publiée le 1 décembre 2026 ;" in text
    assert "version de travail" not in text


def test_with_changes_since_the_last_version_the_home_page_says_so() -> None:
    text = home(HISTORY, version("1.1.0 (en cours)", "en-cours", ""), version("1.0.0", "1.0.0"))
    number = INDEX.referentiel.version
    assert f"**version de travail {number}**, avec les modifications faites depuis la version" in (
        text
    )
    assert "la version 1.0.0, publiée le 1 décembre 2026" in text


def test_without_git_history_the_home_page_claims_nothing_about_publication() -> None:
    text = home(None)
    assert f"Vous lisez la **version {INDEX.referentiel.version}** du référentiel." in text
    assert "publiée" not in text.split("Par où commencer")[0].split("version")[-1]


def test_the_four_needs_come_first_each_a_link_to_a_page_of_the_site() -> None:
    markdown = home_pages(BuildContext(INDEX))[0].markdown
    first_needs = markdown.index('<nav class="rv-besoins"')
    assert first_needs < markdown.index("rv:html")  # before the presentation
    links = re.findall(r"^- \[\*\*(.+?)\*\* <span>(.+?)</span>\]\((/[^)]+\.md)\)$", markdown, re.M)
    assert [label for label, _, _ in links] == [
        "Trouver des expériences pour mon territoire",
        "Proposer une expérience",
        "Animer un atelier",
        "Lire le référentiel",
    ]
    assert [target for _, _, target in links] == [f"/{need.target}" for need in NEEDS]


# --- Every page's footer: an address to write to, the statement, the licences. ---


def test_the_footer_line_escapes_every_value_and_links_to_the_contact() -> None:
    meta = INDEX.referentiel
    hostile = meta.model_copy(
        update={
            "licence_contenu": meta.licence_contenu.model_copy(
                update={"nom": "<script>x</script>", "url": 'https://a/"onmouseover="x'}
            ),
            "depot": "https://forge/<b>",
        }
    )
    line = copyright_line(hostile)
    assert "<script" not in line and "<b>" not in line and '"onmouseover' not in line
    mail = meta.contact.courriel
    assert f'<a href="mailto:{mail}">{mail}</a>' in line


def test_the_exported_configuration_carries_the_contact() -> None:
    site = Site(pages=[], nav=[], files={})
    config = engine_config(ROOT, site, Glossary({}), INDEX.referentiel)
    assert f"mailto:{INDEX.referentiel.contact.courriel}" in config["copyright"]


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("contact referentiel.fr", "invalide"),
        ("mailto:contact@referentiel-vivant.fr", "sans espace ni « mailto: »"),
        ('a@b.fr"><script>', "invalide"),
    ],
)
def test_check_refuses_an_address_one_cannot_write_to(address: str, problem: str) -> None:
    with pytest.raises(ValidationError) as error:
        Contact(courriel=address)
    message = str(error.value)
    assert problem in message and "nom@domaine.fr" in message


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("accueil") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root / "site"


FOOTER = re.compile(r'<div class="md-copyright__highlight">(.*?)</div>', re.S)


@pytest.mark.parametrize("page", ["index.html", "balises/construire-le-recit/index.html"])
def test_every_footer_links_to_the_contact_and_to_the_statement(site: Path, page: str) -> None:
    footer = FOOTER.search((site / page).read_text(encoding="utf-8"))
    assert footer, page
    mail = INDEX.referentiel.contact.courriel
    assert f'<a href="mailto:{mail}">{mail}</a>' in footer[1]
    statement = re.search(r'<a href="([^"]+)">Déclaration d\'accessibilité</a>', footer[1])
    assert statement, footer[1]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), statement[1]))
    assert target == "accessibilite", (page, statement[1])
    not_found = FOOTER.search((site / "404.html").read_text(encoding="utf-8"))
    assert not_found and 'href="/referentiel-vivant/accessibilite/"' in not_found[1]


@pytest.mark.parametrize("width, height", [(375, 667), (320, 568), (1280, 800)])
def test_the_four_entry_points_are_seen_without_scrolling(site: Path, width, height) -> None:
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()  # type: ignore[attr-defined]
        tab.set_viewport_size({"width": width, "height": height})
        tab.goto(url, wait_until="networkidle")
        boxes = tab.eval_on_selector_all(
            ".rv-besoins a",
            "links => links.map(a => { const r = a.getBoundingClientRect();"
            " return [a.getAttribute('href'), r.top, r.bottom, r.width, r.height] })",
        )
        assert len(boxes) == len(NEEDS)
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        for href, top, bottom, box_width, box_height in boxes:
            assert top > 0 and bottom <= height, (href, bottom, height)  # no scrolling
            assert box_height >= 44 and box_width >= 44 * 3, (href, box_width, box_height)
            assert (site / href.split("#")[0] / "index.html").is_file(), href
        assert scroll <= width
