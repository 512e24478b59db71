"""« Où en est notre territoire ? »: the workshop grid as generated, its PDFs as a reader
reads them (poppler), and the page in headless Chromium: answers kept in the browser, a count
per enjeu, CSV out and back in, formulas neutralised, bad lines reported."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from contextlib import ExitStack
from pathlib import Path

import pytest
from PIL import Image

from hooks.atelier.grille import STORAGE_KEY, grid_pages
from hooks.core.context import BuildContext
from hooks.core.grille import LEVELS, parts
from hooks.core.opendata import spreadsheet_safe
from hooks.pdf import write_pdfs
from hooks.pdf.grid import grid_jobs
from schemas.index import Index, load_index

from .depot import ROOT, copy_repository
from .pdftools import normal, pages, run, text
from .served import browser, needs_chromium, serve, third_party
from .test_site import build

SITE = "https://exemple.org/rv/"
FORMULA = '=HYPERLINK("https://exemple.fr";"clic")'


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_every_balise_has_two_or_three_questions(index: Index) -> None:
    few = {b.id: len(b.data.questions) for b in index.of_kind("balise")}
    assert all(2 <= n <= 3 for n in few.values()), few


def test_a_page_per_enjeu_with_its_balises_questions_four_levels_and_room_for_notes(
    index: Index,
) -> None:
    home, *pages = grid_pages(BuildContext(index))
    grid = parts(index)
    assert home.src_uri == "atelier/grille.md"
    assert [p.src_uri for p in pages] == [f"atelier/grille/{p.enjeu.id}.md" for p in grid]
    for part, page in zip(grid, pages, strict=True):
        markdown = page.markdown
        assert 5 <= len(part.balises) <= 7
        assert f"# Enjeu {part.enjeu.data.numero} : {part.enjeu.data.titre_court}\n" in markdown
        assert markdown.count('<fieldset class="rv-gr-balise"') == len(part.balises)
        for b in part.balises:
            for question in b.data.questions:
                assert f"<li>{html.escape(question, quote=False)}</li>" in markdown
            radios = re.findall(
                rf'<input type="radio" name="niveau-{b.id}" value="([^"]+)">', markdown
            )
            assert radios == [level.key for level in LEVELS]
            assert (
                f'<label class="rv-gr-notes" for="notes-{b.id}">Notes et preuves</label>'
                in markdown
            )
            assert f'<textarea id="notes-{b.id}"' in markdown
        assert "rien n'est envoyé" in " ".join(markdown.split())  # where the answers stay
        assert 'data-action="imprimer"' in markdown and 'data-action="exporter"' not in markdown
    # the index: each enjeu (its anchor, for the PDFs' address), its balises, every tool
    for part in grid:
        assert (
            f'<li id="enjeu-{part.enjeu.id}"><a href="{part.enjeu.id}/">Enjeu '
            f"{part.enjeu.data.numero} : {part.enjeu.data.titre_court}</a>"
        ) in home.markdown
        assert f"({len(part.balises)} balises)" in home.markdown
    assert "rv-gr-balise" not in home.markdown and "rien n'est\nenvoyé" in home.markdown
    for action in ("exporter", "importer", "effacer"):
        assert f'data-action="{action}"' in home.markdown
    for page in [home, *pages]:  # every page knows every balise: they share the answers
        data = re.search(
            r'<script type="application/json" id="rv-gr-donnees">(.*?)</script>', page.markdown
        )
        assert data, page.src_uri
        found = json.loads(data.group(1))
        assert found["cle"] == STORAGE_KEY
        assert found["niveaux"] == [[level.key, level.label] for level in LEVELS]
        assert found["balises"] == [
            [b.id, b.data.titre, p.enjeu.id] for p in grid for b in p.balises
        ]
        assert page.markdown.count("grille.js") == 1 and "explorer.js" not in page.markdown


def test_the_csv_rule_of_the_grid_is_the_tested_one_of_the_explorer() -> None:
    """test_explorer.py runs explorer.js's rule against ``spreadsheet_safe``."""
    rule = re.compile(r"const FORMULE = (/.+/);")
    grid = (ROOT / "docs" / "assets" / "grille.js").read_text(encoding="utf-8")
    explorer = (ROOT / "docs" / "assets" / "explorer.js").read_text(encoding="utf-8")
    assert rule.search(grid).group(1) == rule.search(explorer).group(1)


