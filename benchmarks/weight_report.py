"""What ``benchmarks/weight.py`` prints: the build's times, each page's first visit, the
search, and one line of budgets per N."""

from __future__ import annotations

from benchmarks.chromium import NOT_FOUND, QUERY, Search, Visit
from benchmarks.gzip_host import BASE, Hit
from benchmarks.synthetic import Build

BUDGET_FIRST_VISIT, BUDGET_QUERY, BUDGET_INDEX = 150.0, 300.0, 0.15  # KB, KB, share
# N → largest first visit in KB gzip with Material's search, whose index every page loads:
# this script on commit df6b6a5 (the glossary at N = 0, then the list of territories; the
# home page: 194, 629 and 2,322 KB). The issue quoted 191 and 761 KB for the home page.
BEFORE = {0: 207, 1000: 643, 5000: 2387}


def largest(hits: list[Hit]) -> str:
    if not hits:
        return "—"
    big = max(hits, key=lambda h: h.sent)
    return f"{big.path.removeprefix(BASE) or '/'} ({big.sent / 1000:.1f})"


def print_visits(visits: list[Visit], detail: bool) -> None:
    width = max(len("page"), *(len(v.page.label) for v in visits))
    print(
        f"{'page':<{width}} {'requêtes':>8} {'Ko gzip':>8} {'Ko brut':>8} {'nœuds DOM':>9}  "
        "plus grosse ressource (Ko gzip)"
    )
    for v in visits:
        print(
            f"{v.page.label:<{width}} {len(v.hits):>8} {v.sent:>8.1f} {v.raw:>8.1f} "
            f"{v.nodes:>9}  {largest(v.hits)}"
        )
        if detail:
            print_hits(v.hits)
        statuses = [f"{h.status} {h.path}" for h in v.hits if h.status >= 400]
        if statuses and v.page != NOT_FOUND:
            print(f"    ERREUR, réponses en erreur : {', '.join(statuses)}")
    for v in visits:
        for url in v.offsite:
            where = f"{v.page.label} ({v.page.path or '/'})"
            print(f"ERREUR : requête vers un tiers depuis {where} : {url}")


def print_hits(hits: list[Hit]) -> None:
    for h in hits:
        print(f"    {h.status} {h.path:<60} {h.raw / 1000:>8.1f} Ko brut {h.sent / 1000:>8.1f} Ko")


def print_build(n: int, b: Build) -> None:
    mkdocs = f"{b.mkdocs:.2f} s" if b.mkdocs is not None else "non lu dans le journal"
    print(f"\nN = {n} : build.py build --sans-pdf en {b.total:.2f} s, dont MkDocs {mkdocs}")
    if b.index is None:
        print("Index de recherche : non mesuré")
        return
    where = "compris dans le temps de MkDocs" if b.index_in_mkdocs else "après MkDocs"
    share = f" = {b.index / b.html:.1%} du HTML seul ({b.html:.2f} s)" if b.html else ""
    print(f"{b.index_label}, {b.index:.2f} s ({where}){share}")


def print_search(query: Search | None, detail: bool) -> None:
    if query is None:
        print("Recherche : aucun champ de recherche ni page recherche/")
        return
    results = "résultats non reconnus" if query.results is None else f"{query.results} résultats"
    print(
        f"Recherche « {QUERY} » ({query.how}) : +{query.sent:.1f} Ko gzip, "
        f"{len(query.hits)} requêtes, {results} en {query.seconds:.2f} s "
        f"(après une première visite de l'accueil de {query.first_visit.sent:.1f} Ko) ; "
        f"plus grosse ressource : {largest(query.hits)}"
    )
    if detail:
        print_hits(query.hits)
    for url in query.offsite:
        print(f"ERREUR : requête vers un tiers pendant la recherche : {url}")


def ok(good: bool) -> str:
    return "✓" if good else "✗"


def summary(n: int, b: Build, visits: list[Visit], query: Search | None) -> str:
    """One line for ``n``: the heaviest first visit, the query, the indexing, each against
    its budget."""
    heaviest = max(visits, key=lambda v: v.sent)
    before = f" (avant, recherche de Material : {BEFORE[n]} Ko)" if n in BEFORE else ""
    text = (
        f"N={n:<5} première visite max {heaviest.sent:.1f} Ko gzip ({heaviest.page.label}) "
        f"{ok(heaviest.sent <= BUDGET_FIRST_VISIT)}{before} ; "
    )
    if query is None:
        text += "requête : pas de recherche ; "
    else:
        text += (
            f"requête +{query.sent:.1f} Ko gzip ({len(query.hits)} req.) "
            f"{ok(query.sent <= BUDGET_QUERY)} ; "
        )
    text += f"HTML {b.html:.2f} s ; " if b.html is not None else "HTML non lu ; "
    if b.index is None:
        return text + "index non mesuré"
    share = b.index / b.html if b.html else None
    verdict = f" ({share:.1%}) {ok(share <= BUDGET_INDEX)}" if share is not None else ""
    return text + f"index {b.index:.2f} s{verdict}"
