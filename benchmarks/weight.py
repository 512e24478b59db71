"""What does a reader download, first visit and one search, at N territories? Prints figures.

    python benchmarks/weight.py                  # the shipped content, then 1,000 territories
    python benchmarks/weight.py --n 0 1000 5000  # other sizes (5,000: minutes to build)
    python benchmarks/weight.py --commit HEAD    # a commit instead of the working tree
    python benchmarks/weight.py --detail         # also every request of every page

For each N it copies the repository (or ``git archive`` of the commit) into a temporary
folder, adds N synthetic territories (those of ``benchmarks/scale.py``), times
``python build.py build --sans-pdf`` and reads in its log MkDocs' time (« Documentation
built in … ») and the search indexing time, from a line « Index de recherche : 1 234
pages, 0,8 s » (or « … entrées en 0.8 s ») if the build writes one: when that line comes
before MkDocs' last one, indexing is part of MkDocs' time and the HTML build alone is the
difference. While Material's search plugin is in use, the script times the plugin itself
(the same line, « chronométré par weight.py »); without any line: « non mesuré ».

Then it serves the site on 127.0.0.1 under its base path ``/referentiel-vivant/`` as a
static host does (folder → ``index.html``, ``404.html``, text gzip-compressed at level 6
with ``Content-Encoding: gzip``; images and Pagefind's own gzip files as they are), and
opens one page of each kind in Debian's chromium (Playwright, ``/usr/bin/chromium``, no
browser downloaded), each in a fresh context: an empty cache, a first visit. Once the
network is idle it prints, per page: requests, KB transferred (the response bodies the
server sent, gzip; headers not counted; 1 KB = 1,000 bytes), KB uncompressed, DOM nodes
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
step ≤ 15 % of the HTML build time. Before: see ``BEFORE``, measured with this script.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import mimetypes
import re
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.depot
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for scale.py, beside this file

from scale import add_territories

from tests.depot import ROOT, copy_repository

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # said in French by the last lines of this file, without a traceback
    sync_playwright = None

BASE = "/referentiel-vivant/"  # site_url's path, as GitHub Pages serves the site
CHROMIUM = "/usr/bin/chromium"
QUERY = "confiance"
BUDGET_FIRST_VISIT, BUDGET_QUERY, BUDGET_INDEX = 150.0, 300.0, 0.15  # KB, KB, share
# N → largest first visit in KB gzip with Material's search, whose index every page loads:
# this script on commit df6b6a5 (the glossary at N = 0, then the list of territories; the
# home page: 194, 629 and 2,322 KB). The issue quoted 191 and 761 KB for the home page.
BEFORE = {0: 207, 1000: 643, 5000: 2387}
GZIP_LEVEL = 6  # gzip's and nginx's usual level
# what a static host compresses: text, by its type (images, fonts, archives and Pagefind's
# files, gzip-compressed already, go as they are)
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
    "application/wasm",
)
SEARCH_FIELDS = "input[type=search], [role=searchbox], input[name=q]"
RESULTS = (
    ".rv-resultat, #rv-resultats li, .md-search-result__item, .pagefind-ui__result, "
    ".pagefind-modular-list-result, [data-pagefind-result], [data-resultat], .resultat, "
    ".resultats li, #resultats li, .search-result, .search-results li"
)
# (kind, folder): the first page found in the folder, in the built site
RECORD_PAGES = (
    ("enjeu", "enjeux"),
    ("balise", "balises"),
    ("mode de faire", "modes-de-faire"),
    ("dispositif", "dispositifs"),
    ("chapitre", "chapitres"),
    ("parcours", "parcours"),
)
FIXED_PAGES = (
    ("liste des territoires", "territoires/"),
    ("glossaire (concepts)", "concepts/"),
    ("contribuer", "contribuer/"),
    ("nouveautés", "nouveautes/"),
    ("données ouvertes", "donnees/"),
    ("versions", "versions/"),
    ("404", "nope/"),
)
OPTIONAL_PAGES = (
    ("recherche", "recherche/"),
    ("explorateur", "explorer/"),
    ("grille d'atelier", "atelier/grille/"),
    ("grille d'atelier, un enjeu", "atelier/grille/engagement/"),
    ("kit d'atelier", "atelier/"),
)

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
HTML_LINE = re.compile(r"Documentation built in ([\d.]+) seconds")


class Failure(Exception):
    """An expected failure, reported in one sentence instead of a traceback."""


# --- Build ------------------------------------------------------------------------------


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
        return Build(total, float(html[1]) if html else None, None, "", False)
    line = ours[-1]
    count = re.sub(r"\D", "", line[2])
    return Build(
        total=total,
        mkdocs=float(html[1]) if html else None,
        index=float(line[4].replace(",", ".")),
        index_label=f"{line[1].strip()} : {count} {line[3]}",
        index_in_mkdocs=html is not None and line.start() < html.start(),
    )


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


def real_territories(repo: Path, n: int) -> set[str]:
    """The ids of the territories in ``repo`` that ``add_territories`` did not make."""
    synthetic = {f"territoire-{i}" for i in range(n)}
    return {p.stem for p in (repo / "territoires").glob("*.yml")} - synthetic


# --- A static host ----------------------------------------------------------------------


@dataclass
class Hit:
    path: str
    status: int
    raw: int  # bytes of the file
    sent: int  # bytes of the body sent: gzip if the client accepts it


class StaticHost(http.server.ThreadingHTTPServer):
    """Serves ``site`` under ``BASE`` as GitHub Pages would: folder → index.html, 404.html
    for what does not exist, text gzip-compressed; remembers every response."""

    daemon_threads = True

    def __init__(self, site: Path) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.site = site.resolve()
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self._gzipped: dict[Path, bytes] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{BASE}"

    def gzipped(self, path: Path, data: bytes) -> bytes:
        with self.lock:
            if path not in self._gzipped:
                self._gzipped[path] = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
            return self._gzipped[path]

    def record(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def since(self, mark: int) -> list[Hit]:
        with self.lock:
            return self.hits[mark:]

    def settle(self, quiet: float = 0.5, limit: float = 15.0) -> None:
        """Wait until no request has come for ``quiet`` seconds."""
        end = time.monotonic() + limit
        count = -1
        while time.monotonic() < end:
            with self.lock:
                now = len(self.hits)
            if now == count:
                return
            count = now
            time.sleep(quiet)

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-response
            super().handle_error(request, client_address)


class Handler(http.server.BaseHTTPRequestHandler):
    server: StaticHost

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        file, status = self._resolve(path)
        if file is None:  # a folder without its final slash
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.record(Hit(path, 301, 0, 0))
            return
        data = file.read_bytes()
        body = data
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        if kind.startswith("text/") or kind in ("application/json", "application/javascript"):
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        compressible = kind.startswith(COMPRESSIBLE) and data[:2] != b"\x1f\x8b"  # not gzip
        if compressible and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.server.gzipped(file, data)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' header
        self.end_headers()
        self.wfile.write(body)
        self.server.record(Hit(path, status, len(data), len(body)))

    def _resolve(self, path: str) -> tuple[Path | None, int]:
        site = self.server.site
        missing = site / "404.html", 404
        if not path.startswith(BASE):
            return missing
        file = (site / path[len(BASE) :]).resolve()
        if not file.is_relative_to(site):
            return missing
        if file.is_dir():
            if not path.endswith("/"):
                return None, 301
            file = file / "index.html"
        return (file, 200) if file.is_file() else missing

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: every response is in server.hits


@contextmanager
def serving(site: Path) -> Iterator[StaticHost]:
    """``site`` served on 127.0.0.1 (in a thread) for as long as the block lasts."""
    host = StaticHost(site)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    try:
        yield host
    finally:
        host.shutdown()
        host.server_close()


# --- Browser ----------------------------------------------------------------------------


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
    kind: str
    path: str
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
    page = context.new_page()
    page.goto(host.url + path, wait_until="networkidle", timeout=120_000)
    host.settle()
    return context, page, offsite


def visit(browser, host: StaticHost, kind: str, path: str) -> Visit:
    mark = len(host.since(0))
    try:
        context, page, offsite = open_page(browser, host, path)
    except PlaywrightError as error:
        raise Failure(f"{kind} ({host.url + path}) : {str(error).splitlines()[0]}") from None
    try:
        nodes = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    return Visit(kind, path, host.since(mark), nodes, offsite)


def pages_to_visit(site: Path, real_territories: set[str]) -> list[tuple[str, str]]:
    """(kind, path from the base) of one page of each kind present in the built site."""

    def first(folder: str, keep=lambda name: True) -> str | None:
        pages = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        chosen = [name for name in pages if keep(name)]
        return f"{folder}/{chosen[0]}/" if chosen else None

    pages = [("accueil", "")]
    for kind, folder in RECORD_PAGES:
        pages.append((kind, first(folder)))
    pages.append(("territoire réel", first("territoires", lambda n: n in real_territories)))
    pages.append(("territoire synthétique", first("territoires", lambda n: n == "territoire-0")))
    pages.extend(FIXED_PAGES)
    pages.extend(p for p in OPTIONAL_PAGES if (site / p[1] / "index.html").is_file())
    return [(kind, path) for kind, path in pages if path is not None]


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
    """One query, typed as a reader would, from a first visit of the home page."""
    mark = len(host.since(0))
    context, page, offsite = open_page(browser, host, "")
    try:
        start_path, enter = "", True
        field = page.locator(SEARCH_FIELDS).locator("visible=true").first
        magnifier = page.locator("label[for=__search]").first
        if field.count():
            how = "champ de l'en-tête de l'accueil, Entrée"
        elif magnifier.count():
            how = "Material : champ de l'en-tête (ou sa loupe), résultats à la frappe"
            field = page.locator("input[data-md-component=search-query]")
            enter = False  # Material searches as one types
        elif (host.site / "recherche" / "index.html").is_file():
            how = "page recherche/ (pas de champ sur l'accueil), Entrée"
            start_path = "recherche/"
        else:
            return None
        nodes = page.evaluate("document.getElementsByTagName('*').length")
        first_visit = Visit("accueil", "", host.since(mark), nodes, list(offsite))
        query_mark = len(host.since(0))
        start = time.perf_counter()
        if start_path:
            page.goto(host.url + start_path, wait_until="networkidle", timeout=60_000)
            field = page.locator(SEARCH_FIELDS).locator("visible=true").first
        if not field.is_visible():  # Material's field, folded behind its magnifier
            magnifier.click()
        field.click()
        page.keyboard.type(QUERY, delay=30)
        if enter:
            page.keyboard.press("Enter")
            page.wait_for_load_state("load")
        try:
            page.locator(results_selector).first.wait_for(state="visible", timeout=20_000)
            found: int | None = page.locator(results_selector).count()
        except PlaywrightError:
            found = None
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        host.settle()
    finally:
        context.close()
    extra = [u for u in offsite if u not in first_visit.offsite]
    return Search(how, first_visit, host.since(query_mark), found, seconds, extra)


# --- Report -----------------------------------------------------------------------------


def largest(hits: list[Hit]) -> str:
    if not hits:
        return "—"
    big = max(hits, key=lambda h: h.sent)
    return f"{big.path.removeprefix(BASE) or '/'} ({big.sent / 1000:.1f})"


def print_visits(visits: list[Visit], detail: bool) -> None:
    print(
        f"{'page':<24} {'requêtes':>8} {'Ko gzip':>8} {'Ko brut':>8} {'nœuds DOM':>9}  "
        "plus grosse ressource (Ko gzip)"
    )
    for v in visits:
        print(
            f"{v.kind:<24} {len(v.hits):>8} {v.sent:>8.1f} {v.raw:>8.1f} {v.nodes:>9}  "
            f"{largest(v.hits)}"
        )
        if detail:
            print_hits(v.hits)
        statuses = [f"{h.status} {h.path}" for h in v.hits if h.status >= 400]
        if statuses and v.kind != "404":
            print(f"    ERREUR, réponses en erreur : {', '.join(statuses)}")
    for v in visits:
        for url in v.offsite:
            print(f"ERREUR : requête vers un tiers depuis {v.kind} ({v.path or '/'}) : {url}")


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
    heaviest = max(visits, key=lambda v: v.sent)
    before = f" (avant, recherche de Material : {BEFORE[n]} Ko)" if n in BEFORE else ""
    text = (
        f"N={n:<5} première visite max {heaviest.sent:.1f} Ko gzip ({heaviest.kind}) "
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


def measure(n: int, work: Path, browser, options: argparse.Namespace) -> str:
    repo = repository(work / f"depot-{n}", n, options.commit)
    print(f"… {n} territoires : construction", file=sys.stderr, flush=True)
    b = build(repo)
    print_build(n, b)
    with serving(repo / "site") as host:
        print(f"… {n} territoires : visites", file=sys.stderr, flush=True)
        pages = pages_to_visit(repo / "site", real_territories(repo, n))
        visits = [visit(browser, host, k, p) for k, p in pages]
        print_visits(visits, options.detail)
        try:
            query = search(browser, host, options.resultats)
            print_search(query, options.detail)
        except PlaywrightError as error:
            query = None
            print(f"ERREUR : la recherche a échoué : {str(error).splitlines()[0]}")
    return summary(n, b, visits, query)


def size_arguments(parser: argparse.ArgumentParser) -> None:
    """``--n`` and ``--chromium``, shared with benchmarks/ecoindex.py."""
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[0, 1000],
        help="nombres de territoires synthétiques (par défaut : 0 1000)",
    )
    parser.add_argument("--chromium", default=CHROMIUM, help=f"par défaut : {CHROMIUM}")


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


def run(main: Callable[[], int], browser: bool = True) -> NoReturn:
    """Run a benchmark's ``main``: a one-line French message, never a traceback, when
    Playwright is missing (if the benchmark drives a ``browser``), a build fails or the
    reader stops it."""
    if browser and sync_playwright is None:
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


if __name__ == "__main__":
    run(main)
