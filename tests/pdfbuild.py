"""Every PDF of the shipped content, laid out once per test run for every test module that
reads them (tests/test_pdf.py, tests/test_pdf_structure.py): a minute of WeasyPrint each
time saved."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from hooks.pdf import write_pdfs
from schemas.index import load_index

from .depot import ROOT

SITE = "https://exemple.org/rv/"


@cache
def built_pdfs() -> Path:
    """The folder of every PDF of ``ROOT``'s records, made for ``SITE`` (kept until the
    process ends, in the system's temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="rv-pdf-"))
    write_pdfs(load_index(ROOT), folder, SITE)
    return folder
