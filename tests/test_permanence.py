"""The living référentiel in a temporary git repository, edited as an editor would: ids that
stay (renames declared, withdrawals kept), redirects, revision notes between two tags with the
old and new wording, and frozen exports that later commits do not change."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .depot import copy_repository
from .pdftools import normal, text
from .test_living import git

MOVED = ("territoires/luc-sur-aude.yml", "territoires/luc.yml")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "build.py", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Version 1.0.0 tagged; then a summary rewritten (#12), Luc-sur-Aude renamed (declared),
    Namur withdrawn, and version 1.1.0 tagged."""
    root = copy_repository(tmp_path_factory.mktemp("vivant") / "depot")
    meta = root / "referentiel" / "referentiel.yml"
    edit(meta, 'version: "0.1.0"', 'version: "1.0.0"')
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Première version")
    git(root, "tag", "v1.0.0")
    malaunay = root / "territoires" / "malaunay.yml"
    text = malaunay.read_text(encoding="utf-8")
    first = text.split("resume: |\n", 1)[1].splitlines()[0].strip()
    edit(malaunay, first, first.replace("Seine-Maritime", "la Seine-Maritime normande", 1))
    git(
        root,
        "commit",
        "-q",
        "-am",
        "Malaunay : présentation précisée (#12)",
        date="2026-02-01",
    )
    git(root, "mv", *MOVED)
    edit(root / MOVED[1], "nom:", "anciens_ids: [luc-sur-aude]\nnom:")
    edit(
        root / "territoires" / "namur.yml",
        "nom:",
        'retrait:\n  version: "1.1.0"\n  motif: "Le territoire a retiré sa contribution."\n'
        "  remplace_par: malaunay\nnom:",
    )
    edit(meta, 'version: "1.0.0"', 'version: "1.1.0"')
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Luc renommé, Namur retiré", date="2026-03-01")
    git(root, "tag", "v1.1.0")
    return root


