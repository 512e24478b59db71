"""The EcoIndex of every page kind at N territories, and what no page should load. Prints it.

    python benchmarks/ecoconception.py             # the shipped content, then 1,000 territories
    python benchmarks/ecoconception.py --n 0 5000  # other sizes
    python benchmarks/ecoconception.py --ecrire    # also writes qualite/ecoconception.json

Each N is built, served and visited as ``benchmarks/weight.py`` does: a copy of the working
tree with N synthetic territories, ``build.py build --sans-pdf`` (``benchmarks/synthetic.py``),
a static host that serves text gzip-compressed (``benchmarks/gzip_host.py``), and the example
page of every kind of ``hooks/page_kinds.py`` opened in Debian's chromium with an empty cache
(a first visit), measured once the network is idle (``benchmarks/chromium.py``); with them a
synthetic territory, the 404 page and the explorer's second page. A page the built site
lacks is printed and skipped. Each page is named by its kind's label, and its kind's key is
written beside it (``sorte``).

EcoIndex (https://www.ecoindex.fr, computed by the PyPI package ``ecoindex-compute``) turns
three figures of a page into a score out of 100 and a grade from A (score above 80) to G:
its DOM nodes, its requests and the KB it transfers. Here, as ``weight.py`` counts them:

- requests: every response of the first visit, the page itself included;
- KB: the bodies sent, gzip as a static host sends them (1 KB = 1,000 bytes, as the EcoIndex
  scraper divides its transfer size); headers, which the scraper adds, are left out: a few
  hundred bytes a request, less than a tenth of a point;
- DOM nodes: every element (``document.getElementsByTagName('*')``), the elements inside
  inline SVG icons included, which the scraper leaves out: a slightly stricter score.

Then it checks what a sober page never loads and prints every exception: a web font (a font
file requested, or ``@font-face`` in a stylesheet or page served), a request to any host but
the local one (chromium resolves none: the attempt is seen, nothing leaves the machine), and
it lists the images each page requests.

Target (issue « Every reader: accessible (RGAA / WCAG AA) and sober »): grade A on every page
kind at 1,000 territories. Exit code 1 if a page is not A, loads a font or calls a third party.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import mimetypes
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for benchmarks, tests

from benchmarks.chromium import (
    Page,
    Visit,
    launch,
    pages_to_visit,
    size_arguments,
    sync_playwright,
    visit,
)
from benchmarks.gzip_host import BASE, Hit, serving
from benchmarks.synthetic import build, repository, run
from tests.depot import ROOT

try:
    from ecoindex.compute import compute_ecoindex
except ImportError:  # said in French by the last lines of this file, without a traceback
    compute_ecoindex = None

OUTPUT = ROOT / "qualite" / "ecoconception.json"
TARGET = "A"
# Visited besides the pages of benchmarks/chromium.py, when the built site has it: the
# explorer's experiences go on over pages of PER_PAGE (hooks/territoires/explorer.py).
SECOND_PAGE = Page(
    "explorer_page_2", "Explorer les expériences, page 2", "explorer/2/", of="explorer"
)
FONT_FILES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
FONT_RULES = ("@font-face", "fonts.googleapis", "fonts.gstatic")


@dataclass
class Measure:
    """One page kind at one size of the site: EcoIndex's three figures, and what it loaded
    that a sober page should not (paths from the site's base, or full URLs)."""

    page: str  # the kind's label
    sorte: str  # the kind's key in hooks/page_kinds.py, or a variant's
    chemin: str
    requetes: int
    ko: float  # KB gzip, rounded to 0.1: the figure the score is computed from
    noeuds: int
    score: float
    note: str
    polices: list[str]
    tiers: list[str]
    images: list[str]


def ecoindex(nodes: int, kilobytes: float, requests: int) -> tuple[float, str]:
    """EcoIndex's score and grade for three figures of a page, computed in a thread of its
    own (the package is asynchronous, and Playwright holds this thread's event loop).

    >>> ecoindex(100, 100.0, 100)
    (72.0, 'B')
    """
    with ThreadPoolExecutor(1) as pool:
        coroutine = compute_ecoindex(nodes=nodes, size=kilobytes, requests=requests)
        result = pool.submit(asyncio.run, coroutine).result()
    return result.score, result.grade.value


def served_file(site: Path, hit: Hit) -> Path | None:
    """The file of the built site that answered ``hit`` (a folder: its index.html)."""
    file = site / hit.path.removeprefix(BASE)
    if file.is_dir():
        file = file / "index.html"
    return file if hit.status < 400 and file.is_file() else None


def fonts(site: Path, hits: list[Hit]) -> list[str]:
    """Font files requested, and stylesheets or pages that declare a web font."""
    found = []
    for hit in hits:
        path = hit.path.removeprefix(BASE) or "/"
        if path.lower().endswith(FONT_FILES):
            found.append(path)
            continue
        file = served_file(site, hit)
        if file is not None and file.suffix in (".css", ".html"):
            text = file.read_text(encoding="utf-8", errors="replace")
            found += [f"{path} ({rule})" for rule in FONT_RULES if rule in text]
    return found


def images(hits: list[Hit]) -> list[str]:
    """The images requested (by their type, as the host serves them)."""
    kinds = ((h.path, mimetypes.guess_type(h.path)[0] or "") for h in hits)
    return [path.removeprefix(BASE) for path, kind in kinds if kind.startswith("image/")]


def measure_visit(site: Path, seen: Visit) -> Measure:
    kilobytes = round(seen.sent, 1)
    score, grade = ecoindex(seen.nodes, kilobytes, len(seen.hits))
    return Measure(
        page=seen.page.label,
        sorte=seen.page.key,
        chemin=seen.page.path,
        requetes=len(seen.hits),
        ko=kilobytes,
        noeuds=seen.nodes,
        score=score,
        note=grade,
        polices=fonts(site, seen.hits),
        tiers=list(dict.fromkeys(seen.offsite)),
        images=images(seen.hits),
    )


def measure(n: int, work: Path, browser) -> list[Measure]:
    """Build the site with ``n`` synthetic territories and measure one page of each kind."""
    repo = repository(work / f"depot-{n}", n, None)
    print(f"… {n} territoires : construction", file=sys.stderr, flush=True)
    build(repo)
    site = repo / "site"
    pages = pages_to_visit(site, (SECOND_PAGE,))
    print(f"… {n} territoires : {len(pages)} pages visitées", file=sys.stderr, flush=True)
    with serving(site) as host:
        return [measure_visit(site, visit(browser, host, page)) for page in pages]


# --- Report -----------------------------------------------------------------------------


def print_table(n: int, measures: list[Measure]) -> None:
    width = max(len("page"), *(len(m.page) for m in measures))
    print(f"\nN = {n} territoires synthétiques")
    print(
        f"{'page':<{width}} {'requêtes':>8} {'Ko gzip':>8} {'nœuds DOM':>9} {'score':>6} "
        f"{'note':>5} {'images':>7}"
    )
    for m in measures:
        print(
            f"{m.page:<{width}} {m.requetes:>8} {m.ko:>8.1f} {m.noeuds:>9} {m.score:>6.0f} "
            f"{m.note:>5} {len(m.images):>7}"
        )
    for m in measures:
        for font in m.polices:
            print(f"ERREUR : police web sur {m.page} ({m.chemin or '/'}) : {font}")
        for url in m.tiers:
            print(f"ERREUR : requête vers un tiers depuis {m.page} ({m.chemin or '/'}) : {url}")
        if m.images:
            print(f"Images demandées par {m.page} : {', '.join(m.images)}")


def summary(n: int, measures: list[Measure]) -> tuple[str, bool]:
    """One line for ``n``, and whether every check passed."""
    worst = max(m.note for m in measures)
    below = [f"{m.page} ({m.note}, {m.score:.0f})" for m in measures if m.note > TARGET]
    with_fonts = [m.page for m in measures if m.polices]
    offsite = [m.page for m in measures if m.tiers]
    image_count = sum(len(m.images) for m in measures)
    text = (
        f"N={n:<5} pire note {worst} ; pas {TARGET} : {', '.join(below) or 'aucune'} ; "
        f"polices web : {', '.join(with_fonts) or 'aucune'} ; "
        f"requêtes vers un tiers : {', '.join(offsite) or 'aucune'} ; "
        f"images : {image_count} sur {len(measures)} pages"
    )
    return text, not (below or with_fonts or offsite)


def tool_versions(browser) -> dict[str, str]:
    return {
        "ecoindex-compute": version("ecoindex-compute"),
        "chromium": browser.version,
        "playwright": version("playwright"),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "pagefind": version("pagefind"),
        "python": platform.python_version(),
    }


def commit() -> str:
    """HEAD's hash, with « + modifications » if the working tree differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("rev-parse", "--short=12", "HEAD") or "inconnu"
    changed = git("status", "--porcelain", "--untracked-files=no")
    return f"{head} + modifications" if changed else head


def write(results: dict[int, list[Measure]], tools: dict[str, str], path: Path) -> None:
    data = {
        "date": date.today().isoformat(),
        "commit": commit(),
        "outils": tools,
        "cible": f"note {TARGET} pour chaque sorte de page à 1 000 territoires",
        "mesures": [
            {"territoires": n, "pages": [asdict(m) for m in measures]}
            for n, measures in results.items()
        ],
    }
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Écrit : {path.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument(
        "--ecrire", action="store_true", help=f"écrire les mesures dans {OUTPUT.relative_to(ROOT)}"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="rv-eco-") as tmp:
        browser = launch(playwright, args.chromium)
        results = {n: measure(n, Path(tmp), browser) for n in args.n}
        tools = tool_versions(browser)
        browser.close()
    for n, measures in results.items():
        print_table(n, measures)
    lines = [summary(n, measures) for n, measures in results.items()]
    print(f"\nRésumé (cible : note {TARGET} partout, aucune police web, aucun tiers) :")
    print("\n".join(text for text, _ in lines))
    print(f"Durée du banc : {time.perf_counter() - start:.0f} s")
    if args.ecrire:
        write(results, tools, OUTPUT)
    return 0 if all(passed for _, passed in lines) else 1


if __name__ == "__main__":
    if compute_ecoindex is None:
        sys.exit('ecoindex-compute absent : pip install "ecoindex-compute>=5.10,<6"')
    run(main)
