"""« python build.py serve »: the live preview, where an edit shows in a second or two.

The engine's own ``serve`` builds the whole site again at every change (22 s at 1,000
territories). Here, the engine's server (its file watching and browser reloading) calls
:meth:`LiveSite.rebuild`, which, when only record files changed:

1. reloads the index, reading again only the changed files (:class:`RecordCache`), and
   stops there if they hold errors: the report in the console and at the top of every page
   served, the site left as it was, the server still up;
2. makes the page of each edited territory, converts and writes it if it changed, and lets
   the browsers reload: the editor sees the edit;
3. then, pages still served meanwhile, generates the whole site again and re-renders only
   the pages and files whose source changed (the balises listing the territory, its
   neighbours, the lists…), so that every page equals what a full build gives; the search
   index is rebuilt if its records changed. An edit arriving meanwhile stops this step,
   which starts over after it.

Anything else (a new or removed page, the sidebar, the code, ``docs/``, ``mkdocs.yml``) gets
a full build, into a fresh folder that replaces the served one only if it succeeds.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as engine_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import _serve_url

from hooks.core.context import Feature
from hooks.engine import pagefind
from hooks.engine.incremental import (
    EngineState,
    NeedsFullBuild,
    RecordCache,
    own_pages,
    site_sources,
)
from hooks.engine.serveur import Server
from hooks.recherche.records import search_records
from hooks.site import FEATURES, generate_site
from hooks.urls import page_for
from schemas.errors import ErreursDeValidation
from schemas.history import History, read_history
from schemas.index import Index, load_index
from schemas.kinds import KINDS, METADATA_FILE
from schemas.permanence import verify

log = logging.getLogger("mkdocs.hooks.referentiel.serve")
RECORD_FOLDERS = tuple(kind.folder + "/" for kind in KINDS)


class Superseded(Exception):
    """Another edit arrived while the whole site was being generated again."""


class LiveSite:
    """The served site, and what changes to it at each edit."""

    def __init__(self, root: Path, address: str) -> None:
        self.root = root
        self.address = address
        self.cache = RecordCache()
        self.server: Server | None = None
        self.state: EngineState | None = None
        self.served: Path | None = None  # the folder being served
        self.seen: dict[str, tuple[int, int]] = {}  # watched files: (mtime, size)
        self.url = ""
        self.behind = False  # some pages may not show the last change yet

    def config(self, site_dir: Path) -> MkDocsConfig:
        """The engine's configuration, served from ``site_dir`` on our address."""
        config = load_config(
            str(self.root / "mkdocs.yml"), site_dir=str(site_dir), dev_addr=self.address
        )
        host, port = config.dev_addr
        config.site_url = self.url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
        return config

    def full_build(self) -> None:
        """Build everything into a fresh folder, served once the build succeeds."""
        target = Path(tempfile.mkdtemp(prefix="rv-serve-"))
        config = self.config(target)
        state = EngineState.watching(config)
        try:
            with self.cache.active():
                engine_build(config, serve_url=self.url)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        state.after_build()
        old, self.served, self.state, self.behind = self.served, target, state, False
        self.seen = self.watched()
        if self.server is not None:
            self.server.root = str(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def watched_paths(self) -> list[Path]:
        assert self.state is not None
        config = self.state.config
        return [Path(config.docs_dir), Path(config.config_file_path), *map(Path, config.watch)]

    def watched(self) -> dict[str, tuple[int, int]]:
        """Every watched file, by path relative to the root: its mtime and size."""
        found = {}
        for top in self.watched_paths():
            files = [top] if top.is_file() else top.rglob("*")
            for path in files:
                if "__pycache__" in path.parts or not path.is_file():
                    continue
                info = path.stat()
                found[path.relative_to(self.root).as_posix()] = (info.st_mtime_ns, info.st_size)
        return found

    def rebuild(self) -> None:
        """What the server calls when a watched file changes (see the module's docstring).

        It never raises: a rebuild that fails leaves the site served as it was (the server
        would otherwise hold every request), and the next change builds everything."""
        try:
            try:
                self._update()
            except NeedsFullBuild as reason:
                self._full(str(reason))
        except Superseded:
            self.behind = True  # the next rebuild completes the site, even with no change
            log.info("Une autre modification arrive : la suite attendra")
        except (MkDocsException, Abort) as error:
            self.seen = {}
            print(
                f"\nÉchec de la construction, le site servi reste celui d'avant.\n{error}",
                file=sys.stderr,
            )
        except Exception:  # a bug of ours: its trace, for whoever fixes it
            self.seen = {}
            log.exception("Erreur imprévue : le site servi reste celui d'avant")

    def _update(self) -> None:
        assert self.server is not None
        now = self.watched()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        if not changed and not self.behind:
            return
        records = {p for p in changed if p.startswith(RECORD_FOLDERS) or p == METADATA_FILE}
        if changed - records or self.state is None:
            raise NeedsFullBuild(f"{len(changed - records)} fichier(s) hors des fiches modifié(s)")
        loaded = self.load()
        if loaded is None:
            return
        index, history = loaded
        # territoires/<id>.yml, or one of its experiences: territoires/<id>/<experience>.yml
        ids = {
            p.split("/")[1].removesuffix(".yml") for p in records if p.startswith("territoires/")
        }
        self.state.unchanged_for_every_page(index)
        made = self.state.apply(own_pages(index, history, ids))
        log.info("Page du territoire modifié réécrite (%d page)", made)
        self.server.publish()
        self._complete(index, history)

    def load(self) -> tuple[Index, History | None] | None:
        """The index and the history, or None after showing the errors (console, pages)."""
        assert self.server is not None
        history = read_history(self.root)
        try:
            with self.cache.active():
                index = load_index(self.root)
                verify(index, self.root, history)
        except ErreursDeValidation as errors:
            self.server.errors = errors.rapport()
            print(
                f"\n{errors.rapport()}\nLe site servi reste celui d'avant : corrigez ces "
                "erreurs, la page se mettra à jour.",
                file=sys.stderr,
            )
            return None
        if self.server.errors:
            log.info("Les erreurs sont corrigées.")
        self.server.errors = ""
        log.info("Index rechargé : %d fichier(s) relu(s)", self.cache.read)
        return index, history

    def _full(self, reason: str) -> None:
        log.info("Construction complète (%s)", reason)
        assert self.server is not None
        self.server.begin_writes()
        self.server.errors = ""
        self.full_build()

    def _complete(self, index: Index, history: History | None) -> None:
        """Every page generated again; those that changed converted and written."""
        assert self.server is not None and self.state is not None
        site = generate_site(index, history, features=tuple(self._watchful(f) for f in FEATURES))
        self.server.begin_writes()
        made = self.state.apply(site_sources(site, index), nav=site.nav, complete=True)
        records = {page_for(e) for e in index.entries.values()}
        others = {p.src_uri: p.markdown for p in site.pages if p.src_uri not in records}
        self.behind = False
        log.info("Site à jour : %d page(s) ou fichier(s) réécrit(s)", made)
        if made:
            self._search(index, others)

    def _watchful(self, feature: Feature) -> Feature:
        """``feature``, stopping when another edit arrives."""
        assert self.server is not None
        server = self.server

        def check(function):
            def run(ctx):
                if server.pending():
                    raise Superseded
                return function(ctx)

            return run

        return dataclasses.replace(feature, pages=check(feature.pages), files=check(feature.files))

    def _search(self, index: Index, others: dict[str, str]) -> None:
        """The search index made again from the new records."""
        assert self.state is not None
        job = pagefind.start(lambda: search_records(index, others))
        count = job.finish(Path(self.state.config.site_dir))
        log.info("Index de recherche refait : %d entrées", count)


def serve(root: Path, address: str) -> int:
    """Build, then serve on ``address`` until Ctrl+C; 1 if the first build fails."""
    site = LiveSite(root, address)
    try:
        site.full_build()
    except (MkDocsException, Abort) as error:
        print(error, file=sys.stderr)
        return 1
    assert site.state is not None and site.served is not None
    host, port = site.state.config.dev_addr
    mount = urlsplit(site.url).path
    server = Server(site.rebuild, host, port, str(site.served), mount_path=mount)
    site.server = server
    server.error_handler = lambda code: _error_page(site, code)
    for path in site.watched_paths():
        server.watch(str(path))
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by another program: clean up too
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Arrêt.")
    finally:
        server.shutdown()
        if site.served is not None:
            shutil.rmtree(site.served, ignore_errors=True)
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _error_page(site: LiveSite, code: int) -> bytes | None:
    """The site's own 404 page."""
    page = site.served / f"{code}.html" if site.served else None
    return page.read_bytes() if page is not None and page.is_file() else None