# --- The PDFs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(index: Index, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every grid, as the build writes it (hooks/pdf/write.py: tagged, last page filled)."""
    folder = tmp_path_factory.mktemp("grilles")
    written = {}
    for pdf_id, _, style in grid_jobs(index, SITE):
        assert style == "grille"
        write_pdfs(index, folder, SITE, only=pdf_id)
        written[pdf_id] = folder / f"{pdf_id}.pdf"
    return written


def test_one_grid_per_enjeu_and_one_with_every_enjeu(index: Index, pdfs) -> None:
    assert list(pdfs) == [f"grille-{e.id}" for e in index.of_kind("enjeu")] + ["grille"]


@pytest.mark.parametrize("enjeu", ["engagement", "approche-systemique", "cooperation", "valeur"])
def test_a_grid_holds_every_balise_of_its_enjeu_and_no_other(index, pdfs, enjeu) -> None:
    whole = normal(text(pdfs[f"grille-{enjeu}"]))
    for b in index.of_kind("balise"):
        assert (normal(b.data.titre) in whole) == (b.data.enjeu == enjeu), b.id
        if b.data.enjeu == enjeu:
            assert all(normal(q) in whole for q in b.data.questions), b.id
    assert normal(f"{SITE}atelier/grille/{enjeu}/") in whole  # the same grid, online
    assert whole.count(normal("pas encore")) >= 6 and normal("Notesetpreuves") in whole


@pytest.mark.parametrize("pdf_id", ["grille-engagement", "grille-valeur", "grille"])
def test_a_grid_has_a_qr_code_to_its_online_page(pdfs, pdf_id, tmp_path) -> None:
    run(
        "pdftoppm",
        "-r",
        "150",
        "-png",
        "-singlefile",
        "-f",
        "1",
        "-l",
        "1",
        pdfs[pdf_id],
        tmp_path / "page",
    )
    decoded = run("zbarimg", "--quiet", "--raw", tmp_path / "page.png").split()
    enjeu = pdf_id.removeprefix("grille").removeprefix("-")
    assert decoded == [f"{SITE}atelier/grille/{enjeu + '/' if enjeu else ''}"]


@pytest.mark.parametrize("pdf_id", ["grille-engagement", "grille"])
def test_no_line_to_write_on_crosses_the_printed_address(pdfs, pdf_id, tmp_path) -> None:
    """The address under the QR code stays legible: no « Territoire », « Date » or
    « Participants » line runs through one of its words (a dark row across the word)."""
    dpi, pdf = 200, pdfs[pdf_id]
    run("pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-l", "1", pdf, tmp_path / "p")
    image = Image.open(tmp_path / "p.png").convert("L")
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*/)</word>',
        run("pdftotext", "-bbox", "-l", "1", pdf, "-"),
    )
    assert len(words) >= 3, words  # the address, broken after its « / »
    for *box, word in words:
        crop = image.crop(tuple(round(float(v) * dpi / 72) for v in box))
        rows = [[crop.getpixel((x, y)) for x in range(crop.width)] for y in range(crop.height)]
        assert not any(max(row) < 160 for row in rows), word


def test_each_balise_has_six_lines_to_write_on(index: Index) -> None:
    for _, page, _ in grid_jobs(index, SITE):
        balises = page.split('<div class="balise"')[1:]
        assert len(balises) >= 5
        for balise in balises:
            assert balise.split('<div class="bilan">')[0].count('class="ligne"') >= 6


