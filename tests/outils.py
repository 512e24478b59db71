"""The system tools the tests run, each with the Debian package that provides it.

A test that needs a missing tool fails and says what to install, never skips in silence:
``bash .ci/run`` installs them all (README, « Lancer les tests »).

Example::

    pdftotext = require("pdftotext")  # or the test fails: « pdftotext manque : … »
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# Each command a test runs, and the Debian package (bookworm) that installs it.
PACKAGES = {
    "chromium": "chromium",
    "java": "default-jre-headless",
    "pdffonts": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "zbarimg": "zbar-tools",
    "hunspell": "hunspell",
    "git": "git",
    "npm": "npm",
}
# The French dictionary that hunspell reads (« -d fr_FR »).
HUNSPELL_FR = Path("/usr/share/hunspell/fr_FR.dic")


def missing(command: str, package: str | None = None) -> str:
    """The failure message for a command that is not installed.

    >>> missing("pdftotext")
    'pdftotext manque : apt-get install poppler-utils (ou « bash .ci/run », qui installe tout)'
    """
    package = package or PACKAGES.get(command, command)
    return f"{command} manque : apt-get install {package} (ou « bash .ci/run », qui installe tout)"


def require(command: str) -> str:
    """The path of a system command; the calling test fails, naming its package, without it."""
    path = shutil.which(command)
    if path is None:
        pytest.fail(missing(command), pytrace=False)
    return path


def require_french_hunspell() -> str:
    """hunspell's path, once both it and its French dictionary (hunspell-fr) are there."""
    path = require("hunspell")
    if not HUNSPELL_FR.is_file():
        pytest.fail(missing(f"le dictionnaire {HUNSPELL_FR}", "hunspell-fr"), pytrace=False)
    return path
