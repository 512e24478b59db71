"""What ``serve`` keeps between two rebuilds, so that an edit re-renders only what it changes.

Three pieces, each usable alone:

- :class:`RecordCache` reads each record file once per content: ``load_index`` then re-reads
  (and re-validates) only the files that changed, and still checks every cross-reference;
- :class:`EngineState` holds what the engine made in the last full build (its files, pages,
  navigation and template environment), and :meth:`EngineState.apply` hands it new page
  sources: only the pages whose source changed are converted and written again, with the
  engine's own functions, exactly as a full build would (a full build is asked for when the
  navigation or the set of pages changes);
- :func:`own_pages`: the page of each edited territory, from the new index, made in a few
  hundredths of a second, before the whole site is generated again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import schemas.index
from hooks.core.context import BuildContext
from hooks.core.glossary import Glossary
from hooks.core.versions import read_versions
from hooks.engine.export import copyright_line, page_source
from hooks.generated import Site
from hooks.territoires.fiches import territory_page
from hooks.territoires.proches import proches
from schemas.errors import Erreur
from schemas.history import History
from schemas.index import Index
from schemas.loader import Loaded

log = logging.getLogger("mkdocs.hooks.referentiel.serve")


class RecordCache:
    """Each record file read and validated once per content (keyed by its SHA-256)."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, str, bool], tuple[str, Loaded | None, list[Erreur]]] = {}
        self.read = 0  # files read again by the last load (for the log and the tests)

    @contextmanager
    def active(self) -> Iterator[None]:
        """While in this block, ``schemas.index.load_index`` reads through the cache."""
        original = schemas.index.load_record
        self.read = 0

        def load(root: Path, path: Path, model: type, erreurs: list[Erreur], **kw: bool):
            key = (str(path), model.__qualname__, kw.get("check_name", True))
            digest = _digest(path)
            known = self._done.get(key)
            if digest is None or known is None or known[0] != digest:
                found: list[Erreur] = []
                self.read += 1
                loaded = original(root, path, model, found, **kw)
                known = (digest or "", loaded, found)
                if digest is not None:
                    self._done[key] = known
            _, loaded, found = known
            erreurs.extend(found)
            # a fresh Loaded: load_index replaces a territory's data with its facts
            return None if loaded is None else Loaded(**vars(loaded))

        schemas.index.load_record = load
        try:
            yield
        finally:
            schemas.index.load_record = original


def _digest(path: Path) -> str | None:
    """The SHA-256 of a plain file, or None (a link, a folder: the loader says why)."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def own_pages(index: Index, history: History | None, ids: Iterable[str]) -> dict[str, str]:
    """The source of the page of each territory in ``ids``, as the full generation makes it
    (:func:`hooks.territoires.fiches.territory_pages`); other kinds wait for the full one."""
    territories = [index[i] for i in ids if i in index.entries]
    territories = [e for e in territories if e.kind.name == "territoire"]
    if not territories:
        return {}
    ctx = BuildContext(index, history, versions=read_versions(index, history))  # as generate_site
    alike, today = proches(index), date.today()
    pages = [territory_page(ctx, entry, alike, today) for entry in territories]
    return {p.src_uri: page_source(p, index.referentiel) for p in pages}


def site_sources(site: Site, index: Index) -> dict[str, str]:
    """Every generated page and file of ``site``, by path, as the engine receives them."""
    sources = {p.src_uri: page_source(p, index.referentiel) for p in site.pages}
    sources.update(site.files)
    return sources


class _Capture(BasePlugin):
    """Keeps the files, navigation and environment of the engine's build."""

    files: Files | None = None
    nav: Navigation | None = None
    env: Environment | None = None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env


class NeedsFullBuild(Exception):
    """The change reaches past pages' contents (navigation, set of pages): build it all."""


