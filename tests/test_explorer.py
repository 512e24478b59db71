"""« Explorer les expériences »: the generated pages and JSON, then the real site in headless
Chromium, with JavaScript off (a plain list) and on (filters, counts, address, CSV)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import re
import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest

from hooks.core.context import BuildContext
from hooks.core.facets import decade, region, size_band
from hooks.core.opendata import spreadsheet_safe
from hooks.territoires.explorer import FACETS_FILE, explorer_files, explorer_pages, filters, items
from schemas.index import Index, load_index

from .depot import ROOT, copy_repository
from .served import BASE, browser, needs_chromium, serve, third_party
from .test_site import VALID, build

# A territory whose cells a spreadsheet would run as formulas.
FORMULES = """\
nom: '=HYPERLINK("https://exemple.fr";"clic")'
type: region
departement: "2A"
population: 350000
resume: Une région inventée pour vérifier le fichier CSV.
experiences:
  - id: plus
    titre: "+33 6 00 00 00 00"
    periode: "@2015"
    resume: Un numéro de téléphone.
    balises: [construire-le-recit]
  - id: moins
    titre: "-2 degrés"
    resume: Une température.
    balises: [construire-le-recit, elargir-le-regard]
  - id: pleine-chasse
    titre: "＝SOMME(A1)"
    resume: Un signe égal pleine chasse.
    balises: [elargir-le-regard]
  - id: ordinaire
    titre: "Loos-en-Gohelle, « 2 000 » habitants"
    periode: "2021"
    resume: Rien à neutraliser.
    balises: [elargir-le-regard]
"""


def test_values_of_the_filters() -> None:
    assert [size_band(p).key for p in (None, 0, 1999, 2000, 9999, 199_999, 200_000)] == [
        "non-renseignee",
        "moins-de-2000",
        "moins-de-2000",
        "2000-10000",
        "2000-10000",
        "50000-200000",
        "plus-de-200000",
    ]
    assert [decade(p).label for p in ("2016-2019", "vers 1998", "2005", "12345", None)] == [
        "2010-2019",
        "1990-1999",
        "2000-2009",
        "Période non précisée",
        "Période non précisée",
    ]
    assert size_band(None).label == "Taille inconnue"
    assert region("FR", "76").label == "Normandie"
    assert region("FR", "2A").key == "corse"
    assert region("BE", None).label == "Hors de France"
    assert region("FR", None).label == "France, sans région précise"  # zéro chômeur: national


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The repository's records with the test territories (hostile, Windows, formulas)."""
    root = copy_repository(tmp_path_factory.mktemp("explorateur") / "depot")
    for case in VALID.iterdir():
        shutil.copy(case, root / "territoires" / case.name)
    (root / "territoires" / "formules.yml").write_text(FORMULES, encoding="utf-8")
    return load_index(root)


def expected(index: Index, keep) -> list[tuple[str, str]]:
    """(territory id, experience id) of the experiences ``keep(territory, experience)``
    accepts, in the order of the list, read from the records themselves."""
    return [
        (t.id, x.id)
        for t in index.of_kind("territoire")
        for x in t.data.experiences
        if keep(t.data, x)
    ]


