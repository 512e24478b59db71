"""Does search find what a reader looks for? French reader queries, each with the pages it
should find, run by the site's own search page in Debian's chromium; prints hit@3 and MRR,
then how much the page moves when results arrive (CLS).

    python -m benchmarks.recherche                  # builds the working tree, in a temporary folder
    python -m benchmarks.recherche --commit HEAD~4  # builds a past commit instead
    python -m benchmarks.recherche --site site      # a site already built
    python -m benchmarks.recherche --detail         # and the first results of every query
    python -m benchmarks.recherche --requetes autres.yml   # other queries, same form
    python -m benchmarks.recherche --classement '{"metaWeights": {"mots_cles": 4}}'

The queries (``benchmarks/recherche.yml``) are written as readers type them: an élu's words
rather than the référentiel's, synonyms, no accents, a plural, a name, several words. They
are not the only ones search is judged on: a change that helps these and hurts other
plausible ones is no progress.

Each query runs through Pagefind's JavaScript API (``pagefind.search``) in the page
« Rechercher », once the page has run a search from its address: the module it loaded, with
the ranking options it set, answers (``--classement`` tries other options on top). A result
is the page it leads to (an experience: its anchor on its territory's page); a query is
found at rank r if one of its expected pages is the r-th result. hit@3: the share of queries
found in the first three results; MRR: the mean of 1/r (0 when none of the first 20 results
is expected). CLS: the layout shifts Chromium reports while « recherche/?q=coopération »
loads and writes its results, at 375 and 1280 px wide (Lighthouse measures the same).

Measured on 6 December 2026, 73 queries: before the ranking work (commit 17dcc3d), hit@3 =
0.84, MRR = 0.778, 8 queries without any expected page in the first 20 results (« clubs
d'entreprises », « circuits courts », « budget participatif »…), « coopération » finding its
enjeu 17th, CLS 0.141 at 375 px and 0.055 at 1280 px; after it, hit@3 = 1.00, MRR = 0.950,
CLS 0.000 at both widths. The same day, 28 more queries written from the records before
any measure (everyday words, a question, typos) and 7 places: before, hit@3 = 0.79 and 0.12,
MRR = 0.721 and 0.125; after the page's chercher() (question words, shortened typos, pages
with part of the words) and a territory's places indexed, hit@3 = 0.93 and 1.00, MRR =
0.799 and 1.000; the first 73 unchanged (MRR 0.957). All 108: MRR 0.843 -> 0.919.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for benchmarks, tests

from benchmarks.chromium import launch, sync_playwright
from benchmarks.gzip_host import serving
from benchmarks.synthetic import Failure, build, repository, resolve, run

DEPTH = 20  # results looked at per query

# What readers type, and the pages that answer it (any one of them counts).
QUERIES_FILE = Path(__file__).with_name("recherche.yml")
Queries = list[tuple[str, tuple[str, ...]]]

STATUS = "/résultat|Aucun/.test(document.getElementById('rv-statut').textContent)"
# The page's own search (``chercher`` of assets/recherche.js: question words left aside, a
# misspelt word shortened, pages with part of the words when none has them all), or
# Pagefind's alone for a site whose page has none.
SEARCH = """async ([words, depth, ranking]) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  if (ranking) await pagefind.options({ ranking });
  const page = await import(document.querySelector("script[src*='recherche.js']").src);
  const search = page.chercher
    ? await page.chercher(pagefind, words)
    : await pagefind.search(words);
  const datas = await Promise.all(search.results.slice(0, depth).map((r) => r.data()));
  const base = new URL("../", location.href);
  return datas.map((d) => {
    const target = new URL(d.meta.url || d.url, location.href);
    const title = d.meta.title || d.meta.nom || "";
    return [target.pathname.slice(base.pathname.length) + target.hash, title];
  });
}"""


# Cumulative Layout Shift of the search page opened with a query, as Lighthouse opens it: the
# layout shifts the browser reports until the results are written, none caused by input.
CLS = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 1000);
})"""
CLS_QUERY = "coopération"
WIDTHS = (375, 1280)


def rank(found: list[str], expected: tuple[str, ...]) -> int | None:
    """The rank (from 1) of the first expected page among ``found``, or None."""
    return next((i for i, page in enumerate(found, 1) if page in expected), None)


