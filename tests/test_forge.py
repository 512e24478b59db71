"""The forge's workflows are valid, pinned and safe; check speaks the forge's annotations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .depot import ROOT, copy_referentiel

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_workflows_match_the_github_schema() -> None:
    assert len(WORKFLOWS) == 3  # vérification, publication, relecture
    result = run(
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor_offline() -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    result = run(zizmor, "--offline", "--no-progress", str(ROOT / ".github" / "workflows"))
    assert result.returncode == 0, result.stdout + result.stderr
    for workflow in WORKFLOWS:  # every action pinned by commit, not by a movable tag
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("@", 1)[1].split()[0]
                assert len(ref) == 40, line


def test_check_writes_github_annotations_on_the_right_line(tmp_path: Path) -> None:
    root = copy_referentiel(tmp_path / "depot")
    shutil.copy(
        ROOT / "tests" / "cas" / "invalides" / "plusieurs-erreurs.yml", root / "territoires"
    )
    shutil.copy(ROOT / "build.py", root)
    result = run(sys.executable, "build.py", "check", "--annotations-github", cwd=root)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert annotations[0] == (
        "::error file=territoires/plusieurs-erreurs.yml,line=2::type: valeur « village » non "
        "reconnue — valeurs possibles : commune, intercommunalite, metropole, pays, pnr, "
        "departement, region, autre"
    )
    assert len(annotations) == 5
