"""Every reader: RGAA 4.1 / WCAG 2.1 AA, proven in a real browser.

The site is built once (the records and the test territories, without the PDFs), served on
localhost and measured once by :func:`tests.audit.measure` in headless Chromium: axe-core on
one page of every kind at 1280 and 375 px, headings, the keyboard alone, and the structure
of every page. Each test below reads one part of that measurement; the last one checks that
``qualite/accessibilite.json`` (the source of the « Déclaration d'accessibilité ») says what
was just measured.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from hooks.projet.accessibilite import MEASURES, declaration_markdown, status
from hooks.site import generate_site
from schemas.index import load_index

from . import audit, audit_structure
from .depot import ROOT
from .served import browser, needs_chromium, serve, third_party

pytestmark = needs_chromium
COMMITTED = ROOT / MEASURES
RUN_THE_SCRIPT = (
    "qualite/accessibilite.json ne dit plus ce que le test mesure : lancez "
    "« python benchmarks/accessibilite.py », relisez « git diff qualite/ » et validez-le "
    "avec votre modification."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return audit.build_site(tmp_path_factory.mktemp("accessibilite") / "depot")


@pytest.fixture(scope="module")
def measured(site: Path) -> dict:
    if not audit.axe_available():
        pytest.fail(
            "axe-core manque dans node_modules/ : lancez « npm ci » (ou « bash .ci/run »)",
            pytrace=False,
        )
    with serve(site) as url, browser() as (context, requested):
        found = audit.measure(context, url, site)
    assert not third_party(requested), third_party(requested)
    return found


def test_no_axe_violation_on_any_page_kind_at_any_width(measured) -> None:
    found = [
        f"{page['adresse'] or '/'} à {width} px : {rule['regle']} ({rule['impact']}, "
        f"{rule['nombre']}) {rule['description']} — {rule['cibles']}"
        for page in measured["pages"]
        for width, rules in page["violations"].items()
        for rule in rules
    ]
    assert not found, "\n".join(found)


def test_every_page_kind_was_measured_at_both_widths(measured) -> None:
    kinds = [page["sorte"] for page in measured["pages"]]
    assert kinds == [page.kind for page in audit.PAGES]
    assert all(set(p["violations"]) == {"1280", "375"} for p in measured["pages"])


def test_headings_in_order_with_one_h1_on_every_page_kind(measured) -> None:
    found = {page["adresse"]: page["titres"] for page in measured["pages"] if page["titres"]}
    assert not found


@pytest.mark.parametrize("width", ["1280", "375"])
def test_keyboard_alone_reaches_everything_with_a_visible_focus(measured, width) -> None:
    checks = measured["clavier"][width]
    assert checks["lien_d_evitement"], "« Aller au contenu » absent, caché ou sans effet"
    assert checks["champ_de_recherche"], "la touche Tab n'atteint pas le champ de recherche"
    assert checks["premier_lien_du_contenu"], "la touche Tab n'atteint pas le contenu"
    assert not checks["focus_invisible"], "focus invisible sur " + ", ".join(
        checks["focus_invisible"]
    )
    # « Menu » only exists where the sidebar is folded away: the phone width.
    assert checks["menu"] is (None if width == "1280" else True)


def test_every_page_declares_french_and_has_headings_tables_and_link_texts_right(site) -> None:
    found = audit_structure.static_problems(site)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_structure_check_finds_what_it_should() -> None:
    page = (
        '<html lang="en"><h2>A</h2><h1>B</h1><h1>C</h1><table><td>1</td></table>'
        '<a href="x">Cliquez ici</a> <a href="y">ici</a> <a href="z" aria-label="Le PDF">¶</a>'
        '<a href="w">Ici commence le texte</a>'
    )
    assert audit_structure.page_problems(page) == [
        'langue de la page : lang="en" au lieu de "fr"',
        "pas de lien « Aller au contenu »",
        "2 titres de niveau 1 au lieu d'un seul",
        "titre de niveau 2 après un niveau 0",
        "tableau sans cellule d'en-tête",
        "lien peu explicite : « Cliquez ici »",
        "lien peu explicite : « ici »",
    ]


DOWNLOAD = re.compile(r'<a class="md-button[^"]*" href="[^"]*\.pdf" download>(.*?)</a>')


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_pdf_links_say_what_they_download() -> None:
    """Out of context too (RGAA 6.1): the action, the document, its format. The number of
    pages is known only once the PDFs are written, after the pages."""
    index = load_index(ROOT)
    pages = {p.src_uri: p.markdown for p in generate_site(index, with_pdf=True).pages}
    labels = {uri: [_unescaped(t) for t in DOWNLOAD.findall(md)] for uri, md in pages.items()}
    everywhere = [label for found in labels.values() for label in found]
    assert everywhere and all(
        re.fullmatch(r"Télécharger (le|la|les) .+ \(PDF\)", label) for label in everywhere
    ), everywhere
    for enjeu in index.of_kind("enjeu"):
        assert labels[f"enjeux/{enjeu.id}.md"] == [
            f"Télécharger le chapitre « {enjeu.data.titre_court} » (PDF)"
        ]
    for chapitre in index.of_kind("chapitre"):
        assert labels[f"chapitres/{chapitre.id}.md"] == [
            f"Télécharger le chapitre « {chapitre.data.titre} » (PDF)"
        ]
    assert labels["index.md"] == [
        "Télécharger le référentiel complet (PDF)",
        "Télécharger les cartes des balises, pour les ateliers (PDF)",
    ]


def test_the_committed_statement_says_what_was_just_measured(measured) -> None:
    assert COMMITTED.is_file(), RUN_THE_SCRIPT
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert audit.comparable(committed) == audit.comparable(measured), RUN_THE_SCRIPT


# What a reader who is not a developer must not meet outside the folded technical detail:
# code, file paths, tool names and versions.
TECHNICAL = re.compile(r"`|\.py\b|\.json\b|qualite/|axe-core|Playwright|\d+\.\d+\.\d+")


def folded(markdown: str) -> tuple[str, str]:
    """The statement's plain part and its « Détail technique des mesures »."""
    before, rest = markdown.split('<details class="rv-detail-technique">', 1)
    detail, after = rest.split("</details>", 1)
    return before + after, detail


