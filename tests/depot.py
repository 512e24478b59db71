"""The repository's root, and a throw-away copy of what a build reads: for the tests and
for ``benchmarks/scale.py``, which must build exactly what the tests build."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = (
    "referentiel",
    "balises",
    "territoires",
    "hooks",
    "schemas",
    "geo",
    "docs",
    "qualite",
    "mkdocs.yml",
    "build.py",
)


def copy_repository(target: Path) -> Path:
    """Copy what a build reads (records, hooks, config) into ``target``."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def copy_referentiel(target: Path) -> Path:
    """Copy the référentiel and its balises into ``target``, without any territory: the
    villes pairs that ``referentiel.yml`` names are then left out of it."""
    for name in ("referentiel", "balises"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "territoires").mkdir(exist_ok=True)
    meta = target / "referentiel" / "referentiel.yml"
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    meta.write_text("".join(x for x in lines if not x.startswith("villes_pairs:")), "utf-8")
    return target
