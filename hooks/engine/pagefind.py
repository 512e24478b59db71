"""Pagefind, run in the background: the search index is written while MkDocs writes pages.

:func:`start` hands to a forked copy of this process the writing of a small stand-in page
per search record (:mod:`hooks.recherche.records`) into a temporary folder and the run of the
Pagefind binary on it (shipped in the ``pagefind[bin]`` wheel: nothing is downloaded);
:meth:`IndexJob.finish` waits for it and moves the index into the site being built
(``pagefind/``). The records come from the data, not from the HTML, so nothing waits for
the pages: on a machine with two cores, the index is made on the second while MkDocs
renders on the first. If Pagefind fails, the build fails, and ``site/`` is left as it was.

(Pagefind's Python API would take the records one by one, and it waits 0.1 s between two
answers: 25 minutes for 15,000 records. Its command line takes them all at once.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.parallel import can_fork
from hooks.recherche.records import Record, standin_page

# French stemming and accent folding for every record, whatever its text.
PAGEFIND = (sys.executable, "-m", "pagefind", "--force-language", "fr")
_INDEXED = re.compile(r"Indexed (\d+) pages?")


@dataclass
class IndexJob:
    """Pagefind's work on a temporary folder: done by a forked copy of this process, which
    writes the stand-in pages then becomes Pagefind (``os.execv``: its copy of the build's
    memory is given back at once, a third of the build's peak at 5,000 territories) or,
    where there is no core to spare (:func:`~hooks.core.parallel.can_fork`), in
    :meth:`finish`."""

    folder: Path
    make_records: Callable[[], list[Record]] | None  # None once the copy has them
    pid: int = 0  # the copy, Pagefind once it has written the pages; 0: none running
    written: float = 0.0  # seconds spent writing the stand-in pages
    indexed: float = 0.0  # seconds spent by Pagefind
    waited: float = field(default=0.0)  # seconds the build waited for the index

    def finish(self, site_dir: Path) -> int:
        """Wait for Pagefind, move its index to ``site_dir/pagefind``: the records indexed."""
        start = time.perf_counter()
        try:
            if self.pid:
                code, out = self._wait(), self._read(_LOG)
                self.written = float(self._read(_WRITTEN) or 0)
                finished = _FINISHED.search(out)
                self.indexed = float(finished.group(1)) if finished else 0.0
            else:
                assert self.make_records is not None
                code, out, self.written, self.indexed = _index(self.folder, self.make_records)
            found = _INDEXED.search(out)
            if code != 0 or not found:
                raise RuntimeError(f"Pagefind n'a pas pu indexer le site :\n{out}")
            target = site_dir / "pagefind"
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(self.folder / "pagefind", target)
            return int(found.group(1))
        finally:
            self.waited = time.perf_counter() - start
            shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        """After a failed build: wait for the copy (never left behind), remove the folder."""
        if self.pid:
            self._wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return os.waitstatus_to_exitcode(status)

    def _read(self, name: str) -> str:
        path = self.folder / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


_LOG, _WRITTEN = "pagefind.log", "ecrit.txt"  # in the job's folder, beside fiches/
_FINISHED = re.compile(r"Finished in ([\d.]+) seconds")


def _write_pages(folder: Path, make_records: Callable[[], list[Record]]) -> Path:
    """A stand-in page per search record, in ``folder/fiches``."""
    pages = folder / "fiches"
    pages.mkdir()
    for number, record in enumerate(make_records()):
        (pages / f"{number}.html").write_text(standin_page(record), encoding="utf-8")
    return pages


def _command(folder: Path, pages: Path) -> list[str]:
    return [*PAGEFIND, "--site", str(pages), "--output-path", str(folder / "pagefind")]


def _index(folder: Path, make_records: Callable[[], list[Record]]) -> tuple[int, str, float, float]:
    """Write the stand-in pages, run Pagefind on them, here: (exit code, its output, seconds
    spent writing, seconds spent by Pagefind)."""
    begin = time.perf_counter()
    pages = _write_pages(folder, make_records)
    written = time.perf_counter() - begin
    result = subprocess.run(_command(folder, pages), capture_output=True, text=True, check=False)
    indexed = time.perf_counter() - begin - written
    return result.returncode, result.stdout + result.stderr, written, indexed


def _fork(folder: Path, make_records: Callable[[], list[Record]]) -> int:
    """A copy of this process that writes the pages, then becomes Pagefind, its output into
    ``folder/pagefind.log``; its pid (this process waits for it in :meth:`IndexJob.finish`)."""
    pid = os.fork()
    if pid:
        return pid
    try:  # the copy: whatever happens, it never goes on with the caller's work
        log = os.open(folder / _LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            begin = time.perf_counter()
            pages = _write_pages(folder, make_records)
            (folder / _WRITTEN).write_text(f"{time.perf_counter() - begin:.3f}")
            os.dup2(log, 1)
            os.dup2(log, 2)
            command = _command(folder, pages)
            os.execv(command[0], command)
        except BaseException:
            os.write(log, traceback.format_exc().encode())
    finally:
        os._exit(1)


def start(make_records: Callable[[], list[Record]]) -> IndexJob:
    """Start building the search index of ``make_records()`` beside this process."""
    folder = Path(tempfile.mkdtemp(prefix="rv-recherche-"))
    job = IndexJob(folder, make_records)
    if can_fork():
        job.pid = _fork(folder, make_records)
        # The copy has the records' data: this process lets go of it (the index, the pages'
        # Markdown), which the engine does not need: a tenth of the peak at 5,000 territories.
        job.make_records = None
    return job