@dataclass
class EngineState:
    """The engine's objects after a full build, and each generated path's current source."""

    config: MkDocsConfig
    capture: _Capture = field(default_factory=_Capture)
    nav_config: Any = None

    @classmethod
    def watching(cls, config: MkDocsConfig) -> EngineState:
        """Register the capture on ``config`` before the engine builds with it."""
        state = cls(config)
        config.plugins["rv-serve"] = state.capture  # type: ignore[assignment]
        return state

    def after_build(self) -> None:
        """Remember the sidebar the build was given (``config.nav``, set by our hooks)."""
        self.nav_config = self.config.nav

    def unchanged_for_every_page(self, index: Index) -> None:
        """What our hooks gave the engine for every page, from the index, once per full build
        (the glossary's terms, the footer's line) is still so, or :class:`NeedsFullBuild`."""
        hooks = next(iter(self.config["hooks"].values()))
        if Glossary.from_index(index).terms != hooks._glossary.terms:
            raise NeedsFullBuild("le glossaire change")
        if copyright_line(index.referentiel) != self.config.copyright:
            raise NeedsFullBuild("le pied de page change")

    @property
    def files(self) -> Files:
        assert self.capture.files is not None
        return self.capture.files

    def current(self, path: str) -> str | None:
        """The source of a generated page or file as last given to the engine."""
        file = self.files.get_file_from_path(path)
        if file is None or file.abs_src_path is not None:
            return None
        return file.content_string

    def generated(self) -> set[str]:
        """The paths of every page and file made in memory (not from ``docs/``)."""
        return {f.src_uri for f in self.files if f.abs_src_path is None}

    def apply(self, sources: Mapping[str, str], nav: Any = None, complete: bool = False) -> int:
        """Give the engine the new ``sources`` (some pages and files, or all of them with
        ``complete``); convert and write those that changed. Returns how many."""
        if nav is not None and nav != self.nav_config:
            raise NeedsFullBuild("la barre latérale change")
        if complete and set(sources) != self.generated():
            raise NeedsFullBuild("des pages ou fichiers apparaissent ou disparaissent")
        changed = {p: s for p, s in sources.items() if self.current(p) != s}
        if any(self.files.get_file_from_path(p) is None for p in changed):
            raise NeedsFullBuild("une page nouvelle")
        assert self.capture.nav is not None
        in_nav = {page.file.src_uri for page in self.capture.nav.pages}
        pages, titles = [], {}
        for path, source in changed.items():
            file = self.files.get_file_from_path(path)
            assert file is not None
            file.content_string = source
            if not file.is_documentation_page():
                file.copy_file()
                continue
            assert file.page is not None
            titles[path] = file.page.title
            _populate_page(file.page, self.config, self.files)
            pages.append(file.page)
        retitled = [
            p for p in pages if p.file.src_uri in in_nav and p.title != titles[p.file.src_uri]
        ]
        self._render(pages, everything=bool(retitled))  # a sidebar title: on every page
        return len(changed)

    def _render(self, pages: list[Page], everything: bool) -> None:
        """Write ``pages`` (or every page) as the full build does, in its order.

        Pages outside the sidebar share its rendering, cached by folder
        (``partials/nav.html``): the first page of a folder writes it, with a little more
        white space than the others; that page, re-rendered alone, must be rendered the same.
        """
        config, nav, env = self.config, self.capture.nav, self.capture.env
        assert nav is not None and env is not None
        docs = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        order = [f.page for f in docs if f.page is not None]
        if everything:
            env.globals["rv_nav_cache"] = {}
            pages = order
        else:
            wanted = set(map(id, pages))
            pages = [page for page in order if id(page) in wanted]
        key_of, cache = env.globals["rv_nav_key"], env.globals["rv_nav_cache"]
        first: dict[str, Page] = {}
        for page in order:
            first.setdefault(key_of(page), page)
        for page in pages:
            if first.get(key_of(page)) is page:
                cache.pop(key_of(page), None)
            _build_page(page, config, docs, nav, env)
        for page in pages:
            page.validate_anchor_links(files=self.files, log_level=config.validation.links.anchors)