def load_queries(path: Path) -> Queries:
    """``words: [page, …]`` of a YAML file, in its order."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise Failure(f"requêtes illisibles ({path}) : {error}") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise Failure(f"{path} : écrivez une requête par ligne, « mots: [page/, page/] »")
    return [(str(words), tuple(map(str, pages))) for words, pages in data.items()]


def measure(
    site: Path, queries: Queries, chromium: str, ranking: dict | None
) -> list[tuple[str, int | None, list[tuple[str, str]]]]:
    """Every query's rank and first results, in the search page of ``site``."""
    missing = [p for _, pages in queries for p in pages if not (site / p.split("#")[0]).is_dir()]
    if missing:
        raise Failure(f"pages attendues absentes du site : {', '.join(sorted(set(missing)))}")
    measured = []
    with serving(site) as host, sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        tab = browser.new_page(locale="fr-FR")
        # One search typed as a reader would: the page loads Pagefind with its own options.
        tab.goto(host.url + "recherche/?q=territoire")
        tab.wait_for_function(STATUS)
        for words, expected in queries:
            results = [tuple(r) for r in tab.evaluate(SEARCH, [words, DEPTH, ranking])]
            measured.append((words, rank([page for page, _ in results], expected), results))
        browser.close()
    return measured


def layout_shift(site: Path, chromium: str) -> dict[int, float]:
    """CLS of the search page opened with :data:`CLS_QUERY`, at each of :data:`WIDTHS`."""
    shifts = {}
    with serving(site) as host, sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR")
            tab = context.new_page()
            tab.goto(host.url + "recherche/?q=" + CLS_QUERY)
            tab.wait_for_function(STATUS)
            shifts[width] = tab.evaluate(CLS)
            context.close()
        browser.close()
    return shifts


def report(measured: list[tuple[str, int | None, list[tuple[str, str]]]], detail: bool) -> None:
    for words, found, results in measured:
        print(f"{found or '—':>3}  {words}")
        if detail:
            for i, (page, title) in enumerate(results[:5], 1):
                print(f"       {i}. {title[:60]}  ({page})")
    n = len(measured)
    hits = sum(1 for _, r, _ in measured if r is not None and r <= 3)
    mrr = sum(1 / r for _, r, _ in measured if r) / n
    missed = sum(1 for _, r, _ in measured if r is None)
    print(
        f"\n{n} requêtes : hit@3 = {hits / n:.2f} ({hits}/{n}), MRR = {mrr:.3f}, "
        f"{missed} sans page attendue dans les {DEPTH} premiers résultats"
    )


def measure_site(site: Path, args: argparse.Namespace) -> None:
    report(measure(site, load_queries(args.requetes), args.chromium, args.classement), args.detail)
    shifts = layout_shift(site, args.chromium)
    print(
        f"Décalage de mise en page (CLS) de « recherche/?q={CLS_QUERY} » : "
        + ", ".join(f"{shift:.3f} à {width} px" for width, shift in shifts.items())
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="un site déjà construit (sinon : construit)")
    parser.add_argument("--commit", help="construire ce commit plutôt que l'arbre de travail")
    parser.add_argument("--detail", action="store_true", help="les 5 premiers résultats")
    parser.add_argument(
        "--requetes", type=Path, default=QUERIES_FILE, help=f"par défaut : {QUERIES_FILE.name}"
    )
    parser.add_argument(
        "--classement",
        type=json.loads,
        help="options de classement à essayer par-dessus celles de la page, en JSON : "
        '\'{"pageLength": 0.5, "metaWeights": {"title": 8}}\'',
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if args.site:
        if not (args.site / "pagefind" / "pagefind.js").is_file():
            raise Failure(f"{args.site} n'a pas d'index de recherche (pagefind/)")
        measure_site(args.site.resolve(), args)
        return 0
    with tempfile.TemporaryDirectory(prefix="rv-recherche-") as work:
        commit = resolve(args.commit) if args.commit else None
        repo = repository(Path(work) / "depot", 0, commit)
        what = commit or "l'arbre de travail"
        print(f"Construction de {what}…", file=sys.stderr, flush=True)
        build(repo)
        measure_site(repo / "site", args)
    return 0


if __name__ == "__main__":
    run(main)