@pytest.mark.parametrize("pdf_id", ["grille-engagement", "grille-approche-systemique", "grille"])
def test_no_grid_page_is_mostly_blank(pdfs, pdf_id, tmp_path) -> None:
    """Every page is inked below its middle: a grid never ends on a page mostly blank."""
    run("pdftoppm", "-r", "30", "-gray", "-png", pdfs[pdf_id], tmp_path / "p")
    for png in sorted(tmp_path.glob("p-*.png")):
        image = Image.open(png).convert("L")
        width, height = image.size
        footer = int(height * 0.93)  # the page number
        ink = image.crop((0, 0, width, footer)).point(lambda v: 255 if v < 128 else 0).getbbox()
        assert ink and ink[3] > height * 0.6, (png.name, ink)


def test_the_whole_grid_holds_every_balise_each_on_one_page(index, pdfs) -> None:
    pdf = pdfs["grille"]
    by_page = [normal(text(pdf, n)) for n in range(1, pages(pdf) + 1)]
    for b in index.of_kind("balise"):
        title, last = normal(b.data.titre), normal(b.data.questions[-1])
        holding = [n for n, page in enumerate(by_page) if title in page]
        assert len(holding) == 1, (b.id, holding)  # printed once
        page = by_page[holding[0]]
        assert last in page and page.index(title) < page.index(last), b.id  # never split
        after = page[page.index(last) :]
        assert all(normal(level.label) in after for level in LEVELS), b.id
    assert normal(f"{SITE}atelier/grille/") in by_page[0]


# --- In a browser --------------------------------------------------------------------------

browser_needed = needs_chromium


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    root = copy_repository(tmp_path_factory.mktemp("grille") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url + "atelier/grille/"


@pytest.fixture
def grid(site_url):
    """``grid(javascript=True)``: a tab in a new context (its own local storage);
    ``grid.open(tab, "engagement")`` shows an enjeu's page in it, ``grid.open(tab)`` the
    index. The test fails if a page asks anything of another site or raises a script error.
    Dialogs (« Tout effacer ») are accepted and kept in ``grid.dialogs``."""
    problems: list[str] = []
    requests: list[list[str]] = []
    dialogs: list[str] = []
    with ExitStack() as stack:

        def opener(javascript: bool = True):
            context, requested = stack.enter_context(browser(javascript))
            requests.append(requested)
            page = context.new_page()
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
            return page

        def open_(page, enjeu: str | None = None) -> None:
            page.goto(site_url + (f"{enjeu}/" if enjeu else ""))

        opener.dialogs = dialogs
        opener.open = open_
        yield opener
        outside = [url for requested in requests for url in third_party(requested)]
        assert not outside, outside
        assert not problems, problems


def answers(page) -> dict[str, list[str]]:
    """``{balise id: [level, notes]}`` for every balise of the page shown with a level or
    notes."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('fieldset[data-balise]')]
            .map(f => [f.dataset.balise, [f.querySelector('input:checked')?.value || '',
                                          f.querySelector('textarea').value]])
            .filter(([, [level, notes]]) => level || notes))"""
    )


def everywhere(grid, page, index: Index) -> dict[str, list[str]]:
    """The answers shown on every enjeu's page, one after the other in ``page``."""
    found = {}
    for part in parts(index):
        grid.open(page, part.enjeu.id)
        found |= answers(page)
    return found


def choose(page, balise: str, level: str) -> None:
    page.locator(f'input[name="niveau-{balise}"][value="{level}"]').check()


def bilan(page, enjeu: str) -> str:
    return page.locator(f'.rv-gr-bilan[data-enjeu="{enjeu}"]').inner_text()


FILLED = {  # on three enjeux' pages
    "construire-le-recit": ("acquis", "Délibération du 12 mars 2024.\nExposition « 2040 »."),
    "proximite-territoire-vecu": ("en-chemin", ""),
    "elargir-le-regard": ("non-concerne", 'Des "guillemets", une virgule ; un point-virgule.'),
    "multiplicite-des-valeurs": ("", FORMULA),
}