def test_the_statement_speaks_plainly_with_the_rgaa_parts_and_a_contact() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    referentiel = load_index(ROOT).referentiel
    plain, detail = folded(declaration_markdown(committed, referentiel))
    assert not TECHNICAL.search(plain), TECHNICAL.search(plain)
    assert "**partiellement conforme**" in plain
    for part in (
        "## État de conformité",
        "## Ce qui fonctionne",
        "## Contenus non accessibles",
        "**Dérogations pour charge disproportionnée**",
        "## Établissement de cette déclaration",
        "## Retour d'information et contact",
        "## Voies de recours",
        "Défenseur des droits",
    ):
        assert part in plain, part
    mail = referentiel.contact.courriel
    assert plain.count(f"(mailto:{mail})") == 2  # at the top, and under « contact »
    assert f"({referentiel.depot}/issues)" in plain  # for those who have an account
    assert "<table" not in detail and "| " not in plain  # a few sentences, not a row per page
    assert f"axe-core {committed['outils']['axe-core']}" in detail
    names = "".join(f"{html.escape(p.label, quote=False)} ; " for p in audit.PAGES)
    assert names.removesuffix(" ; ") in detail.replace("\u202f", "")


def measures_with(**changes: object) -> dict:
    """The committed measures, with some parts replaced."""
    return {**json.loads(COMMITTED.read_text(encoding="utf-8")), **changes}


def test_the_statement_sums_up_what_fails_in_plain_words_with_what_we_do() -> None:
    rule = {"regle": "color-contrast", "impact": "serious", "nombre": 2, "description": "Low"}
    pages = [
        {
            "sorte": "a",
            "nom": "Une balise",
            "adresse": "b/",
            "violations": {"375": [rule]},
            "titres": [],
        },
        {
            "sorte": "b",
            "nom": "Un territoire",
            "adresse": "t/",
            "violations": {"375": []},
            "titres": ["titre de niveau 3 après un niveau 1"],
        },
        {"sorte": "c", "nom": "Accueil", "adresse": "", "violations": {"375": []}, "titres": []},
    ]
    keyboard = {"375": {"lien_d_evitement": False, "focus_invisible": ["a.x"], "menu": True}}
    measures = measures_with(pages=pages, clavier=keyboard, structure={"x/": ["pas de h1"]})
    plain, detail = folded(declaration_markdown(measures, load_index(ROOT).referentiel))
    problems = plain.split("## Contenus non accessibles")[1]
    assert "relève 3 erreurs sur 2 pages : Une balise, Un territoire\\." in problems
    assert "Au clavier : le premier appui sur Tab" in problems
    assert "Au clavier : le focus n'est pas toujours visible" in problems
    assert "1 page du site ont" not in problems and "1 page du site a un défaut" in problems
    assert problems.count("nous les corrigeons avant de publier") == 4
    assert "Les documents PDF" in problems  # the known limits stay (veraPDF not run)
    working = plain.split("## Ce qui fonctionne")[1].split("##")[0]
    assert "au clavier seul" not in working and "règles que le contrôle" not in working
    named = "(règle <code>color-contrast</code>, grave, 2 éléments)"
    assert f'« <span lang="en">Low</span> » {named}' in detail