def test_static_pages_list_every_experience_once_with_links_to_the_next(index) -> None:
    pages = explorer_pages(BuildContext(index), per_page=10)
    listed = items(index)
    assert len(pages) == -(-len(listed) // 10) > 2
    anchors = []
    for number, page in enumerate(pages, start=1):
        assert page.src_uri == ("explorer/index.md" if number == 1 else f"explorer/{number}.md")
        assert (
            f'<ol id="rv-ex-liste" class="rv-ex-liste" start="{(number - 1) * 10 + 1}"'
            in page.markdown
        )
        anchors += re.findall(r'<li><a href="[./]*territoires/([^/]+)/#([^"]+)"', page.markdown)
        assert ('id="rv-explorer"' in page.markdown) == (number == 1)  # the filters
        assert ('<template id="rv-ex-modele">' in page.markdown) == (number == 1)
        assert ("explorer.js" in page.markdown) == (number == 1)
        if number < len(pages):
            assert f"[Suivante →](/explorer/{number + 1}.md)" in page.markdown
        if number > 1:
            previous = "index" if number == 2 else number - 1
            assert f"[← Précédente](/explorer/{previous}.md)" in page.markdown
    assert anchors == expected(index, lambda t, x: True)


def test_facets_json_holds_every_experience_as_integers_and_no_title(index) -> None:
    """Decoded as explorer.js decodes it, each experience has the values of its records."""
    data = json.loads(explorer_files(BuildContext(index))[FACETS_FILE])
    values = {f["cle"]: [key for key, _ in f["valeurs"]] for f in data["filtres"]}
    t, x, found = data["territoires"], data["experiences"], []
    j = 0
    for i in range(0, len(t), 4):
        for _ in range(t[i + 3]):
            balises = [values["balise"][b] for b in x[j + 2 : j + 2 + x[j + 1]]]
            enjeux = {
                values["enjeu"][data["enjeu_des_balises"][values["balise"].index(b)]]
                for b in balises
            }
            found.append(
                (
                    values["type"][t[i]],
                    values["region"][t[i + 1]],
                    values["taille"][t[i + 2]],
                    values["periode"][x[j]],
                    balises,
                    enjeux,
                )
            )
            j += 2 + len(balises)
    assert j == len(x)
    records = [
        (
            tr.data.type,
            region(tr.data.pays, tr.data.departement).key,
            size_band(tr.data.population).key,
            decade(e.periode).key,
            list(dict.fromkeys(e.balises)),
            {index[b].data.enjeu for b in e.balises},
        )
        for tr in index.of_kind("territoire")
        for e in tr.data.experiences
    ]
    assert found == records
    assert "jardin" not in explorer_files(BuildContext(index))[FACETS_FILE]


def synthetic(rng: random.Random, number: int, balises: list[str]) -> str:
    """A territory with two experiences, its values drawn at random."""
    experiences = "".join(
        f"  - id: experience-{e}\n    titre: Expérience {e} du territoire {number}\n"
        f'    periode: "{rng.randint(1990, 2025)}"\n    resume: Ce qui a été fait.\n'
        f"    balises: [{', '.join(rng.sample(balises, rng.randint(1, 4)))}]\n"
        for e in range(2)
    )
    return (
        f"nom: Territoire {number}\ntype: {rng.choice(['commune', 'intercommunalite', 'pays'])}\n"
        # No département « 20 » since 1976: Corsica is 2A and 2B.
        f'departement: "{"2A" if (d := rng.randint(1, 95)) == 20 else f"{d:02d}"}"\n'
        f"population: {rng.randint(100, 500_000)}\n"
        f"resume: Un territoire.\nexperiences:\n{experiences}"
    )


def test_facets_json_stays_under_20_kb_gzip_per_1000_experiences(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    rng = random.Random(1000)
    balises = sorted(p.stem for p in (root / "balises").glob("*.yml"))
    for i in range(1000):
        (root / "territoires" / f"t-{i}.yml").write_text(synthetic(rng, i, balises), "utf-8")
    index = load_index(root)
    facets = explorer_files(BuildContext(index))[FACETS_FILE].encode()
    per_1000 = len(gzip.compress(facets)) / len(items(index)) * 1000
    assert per_1000 < 20_000, f"{per_1000:.0f} octets gzip pour 1 000 expériences"


# --- In a browser --------------------------------------------------------------------------

browser_needed = needs_chromium


@pytest.fixture(scope="module")
def site_url(index: Index):
    """The site built from the same records, served on localhost under its base path."""
    result = build(index.root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    with serve(index.root / "site") as url:
        yield url


@pytest.fixture
def open_page(site_url):
    """``open_page(path, javascript=True)``: a page of the site in Chromium; the test fails
    if a page asks anything of another site, opens a dialog or raises a script error."""
    problems: list[str] = []
    requests: list[list[str]] = []
    with ExitStack() as stack:
        contexts = {}

        def opener(path: str, javascript: bool = True):
            if javascript not in contexts:
                contexts[javascript], requested = stack.enter_context(browser(javascript))
                requests.append(requested)
            page = contexts[javascript].new_page()
            page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(site_url + path)
            return page

        yield opener
        outside = [url for requested in requests for url in third_party(requested)]
        assert not outside, outside
        assert not problems, problems


@browser_needed
def test_without_javascript_the_page_is_a_plain_list_of_links(open_page, index) -> None:
    page = open_page("explorer/", javascript=False)
    assert not page.locator("#rv-explorer").is_visible()  # the filters need the script
    links = page.locator("#rv-ex-liste > li > a")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert [re.search(r"territoires/([^/]+)/#(.+)$", h).groups() for h in hrefs] == expected(
        index, lambda t, x: True
    )
    hostile = index["hostile"].data.experiences[0].titre
    assert hostile in links.all_inner_texts()  # as text, never as markup
    links.first.click()
    territory, experience = expected(index, lambda t, x: True)[0]
    assert page.url.endswith(f"territoires/{territory}/#{experience}")


def loaded(page) -> list[str]:
    """Every file the page has loaded so far (documents, scripts, JSON)."""
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


def label_of(page, name: str, value: str):
    return page.locator(f'label:has(input[name="{name}"][value="{value}"])')


def count_of(page, name: str, value: str) -> int:
    return int(label_of(page, name, value).locator(".rv-ex-compte").inner_text().strip("()"))


def shown(page) -> list[tuple[str, str]]:
    hrefs = page.locator("#rv-ex-resultats li > a").evaluate_all("l => l.map(a => a.href)")
    return [re.search(r"territoires/([^/]+)/#(.+)$", h).groups() for h in hrefs]


@browser_needed
def test_filters_count_keep_their_state_in_the_address_and_download_the_selection(
    open_page, index
) -> None:
    page = open_page("explorer/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in loaded(page) if "explorer/" in url or "pagefind" in url]
    # the checkboxes are written into the page when the reader opens the filters, not before
    boxes = page.locator("#rv-explorer input[type=checkbox]")
    assert boxes.count() == 0
    assert page.locator("#rv-explorer template").count() == 1
    summary = page.locator("#rv-explorer summary")
    assert summary.is_visible()
    assert page.locator("#rv-explorer details").evaluate("d => !d.open")  # wide screen too
    summary.click()
    page.wait_for_function("!document.querySelector('#rv-explorer template')")  # « toggle »
    listed = items(index)
    assert boxes.count() == sum(len(f.values) for f in filters(index, listed))
    assert page.locator("#rv-explorer template").count() == 0
    assert boxes.first.is_visible()
    for f in filters(index, listed):  # titles, never ids
        labels = page.locator(f'fieldset:has(input[name="{f.key}"]) label').all_inner_texts()
        assert [re.sub(r"\s*\(\d+\)$", "", t).strip() for t in labels] == [
            v.label for v in f.values
        ]
    page.locator('input[name="balise"][value="construire-le-recit"]').check()
    page.locator('input[name="type"][value="commune"]').check()

    def recit(t, x) -> bool:
        return "construire-le-recit" in x.balises

    wanted = expected(index, lambda t, x: t.type == "commune" and recit(t, x))
    assert ("ville-test", "jardin-partage") in wanted
    assert ("windows-bom", "jardin-des-emoji") in wanted
    page.wait_for_function(
        f"document.querySelectorAll('#rv-ex-resultats li').length === {len(wanted)}"
    )
    assert shown(page) == wanted
    assert not page.locator("#rv-ex-liste").is_visible()
    # each value counts the experiences that pass the other filters
    assert count_of(page, "type", "commune") == len(wanted)
    assert count_of(page, "type", "autre") == len(
        expected(index, lambda t, x: t.type == "autre" and recit(t, x))
    )
    regard = expected(index, lambda t, x: t.type == "commune" and "elargir-le-regard" in x.balises)
    assert count_of(page, "balise", "elargir-le-regard") == len(regard)
    total = len(listed)
    status = page.locator("[role=status]")
    assert (
        status.inner_text() == f"{len(wanted)} expériences sur {total} correspondent à ces filtres."
    )
    assert page.url.endswith("explorer/?balise=construire-le-recit&type=commune")
    fetched = [url.split("/explorer/")[-1] for url in loaded(page) if "/explorer/" in url]
    assert fetched == ["facettes.json", "titres/0.json"]  # never the search index

    page.reload()  # filters in the address: the checkboxes are written and checked at once
    page.wait_for_function(
        f"document.querySelectorAll('#rv-ex-resultats li').length === {len(wanted)}"
    )
    assert page.locator('input[name="type"][value="commune"]').is_checked()
    assert page.locator('input[name="type"][value="commune"]').is_visible()
    assert count_of(page, "type", "commune") == len(wanted)
    assert shown(page) == wanted

    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger la sélection (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["adresse"].split(f"/{BASE}/")[1] for r in rows] == [
        f"territoires/{t}/#{x}" for t, x in wanted
    ]
    ville = rows[wanted.index(("ville-test", "jardin-partage"))]
    assert ville == {
        "territoire": "Ville Test",
        "type": "Commune",
        "région": "Auvergne-Rhône-Alpes",
        "taille": "Moins de 2\u00a0000 hab.",
        "expérience": "Le jardin partagé",
        "période": "2020-2024",
        "enjeux": "1. Engagement | 2. Approche systémique",
        "balises": "Construire le récit | Élargir le regard",
        "adresse": ville["adresse"],
    }


@browser_needed
def test_csv_cells_never_start_a_formula_and_contributor_text_stays_text(open_page, index) -> None:
    page = open_page("explorer/?type=region")
    formules = index["formules"]
    page.wait_for_function("document.querySelectorAll('#rv-ex-resultats li').length === 4")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger la sélection (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [spreadsheet_safe(formules.data.nom)] * 4
    assert [r[4] for r in rows[1:]] == [
        spreadsheet_safe(x.titre) for x in formules.data.experiences
    ]
    assert [r[5] for r in rows[1:]] == ["'@2015", "", "", "2021"]

    page.locator('input[name="type"][value="autre"]').check()
    page.locator('input[name="type"][value="region"]').uncheck()
    hostile = index["hostile"].data
    others = len(expected(index, lambda t, x: t.type == "autre"))
    page.wait_for_function(f"document.querySelectorAll('#rv-ex-resultats li').length === {others}")
    item = page.locator("#rv-ex-resultats li").filter(has_text="7*7")
    assert item.locator("a").inner_text() == hostile.experiences[0].titre
    assert hostile.nom in item.inner_text()
    assert item.locator("*").evaluate_all("e => e.map(n => n.tagName)") == ["A", "BR", "SPAN"]


@browser_needed
def test_the_same_formula_rule_in_python_and_in_the_script(open_page) -> None:
    """The rule of explorer.js, run by Chromium, against ``spreadsheet_safe`` on every space
    that Python's ``\\s`` knows, before each sign that starts a formula."""
    script = (ROOT / "docs" / "assets" / "explorer.js").read_text(encoding="utf-8")
    rule = re.search(r"const FORMULE = /(.+)/;", script).group(1)
    spaces = [chr(c) for c in range(0x3001) if re.match(r"\s", chr(c))]
    cells = ["", "1=2", "Loos", "\t1", "\r1", "\n1"]
    cells += [s * n + sign + "1" for s in ["", *spaces] for n in (1, 2) for sign in "=+-@＝＋－＠a"]
    page = open_page("explorer/")
    found = page.evaluate(
        "([rule, cells]) => cells.map(c => new RegExp(rule).test(c))", [rule, cells]
    )
    assert found == [spreadsheet_safe(c) != c for c in cells]


@browser_needed
def test_no_result_is_said_without_an_empty_list_and_the_keyboard_reaches_the_filters(
    open_page,
) -> None:
    page = open_page("explorer/?type=region&balise=proximite-territoire-vecu")
    status = page.locator("[role=status]")
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent.startsWith('Aucune')"
    )
    assert status.inner_text().startswith("Aucune expérience ne correspond à ces filtres")
    assert page.locator("#rv-ex-resultats ol, #rv-ex-resultats ul").count() == 0
    assert page.locator("fieldset > legend").count() == 6

    page.get_by_role("button", name="Effacer les filtres").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.search === ''")
    assert not page.locator("input[type=checkbox]:checked").count()
    page.locator("summary").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name + ' ' + document.activeElement.value")
    assert focused == "enjeu engagement"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Space")
    page.wait_for_function("location.search === '?enjeu=engagement'")


@browser_needed
def test_a_filter_of_the_address_that_no_experience_has_is_said_and_shows_nothing(
    open_page,
) -> None:
    """?region=… of a région without territory (linked once from its départements' pages):
    the page says so instead of showing every experience as if unfiltered."""
    page = open_page("explorer/?region=centre-val-de-loire")
    status = page.locator("[role=status]")
    page.wait_for_function("document.querySelector('#rv-ex-resultats p')")
    assert "Région : « centre-val-de-loire »" in status.inner_text()
    assert "aucune expérience du référentiel n'y correspond" in status.inner_text()
    assert page.locator("#rv-ex-resultats li, #rv-ex-liste:visible li").count() == 0
    page.get_by_role("button", name="Effacer les filtres").click()
    page.wait_for_selector("#rv-ex-resultats li")
    assert "aucune expérience du référentiel" not in status.inner_text()


@browser_needed
def test_the_keyboard_opens_the_filters_and_the_buttons_work_before_they_are_written(
    open_page, index
) -> None:
    page = open_page("explorer/")
    boxes = page.locator("#rv-explorer input[type=checkbox]")
    summary = page.locator("#rv-explorer summary")
    summary.focus()
    page.wait_for_function(
        "document.querySelector('#rv-explorer summary') === document.activeElement"
    )
    assert boxes.count() == 0
    # « Effacer les filtres » and the CSV work with no checkbox written: every experience
    page.get_by_role("button", name="Effacer les filtres").click()
    total = len(items(index))
    page.wait_for_function(
        f"document.querySelector('[role=status]').textContent === '{total} expériences.'"
    )
    assert boxes.count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger la sélection (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert len(rows) == total + 1
    summary.focus()
    page.keyboard.press("Enter")  # the summary is the keyboard's way in
    page.wait_for_function("document.querySelector('#rv-explorer details').open")
    # the boxes are written by the details' « toggle » event, which comes a moment later
    page.wait_for_function("document.querySelectorAll('#rv-explorer input').length > 0")
    assert boxes.count() > 0
    assert count_of(page, "type", "commune") == len(
        expected(index, lambda t, x: t.type == "commune")
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "enjeu"
    page.keyboard.press("Space")
    page.wait_for_function("location.search === '?enjeu=engagement'")
    assert page.locator("#rv-explorer .rv-ex-choisis").inner_text() == "(1 choix)"