def fill(grid, page, index: Index) -> None:
    """FILLED, each on its enjeu's page."""
    enjeu_of = {b.id: p.enjeu.id for p in parts(index) for b in p.balises}
    for balise, (level, notes) in FILLED.items():
        grid.open(page, enjeu_of[balise])
        if level:
            choose(page, balise, level)
        page.fill(f"#notes-{balise}", notes)


@browser_needed
def test_answers_stay_in_the_browser_and_come_back_after_a_reload(grid, index) -> None:
    page = grid()
    grid.open(page, "engagement")
    assert page.locator(".rv-gr-outils").is_visible()
    assert page.get_by_role("button", name="Imprimer").is_visible()
    engagement = next(p for p in parts(index) if p.enjeu.id == "engagement")
    total = len(engagement.balises)
    assert bilan(page, "engagement") == (
        "Bilan : pas encore : 0 · en chemin : 0 · acquis : 0 · non concerné : 0 · "
        f"sans réponse : {total} (sur {total} balises)."
    )
    assert page.locator(".rv-gr-bilan").first.get_attribute("aria-live") == "polite"
    fill(grid, page, index)
    grid.open(page, "engagement")
    assert bilan(page, "engagement") == (
        "Bilan : pas encore : 0 · en chemin : 1 · acquis : 1 · non concerné : 0 · "
        f"sans réponse : {total - 2} (sur {total} balises)."
    )
    stored = page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")
    assert "Délibération du 12 mars" in stored and "guillemets" in stored  # one key for all
    page.reload()
    assert answers(page) == {
        b: list(FILLED[b]) for b in ("construire-le-recit", "proximite-territoire-vecu")
    }
    assert "en chemin : 1 · acquis : 1" in bilan(page, "engagement")
    # with the keyboard alone: Tab to a level, arrows to change it, saved as well
    page.locator('input[name="niveau-construire-le-recit"][value="acquis"]').focus()
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.value") == "en-chemin"
    page.reload()
    assert answers(page)["construire-le-recit"][0] == "en-chemin"
    assert "en chemin : 2 · acquis : 0" in bilan(page, "engagement")
    # the other enjeux' answers were kept by this page's saves
    found = everywhere(grid, page, index)
    assert found == {b: list(a) for b, a in FILLED.items()} | {
        "construire-le-recit": ["en-chemin", FILLED["construire-le-recit"][1]]
    }


@browser_needed
def test_the_index_counts_each_enjeu_s_answers(grid, index) -> None:
    page = grid()
    fill(grid, page, index)
    grid.open(page)
    counts = page.locator(".rv-gr-compte").all_inner_texts()
    assert counts == [
        f"({len(p.balises)} balises, {n} avec une réponse)"
        for p, n in zip(parts(index), (2, 1, 0, 0), strict=True)
    ]
    assert "en chemin : 1 · acquis : 1" in bilan(page, "engagement")
    assert bilan(page, "") == (
        "Bilan de toute la grille : pas encore : 0 · en chemin : 1 · acquis : 1 · "
        "non concerné : 1 · sans réponse : 20 (sur 23 balises)."
    )
    assert page.locator("#enjeu-valeur a").get_attribute("href") == "valeur/"


