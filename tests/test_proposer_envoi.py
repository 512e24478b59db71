"""« Proposer une expérience », issue 25, in headless Chromium: experiences added to a territory
already there, from « Ajouter une expérience à ce territoire » on its page (the files GitHub
would receive placed in a copy of the repository: ``check`` passes, the page shows them); a
new territory sent by mail (the ``mailto:`` link decoded, its body given to
``python build.py recevoir`` in a throw-away git repository: committed with the contributor as
author); a proposal too long for a link, downloaded to attach."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from schemas.index import load_index

from .depot import copy_repository
from .test_proposer import (  # noqa: F401 (fixtures: a site of this module, its form)
    GITHUB,
    INTRODUCTION,
    browser_needed,
    check,
    depot,
    experience,
    fill_experience,
    form,
    open_github,
    ready,
    spaces,
    status,
)
from .test_site import build

EXPERIENCE_LINE = "# yaml-language-server: $schema=../../schemas/experience.schema.json"


def decode_mailto(href: str) -> tuple[str, dict[str, str]]:
    """``mailto:a@b.fr?subject=…&body=…`` → ``("a@b.fr", {"subject": …, "body": …})``."""
    assert href.startswith("mailto:"), href
    address, _, query = href.removeprefix("mailto:").partition("?")
    fields = dict(pair.split("=", 1) for pair in query.split("&"))
    return address, {key: unquote(value) for key, value in fields.items()}


def git(root: Path, *args: str) -> str:
    editor = {"GIT_COMMITTER_NAME": "Équipe", "GIT_COMMITTER_EMAIL": "equipe@exemple.fr"}
    env = {**os.environ, **editor, "GIT_AUTHOR_NAME": "Équipe"}
    env["GIT_AUTHOR_EMAIL"] = "equipe@exemple.fr"
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def receive(root: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "build.py", "recevoir", *map(str, files)]
    editor = {"GIT_COMMITTER_NAME": "Équipe", "GIT_COMMITTER_EMAIL": "equipe@exemple.fr"}
    editor |= {"GIT_AUTHOR_NAME": "Équipe", "GIT_AUTHOR_EMAIL": "equipe@exemple.fr"}
    env = {**os.environ, **editor}  # the editor who runs it; a credit makes another author
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def git_copy(target: Path) -> Path:
    root = copy_repository(target)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Départ")
    return root


@browser_needed
def test_experiences_added_to_a_territory_from_its_page_pass_check_and_show_there(
    form,  # noqa: F811
    tmp_path: Path,
) -> None:
    form.goto(form.site + "territoires/loos-en-gohelle/")
    form.click("text=Ajouter une expérience à ce territoire")
    form.wait_for_function("document.getElementById('rv-pr-territoire')?.value")
    assert form.input_value("#rv-pr-territoire") == "loos-en-gohelle"
    assert form.is_checked("#rv-pr-mode-existant") and form.is_hidden("#rv-pr-t-nom")
    fill_experience(form, 1, "Œting : les jardins partagés", ["construire-le-recit"])
    form.locator(".rv-pr-pourquoi input").fill("Chaque parcelle raconte un quartier.")
    form.click("[data-action=ajouter-experience]")
    fill_experience(form, 2, "La fête des voisins", ["elargir-le-regard"])
    ready(form)
    preview = spaces(form.inner_text("#rv-pr-vue"))
    assert preview.startswith("Sur la page de Loos-en-Gohelle, après ses expériences")
    assert "Construire le récit : Chaque parcelle raconte un quartier." in preview

    root = copy_repository(tmp_path / "depot")
    placed = []
    for number in (1, 2):
        address = urlsplit(open_github(form, number))
        assert f"{address.scheme}://{address.netloc}{address.path}" == GITHUB
        query = parse_qs(address.query)
        [path], [text] = query["filename"], query["value"]
        folder, name = path.split("/")  # GitHub makes the territory's folder if need be
        assert folder == "loos-en-gohelle"
        assert text.startswith(EXPERIENCE_LINE + "\nterritoire: loos-en-gohelle\ntitre: ")
        assert "\nid:" not in text  # the file name is the id
        (root / "territoires" / "loos-en-gohelle" / name).write_text(text, encoding="utf-8")
        placed.append(name)
    assert placed == ["oeting-les-jardins-partages.yml", "la-fete-des-voisins.yml"]
    assert query["message"] == ["Ajouter l'expérience « La fête des voisins » à Loos-en-Gohelle"]
    # The proposal (what is mailed or downloaded) holds the same two documents
    documents = list(yaml.safe_load_all(form.text_content("#rv-pr-resultat pre")))
    assert [d["titre"] for d in documents] == [
        "Œting : les jardins partagés",
        "La fête des voisins",
    ]
    month = date.today().isoformat()[:7]  # described now: the review delay starts today
    assert [str(d["decrite"]) for d in documents] == [month, month]

    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    ids = [x.id for x in load_index(root)["loos-en-gohelle"].data.experiences]
    assert ids[-2:] == ["la-fete-des-voisins", "oeting-les-jardins-partages"]  # file-name order
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    page = (root / "site/territoires/loos-en-gohelle/index.html").read_text("utf-8")
    assert 'id="oeting-les-jardins-partages"' in page and "Chaque parcelle raconte" in page
    recit = (root / "site/balises/construire-le-recit/index.html").read_text("utf-8")
    assert "loos-en-gohelle/#oeting-les-jardins-partages" in recit


@browser_needed
def test_a_new_territory_sent_by_mail_is_received_and_credited(
    form,  # noqa: F811
    tmp_path: Path,
) -> None:
    form.fill("#rv-pr-t-code_insee", "68343")
    form.wait_for_selector("#rv-pr-t-code_insee-reconnu")
    assert form.input_value("#rv-pr-t-nom") == "Ungersheim"
    summary = "Une commune « en transition » : 100 % & plus ? #1\n\n- une liste = +1"
    form.fill("#rv-pr-t-resume", summary)
    fill_experience(form, 1, "La régie agricole", ["construire-le-recit"])
    form.fill("#rv-pr-credit", "Marie Dupont-Œuvray")
    ready(form)
    vue = spaces(form.inner_text("#rv-pr-vue"))  # as the page says it, not « Reconnu : »
    assert vue.count("Commune · Haut-Rhin · 2 449 habitants") == 1 and "Reconnu" not in vue
    assert form.is_hidden("#rv-pr-piece-jointe")
    href = form.get_attribute("[data-action=courriel]", "href")
    assert len(href) <= 1800 and "\n" not in href and " " not in href
    address, fields = decode_mailto(href)
    assert address == "contact@referentiel-vivant.fr"
    assert fields["subject"] == "Proposition pour le Référentiel vivant : Ungersheim"
    body = fields["body"]
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")  # RFC 6068 line ends
    shown = form.text_content("#rv-pr-resultat pre")  # the file: its header names the command
    assert "python build.py recevoir" in shown
    # The mail: a sentence for the person who sends it, then the proposal without its header
    assert body.replace("\r\n", "\n") == INTRODUCTION + "\n\n" + shown.split("\n", 4)[4]
    assert "build.py" not in body and not [ln for ln in body.split("\r\n") if ln[:1] == "#"]
    envelope, territory = yaml.safe_load_all(shown)
    assert envelope == {"proposition": {"credit": "Marie Dupont-Œuvray"}}
    assert territory["code_insee"] == "68343" and territory["resume"] == summary

    root = git_copy(tmp_path / "depot")
    received = tmp_path / "courriel.txt"
    received.write_bytes(body.encode("utf-8"))  # as saved from the mail, CRLF and all
    result = receive(root, received)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 lignes avant le début de la proposition, ignorées" in result.stdout + result.stderr
    assert git(root, "log", "-1", "--format=%an|%cn") == "Marie Dupont-Œuvray|Équipe"
    assert git(root, "show", "--name-only", "--format=", "HEAD") == "territoires/ungersheim.yml"
    assert check(root).returncode == 0
    assert load_index(root)["ungersheim"].data.resume == summary


@browser_needed
def test_a_proposal_too_long_for_a_link_is_downloaded_to_attach(
    form,  # noqa: F811
    tmp_path: Path,
) -> None:
    form.check("#rv-pr-mode-existant")
    form.wait_for_function("document.getElementById('rv-pr-territoire').options.length > 1")
    form.fill("#rv-pr-filtre", "loos")
    assert form.locator("#rv-pr-territoire option").all_inner_texts() == [
        "Loos-en-Gohelle — Pas-de-Calais (62)"
    ]
    form.select_option("#rv-pr-territoire", "loos-en-gohelle")
    fill_experience(form, 1, "Une longue histoire", ["construire-le-recit"])
    short = experience(form, 1).locator("[data-champ=id]")  # the file's name: from the title
    assert short.input_value() == "une-longue-histoire" and short.get_attribute("readonly") == ""
    experience(form, 1).locator("[data-champ=resume]").fill("Une phrase qui raconte. " * 60)
    ready(form)
    assert form.is_visible("#rv-pr-piece-jointe")
    href = form.get_attribute("[data-action=courriel]", "href")
    _, fields = decode_mailto(href)
    assert "fichier joint, proposition-loos-en-gohelle.yml" in fields["body"]
    assert fields["subject"] == "Proposition d'expérience pour Loos-en-Gohelle"
    form.evaluate(  # the mail program is not opened here: only the download is looked at
        "document.querySelector('[data-action=courriel]')"
        ".addEventListener('click', (e) => e.preventDefault())"
    )
    with form.expect_download() as download:
        form.click("[data-action=courriel]")
    assert download.value.suggested_filename == "proposition-loos-en-gohelle.yml"
    text = Path(download.value.path()).read_text("utf-8")
    assert text == form.text_content("#rv-pr-resultat pre")
    assert "téléchargé" in status(form)
    root = git_copy(tmp_path / "depot")  # the attachment, as the editors receive it
    result = receive(root, Path(download.value.path()))
    assert result.returncode == 0, result.stdout + result.stderr
    placed = git(root, "show", "--name-only", "--format=%an", "HEAD").splitlines()
    assert placed == ["Équipe", "", "territoires/loos-en-gohelle/une-longue-histoire.yml"]
