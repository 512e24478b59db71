"""The PDFs of each published version: the whole référentiel and the balise cards, laid out
from that tag's own records, so that « the PDF of version 1.0 » stays what 1.0 printed.

A tag's records are read with one ``git archive`` and checked with today's models; the PDFs
are cached per version (``.cache/pdf-versions/<version>/``): a tag never changes, so they
are laid out once per machine. A version whose records no longer pass today's check has no
frozen PDF (its page says so through its exports).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hooks.core.revisions import version_slug
from schemas.errors import ErreursDeValidation
from schemas.versions import archive, index_of, published

from .cache import PdfFile
from .documents import CARDS_ID, WHOLE_ID
from .write import write_pdfs

FROZEN_PDFS = (WHOLE_ID, CARDS_ID)
CACHE = Path(".cache") / "pdf-versions"


def version_pdfs(
    root: Path, site_url: str, report: Callable[[str], None] | None = None
) -> dict[str, list[PdfFile]]:
    """Version slug → its frozen PDFs, written into ``CACHE/<slug>/`` (or taken from there)."""
    found: dict[str, list[PdfFile]] = {}
    for version in published(root):
        slug = version_slug(version.version)
        try:
            index = index_of(archive(root, version.sha))
        except ErreursDeValidation:
            continue
        files = []
        for pdf_id in FROZEN_PDFS:
            files += write_pdfs(
                index, None, site_url, pdf_id, cache_dir=root / CACHE / slug, report=report
            )
        found[slug] = files
    return found