@browser_needed
def test_export_clear_and_import_give_back_the_same_answers(grid, index) -> None:
    page = grid()
    fill(grid, page, index)
    before = everywhere(grid, page, index)
    assert before == {b: list(a) for b, a in FILLED.items()}
    grid.open(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter (CSV)").click()
    assert download.value.suggested_filename.startswith("grille-territoire-")
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["balise", "titre", "niveau", "notes"]
    balises = index.of_kind("balise")
    assert [r[:2] for r in rows[1:]] == [[b.id, b.data.titre] for b in balises]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["construire-le-recit"][2:] == ["acquis", FILLED["construire-le-recit"][1]]
    assert by_id["elargir-le-regard"][2] == "non concerné"
    assert by_id["multiplicite-des-valeurs"][3] == spreadsheet_safe(FORMULA) == "'" + FORMULA
    assert by_id["piloter-par-le-sens"][2:] == ["", ""]

    page.get_by_role("button", name="Tout effacer").click()
    assert grid.dialogs and "Effacer toutes les réponses" in grid.dialogs[-1]
    assert page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})") is None
    assert "sans réponse : 6 (sur 6 balises)" in bilan(page, "engagement")
    assert everywhere(grid, page, index) == {}

    grid.open(page)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Importer (CSV)").click()
    chooser.value.set_files(download.value.path())
    status = page.locator(".rv-gr-statut")
    status.filter(has_text="importées").wait_for()
    assert status.inner_text() == f"{len(balises)} balises importées."
    assert "(6 balises, 2 avec une réponse)" in page.locator(".rv-gr-compte").first.inner_text()
    assert everywhere(grid, page, index) == before  # the formula's apostrophe is gone again


@browser_needed
def test_bad_lines_are_reported_in_french_and_the_good_ones_imported(grid, index, tmp_path) -> None:
    page = grid()
    grid.open(page, "approche-systemique")
    choose(page, "elargir-le-regard", "acquis")
    grid.open(page)
    bad = tmp_path / "grille.csv"
    bad.write_text(
        # saved again by a French spreadsheet: semicolons, no quotes, levels without accents
        "balise;titre;niveau;notes\n"
        "construire-le-recit;Construire le récit;Non concerne;Rien\n"
        "balise-inconnue;?;acquis;\n"
        "piloter-par-le-sens;Piloter;peut-être;Oui\n"
        "\n"
        "saisir-les-opportunites;;EN CHEMIN;'=1+1\n",
        encoding="utf-8",
    )
    page.locator("#rv-gr-fichier").set_input_files(bad)
    status = page.locator(".rv-gr-statut")
    status.filter(has_text="importée").wait_for()
    assert status.inner_text() == "2 balises importées ; 2 remarques :"
    assert page.locator(".rv-gr-erreurs li").all_inner_texts() == [
        "Ligne 3 : « balise-inconnue » n'est pas une balise de la grille ; ligne ignorée.",
        "Ligne 4 : niveau « peut-être » inconnu (attendu : pas encore, en chemin, acquis, "
        "non concerné, ou rien) ; ligne ignorée.",
    ]

    for content, message in [
        ('balise,niveau\n"construire-le-recit,acquis\n', "guillemet jamais refermé"),
        ("nom,valeur\nx,y\n", "Il lui manque la colonne « balise » et la colonne « niveau »"),
    ]:
        bad.write_text(content, encoding="utf-8")
        page.locator("#rv-gr-fichier").set_input_files(bad)
        page.locator(".rv-gr-erreurs li").filter(has_text=message).wait_for()
        assert "la grille n'a pas changé" in status.inner_text()
    assert everywhere(grid, page, index) == {
        "construire-le-recit": ["non-concerne", "Rien"],
        "saisir-les-opportunites": ["en-chemin", "=1+1"],
        "elargir-le-regard": ["acquis", ""],  # not in the file: kept
    }


@browser_needed
def test_without_javascript_a_plain_form_without_tools(grid) -> None:
    page = grid(javascript=False)
    grid.open(page, "engagement")
    assert not page.locator(".rv-gr-outils").is_visible()
    assert not page.locator(".rv-gr-bilan").first.is_visible()
    page.get_by_label("acquis").first.check()
    assert page.locator("input[type=radio]:checked").count() == 1
    assert page.locator("textarea").first.is_editable()
    grid.open(page)
    assert not page.locator(".rv-gr-outils").is_visible()
    assert page.get_by_role("link", name="Enjeu 2 : Approche systémique").is_visible()
