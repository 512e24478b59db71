"""The PDFs as the command line lays them out: every PDF of the site, then each published
version's, with a progress line per PDF and a last line that says how many were written and
how many were reused from the cache (:mod:`hooks.pdf.cache`).
"""

from __future__ import annotations

import time
from pathlib import Path

from hooks.pdf.versions import version_pdfs
from hooks.pdf.write import write_pdfs
from schemas.history import read_history
from schemas.index import Index, load_index

PDF_CACHE = ".cache/pdf"  # the last PDF of each id and its key (hooks/pdf/cache.py)


def write_all_pdfs(
    root: Path, out_dir: Path | None = None, only: str | None = None, index: Index | None = None
) -> list:
    """Every PDF (or ``only``) into the cache folder, and ``out_dir`` if given: a progress
    line per PDF laid out, then how many were written and how many reused."""
    index = index or load_index(root)
    print("PDF (chapitres, enjeux, référentiel complet, cartes, grilles)…", flush=True)
    start = time.perf_counter()
    files = write_pdfs(
        index,
        out_dir,
        index.referentiel.url,
        only,
        history=read_history(root),
        cache_dir=root / PDF_CACHE,
        report=lambda line: print(line, flush=True),
    )
    reused = sum(f.reused for f in files)
    written = len(files) - reused
    print(
        f"{len(files)} PDF : {written} écrit{'s' if written > 1 else ''}, {reused} repris "
        f"sans changement de {PDF_CACHE}/ ({time.perf_counter() - start:.1f} s)."
    )
    return files


def frozen_pdfs(root: Path, site_url: str) -> dict:
    """The whole référentiel and the cards of each published version (git tags), laid out
    once from that tag's records, then taken from ``.cache/pdf-versions/``."""
    start = time.perf_counter()
    found = version_pdfs(root, site_url, lambda line: print(line, flush=True))
    if found:
        count = sum(len(files) for files in found.values())
        print(
            f"PDF des versions publiées : {count} pour {len(found)} version(s) "
            f"({time.perf_counter() - start:.1f} s)."
        )
    return found
