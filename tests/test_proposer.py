"""« Proposer une expérience »: the form as generated from the models, then used in headless
Chromium as a new contributor would: the file it writes passes ``check`` and builds a page
listed by the balises it cites; broken inputs get their message at the field, listed under
« Vérifier » with a link to each; the defects of issue 25 (a « Pourquoi cette balise ? » error
never shown, pasted text cut, Enter submitting, codes unknown until CI, developers' words,
« 2 449 », ``www.``, « Œ »); a long file goes to GitHub through the clipboard; the download;
no request leaves the site (requests to github.com are intercepted and recorded, never sent).
Adding to a territory already there and the mail path: ``test_proposer_envoi.py``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from hooks.contribuer.formulaire import (
    ADVANCED_FIELDS,
    CHOICES,
    EXPERIENCE_FIELDS,
    SOURCE_FIELDS,
    TERRITORY_FIELDS,
    WITHOUT_CODE_FIELDS,
    form_schema,
)
from hooks.contribuer.proposer import proposer_files, proposer_pages
from hooks.core.context import BuildContext
from hooks.core.sanitize import render_markdown
from schemas.index import Index, load_index
from schemas.jsonschema import FOLDER, schema_text
from schemas.territoire import Territoire

from .depot import ROOT, copy_repository
from .served import browser, needs_chromium, serve, third_party
from .test_site import build

GITHUB = "https://github.com/referentiel-vivant/referentiel-vivant/new/main/territoires"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/territoire.schema.json"
INTRODUCTION = (  # the first line of the mail, for the person who sends it
    "Bonjour, voici ma proposition pour le Référentiel vivant ; merci de ne pas modifier le "
    "texte ci-dessous, il est lu tel quel par l'équipe."
)
# Contributor text that YAML could read as something else than text, and HTML as markup.
HOSTILE_NAME = 'Saint-Test : #1 *alias &ancre !!python/object "guillemets" - [x] {y}'
HOSTILE_SUMMARY = (
    'clé: valeur # pas un commentaire\n*alias &anchor !!python/object:os.system "q"\n'
    "<script>alert(1)</script>\n\n---\n- pas une liste\n  indenté : oui"
)


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_every_field_of_the_form_is_described_by_the_model() -> None:
    fields = (*TERRITORY_FIELDS, *WITHOUT_CODE_FIELDS, *EXPERIENCE_FIELDS, *ADVANCED_FIELDS)
    for field in (*fields, *SOURCE_FIELDS):
        assert field.name in field.model.model_fields, field
        assert field.description, field
    assert [f.name for f in TERRITORY_FIELDS if f.required] == ["nom", "type", "resume"]


def test_the_page_offers_every_balise_mode_and_dispositif_grouped_by_enjeu(index) -> None:
    [page] = proposer_pages(BuildContext(index))
    assert page.src_uri == "contribuer/proposer.md"
    markdown = page.markdown
    for field, kind, _ in CHOICES:
        for entry in index.of_kind(kind):
            assert f'name="{field}" value="{entry.id}"' in markdown, entry
    for enjeu in index.of_kind("enjeu"):
        assert f"Enjeu {enjeu.data.numero} : {enjeu.data.titre_court}" in markdown
    for source in index.of_kind("source"):
        assert f'<option value="{source.id}">' in markdown
    assert markdown.count("proposer.js") == 1 and "grille.js" not in markdown
    assert 'data-champ="nom"' in markdown and "120 caractères au plus." in markdown


def test_the_form_schema_adds_to_the_exported_one_what_a_form_checks(index) -> None:
    exported = json.loads((FOLDER / "territoire.schema.json").read_text(encoding="utf-8"))
    assert exported == json.loads(schema_text("territoire", Territoire))  # left as it is
    schema = form_schema(index)
    experience = schema["$defs"]["Experience"]["properties"]
    assert experience["id"]["pattern"] == r"^[a-z0-9]+(-[a-z0-9]+)*$"
    known, justified = experience["balises"]["items"]["anyOf"]  # an id, or {id, pourquoi}
    assert known["enum"] == [b.id for b in index.of_kind("balise")]
    assert justified["properties"]["id"] == known and justified["required"] == ["id"]
    assert justified["properties"]["pourquoi"]["maxLength"] == 300
    assert experience["titre"]["maxLength"] == 150
    assert "anyOf" not in json.dumps(schema["properties"]["code_insee"])  # no null branch
    files = proposer_files(BuildContext(index))
    rows = json.loads(files["contribuer/proposer/territoires.json"])
    assert sorted(row[0] for row in rows) == sorted(e.id for e in index.of_kind("territoire"))
    loos = next(row for row in rows if row[0] == "loos-en-gohelle")
    assert loos[1:3] == ["Loos-en-Gohelle", "Pas-de-Calais (62)"] and loos[4] == "62528"
    assert set(loos[3]) == {x.id for x in index["loos-en-gohelle"].data.experiences}


def test_the_built_form_has_no_glossary_link_in_a_choice_and_links_each_balise(depot) -> None:
    """Review of the form: glossary links inside <option>s (invalid HTML), balises without
    explanation, codes with no way to find them, the raw command in the mail."""
    page = spaces((depot / "site" / "contribuer" / "proposer" / "index.html").read_text("utf-8"))
    form = page[page.index('<form id="rv-proposer"') : page.index("</form>")]
    for tag in ("option", "select", "textarea", "button", "label"):
        for inside in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", form, re.DOTALL):
            assert "<a " not in inside, (tag, inside[:200])
    balises = load_index(depot).of_kind("balise")
    for balise in balises:
        about = re.search(
            rf'<a class="rv-pr-apropos" href="([^"]+)"[^>]*aria-label="À '
            rf'propos de la balise {re.escape(str(escape(balise.title)))} \(nouvel onglet\)"',
            page,
        )
        assert about, balise.id
        assert (depot / "site" / "contribuer" / "proposer" / about[1] / "index.html").exists()
    assert page.count('class="rv-pr-apropos"') == len(balises)
    near = re.findall(
        r'<a href="([^"]+)" target="_blank" rel="noopener">« Près de chez moi »', page
    )
    assert len(near) == 2 and (depot / "site/contribuer/proposer" / near[0] / "index.html").exists()
    assert "<code>**mot**</code> met le mot en gras" in page and "« 32 » ou « 18-19 »" in page
    assert "’" not in (ROOT / "docs/assets/proposer.js").read_text("utf-8")
    motifs = dict(re.findall(r'data-champ="(population\w*)" data-motif="([^"]*)"', page))
    assert motifs == {  # each number its own example, not the population's for a year
        "population": "Un nombre d&#39;habitants en chiffres, par exemple 2 449.",
        "population_annee": "Une année en chiffres, par exemple 2021.",
    }


# --- In a browser --------------------------------------------------------------------------

browser_needed = needs_chromium


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("proposer") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def form(depot: Path):
    """The form's page in a new context; what reached GitHub is in ``form.github`` (answered
    here, never sent). The test fails on a script error or any other request off the site."""
    with serve(depot / "site") as url, browser() as (context, requested):
        github: list[str] = []

        def intercept(route, request) -> None:  # type: ignore[no-untyped-def]
            github.append(request.url)
            route.fulfill(status=200, content_type="text/plain", body="intercepté")

        context.route("https://github.com/**", intercept)  # runs before served.py's route
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url[:-1])
        problems: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(url + "contribuer/proposer/")
        page.wait_for_selector("#rv-proposer:not([hidden])")
        page.github = github  # type: ignore[attr-defined]
        page.site = url  # type: ignore[attr-defined]
        yield page
        outside = [u for u in third_party(requested) if not u.startswith(GITHUB + "?")]
        assert not outside, outside
        assert not problems, problems


def experience(page, number: int):  # type: ignore[no-untyped-def]
    return page.locator("[data-bloc=experience]").nth(number - 1)


WHY = "Le jardin raconte chaque saison du quartier."


def fill_territory(page, name: str = HOSTILE_NAME) -> None:  # type: ignore[no-untyped-def]
    page.fill("#rv-pr-t-nom", name)
    page.select_option("#rv-pr-t-type", "commune")
    page.fill("#rv-pr-t-code_insee", "76540")
    page.fill("#rv-pr-t-resume", HOSTILE_SUMMARY)


def fill_experience(page, number: int, title: str, balises: list[str]) -> None:  # type: ignore[no-untyped-def]
    block = experience(page, number)
    block.locator("[data-champ=titre]").fill(title)
    block.locator("[data-champ=resume]").fill(f"Ce que « {title} » a changé.\n\n- une liste")
    for balise in balises:
        block.locator(f"input[name=balises][value={balise}]").check()


def submit(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#rv-proposer button[type=submit]")


def status(page) -> str:  # type: ignore[no-untyped-def]
    page.wait_for_function("document.getElementById('rv-pr-statut').textContent !== ''")
    return spaces(page.inner_text("#rv-pr-statut"))


def open_github(page, number: int = 1) -> str:  # type: ignore[no-untyped-def]
    """Click the ``number``-th « Proposer sur GitHub »; the address the new tab asked for."""
    with page.context.expect_page() as tab:
        page.locator("[data-action=github]").nth(number - 1).click()
    tab.value.wait_for_load_state()
    tab.value.close()
    assert len(page.github) == 1, page.github
    return page.github.pop()


def check(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "build.py", "check"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


@browser_needed
def test_a_territory_proposed_through_the_form_passes_check_and_reaches_its_balises(
    form, depot: Path, tmp_path: Path
) -> None:
    fill_territory(form)
    fill_experience(form, 1, "Le jardin partagé", ["construire-le-recit", "elargir-le-regard"])
    first = experience(form, 1)
    assert first.locator(".rv-pr-pourquoi").count() == 2  # one per checked balise
    first.locator(".rv-pr-pourquoi input").first.fill(WHY)
    form.click("[data-action=ajouter-experience]")
    assert form.evaluate("document.activeElement.dataset.champ") == "titre"
    fill_experience(form, 2, "L'AMAP : « paniers » & marché", ["conditions-de-la-confiance"])
    second = experience(form, 2)
    second.locator("summary", has_text="Modes de faire").click()
    second.locator("input[name=modes_de_faire]").first.check()
    second.locator("[data-action=ajouter-source]").click()
    second.locator("[data-bloc=source] select").select_option("referentiel-2019")
    second.locator("[data-bloc=source] [data-champ=pages]").fill("32")
    assert second.locator("[data-champ=id]").input_value() == "l-amap-paniers-marche"
    submit(form)
    assert "est prêt" in status(form)
    assert form.evaluate("document.activeElement.id") == "rv-pr-resultat-titre"
    shown = form.text_content("#rv-pr-resultat pre")

    address = urlsplit(open_github(form))
    assert f"{address.scheme}://{address.netloc}{address.path}" == GITHUB
    query = parse_qs(address.query)
    filename, text = query["filename"][0], query["value"][0]
    assert filename == "saint-test-1-alias-ancre-python-object-guillemets-x-y.yml"
    assert query["message"] == [f"Ajouter le territoire {HOSTILE_NAME}"]
    assert text.startswith(SCHEMA_LINE + "\n") and text.split("\n", 1)[1] in shown
    assert "yaml-language-server" not in shown  # the proposal, for people
    lines = text.splitlines()
    assert lines[0] == SCHEMA_LINE
    assert [line.split(":")[0] for line in lines[1:] if re.match(r"^\w", line)] == [
        "nom", "type", "code_insee", "resume", "experiences"
    ]  # fmt: skip

    root = copy_repository(tmp_path / "depot")
    (root / "territoires" / filename).write_text(text, encoding="utf-8")
    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    territory = load_index(root)[filename.removesuffix(".yml")]
    assert territory.data.nom == HOSTILE_NAME  # text, as typed
    assert territory.data.resume == HOSTILE_SUMMARY
    assert [e.id for e in territory.data.experiences] == [
        "le-jardin-partage",
        "l-amap-paniers-marche",
    ]
    assert territory.data.experiences[1].sources[0].source == "referentiel-2019"
    jardin = territory.data.experiences[0]
    assert jardin.balises == ["construire-le-recit", "elargir-le-regard"]
    assert (jardin.pourquoi("construire-le-recit"), jardin.pourquoi("elargir-le-regard")) == (
        WHY,
        None,
    )

    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "territoires" / territory.id / "index.html").read_text("utf-8")
    assert "#1 *alias &amp;ancre !!python/object" in page and "<script>alert(1)" not in page
    for balise in ("construire-le-recit", "elargir-le-regard", "conditions-de-la-confiance"):
        listed = (root / "site" / "balises" / balise / "index.html").read_text("utf-8")
        assert f"territoires/{territory.id}/" in listed, balise
    recit = (root / "site" / "balises" / "construire-le-recit" / "index.html").read_text("utf-8")
    assert "Le jardin raconte" in recit  # the sentence, after the experience's link


@browser_needed
def test_broken_inputs_block_the_file_with_a_message_at_each_field(form) -> None:
    fill_territory(form, "Malaunay")  # a territory that has its file already
    block = experience(form, 1)
    block.locator("[data-champ=titre]").fill("T" * 151)
    assert block.locator("[data-champ=id]").is_hidden()  # folded under « Options avancées »
    block.locator("summary", has_text="Options avancées").click()
    block.locator("[data-champ=id]").fill("Mon Identifiant !")
    block.locator("[data-champ=resume]").fill("Un résumé.")  # but no balise
    submit(form)
    form.wait_for_selector("#rv-pr-bilan:not([hidden])")
    assert spaces(form.inner_text("#rv-pr-bilan-titre")) == "4 erreurs à corriger :"  # said here,
    assert form.inner_text("#rv-pr-statut") == ""  # not again in the status line
    assert form.is_hidden("#rv-pr-resultat")
    assert form.evaluate("document.activeElement.id") == "rv-pr-bilan"  # the list of errors
    links = form.locator("#rv-pr-bilan a")
    assert links.count() == 4
    assert spaces(links.first.inner_text()).startswith(
        "Nom du territoire : la page de Malaunay existe déjà sur le site ; pour y ajouter"
    )
    links.nth(2).click()  # Expérience 1, Balises: its first box
    assert form.evaluate("document.activeElement.name") == "balises"

    def error(control) -> str:  # type: ignore[no-untyped-def]
        control_id = control.get_attribute("id")
        assert control.get_attribute("aria-invalid") == "true", control_id
        described = control.get_attribute("aria-describedby").split()
        assert f"{control_id}-erreur" in described, described
        return spaces(form.inner_text(f"#{control_id}-erreur"))

    assert (
        "existe déjà sur le site ; pour y ajouter vos expériences, choisissez plus haut « Oui"
        in error(form.locator("#rv-pr-t-nom"))
    )
    titre = error(block.locator("[data-champ=titre]"))
    assert titre == "Ce texte a 151 caractères ; raccourcissez-le à 150 au plus."
    assert "Lettres minuscules sans accent" in error(block.locator("[data-champ=id]"))
    assert error(block.locator("fieldset[data-champ=balises]")) == "Cochez au moins une balise."
    # Corrected, a message goes away as soon as the field is right
    block.locator("input[name=balises][value=construire-le-recit]").check()
    assert block.locator("fieldset[data-champ=balises]").get_attribute("aria-invalid") is None
    assert form.github == []


@browser_needed
def test_a_long_file_goes_through_the_clipboard_to_a_github_page_without_value(form) -> None:
    fill_territory(form, "Ville Longue")
    fill_experience(form, 1, "Une longue histoire", ["construire-le-recit"])
    long_text = "Une phrase qui raconte une longue expérience. " * 200  # about 9 KB
    experience(form, 1).locator("[data-champ=resume]").fill(long_text)
    submit(form)
    assert "est prêt" in status(form)
    assert form.is_visible("#rv-pr-long")
    address = parse_qs(urlsplit(open_github(form)).query)
    assert "value" not in address and address["filename"] == ["ville-longue.yml"]
    copied = form.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(SCHEMA_LINE) and long_text.strip() in copied
    assert "copié" in status(form)


@browser_needed
def test_copy_and_download_give_the_file_shown(form) -> None:
    fill_territory(form, "Ville Courte")
    fill_experience(form, 1, "Une courte histoire", ["construire-le-recit"])
    submit(form)
    assert "est prêt" in status(form)  # once the validator is loaded, on this first check
    shown = form.text_content("#rv-pr-resultat pre")
    with form.expect_download() as download:
        form.click("[data-action=telecharger]")
    assert download.value.suggested_filename == "proposition-ville-courte.yml"
    assert Path(download.value.path()).read_text("utf-8").rstrip("\n") == shown.rstrip("\n")
    form.click("[data-action=copier]")
    form.wait_for_function("document.getElementById('rv-pr-statut').textContent.includes('copié')")
    copied = form.evaluate("navigator.clipboard.readText()")  # to paste in a mail: no command
    assert copied == INTRODUCTION + "\n\n" + shown.split("\n", 4)[4]
    assert "build.py" in shown and "build.py" not in copied
    assert not [line for line in copied.split("\n") if line[:1] == "#"]  # no comment line
    form.click("[data-action=copier-fichier]")  # for GitHub: the territory's file itself
    form.wait_for_function("document.getElementById('rv-pr-statut').textContent.includes('GitHub')")
    copied = form.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(SCHEMA_LINE + "\nnom: Ville Courte\n") and copied in (
        SCHEMA_LINE + "\n" + shown.split("\n", 4)[4]
    )
    # Any change makes the file stale until the form is checked again
    form.fill("#rv-pr-t-nom", "Ville Courte Bis")
    assert form.is_hidden("#rv-pr-resultat")


# --- The defects of issue 25 ----------------------------------------------------------------


def spaces(text: str) -> str:
    """French spacing as plain spaces: the no-break spaces (U+202F, U+00A0, or ``&nbsp;`` in
    HTML) of numbers, before « : ; ? ! », inside « ». The one place where the tests read past
    them; test_proposer_messages checks that they are there."""
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("&nbsp;", " ")


def ready(page) -> None:  # type: ignore[no-untyped-def]
    submit(page)
    assert "est prête" in status(page), page.inner_text("#rv-pr-bilan")


@browser_needed
def test_a_long_why_is_kept_counted_and_refused_at_its_field_with_a_link(form) -> None:
    fill_territory(form, "Ville Pourquoi")
    fill_experience(form, 1, "Le jardin", ["construire-le-recit"])
    why = form.locator(".rv-pr-pourquoi input")
    pasted = "Une raison. " * 33 + "Fin"  # 399 characters, pasted at once
    why.fill(pasted)
    assert why.input_value() == pasted  # never cut
    why_id = why.get_attribute("id")
    assert spaces(form.inner_text(f"label[for={why_id}]")).startswith("Pourquoi cette balise ?")
    assert spaces(form.inner_text(f"#{why_id}-compteur")) == "399 / 300 caractères : 99 de trop"
    submit(form)
    form.wait_for_selector("#rv-pr-bilan:not([hidden])")
    assert spaces(form.inner_text("#rv-pr-bilan-titre")) == "Une erreur à corriger :"
    assert why.get_attribute("aria-invalid") == "true"
    assert f"{why_id}-erreur" in why.get_attribute("aria-describedby").split()
    assert spaces(form.inner_text(f"#{why_id}-erreur")) == (
        "Ce texte a 399 caractères ; raccourcissez-le à 300 au plus."
    )
    link = form.locator("#rv-pr-bilan a")
    assert link.count() == 1 and link.get_attribute("href") == f"#{why_id}"
    assert spaces(link.inner_text()).startswith("Expérience 1, pourquoi « Construire le récit » : ")
    link.click()
    assert form.evaluate("document.activeElement.id") == why_id
    why.fill("Une raison.")  # corrected: the message and the list go
    assert form.locator(f"#{why_id}-erreur").count() == 0 and form.is_hidden("#rv-pr-bilan")


@browser_needed
def test_enter_in_a_one_line_field_does_not_submit(form) -> None:
    form.evaluate(
        "window.envois = 0; document.getElementById('rv-proposer')"
        ".addEventListener('submit', () => { window.envois += 1; }, true)"
    )  # an implicit submission fires during the key press, before press() returns
    title = "[data-bloc=experience] [data-champ=titre]"
    for selector in ("#rv-pr-t-nom", "#rv-pr-t-code_insee", "#rv-pr-credit", title):
        form.locator(selector).first.press("Enter")
    assert form.evaluate("window.envois") == 0
    form.locator("#rv-pr-t-resume").press("Enter")  # a new line in a text area, as ever
    assert form.input_value("#rv-pr-t-resume") == "\n"
    submit(form)  # the button still does
    assert form.evaluate("window.envois") == 1


@browser_needed
def test_codes_are_recognised_as_typed_and_an_unknown_one_refused_at_its_field(form) -> None:
    code = form.locator("#rv-pr-t-code_insee")
    code.fill("68343")
    form.wait_for_selector("#rv-pr-t-code_insee-reconnu")
    said = spaces(form.inner_text("#rv-pr-t-code_insee-reconnu"))
    assert said == "Ungersheim · Commune · Haut-Rhin · 2 449 habitants"  # as its page will say
    assert form.input_value("#rv-pr-t-nom") == "Ungersheim"  # an empty name is filled
    assert "rv-pr-t-code_insee-reconnu" in code.get_attribute("aria-describedby")
    form.fill("#rv-pr-t-nom", "Ville de Loos-en-Gohelle")  # not the code's commune: a warning
    assert form.inner_text("#rv-pr-t-code_insee-reconnu") == (
        "Ungersheim · Commune · Haut-Rhin · 2\u202f449\u00a0habitants. Ce code est celui de "
        "Ungersheim, pas de «\u00a0Ville de Loos-en-Gohelle\u00a0»\u00a0: vérifiez le nom "
        "ou le code."
    )
    form.fill("#rv-pr-t-nom", "Ville d'Ungersheim")  # its name, put otherwise: no warning
    assert "Ce code" not in form.inner_text("#rv-pr-t-code_insee-reconnu")
    code.fill("99999")  # unknown: refused at the field, before any submission
    form.wait_for_selector("#rv-pr-t-code_insee-erreur")
    assert spaces(form.inner_text("#rv-pr-t-code_insee-erreur")).startswith(
        "Aucune commune n'a le code « 99999 » ; vérifiez-le"
    )
    assert code.get_attribute("aria-invalid") == "true"
    assert form.locator("#rv-pr-t-code_insee-reconnu").count() == 0
    siren = form.locator("#rv-pr-t-siren")
    assert form.is_hidden("#rv-pr-t-siren")  # a commune: its INSEE code only
    form.select_option("#rv-pr-t-type", "intercommunalite")
    assert form.is_hidden("#rv-pr-t-code_insee") and form.is_visible("#rv-pr-t-siren")
    assert form.locator("#rv-pr-bilan").is_hidden()  # the hidden field's error is not listed
    siren.fill("200 066 041")  # spaces as printed on a letter
    form.wait_for_selector("#rv-pr-t-siren-reconnu")
    said = spaces(form.inner_text("#rv-pr-t-siren-reconnu"))  # « CC » or its name in full
    assert "Sundgau · Intercommunalité · Haut-Rhin · 47 603 habitants. Ce code est celui" in said
    form.select_option("#rv-pr-t-type", "commune")  # the SIREN, hidden, is not written
    code.fill("62528")  # Loos-en-Gohelle, which has its page already: refused when checked
    form.wait_for_selector("#rv-pr-t-code_insee-reconnu")
    submit(form)
    form.wait_for_selector("#rv-pr-bilan:not([hidden])")
    assert spaces(form.inner_text("#rv-pr-t-code_insee-erreur")).startswith(
        "Ce code est celui de Loos-en-Gohelle, dont la page existe déjà sur le site ; "
    )


@browser_needed
def test_the_labels_speak_plainly_and_technical_fields_are_folded(form) -> None:
    text = form.inner_text("#rv-proposer")
    for jargon in ("Identifiant", "ancre", "Markdown", "entité HTML", "SIREN (EPCI)", "EPCI"):
        assert jargon not in text, jargon
    assert "Code INSEE de la commune (5 caractères)" in text  # a commune, chosen first
    assert "Numéro SIREN" not in text
    form.select_option("#rv-pr-t-type", "metropole")
    assert "Numéro SIREN de l'intercommunalité (9 chiffres)" in form.inner_text("#rv-proposer")
    form.select_option("#rv-pr-t-type", "pnr")  # neither: the département, further down
    assert "Code INSEE" not in form.inner_text("#rv-proposer")
    form.select_option("#rv-pr-t-type", "commune")
    block = experience(form, 1)
    advanced = block.locator("details", has_text="Options avancées")
    assert advanced.locator("[data-champ=id]").count() == 1 and not advanced.evaluate("d => d.open")
    assert spaces(form.inner_text("#rv-pr-t-nom-compteur")) == "0 / 120 caractères"
    assert spaces(block.locator("[data-champ=titre] ~ .rv-pr-compteur").inner_text()) == (
        "0 / 150 caractères"
    )


@browser_needed
def test_numbers_addresses_and_ligatures_are_read_as_people_write_them(form) -> None:
    fill_territory(form, "Œting")
    form.fill("#rv-pr-t-code_insee", "")
    form.locator("summary", has_text="Ni code INSEE ni SIREN").click()
    form.fill("#rv-pr-t-departement", "57")
    form.fill("#rv-pr-t-population", "2 449")
    form.fill("#rv-pr-t-population_annee", "2021")
    form.fill("#rv-pr-t-site_web", "www.ungersheim.fr")
    form.locator("#rv-pr-t-site_web").blur()
    assert form.input_value("#rv-pr-t-site_web") == "https://www.ungersheim.fr"
    fill_experience(form, 1, "Le jardin de l'Œuvre", ["construire-le-recit"])
    assert experience(form, 1).locator("[data-champ=id]").input_value() == "le-jardin-de-l-oeuvre"
    ready(form)
    address = parse_qs(urlsplit(open_github(form)).query)
    assert address["filename"] == ["oeting.yml"]
    text = address["value"][0]
    assert "\npopulation: 2449\n" in text and "\nsite_web: https://www.ungersheim.fr\n" in text


@browser_needed
def test_the_preview_reads_as_the_page_and_keeps_contributor_text_as_text(form) -> None:
    fill_territory(form)
    fill_experience(form, 1, "L'AMAP & « paniers » {x}", ["construire-le-recit"])
    form.locator(".rv-pr-pourquoi input").fill("Raison & « guillemets » *a*")
    ready(form)
    preview = form.locator("#rv-pr-vue")
    assert spaces(preview.locator("h4").inner_text()) == HOSTILE_NAME
    assert spaces(preview.locator("h5").inner_text()) == "L'AMAP & « paniers » {x}"
    assert preview.locator("script, img, b").count() == 0  # text, never markup
    assert "<script>alert(1)</script>" in preview.inner_text()
    assert preview.locator("li", has_text="Construire le récit : Raison & « guillemets »").count()
    assert preview.locator("ul li", has_text="une liste").count() == 2  # « - » made lists
    # the summary reads exactly as the territory's page will show it
    shown = preview.locator(".rv-pr-resume").first.inner_html()
    assert " ".join(spaces(shown).split()) == " ".join(render_markdown(HOSTILE_SUMMARY).split())
    assert "yaml-language-server" not in form.inner_text("#rv-pr-resultat")
    assert not form.locator("#rv-pr-resultat details").evaluate("d => d.open")  # file folded


def test_the_preview_renders_a_summary_as_the_site_does_and_nothing_else(form) -> None:
    fill_territory(form, "Saint-Aperçu")
    fill_experience(form, 1, "Le marché", ["construire-le-recit"])
    experience(form, 1).locator("[data-champ=resume]").fill(
        "Un **marché** *paysan*, [le site](https://www.example.fr/marche) et "
        "[un piège](javascript:alert(1)).\n\n![photo](https://images.example.org/x.png)\n\n"
        '<img src=x onerror="alert(1)"> <b>gras</b>'
    )
    ready(form)
    summary = form.locator("#rv-pr-vue article .rv-pr-resume")
    assert summary.locator("strong").inner_text() == "marché"  # read as the page will
    assert summary.locator("em").inner_text() == "paysan"
    assert summary.locator("a[href='https://www.example.fr/marche']").count() == 1
    assert summary.locator("a[href^=javascript], a[href^=JAVASCRIPT]").count() == 0
    assert summary.locator("img, b, script").count() == 0  # no image fetched, no markup
    assert '<img src=x onerror="alert(1)"> <b>gras</b>' in summary.inner_text()
