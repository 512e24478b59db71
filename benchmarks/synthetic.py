"""A copy of the repository with N synthetic territories, built and timed: what every
benchmark that measures « at N territories » starts from, and how it ends.

    repo = repository(work / "depot-1000", 1000, None)  # the working tree, or a commit
    timed = build(repo)  # build.py build --sans-pdf; timed.html, timed.index: seconds
    run(main)  # main's exit code; a French sentence instead of a traceback on Failure

The copy is that of the tests (``tests/depot.py``) or ``git archive`` of a commit; the
territories are those of ``benchmarks/scale.py``. The build's log gives MkDocs' time
(« Documentation built in … ») and the search indexing time, from a line « Index de
recherche : 1 234 pages, 0,8 s » (or « … entrées en 0.8 s ») if the build writes one: when
that line comes before MkDocs' last one, indexing is part of MkDocs' time and the HTML build
alone is the difference. While Material's search plugin is in use, the plugin itself is
timed (the same line, « chronométré par weight.py »).
"""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from benchmarks.scale import add_territories
from tests.depot import ROOT, copy_repository

CHROMIUM = "/usr/bin/chromium"

# Run instead of ``python build.py``: times Material's search plugin, if it is in use.
MATERIAL_PROBE = """
import runpy, sys, time
try:
    from material.plugins.search.plugin import SearchPlugin
except ImportError:
    SearchPlugin = None
if SearchPlugin is not None:
    spent = {"s": 0.0, "pages": 0}
    page_context, post_build = SearchPlugin.on_page_context, SearchPlugin.on_post_build

    def on_page_context(self, context, **kwargs):
        start = time.perf_counter()
        try:
            return page_context(self, context, **kwargs)
        finally:
            spent["s"] += time.perf_counter() - start
            spent["pages"] += 1

    def on_post_build(self, **kwargs):
        start = time.perf_counter()
        post_build(self, **kwargs)
        spent["s"] += time.perf_counter() - start
        if self.config.enabled:
            print(
                f"Index de recherche Material (chronométré par weight.py) : "
                f"{spent['pages']} pages, {spent['s']:.2f} s",
                flush=True,
            )

    SearchPlugin.on_page_context, SearchPlugin.on_post_build = on_page_context, on_post_build
sys.argv = ["build.py", *sys.argv[1:]]
runpy.run_path("build.py", run_name="__main__")
"""
# « Index de recherche : 1 234 pages, 0,8 s », « … : 1234 entrées en 0.8 s »
INDEX_LINE = re.compile(
    r"(Index de recherche[^:\n]*?)\s*:\s*(\d[\d\s]*?)\s*(\w+),?\s*(?:en\s*)?([\d.,]+)\s*s\b"
)
# The engine's line: in French (hooks/engine/journal.py), in English at an older commit
HTML_LINE = re.compile(r"(?:Documentation built in|Pages construites en) ([\d.,]+) second")


class Failure(Exception):
    """An expected failure, reported in one sentence instead of a traceback."""


def run(main: Callable[[], int], browser: bool = True) -> NoReturn:
    """Run a benchmark's ``main``: a one-line French message, never a traceback, when
    Playwright is missing (if the benchmark drives a ``browser``), a build fails or the
    reader stops it."""
    if browser and importlib.util.find_spec("playwright") is None:
        sys.exit(
            "Playwright absent : pip install playwright (sans télécharger de navigateur : "
            f"le banc utilise {CHROMIUM})."
        )
    try:
        sys.exit(main())
    except Failure as failure:
        sys.exit(f"Échec : {failure}")
    except KeyboardInterrupt:
        sys.exit("Interrompu.")


def resolve(ref: str) -> str:
    """``HEAD`` → its commit's hash, so that every N measures the same commit."""
    result = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise Failure(f"« {ref} » n'est pas un commit de {ROOT}")
    return result.stdout.strip()


def repository(target: Path, n: int, commit: str | None) -> Path:
    """A copy of the working tree, or of ``commit``, with ``n`` synthetic territories."""
    if commit is None:
        copy_repository(target)
    else:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            raise Failure(f"git archive {commit} : {archive.stderr.decode().strip()}")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
    add_territories(target, n)
    return target


@dataclass
class Build:
    total: float  # seconds of ``build.py build --sans-pdf``
    mkdocs: float | None  # seconds of MkDocs' build, from its log
    index: float | None  # seconds of the search indexing, if reported
    index_label: str  # who reported it, and how many pages or entries: « … : 120 pages »
    index_in_mkdocs: bool  # reported before MkDocs' last line: part of its time

    @property
    def html(self) -> float | None:
        """Seconds of the HTML build alone, without the indexing."""
        if self.mkdocs is None or self.index is None or not self.index_in_mkdocs:
            return self.mkdocs
        return self.mkdocs - self.index


def build(repo: Path) -> Build:
    """Build the site in ``repo`` and read the times in its log."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MATERIAL_PROBE, "build", "--sans-pdf"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    total = time.perf_counter() - start
    if result.returncode != 0:
        raise Failure(f"échec de python build.py build --sans-pdf :\n{result.stdout[-3000:]}")
    html = HTML_LINE.search(result.stdout)
    found = list(INDEX_LINE.finditer(result.stdout))
    ours = [f for f in found if "weight.py" not in f[1]] or found  # the build's own line first
    if not ours:
        return Build(total, float(html[1].replace(",", ".")) if html else None, None, "", False)
    line = ours[-1]
    count = re.sub(r"\D", "", line[2])
    return Build(
        total=total,
        mkdocs=float(html[1].replace(",", ".")) if html else None,
        index=float(line[4].replace(",", ".")),
        index_label=f"{line[1].strip()} : {count} {line[3]}",
        index_in_mkdocs=html is not None and line.start() < html.start(),
    )
