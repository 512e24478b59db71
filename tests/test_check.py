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

from .depot import ROOT

CASES = ROOT / "tests" / "cas" / "invalides"
BROKEN = sorted(p for p in CASES.iterdir() if p.suffix != ".attendu")


def root_with(tmp_path: Path, *files: Path) -> Path:
    """A repository whose only territories are ``files`` (the référentiel is linked)."""
    root = tmp_path / "depot"
    (root / "territoires").mkdir(parents=True)
    for name in ("referentiel", "balises"):
        (root / name).symlink_to(ROOT / name)
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
