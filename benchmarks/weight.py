"""What does a reader download, first visit and one search, at N territories? Prints figures.

    python benchmarks/weight.py                  # the shipped content, then 1,000 territories
    python benchmarks/weight.py --n 0 1000 5000  # other sizes (5,000: minutes to build)
    python benchmarks/weight.py --commit HEAD    # a commit instead of the working tree
    python benchmarks/weight.py --detail         # also every request of every page

For each N it copies the repository (or ``git archive`` of the commit) into a temporary
folder, adds N synthetic territories (those of ``benchmarks/scale.py``), times
``python build.py build --sans-pdf`` and reads in its log MkDocs' time and the search
indexing time (``benchmarks/synthetic.py``; without any line: « non mesuré »).

Then it serves the site on 127.0.0.1 under its base path ``/referentiel-vivant/`` as a
static host does (``benchmarks/gzip_host.py``: text gzip-compressed at level 6; images and
Pagefind's own gzip files as they are), and opens in Debian's chromium the example page of
every kind of ``hooks/page_kinds.py``, a synthetic territory and a missing address (the 404
page), each in a fresh context: an empty cache, a first visit (``benchmarks/chromium.py``;
a page the built site lacks is printed and skipped). Once the network is idle it prints, per
page: requests, KB transferred (the response bodies the server sent, gzip; headers not
counted; 1 KB = 1,000 bytes), KB uncompressed, DOM nodes
(``document.getElementsByTagName('*').length``) and the largest resource. A request to
any host but 127.0.0.1 is printed as an error (chromium resolves no other host: nothing
leaves the machine, but the attempt is seen).

Then one search, from a first visit of the home page: « confiance » typed in the visible
search field (``input[type=search]``, ``role=searchbox``, ``name=q``), then Enter (a
header form that leads to ``recherche/`` is followed); with Material's search, in its
header field (opened by the magnifier if folded), whose results come as one types; on
``recherche/`` if the home page has no field. It waits for the results (``--resultats``)
and for the network to be idle, and prints what the query downloaded beyond the visit.

Budgets (issue « Readers: search and filters that stay light at 5,000 territories »):
first visit ≤ 150 KB gzip whatever N, one search query ≤ 300 KB gzip more, the indexing
step ≤ 15 % of the HTML build time. Before: see ``BEFORE`` in ``benchmarks/weight_report.py``,
measured with this script.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for benchmarks, tests

from benchmarks.chromium import (
    RESULTS,
    PlaywrightError,
    launch,
    pages_to_visit,
    search,
    size_arguments,
    sync_playwright,
    visit,
)
from benchmarks.gzip_host import GZIP_LEVEL, serving
from benchmarks.synthetic import build, repository, resolve, run
from benchmarks.weight_report import (
    BUDGET_FIRST_VISIT,
    BUDGET_INDEX,
    BUDGET_QUERY,
    print_build,
    print_search,
    print_visits,
    summary,
)
from tests.depot import ROOT


def measure(n: int, work: Path, browser, options: argparse.Namespace) -> str:
    """Build, visit and search the site at ``n`` synthetic territories; prints what each
    cost and returns the summary's line."""
    repo = repository(work / f"depot-{n}", n, options.commit)
    print(f"… {n} territoires : construction", file=sys.stderr, flush=True)
    b = build(repo)
    print_build(n, b)
    with serving(repo / "site") as host:
        print(f"… {n} territoires : visites", file=sys.stderr, flush=True)
        visits = [visit(browser, host, page) for page in pages_to_visit(repo / "site")]
        print_visits(visits, options.detail)
        try:
            query = search(browser, host, options.resultats)
            print_search(query, options.detail)
        except PlaywrightError as error:
            query = None
            print(f"ERREUR : la recherche a échoué : {str(error).splitlines()[0]}")
    return summary(n, b, visits, query)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument(
        "--resultats",
        default=RESULTS,
        metavar="CSS",
        help="sélecteur des résultats de recherche (par défaut : ceux de Material, Pagefind…)",
    )
    parser.add_argument(
        "--commit",
        metavar="RÉF",
        help="mesurer ce commit (git archive) au lieu de l'arbre de travail, ex. : HEAD",
    )
    parser.add_argument(
        "--detail", action="store_true", help="afficher chaque requête de chaque page"
    )
    args = parser.parse_args()
    if args.commit:
        args.commit = resolve(args.commit)
    source = f"commit {args.commit}" if args.commit else f"arbre de travail {ROOT}"
    print(f"Source : {source}")
    start = time.perf_counter()
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="rv-poids-") as tmp:
        browser = launch(playwright, args.chromium)
        lines = [measure(n, Path(tmp), browser, args) for n in args.n]
        browser.close()
    print(
        f"\nRésumé (budgets : première visite ≤ {BUDGET_FIRST_VISIT:.0f} Ko gzip, requête ≤ "
        f"{BUDGET_QUERY:.0f} Ko gzip de plus, index ≤ {BUDGET_INDEX:.0%} du HTML ; "
        f"gzip niveau {GZIP_LEVEL}, 1 Ko = 1 000 octets) :"
    )
    print("\n".join(lines))
    print(f"Durée du banc : {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    run(main)
