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
