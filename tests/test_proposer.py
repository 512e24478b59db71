"""« Proposer une expérience »: the form as generated from the models, then used in headless
Chromium as a new contributor would: the file it writes passes ``check`` and builds a page
listed by the balises it cites; broken inputs get their message at the field; a long file
goes to GitHub through the clipboard; the download; no request leaves the site (requests to
github.com are intercepted and recorded, never sent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from hooks.contribuer.formulaire import (
    CHOICES,
    EXPERIENCE_FIELDS,
    SOURCE_FIELDS,
    TERRITORY_FIELDS,
    WITHOUT_CODE_FIELDS,
    form_schema,
)
from hooks.contribuer.proposer import proposer_files, proposer_pages
from hooks.core.context import BuildContext
from schemas.index import Index, load_index
from schemas.jsonschema import FOLDER, schema_text
from schemas.territoire import Territoire

from .depot import ROOT, copy_repository
from .served import browser, needs_chromium, serve, third_party
from .test_site import build

GITHUB = "https://github.com/referentiel-vivant/referentiel-vivant/new/main/territoires"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/territoire.schema.json"
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
    for field in (*TERRITORY_FIELDS, *WITHOUT_CODE_FIELDS, *EXPERIENCE_FIELDS, *SOURCE_FIELDS):
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
    assert json.loads(files["contribuer/proposer/territoires.json"]) == sorted(
        e.id for e in index.of_kind("territoire")
    )


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
    return page.inner_text("#rv-pr-statut")


def open_github(page) -> str:  # type: ignore[no-untyped-def]
    """Click « Proposer sur GitHub »; the address the new tab asked for."""
    with page.context.expect_page() as tab:
        page.click("[data-action=github]")
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
    shown = form.inner_text("#rv-pr-resultat pre")

    address = urlsplit(open_github(form))
    assert f"{address.scheme}://{address.netloc}{address.path}" == GITHUB
    query = parse_qs(address.query)
    filename, text = query["filename"][0], query["value"][0]
    assert filename == "saint-test-1-alias-ancre-python-object-guillemets-x-y.yml"
    assert query["message"] == [f"Ajouter le territoire {HOSTILE_NAME}"]
    assert text.rstrip("\n") == shown.rstrip("\n")
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
    block.locator("[data-champ=id]").fill("Mon Identifiant !")
    block.locator("[data-champ=resume]").fill("Un résumé.")  # but no balise
    submit(form)
    assert status(form).startswith("4 erreurs")
    assert form.is_hidden("#rv-pr-resultat")
    assert form.evaluate("document.activeElement.id") == "rv-pr-t-nom"  # the first one

    def error(control) -> str:  # type: ignore[no-untyped-def]
        control_id = control.get_attribute("id")
        assert control.get_attribute("aria-invalid") == "true", control_id
        described = control.get_attribute("aria-describedby").split()
        assert f"{control_id}-erreur" in described, described
        return form.inner_text(f"#{control_id}-erreur")

    assert "a déjà sa fiche (territoires/malaunay.yml)" in error(form.locator("#rv-pr-t-nom"))
    assert "150 caractères au plus : ce texte en a 151" in error(
        block.locator("[data-champ=titre]")
    )
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
    shown = form.inner_text("#rv-pr-resultat pre")
    with form.expect_download() as download:
        form.click("[data-action=telecharger]")
    assert download.value.suggested_filename == "ville-courte.yml"
    assert Path(download.value.path()).read_text("utf-8").rstrip("\n") == shown.rstrip("\n")
    form.click("[data-action=copier]")
    form.wait_for_function("document.getElementById('rv-pr-statut').textContent.includes('copié')")
    assert form.evaluate("navigator.clipboard.readText()").rstrip("\n") == shown.rstrip("\n")
    # Any change makes the file stale until the form is checked again
    form.fill("#rv-pr-t-nom", "Ville Courte Bis")
    assert form.is_hidden("#rv-pr-resultat")
