"""HTML → PDF with WeasyPrint: each enjeu, each chapter, the whole référentiel, the cards.

The HTML of every PDF is made first (fast, from the index); each PDF is tagged, PDF/UA-1
and PDF/A-2a (:mod:`.conformance`, then :mod:`.tagging`). A PDF whose key (HTML,
stylesheets, fonts, engine, conformance: :mod:`.cache`) has not changed since the last
build is taken from the cache folder; WeasyPrint lays out the others, in two processes
when there are several, since each PDF is independent.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hooks.pdf.selection import Ranking
from schemas.history import History
from schemas.index import Index

from .cache import PdfCache, PdfFile, pdf_key
from .cards import card_jobs, decks
from .conformance import VARIANT, declare_ua
from .documents import documents
from .grid import STYLESHEET as GRID_STYLE
from .grid import fill_last_page, grid_jobs
from .html import TEMPLATES, document_html
from .tagging import finish

STYLESHEETS = {
    "document": ("commun.css", "print.css"),
    "cards": ("commun.css", "cards.css"),
    "grille": ("commun.css", "grille.css"),
}


@dataclass(frozen=True)
class Job:
    """One PDF to make: ``<id>.pdf`` from ``html`` with the stylesheets of ``style``."""

    id: str
    html: str
    style: str

    @property
    def key(self) -> str:
        return pdf_key(self.html, [TEMPLATES / name for name in STYLESHEETS[self.style]])


def pdf_ids(index: Index) -> list[str]:
    """Ids of every PDF: ``<id>.pdf`` in the output folder."""
    grids = [pdf_id for pdf_id, _, _ in grid_jobs(index, "")]
    cards = [pdf_id for pdf_id, _ in decks(index)]
    return [doc.id for doc in documents(index, "")] + cards + grids


def jobs(index: Index, site_url: str, ranking: Ranking, only: str | None = None) -> list[Job]:
    """The HTML of every PDF (or of ``<only>.pdf``): milliseconds each, no layout yet."""
    found = [
        Job(doc.id, document_html(index, doc, site_url), "document")
        for doc in documents(index, site_url, ranking)
        if only in (None, doc.id)
    ]
    if only is None or only in {pdf_id for pdf_id, _ in decks(index)}:
        found += [
            Job(pdf_id, html, "cards")
            for pdf_id, html in card_jobs(index, site_url, ranking)
            if only in (None, pdf_id)
        ]
    found += [Job(*job) for job in grid_jobs(index, site_url) if only in (None, job[0])]
    return found


def write_pdfs(
    index: Index,
    out_dir: Path | None,
    site_url: str,
    only: str | None = None,
    *,
    history: History | None = None,
    cache_dir: Path | None = None,
    report: Callable[[str], None] | None = None,
) -> list[PdfFile]:
    """Write the PDFs into ``out_dir`` (``site/pdf/``); ``only`` writes just ``<only>.pdf``.

    With ``out_dir=None``, only into the cache: :func:`publish` copies them later.

    ``site_url`` ends with ``/``: covers and QR codes give ``site_url`` + the page path.
    ``history`` orders the experiences printed (:mod:`hooks.pdf.selection`); ``cache_dir``
    keeps each PDF with its key, so that an unchanged PDF is copied instead of laid out
    again; ``report`` receives a progress line per PDF laid out. Returns one
    :class:`~.cache.PdfFile` per PDF, sorted by id.
    """
    if only is not None and only not in pdf_ids(index):
        raise ValueError(f"« {only} » n'est pas un PDF : choisissez parmi {pdf_ids(index)}")
    if out_dir is None and cache_dir is None:
        raise ValueError("write_pdfs: out_dir or cache_dir, or both")
    todo = jobs(index, site_url, Ranking(index, history), only)
    store = PdfCache(cache_dir) if cache_dir else None
    done: dict[str, PdfFile] = {}
    keys = {job.id: job.key for job in todo}
    to_render = []
    for job in todo:
        found = store.get(job.id, keys[job.id]) if store else None
        if found:
            done[job.id] = found
        else:
            to_render.append(job)
    rendered_in = store.folder if store else out_dir
    assert rendered_in is not None
    for pdf_id, pages in _render_all(to_render, rendered_in, report):
        target = rendered_in / f"{pdf_id}.pdf"
        done[pdf_id] = (
            store.put(pdf_id, keys[pdf_id], target, pages)
            if store
            else PdfFile(pdf_id, pages, target.stat().st_size)
        )
    files = [done[pdf_id] for pdf_id in sorted(done)]
    if store:
        store.save()
        if out_dir is not None:
            publish(files, store.folder, out_dir)
    return files


def publish(files: list[PdfFile], cache_dir: Path, out_dir: Path) -> None:
    """Put the cached PDFs ``files`` into ``out_dir`` (``site/pdf/``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for pdf in files:
        _place(cache_dir / f"{pdf.id}.pdf", out_dir / f"{pdf.id}.pdf")


def _render_all(
    todo: list[Job], folder: Path, report: Callable[[str], None] | None
) -> list[tuple[str, int]]:
    """Lay out ``todo`` into ``folder``, longest first on up to 4 processes: (id, pages)."""
    folder.mkdir(parents=True, exist_ok=True)
    # Longest first (the whole référentiel), so that both processes finish together.
    todo = sorted(todo, key=lambda job: len(job.html), reverse=True)
    results: list[tuple[str, int]] = []
    start = time.perf_counter()

    def progress(pdf_id: str, pages: int) -> None:
        results.append((pdf_id, pages))
        if report:
            report(
                f"  PDF {len(results)}/{len(todo)} : {pdf_id}.pdf, {pages} pages "
                f"({time.perf_counter() - start:.1f} s)"
            )

    workers = min(len(todo), os.cpu_count() or 1, 4)
    if workers <= 1:
        for job in todo:
            progress(job.id, _write(job.html, job.style, folder / f"{job.id}.pdf"))
        return results
    with ProcessPoolExecutor(workers) as pool:
        futures = {
            pool.submit(_write, job.html, job.style, folder / f"{job.id}.pdf"): job.id
            for job in todo
        }
        for future in as_completed(futures):
            progress(futures[future], future.result())
    return results


def _place(source: Path, target: Path) -> None:
    """Put a cached PDF in the site: a hard link when the file system allows it, else a copy
    (the cache replaces its files, never rewrites them, so a link stays right)."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


@cache
def _stylesheet(name: str):  # -> weasyprint.CSS, built once per process
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [CSS(filename=TEMPLATES / f, font_config=fonts) for f in STYLESHEETS[name]]
    return sheets, fonts


def _write(html: str, style: str, target: Path) -> int:
    """Lay out one HTML document, write it as ``target`` (whole or not at all): its pages."""
    from weasyprint import HTML

    sheets, fonts = _stylesheet(style)

    def lay_out(page: str):  # -> weasyprint.Document
        return HTML(string=page, base_url=str(TEMPLATES)).render(
            stylesheets=sheets, font_config=fonts
        )

    document = fill_last_page(html, lay_out) if style == GRID_STYLE else lay_out(html)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    document.write_pdf(partial, pdf_variant=VARIANT, finisher=declare_ua)
    finish(partial, html)  # margins as artifacts, links described, no empty element
    partial.replace(target)
    return len(document.pages)
