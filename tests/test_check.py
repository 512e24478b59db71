"""`check` names the file, the line, the field and the fix: golden files hold the exact text.

Each ``tests/cas/invalides/<fichier>`` is one broken territory file; the matching
``<fichier>.attendu`` holds the errors ``load_index`` must report for it, word for word.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schemas.errors import ErreursDeValidation
from schemas.index import load_index

from .depot import ROOT, copy_referentiel

CASES = ROOT / "tests" / "cas" / "invalides"
BROKEN = sorted(p for p in CASES.iterdir() if p.suffix != ".attendu")


def root_with(tmp_path: Path, *files: Path) -> Path:
    """A repository whose only territories are ``files`` (the référentiel is copied: a
    record folder that leads out of the repository through a link is refused)."""
    root = copy_referentiel(tmp_path / "depot")
    for file in files:
        shutil.copy(file, root / "territoires" / file.name)
    return root


def errors_for(root: Path) -> list[str]:
    with pytest.raises(ErreursDeValidation) as caught:
        load_index(root)
    return [str(e) for e in caught.value.erreurs]


@pytest.mark.parametrize("case", BROKEN, ids=lambda p: p.name)
def test_each_broken_file_gives_its_exact_errors(case: Path, tmp_path: Path) -> None:
    expected = case.with_name(case.name + ".attendu").read_text(encoding="utf-8").splitlines()
    assert errors_for(root_with(tmp_path, case)) == expected


def test_oversized_file(tmp_path: Path) -> None:
    big = tmp_path / "gros.yml"
    big.write_text("nom: Gros\nresume: |\n" + "  bla bla bla\n" * 30000, encoding="utf-8")
    assert errors_for(root_with(tmp_path, big)) == [
        "territoires/gros.yml:1: fichier trop volumineux (410 Ko, maximum 256 Ko) : "
        "découpez-le ou raccourcissez les textes"
    ]


def test_all_errors_of_all_files_at_once(tmp_path: Path) -> None:
    errors = errors_for(root_with(tmp_path, *BROKEN))
    assert {line.split(":")[0] for line in errors} == {f"territoires/{p.name}" for p in BROKEN}


def test_shipped_content_is_valid() -> None:
    index = load_index(ROOT)
    assert len(index.of_kind("enjeu")) == 4


def test_command_line_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("Tout est valide : 4 enjeux, 23 balises")
    root = root_with(tmp_path, CASES / "balise-inconnue.yml")
    shutil.copy(ROOT / "build.py", root / "build.py")
    bad = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=root, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        "territoires/balise-inconnue.yml:8: experiences.balises: « construire-le-recti » "
        "n'existe pas parmi les balises — vouliez-vous dire « construire-le-recit » ?",
        "1 erreur dans 1 fichier.",
    ]


def test_links_folders_and_odd_names_are_refused_by_name_without_being_read(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("mot_de_passe: hunter2\n", encoding="utf-8")
    root = root_with(tmp_path, CASES / "controle.yml")
    territoires = root / "territoires"
    (territoires / "lien.yml").symlink_to(secret)
    (territoires / "dehors").symlink_to(tmp_path)
    (territoires / "sous-dossier").mkdir()
    (territoires / "sous-dossier" / "ville.yml").write_text("nom: X\n", encoding="utf-8")
    (territoires / "majuscules.YML").write_text("nom: X\n", encoding="utf-8")
    (territoires / "notes.txt").write_text("nom: X\n", encoding="utf-8")
    (territoires / ".cache.yml").write_text("nom: X\n", encoding="utf-8")
    (territoires / "README.md").write_text("Ce dossier…\n", encoding="utf-8")
    errors = errors_for(root)
    assert not [e for e in errors if "mot_de_passe" in e or "hunter2" in e]
    by_file = {e.split(":")[0]: e for e in errors}
    assert sorted(by_file) == [
        "territoires/.cache.yml",
        "territoires/controle.yml",  # one bad byte hides nothing else
        "territoires/dehors",
        "territoires/lien.yml",
        "territoires/majuscules.YML",
        "territoires/notes.txt",
        "territoires/sous-dossier/ville.yml",  # an experience folder, of no territory
    ]
    assert "lien symbolique refusé (il n'est pas lu)" in by_file["territoires/lien.yml"]
    assert "mène hors du dépôt" in by_file["territoires/dehors"]
    assert "renommez le fichier en majuscules.yml" in by_file["territoires/majuscules.YML"]
    assert any("n'est celui d'aucun territoire" in e for e in errors if "sous-dossier/" in e)


def test_a_linked_record_folder_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = root_with(tmp_path)
    shutil.rmtree(root / "balises")
    (root / "balises").symlink_to(ROOT / "balises")
    errors = errors_for(root)
    assert errors[0].startswith("balises:1: ce dossier mène hors du dépôt")


def test_a_file_with_thousands_of_errors_shows_the_first_ones_and_the_count(
    tmp_path: Path,
) -> None:
    many = tmp_path / "beaucoup.yml"
    many.write_text("".join(f"champ{i}: x\n" for i in range(400)), encoding="utf-8")
    with pytest.raises(ErreursDeValidation) as caught:
        load_index(root_with(tmp_path, many, CASES / "controle.yml"))
    report = caught.value.rapport().splitlines()
    assert len(report) == 50 + 1 + 1 + 1  # 50 shown, the rest counted, the other file, total
    assert "… et 354 autres erreurs dans ce fichier, non affichées" in report[50]
    assert report[51].startswith("territoires/controle.yml:7:")
    assert report[-1] == "405 erreurs dans 2 fichiers."
