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

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.parallel import Background
from hooks.recherche.records import Record, standin_page

# French stemming and accent folding for every record, whatever its text.
PAGEFIND = (sys.executable, "-m", "pagefind", "--force-language", "fr")
_INDEXED = re.compile(r"Indexed (\d+) pages?")


@dataclass
class IndexJob:
    """Pagefind's work on a temporary folder, done by a forked copy of this process
    (:class:`~hooks.core.parallel.Background`) or, where there is no core to spare, in
    :meth:`finish`."""

    folder: Path
    background: Background[tuple[int, str, float, float]]
    written: float = 0.0  # seconds spent writing the stand-in pages
    indexed: float = 0.0  # seconds spent by Pagefind
    waited: float = field(default=0.0)  # seconds the build waited for the index

    def finish(self, site_dir: Path) -> int:
        """Wait for Pagefind, move its index to ``site_dir/pagefind``: the records indexed."""
        start = time.perf_counter()
        try:
            [(code, out, self.written, self.indexed)] = self.background.result()
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
        self.background.__exit__(None, None, None)
        shutil.rmtree(self.folder, ignore_errors=True)


def _index(folder: Path, make_records: Callable[[], list[Record]]) -> tuple[int, str, float, float]:
    """Write the stand-in pages, run Pagefind on them: (exit code, its output, seconds spent
    writing, seconds spent by Pagefind)."""
    begin = time.perf_counter()
    pages = folder / "fiches"
    pages.mkdir()
    for number, record in enumerate(make_records()):
        (pages / f"{number}.html").write_text(standin_page(record), encoding="utf-8")
    written = time.perf_counter() - begin
    result = subprocess.run(
        [*PAGEFIND, "--site", str(pages), "--output-path", str(folder / "pagefind")],
        capture_output=True,
        text=True,
        check=False,
    )
    indexed = time.perf_counter() - begin - written
    return result.returncode, result.stdout + result.stderr, written, indexed


def start(make_records: Callable[[], list[Record]]) -> IndexJob:
    """Start building the search index of ``make_records()`` beside this process."""
    folder = Path(tempfile.mkdtemp(prefix="rv-recherche-"))
    return IndexJob(folder, Background(lambda _: _index(folder, make_records), [None], 1))
