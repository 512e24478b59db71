"""How long between saving a territory file and ``serve`` showing the change? Prints figures.

    python benchmarks/serve.py                  # 1,000 territories, 5 edits, before → after
    python benchmarks/serve.py --n 5000 --modifications 3 --sans-avant

For each version (« avant »: a commit whose ``serve`` rebuilt everything, ``--avant``; « après »:
the working tree), it writes a copy of the repository with N synthetic territories
(:mod:`benchmarks.synthetic`) into a temporary folder, starts ``python build.py serve`` there on
a free port and waits until it answers (« première construction »). Then, several times, it
writes a new sentence at the start of one territory's ``resume`` and polls that territory's
page over HTTP until the sentence appears (« modification → page », what the editor waits
for), then waits until ``serve`` says it is done (« → site entier » : every page that depends
on the file, the search index included) before the next edit. Times are medians. Target:
modification → page ≤ 3 s at 1,000 territories.

:class:`Serving` (start, wait, stop) is also what ``tests/test_serve.py`` drives.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import Failure, repository, resolve, run

BEFORE = "01eb36a"  # the last commit whose serve ran the engine's own (a full build per edit)
BASE = "referentiel-vivant"  # the path of site_url in mkdocs.yml
# What the engine's server logs when a rebuild has ended (in English before journal.py)
DONE = ("Navigateurs rechargés", "Reloading browsers")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Serving:
    """``python build.py serve`` running in ``repo``, its output in ``repo/serve.log``."""

    repo: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    started: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{BASE}/"

    @property
    def log(self) -> str:
        return (self.repo / "serve.log").read_text(encoding="utf-8", errors="replace")

    def start(self, timeout: float = 600) -> float:
        """Start serve; the seconds until it answers (its first build)."""
        self.started = time.perf_counter()
        with (self.repo / "serve.log").open("w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                [sys.executable, "build.py", "serve", "--adresse", f"127.0.0.1:{self.port}"],
                cwd=self.repo,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.wait(lambda: self.get("") is not None, timeout, "le premier affichage du site")
        return time.perf_counter() - self.started

    def get(self, path: str) -> str | None:
        """The page at ``path`` (under the site's address), or None if there is none yet."""
        if self.process is not None and self.process.poll() is not None:
            raise Failure(
                f"serve s'est arrêté (code {self.process.returncode}) :\n{self.log[-3000:]}"
            )
        try:
            with urllib.request.urlopen(self.url + path, timeout=120) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        """Poll ``condition`` every 20 ms; the seconds it took to hold."""
        start = time.perf_counter()
        while not condition():
            if time.perf_counter() - start > timeout:
                raise Failure(f"{what} : rien après {timeout:.0f} s\n{self.log[-3000:]}")
            time.sleep(0.02)
        return time.perf_counter() - start

    def rebuilds(self) -> int:
        """How many rebuilds serve has finished."""
        return sum(self.log.count(line) for line in DONE)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def edit_resume(path: Path, sentence: str) -> None:
    """Put ``sentence`` at the start of the territory's ``resume`` (block text)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("resume: |") + 1
    lines[at] = f"  {sentence} {lines[at].strip()}"
    path.write_text("\n".join(lines), encoding="utf-8")


def one_edit(serving: Serving, number: int, sentence: str) -> tuple[float, float]:
    """Write ``sentence`` into territory ``number``: (seconds until its page shows it,
    seconds until serve has finished rebuilding)."""
    done = serving.rebuilds()
    page = f"territoires/territoire-{number}/"
    start = time.perf_counter()
    edit_resume(serving.repo / "territoires" / f"territoire-{number}.yml", sentence)
    serving.wait(lambda: sentence in (serving.get(page) or ""), 300, "la page modifiée")
    to_page = time.perf_counter() - start
    serving.wait(lambda: serving.rebuilds() > done, 300, "la fin de la reconstruction")
    return to_page, time.perf_counter() - start


def measure(repo: Path, n: int, edits: int) -> tuple[float, list[float], list[float]]:
    """(first build, edit → page, edit → whole site) in seconds, in ``repo``."""
    serving = Serving(repo)
    try:
        first = serving.start()
        to_page, to_site = [], []
        for k in range(edits):
            page, site = one_edit(serving, 37 * (k + 1) % n, f"Phrase-{k}-{time.time_ns()}")
            to_page.append(page)
            to_site.append(site)
            print(f"  modification {k + 1} : page {page:.2f} s, site {site:.2f} s", file=sys.stderr)
        return first, to_page, to_site
    finally:
        serving.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="territoires (par défaut : 1000)")
    parser.add_argument("--modifications", type=int, default=5, help="par défaut : 5")
    parser.add_argument("--avant", default=BEFORE, help=f"commit « avant » (par défaut {BEFORE})")
    parser.add_argument("--sans-avant", action="store_true", help="mesurer l'arbre de travail seul")
    args = parser.parse_args()
    versions = (
        [("après", None)] if args.sans_avant else [("avant", resolve(args.avant)), ("après", None)]
    )
    rows = {}
    with tempfile.TemporaryDirectory(prefix="rv-serve-bench-") as tmp:
        for label, commit in versions:
            print(f"… {label} : {args.n} territoires", file=sys.stderr, flush=True)
            repo = repository(Path(tmp) / label, args.n, commit)
            first, to_page, to_site = measure(repo, args.n, args.modifications)
            rows[label] = (first, statistics.median(to_page), statistics.median(to_site))
    print(f"{args.n} territoires, médiane de {args.modifications} modifications d'un territoire")
    print(f"{'':28}" + "".join(f"{label:>10}" for label in rows))
    names = ("première construction", "modification → page", "modification → site entier")
    for i, name in enumerate(names):
        print(f"{name:28}" + "".join(f"{row[i]:>9.2f}s" for row in rows.values()))
    return 0


if __name__ == "__main__":
    run(main, browser=False)
