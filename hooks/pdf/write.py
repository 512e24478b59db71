"""HTML → PDF with WeasyPrint: one file per enjeu, per chapter, the whole référentiel, the cards.

The HTML of every PDF is made first (fast, from the index); WeasyPrint then lays them out,
in two processes when there are several, since each PDF is independent.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from schemas.index import Index

from .cards import cards_html
from .documents import CARDS_ID, documents
from .html import TEMPLATES, document_html

STYLESHEETS = {"document": ("commun.css", "print.css"), "cartes": ("commun.css", "cartes.css")}


def pdf_ids(index: Index) -> list[str]:
    """Ids of every PDF, in the order they are written: ``<id>.pdf`` in the output folder."""
    return [doc.id for doc in documents(index, "")] + [CARDS_ID]


def write_pdfs(index: Index, out_dir: Path, site_url: str, only: str | None = None) -> list[Path]:
    """Write the PDFs into ``out_dir`` (``site/pdf/``); ``only`` writes just ``<only>.pdf``.

    ``site_url`` ends with ``/``: covers and QR codes give ``site_url`` + the page path.
    """
    if only is not None and only not in pdf_ids(index):
        raise ValueError(f"« {only} » n'est pas un PDF : choisissez parmi {pdf_ids(index)}")
    jobs: list[tuple[str, str, Path]] = []
    for doc in documents(index, site_url):
        if only in (None, doc.id):
            jobs.append(
                (document_html(index, doc, site_url), "document", out_dir / f"{doc.id}.pdf")
            )
    if only in (None, CARDS_ID):
        jobs.append((cards_html(index, site_url), "cartes", out_dir / f"{CARDS_ID}.pdf"))
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(len(jobs), os.cpu_count() or 1, 4)
    if workers <= 1:
        for job in jobs:
            _write(*job)
    else:
        # Longest first (the whole référentiel), so that both processes finish together.
        jobs.sort(key=lambda job: len(job[0]), reverse=True)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_write, *zip(*jobs, strict=True)))
    return sorted(path for _, _, path in jobs)


@cache
def _stylesheet(name: str):  # -> weasyprint.CSS, built once per process
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [CSS(filename=TEMPLATES / f, font_config=fonts) for f in STYLESHEETS[name]]
    return sheets, fonts


def _write(html: str, style: str, target: Path) -> Path:
    """Lay out one HTML document and write it as ``target``."""
    from weasyprint import HTML

    sheets, fonts = _stylesheet(style)
    document = HTML(string=html, base_url=str(TEMPLATES))
    document.write_pdf(target, stylesheets=sheets, font_config=fonts)
    return target
