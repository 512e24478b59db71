"""Shared fixtures: a throw-away copy of the repository to break and build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .depot import copy_repository


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the repository's records and site configuration."""
    return copy_repository(tmp_path / "depot")