@pytest.fixture(scope="module")
def site(repo: Path) -> Path:
    result = run(repo, "build", "--sans-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    return repo / "site"


def test_the_edited_repository_checks(repo: Path) -> None:
    result = run(repo, "check")
    assert result.returncode == 0, result.stderr


def test_a_rename_without_declaration_is_refused_with_the_old_id_and_a_hint(
    repo: Path, tmp_path: Path
) -> None:
    subprocess.run(["git", "clone", "-q", str(repo), str(tmp_path / "c")], check=True)
    clone = tmp_path / "c"
    git(clone, "mv", "territoires/grand-besancon.yml", "territoires/grand-besancon-metropole.yml")
    git(clone, "commit", "-q", "-m", "Grand Besançon : nouveau nom de fichier")
    result = run(clone, "check")
    assert result.returncode == 1
    assert (
        "territoires/grand-besancon.yml:1: « grand-besancon » (territoire) existait dans "
        "la version v1.0.0 "
        "et a disparu : git l'a vue renommée en territoires/grand-besancon-metropole.yml : ajoutez "
        "« anciens_ids: [grand-besancon] » à ce fichier"
    ) in result.stderr
    (clone / "territoires" / "grand-besancon-metropole.yml").unlink()
    gone = run(clone, "check")
    assert "« grand-besancon » (territoire) existait dans la version v1.0.0" in gone.stderr
    assert "si elle est retirée, remettez le fichier avec « retrait:" in gone.stderr


def test_an_old_id_cannot_be_an_existing_one(repo: Path, tmp_path: Path) -> None:
    subprocess.run(["git", "clone", "-q", str(repo), str(tmp_path / "c")], check=True)
    clone = tmp_path / "c"
    edit(clone / "territoires" / "malaunay.yml", "nom:", "anciens_ids: [le-mene]\nnom:")
    result = run(clone, "check")
    assert (
        "territoires/malaunay.yml:2: anciens_ids[0]: « le-mene » est l'identifiant" in result.stderr
    )


def test_a_declared_rename_redirects(site: Path) -> None:
    old = (site / "territoires" / "luc-sur-aude" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../luc/">' in old
    assert 'href="../luc/"' in old
    assert (site / "territoires" / "luc" / "index.html").is_file()


def test_a_withdrawn_record_says_when_why_and_what_replaces_it(site: Path) -> None:
    page = (site / "territoires" / "namur" / "index.html").read_text(encoding="utf-8")
    words = re.sub(r"<[^>]+>", "", page)  # the glossary links « territoire »
    assert "Fiche retirée en version 1.1.0" in words
    assert "Le territoire a retiré sa contribution." in words
    assert 'href="../malaunay/"' in page


def test_revision_notes_give_the_old_and_new_wording_and_the_commit(site: Path) -> None:
    notes = (site / "versions" / "1.1.0" / "index.html").read_text(encoding="utf-8")
    notes = notes.replace("\u202f", " ").replace("\xa0", " ")  # French spacing
    assert "Commune de <del>Seine-Maritime,</del> <ins>la Seine-Maritime normande,</ins>" in notes
    assert "demande de fusion n° 12" in notes
    assert 'id="territoire-luc"' in notes and "ancien identifiant « luc-sur-aude »" in notes
    assert 'id="territoire-namur"' in notes and "(territoire retiré" in notes
    record = (site / "territoires" / "malaunay" / "index.html").read_text(encoding="utf-8")
    assert "../../versions/1.1.0/#territoire-malaunay" in record  # its own history


def test_frozen_exports_do_not_change_with_later_commits(
    repo: Path, site: Path, tmp_path: Path
) -> None:
    frozen = site / "versions" / "1.0.0" / "referentiel.json"
    before = frozen.read_bytes()
    ids = {record["id"] for record in json.loads(before)["fiches"]}
    assert "luc-sur-aude" in ids and "luc" not in ids  # the records of 1.0.0, as they were
    subprocess.run(["git", "clone", "-q", str(repo), str(tmp_path / "c")], check=True)
    clone = tmp_path / "c"
    edit(clone / "territoires" / "malaunay.yml", "nom: ", "nom: Malaunay modifiée\n# ")
    git(clone, "commit", "-q", "-am", "Une modification après la version")
    result = run(clone, "build", "--sans-pdf")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (clone / "site" / "versions" / "1.0.0" / "referentiel.json").read_bytes() == before
    csv = (clone / "site" / "versions" / "1.1.0" / "experiences.csv").read_text(encoding="utf-8")
    assert "Malaunay modifiée" not in csv


def test_each_version_keeps_its_own_pdfs(repo: Path, tmp_path: Path) -> None:
    """The whole référentiel and the cards of each tag, laid out from the tag's records."""
    subprocess.run(["git", "clone", "-q", str(repo), str(tmp_path / "c")], check=True)
    clone = tmp_path / "c"
    result = run(clone, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "PDF des versions publiées : 4 pour 2 version(s)" in result.stdout
    for version in ("1.0.0", "1.1.0"):
        folder = clone / "site" / "versions" / version
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert 'href="referentiel.pdf" download' in page and 'href="cartes-balises.pdf"' in page
        whole = normal(text(folder / "referentiel.pdf"))
        assert normal(f"Version {version} du") in whole  # its cover
        other = "1.1.0" if version == "1.0.0" else "1.0.0"
        assert normal(f"ersion {other}") not in whole


def test_news_and_versions_say_in_french_what_each_version_did(site: Path) -> None:
    """Renamed, withdrawn, changed (which field): in French, never a commit message; each
    version dated as referentiel.yml dated it, on the list and on its own page alike."""

    def words(page: Path) -> str:
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        return text.replace("\u00a0", " ").replace("\u202f", " ")

    news = words(site / "nouveautes" / "index.html")
    assert "1 mars 2026 : 1 territoire renommé, présentation du référentiel modifiée, " in news
    assert "Luc-sur-Aude, territoire renommé (son ancien identifiant : « luc-sur-aude »)" in news
    assert "Namur, territoire retiré." in news
    assert "Malaunay, territoire modifié : résumé." in news
    for message in ("Luc renommé, Namur retiré", "présentation précisée", "Première version"):
        assert message not in news
    versions = words(site / "versions" / "index.html")
    assert (
        "La dernière version publiée du référentiel est la 1.1.0, du 22 novembre 2026" in versions
    )
    assert "Publiée le 22 novembre 2026, depuis la version 1.0.0 : 1 fiche modifiée, " in versions
    for heading in ("Fiches modifiées (1)", "Fiches renommées (1)", "Fiches retirées (1)"):
        assert heading in versions
    assert "Luc-sur-Aude (territoire, autrefois « luc-sur-aude »)" in versions
    assert "supprimée" not in versions and "???" not in versions
    notes = words(site / "versions" / "1.1.0" / "index.html")
    assert "Publiée le 22 novembre 2026, par rapport à la version 1.0.0." in notes
    assert (
        "Changements enregistrés le 1 février 2026 par Alice Martin (demande de fusion n° 12)"
        in (notes)
    )
    assert "Malaunay : présentation précisée" not in notes
