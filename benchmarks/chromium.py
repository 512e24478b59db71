"""One page of each kind of :data:`hooks.page_kinds.PAGE_KINDS`, visited in Debian's
chromium as a first visit, and what it cost (``benchmarks/weight.py`` and
``benchmarks/ecoconception.py``); one search typed as a reader would (``weight.py``).

    browser = launch(playwright)
    with serving(site) as host:
        seen = [visit(browser, host, page) for page in pages_to_visit(site)]
    seen[0].sent, seen[0].nodes  # KB gzip transferred, DOM nodes

Each page opens in a fresh context (an empty cache) with Playwright, ``/usr/bin/chromium``
(no browser downloaded), and is measured once the network is idle. Chromium resolves no host
but 127.0.0.1: a request to another is seen, and nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.gzip_host import Hit, StaticHost
from benchmarks.synthetic import CHROMIUM, Failure
from hooks.page_kinds import PAGE_KINDS

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # said in French by synthetic.run, without a traceback
    sync_playwright = None
    PlaywrightError = Exception  # type: ignore[misc, assignment]  # never raised then

QUERY = "confiance"
SEARCH_FIELDS = "input[type=search], [role=searchbox], input[name=q]"
RESULTS = (
    ".rv-resultat, #rv-resultats li, .md-search-result__item, .pagefind-ui__result, "
    ".pagefind-modular-list-result, [data-pagefind-result], [data-resultat], .resultat, "
    ".resultats li, #resultats li, .search-result, .search-results li"
)


@dataclass(frozen=True)
class Page:
    """A page to visit: ``Page("balise", "Une balise", "balises/construire-le-recit/")``, the
    example of a kind of :data:`PAGE_KINDS` (its key and label), or a variant of the kind
    ``of``; ``path`` from the site's base, ``file`` the one of the built site that answers."""

    key: str
    label: str
    path: str
    of: str = ""
    file: str = ""

    @property
    def served(self) -> str:
        return self.file or self.path + "index.html"


KINDS = tuple(Page(kind.key, kind.label, kind.path) for kind in PAGE_KINDS)
HOME = next(page for page in KINDS if page.key == "accueil")  # where the search starts
# Pages visited besides the examples: another page of a kind, or a state of one.
SYNTHETIC = Page(
    "territoire_synthetique",
    "Un territoire synthétique",
    "territoires/territoire-0/",  # the first of benchmarks/scale.py
    of="territoire",
)
# An address the site does not have: the static host answers with 404.html.
NOT_FOUND = Page("introuvable", "Page introuvable (404)", "nope/", of="accueil", file="404.html")
VARIANTS = (SYNTHETIC, NOT_FOUND)


def pages_to_visit(site: Path, more: tuple[Page, ...] = ()) -> list[Page]:
    """The example of every page kind, the variants and ``more``, those that ``site`` has:
    each one it does not have (a commit before it, no synthetic territory) is printed."""
    pages = []
    for page in (*KINDS, *VARIANTS, *more):
        if (site / page.served).is_file():
            pages.append(page)
        else:
            print(f"Page absente de ce site, non visitée : {page.label} ({page.path or '/'})")
    return pages


def size_arguments(parser: argparse.ArgumentParser) -> None:
    """``--n`` and ``--chromium``, shared by weight.py and ecoconception.py."""
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[0, 1000],
        help="nombres de territoires synthétiques (par défaut : 0 1000)",
    )
    parser.add_argument("--chromium", default=CHROMIUM, help=f"par défaut : {CHROMIUM}")


def launch(playwright, chromium: str = CHROMIUM):
    """Debian's chromium (no browser downloaded), resolving no host but 127.0.0.1."""
    if not Path(chromium).is_file():
        raise Failure(f"chromium introuvable ({chromium}) : apt-get install chromium")
    try:
        return playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                # no other host resolves: nothing leaves the machine, and we see it try
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
    except PlaywrightError as error:
        raise Failure(f"chromium ne démarre pas ({chromium}) : {error}") from None


@dataclass
class Visit:
    page: Page
    hits: list[Hit]
    nodes: int
    offsite: list[str]

    @property
    def sent(self) -> float:
        return sum(h.sent for h in self.hits) / 1000

    @property
    def raw(self) -> float:
        return sum(h.raw for h in self.hits) / 1000


def is_offsite(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1"


def open_page(browser, host: StaticHost, path: str):
    """A fresh context (empty cache) on ``path``, once the network is idle; returns the
    context, the page and the list where requests to other hosts are written."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    offsite: list[str] = []
    context.on("request", lambda r: offsite.append(r.url) if is_offsite(r.url) else None)
    tab = context.new_page()
    tab.goto(host.url + path, wait_until="networkidle", timeout=120_000)
    host.settle()
    return context, tab, offsite


def visit(browser, host: StaticHost, page: Page) -> Visit:
    """A first visit of ``page``: every response it caused, its DOM nodes, other hosts."""
    mark = len(host.since(0))
    try:
        context, tab, offsite = open_page(browser, host, page.path)
    except PlaywrightError as error:
        first = str(error).splitlines()[0]
        raise Failure(f"{page.label} ({host.url + page.path}) : {first}") from None
    try:
        nodes = tab.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    return Visit(page, host.since(mark), nodes, offsite)


@dataclass
class Search:
    how: str
    first_visit: Visit
    hits: list[Hit]
    results: int | None  # None: no result list recognised
    seconds: float
    offsite: list[str]

    @property
    def sent(self) -> float:
        return sum(h.sent for h in self.hits) / 1000


def search(browser, host: StaticHost, results_selector: str) -> Search | None:
    """One query, typed as a reader would, from a first visit of the home page: in its
    visible search field, then Enter; with Material's search, in its header field, results
    as one types; on ``recherche/`` if the home page has no field."""
    mark = len(host.since(0))
    context, tab, offsite = open_page(browser, host, "")
    try:
        start_path, enter = "", True
        field = tab.locator(SEARCH_FIELDS).locator("visible=true").first
        magnifier = tab.locator("label[for=__search]").first
        if field.count():
            how = "champ de l'en-tête de l'accueil, Entrée"
        elif magnifier.count():
            how = "Material : champ de l'en-tête (ou sa loupe), résultats à la frappe"
            field = tab.locator("input[data-md-component=search-query]")
            enter = False  # Material searches as one types
        elif (host.site / "recherche" / "index.html").is_file():
            how = "page recherche/ (pas de champ sur l'accueil), Entrée"
            start_path = "recherche/"
        else:
            return None
        nodes = tab.evaluate("document.getElementsByTagName('*').length")
        first_visit = Visit(HOME, host.since(mark), nodes, list(offsite))
        query_mark = len(host.since(0))
        start = time.perf_counter()
        if start_path:
            tab.goto(host.url + start_path, wait_until="networkidle", timeout=60_000)
            field = tab.locator(SEARCH_FIELDS).locator("visible=true").first
        if not field.is_visible():  # Material's field, folded behind its magnifier
            magnifier.click()
        field.click()
        tab.keyboard.type(QUERY, delay=30)
        if enter:
            tab.keyboard.press("Enter")
            tab.wait_for_load_state("load")
        try:
            tab.locator(results_selector).first.wait_for(state="visible", timeout=20_000)
            found: int | None = tab.locator(results_selector).count()
        except PlaywrightError:
            found = None
        seconds = time.perf_counter() - start
        tab.wait_for_load_state("networkidle")
        host.settle()
    finally:
        context.close()
    extra = [u for u in offsite if u not in first_visit.offsite]
    return Search(how, first_visit, host.since(query_mark), found, seconds, extra)
