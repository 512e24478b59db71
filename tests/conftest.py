"""Shared fixtures: a throw-away copy of the repository to break and build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .depot import copy_repository
from .outils import require


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the repository's records and site configuration."""
    return copy_repository(tmp_path / "depot")


@pytest.fixture(scope="session")
def chromium_installed() -> str:
    """Debian's chromium, or the test fails naming the package (``served.needs_chromium``)."""
    return require("chromium")
