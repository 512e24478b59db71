"""Shared fixtures: a throw-away copy of the repository to break and build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = (
    "referentiel",
    "balises",
    "territoires",
    "hooks",
    "schemas",
    "docs",
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


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the repository's records and site configuration."""
    return copy_repository(tmp_path / "depot")
