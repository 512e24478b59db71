"""The README's test command on a fresh machine: ``bash .ci/run`` installs every system tool a
test runs, a missing tool makes its test fail naming the Debian package, no test is skipped
without saying why, and WeasyPrint has HarfBuzz's subsetting library (without it, every font
of every PDF wrote a warning: 95 lines a build)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.engine import bibliotheques

from .outils import HUNSPELL_FR, PACKAGES, require

ROOT = Path(__file__).resolve().parent.parent
CI_RUN = ROOT / ".ci" / "run"
# The only skips left, each for something no package installs; pytest prints why (-rs).
ALLOWED_SKIPS = {
    "test_content.py": "../shared/sources absent",
    "test_parallel.py": "un seul cœur ou pas de os.fork",
}
SKIPPING = re.compile(r"pytest\.skip\(|importorskip|skipif|mark\.skip\b|\.xfail\b")


def ci_packages() -> set[str]:
    """The Debian packages ``.ci/run`` installs (its ``paquets`` list and the npm fallback)."""
    text = CI_RUN.read_text(encoding="utf-8")
    listed = text.split("paquets=(", 1)[1].split("\n)", 1)[0]
    names = {w for line in listed.splitlines() for w in line.split("#", 1)[0].split()}
    return names | set(re.findall(r"paquets\+=\((\S+)\)", text))


def test_the_readme_test_command_is_ci_run_and_runs_every_test() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Lancer les tests", 1)[1].split("\n## ", 1)[0]
    assert "```sh\nbash .ci/run\n```" in section
    assert re.search(r"^\s+python -m pytest$", CI_RUN.read_text(encoding="utf-8"), re.M)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^addopts = ".*-rs.*"$', pyproject, re.M), "-rs : chaque saut dit pourquoi"


def test_ci_run_installs_every_tool_a_test_runs() -> None:
    needed = set(PACKAGES.values()) | {"hunspell-fr", *bibliotheques.PACKAGES.split()}
    assert HUNSPELL_FR.name == "fr_FR.dic"  # what hunspell-fr installs
    assert needed <= ci_packages(), f"absents de .ci/run : {sorted(needed - ci_packages())}"


def test_a_missing_tool_fails_naming_its_debian_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing installed
    for command, package in (("pdftotext", "poppler-utils"), ("chromium", "chromium")):
        with pytest.raises(pytest.fail.Exception) as failed:
            require(command)
        assert f"{command} manque : apt-get install {package}" in str(failed.value)


def test_no_test_is_skipped_without_a_reason_or_for_a_missing_tool() -> None:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name == Path(__file__).name:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [line.strip() for line in lines if SKIPPING.search(line)]
        if hits:
            found[path.name] = hits
    assert set(found) <= set(ALLOWED_SKIPS), f"sauts non prévus : {found}"
    for name, hits in found.items():
        assert all(f'reason="{ALLOWED_SKIPS[name]}"' in hit for hit in hits), hits


def test_weasyprint_subsets_fonts_with_harfbuzz(caplog: pytest.LogCaptureFixture) -> None:
    from weasyprint import HTML
    from weasyprint.pdf import fonts

    assert fonts.harfbuzz_subset is not None, (
        "libharfbuzz-subset0 manque : apt-get install libharfbuzz-subset0 "
        "(ou « bash .ci/run », qui installe tout)"
    )
    page = '<p style="font-family: DejaVu Sans">Référentiel <b>vivant</b> <i>2019</i></p>'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        HTML(string=page).write_pdf()
    assert not [r.getMessage() for r in caplog.records if "HarfBuzz" in r.getMessage()]


def test_without_weasyprints_libraries_the_build_says_what_to_install(tmp_path: Path) -> None:
    fake = tmp_path / "sans" / "weasyprint"  # what ``import weasyprint`` does without Pango
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libgobject-2.0-0'\")\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(fake.parent)}
    for command in (
        ["pdf", "--dossier", str(tmp_path / "pdf")],
        ["build", "--site-dir", str(tmp_path / "site")],
    ):
        result = subprocess.run(
            [sys.executable, "build.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in result.stderr
        assert "python build.py build --sans-pdf" in result.stderr
        assert not (tmp_path / "site").exists()


def test_without_harfbuzz_subset_one_line_instead_of_one_per_font(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from weasyprint import HTML
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(logging.getLogger("weasyprint"), "filters", [])
    assert bibliotheques.pdf_libraries() is None
    assert bibliotheques.pdf_libraries() is None
    said = capsys.readouterr().err
    assert said.count("libharfbuzz-subset0 manque") == 1
    serif = '<span style="font-family: DejaVu Serif">x</span>'
    page = f'<p style="font-family: DejaVu Sans">Un <i>PDF</i> {serif}</p>'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        HTML(string=page).write_pdf()
    assert not [r for r in caplog.records if "HarfBuzz" in r.getMessage()]
