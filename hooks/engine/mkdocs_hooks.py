"""The MkDocs layer, kept thin: load the index once, hand the generated pages to MkDocs.

Listed under ``hooks:`` in ``mkdocs.yml``. Everything it calls is a plain function that
tests and ``build.py`` use without MkDocs.
"""

from __future__ import annotations

import gc
import logging
import re
from pathlib import Path

import pathspec
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks.core.glossary import NO_LINKS, Glossary
from hooks.core.typography import french_spacing
from hooks.engine import pagefind
from hooks.engine.export import copyright_line, page_source
from hooks.engine.memoire import Spill, give_back_memory
from hooks.recherche.records import search_records
from hooks.site import Site, generate_site
from hooks.urls import page_for
from schemas.errors import ErreursDeValidation
from schemas.history import read_history
from schemas.index import load_index
from schemas.permanence import verify
from schemas.referentiel import Referentiel

log = logging.getLogger("mkdocs.hooks.referentiel")
_site: Site | None = None
_referentiel: Referentiel | None = None  # the forge, for the pages' edit links
_glossary = Glossary({})
_in_nav: set[str] = set()  # pages listed in the sidebar
_job: pagefind.IndexJob | None = None  # Pagefind, running while MkDocs writes pages
_spill: Spill | None = None  # where the generated files wait for the engine (build.py build)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every record (all errors at once), generate the pages, set nav and copyright.

    The pages link to the PDFs only when ``build.py build`` says it writes them
    (``extra.rv_pdf``); ``serve`` and ``build --sans-pdf`` write none.
    """
    global _site, _referentiel, _glossary, _job
    root = Path(config.config_file_path).parent
    history = read_history(root)
    try:
        index = load_index(root)
        verify(index, root, history)  # ids published in a version stay
    except ErreursDeValidation as errors:
        raise PluginError("Le référentiel contient des erreurs :\n" + errors.rapport()) from None
    _site = generate_site(index, history, with_pdf=config.extra.get("rv_pdf", False))
    _glossary = Glossary.from_index(index)
    records = {page_for(e) for e in index.entries.values()}
    others = {p.src_uri: p.markdown for p in _site.pages if p.src_uri not in records}
    if _job is not None:
        _job.cancel()
    _job = pagefind.start(lambda: search_records(index, others))
    _referentiel = index.referentiel
    config.nav = _site.nav
    config.not_in_nav = pathspec.GitIgnoreSpec.from_lines(_site.hidden)  # the features say
    config.copyright = copyright_line(index.referentiel)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, as ``build.py export`` writes them: their front matter gives
    the theme their edit link (their YAML file on the forge) and footer."""
    assert _site is not None and _referentiel is not None
    global _spill
    _remove_spill()  # a build stopped before its end, in this process
    if config.extra.get("rv_fichiers_sur_disque"):  # build.py build; serve keeps them in memory
        _spill = Spill(config.site_dir)
    sources = {page.src_uri: page_source(page, _referentiel) for page in _site.pages}
    for path, content in (sources | _site.files).items():
        if _spill is None:
            files.append(File.generated(config, path, content=content))
        else:
            files.append(File.generated(config, path, abs_src_path=_spill.write(path, content)))
    del sources
    # The engine holds them now: not a second copy of every page while it builds them
    # (at 5,000 territories, about a tenth of the build's memory).
    _site.pages.clear()
    _site.files.clear()
    gc.collect()  # the index, let go by the search's job, holds cycles (records, backlinks)
    give_back_memory()
    return files


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Link each concept's first mention to its page; French non-breaking spaces (what the
    Markdown extensions hooks.core.glossary and hooks.core.typography do for an engine
    without hooks)."""
    if page.file.src_uri not in NO_LINKS:
        html = _glossary.link(html, page.file.src_uri)
    return french_spacing(html)


# Material's base.html writes autocomplete="off" on its two hidden checkboxes (the menu and
# search panels) so that Firefox does not restore them checked on Back; HTML allows the
# attribute on text-like inputs only (RGAA 8.2: valid code). It is removed here, and
# docs/assets/raccourcis.js unchecks those toggles when a page comes back from history.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def valid_toggles(html: str) -> str:
    """The page without the theme's ``autocomplete`` on its checkbox toggles.

    >>> valid_toggles('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">')
    '<input class="md-toggle" type="checkbox" id="__drawer">'
    >>> valid_toggles('<input type="search" autocomplete="off">')  # allowed there: kept
    '<input type="search" autocomplete="off">'
    """
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)


def on_post_page(output: str, **_: object) -> str:
    """Every page's HTML made valid where the theme's template is not (see above)."""
    return valid_toggles(output)


def on_post_template(output: str, **_: object) -> str:
    """The same for the theme's own pages (404.html)."""
    return valid_toggles(output)


def on_nav(nav: Navigation, **_: object) -> Navigation:
    """Remember which pages the sidebar lists (see :func:`nav_key`)."""
    _in_nav.clear()
    _in_nav.update(page.file.src_uri for page in nav.pages)
    return nav


def nav_key(page: Page | None) -> str | None:
    """Pages outside the sidebar in the same folder share one rendered sidebar (its links are
    relative: ``../`` leads to ``territoires/`` from a territory, not from a concept)."""
    if page is None or page.file.src_uri in _in_nav:
        return None
    return page.url.rstrip("/").rpartition("/")[0]


def on_post_build(config: MkDocsConfig) -> None:
    """Put the search index (written by Pagefind meanwhile) into the site being built."""
    assert _job is not None
    _remove_spill()
    try:
        count = _job.finish(Path(config.site_dir))
    except (RuntimeError, OSError) as error:  # the build fails; site/ is left as it was
        raise PluginError(f"Index de recherche impossible : {error}") from None
    log.info(
        "Index de recherche : %d entrées en %.1f s d'attente après les pages (fait en "
        "parallèle des pages : pages d'appui écrites en %.1f s, Pagefind %.1f s)",
        count,
        _job.waited,
        _job.written,
        _job.indexed,
    )


def on_build_error(error: Exception) -> None:
    """A failed build stops Pagefind and leaves no temporary folder behind."""
    if _job is not None:
        _job.cancel()
    _remove_spill()


def _remove_spill() -> None:
    global _spill
    if _spill is not None:
        _spill.remove()
        _spill = None


def on_env(env: Environment, **_: object) -> Environment:
    """Give ``partials/nav.html`` its cache, emptied at every build (an engine without our
    hooks renders the sidebar on every page instead)."""
    env.globals.update(rv_nav_key=nav_key, rv_nav_cache={})
    return env
