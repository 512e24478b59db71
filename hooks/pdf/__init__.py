"""Print the référentiel as real PDFs: each enjeu, each chapter, the whole, the balise cards.

A presentation layer like the site: it only reads the :class:`~schemas.index.Index`.

>>> write_pdfs(load_index(root), root / "site" / "pdf", "https://exemple.fr/")  # doctest: +SKIP
[PosixPath('…/site/pdf/approche-systemique.pdf'), …]
"""

from __future__ import annotations

from .cache import PdfFile
from .write import pdf_ids, publish, write_pdfs

__all__ = ["PdfFile", "pdf_ids", "publish", "write_pdfs"]