def test_the_statement_escapes_every_value_and_says_non_conforme_without_results() -> None:
    hostile = "<script>alert(1)</script> | **gras** [lien](javascript:x)"
    measures = {
        "date": "2026-01-02",
        "outils": {"axe-core": hostile},
        "regles": [hostile],
        "largeurs": [375],
        "page_clavier": "x) [y](javascript:z",
        "pages": [
            {
                "sorte": "x",
                "nom": hostile,
                "adresse": "a) <b>",
                "violations": {
                    "375": [
                        {"regle": hostile, "impact": hostile, "nombre": 2, "description": hostile}
                    ]
                },
                "titres": [hostile],
            }
        ],
        "clavier": {"375": {"lien_d_evitement": False, "focus_invisible": [hostile]}},
        "structure": {hostile: [hostile]},
        "html": {
            "version": hostile,
            "pages": 1,
            "par_origine": {"ours": 1, "theme": 1},
            "a_corriger": {hostile: 1},
            "connues": [{"message": hostile, "raison": hostile, "nombre": 1}],
        },
    }
    referentiel = load_index(ROOT).referentiel
    markdown = declaration_markdown(measures, referentiel)
    plain, detail = folded(markdown)
    for syntax in (r"<script", r"\*\*gras", r"\]\(javascript", r"\[lien"):
        assert not re.search(r"(?<!\\)" + syntax, plain), syntax  # only escaped
    assert "\\<script\\>" in plain  # the page's name, in the summary of what fails
    assert "<script" not in detail and "<b>" not in markdown
    assert detail.count("&lt;script&gt;") >= 8
    assert "<strong>non</strong>" in detail  # the failed keyboard check
    assert status(None) == "non conforme"
    without = declaration_markdown(None, referentiel)
    assert "**non conforme**" in without and "<details" not in without
    assert not TECHNICAL.search(without)


def test_the_built_statement_folds_its_technical_detail_away(site: Path) -> None:
    page = (site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    start = article.index('<details class="rv-detail-technique">')
    assert article[start:].index("<summary>Détail technique des mesures</summary>") < 60
    shown = article[:start] + article[article.index("</details>") :]
    assert not TECHNICAL.search(re.sub(r"<[^>]+>", " ", shown))
    assert '<a href="mailto:' in shown
    assert "<table" not in article  # the page stays light (EcoIndex A): no row per page


# --- The palette: the ratios stated in referentiel.css, computed from its colours. ---


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2.1 contrast ratio: ``contrast("#00796b", "#ffffff")`` is 5.32."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_our_palette_reaches_the_wcag_ratios() -> None:
    css = (ROOT / "docs" / "assets" / "referentiel.css").read_text(encoding="utf-8")
    colour: dict[str, str] = {}
    for name, value in re.findall(r"(--[\w-]+):\s*(#[0-9a-f]{6})\b", css):
        colour.setdefault(name, value)  # the first: --rv-focus on the page, not in the header
    white, grey = "#ffffff", "#f5f5f5"  # the page, and the boxes (Material's code background)
    for name in ("--md-primary-fg-color", "--md-typeset-a-color", "--md-accent-fg-color"):
        assert contrast(colour[name], white) >= 4.5, name  # links and header text
        assert contrast(colour[name], grey) >= 4.5, name  # links in the boxes
    assert contrast(colour["--md-primary-bg-color--light"], colour["--md-primary-fg-color"]) >= 4.5
    assert contrast(colour["--rv-focus"], white) >= 3  # a UI component (WCAG 1.4.11)
    assert round(contrast("#00796b", white), 2) == 5.32  # as the CSS comment says
