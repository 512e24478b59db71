"""The generated site as a plain docs folder, for any MkDocs-compatible engine.

``python build.py export DOSSIER`` writes what the MkDocs hooks hand to the engine during a
build (:func:`hooks.pages.generate_site`: the Markdown pages and the files), plus the search
index, the assets of ``docs/`` and our theme overrides, and an ``mkdocs.yml`` without
``hooks:``. ``properdocs build`` (or ``mkdocs build``) in ``DOSSIER`` then writes the site
of ``build.py build --sans-pdf``, without any Python of ours but three Python-Markdown
extensions of this package (``hooks.rawhtml``, ``hooks.glossary``, ``hooks.typography``).

What the hooks add to a page travels in the page itself (:func:`page_source`):

- its front matter gives the theme the edit link and a record's « Historique et citation »
  (``hooks/theme/partials/actions.html`` and ``source-file.html`` read them);
- a link definition, which no engine prints, names the page for the glossary's links.

The links of generated HTML blocks are relative to the page's own address (``hooks/urls.py``),
so they resolve the same whichever engine writes the page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from schemas.history import History
from schemas.index import Index
from schemas.referentiel import Referentiel

from . import search_index
from .generated import GeneratedPage, Site
from .glossary import PAGE_REFERENCE, Glossary
from .pages import generate_site
from .search import search_records
from .urls import page_for

THEME = Path(__file__).parent / "theme"


def page_source(page: GeneratedPage, meta: Referentiel) -> str:
    """The Markdown an engine reads for ``page``: its front matter completed with the edit link
    (``rv_edit_url``: the record's YAML file, or a folder) and the footer (``rv_footer``), and
    a link definition naming the page.

    >>> from schemas.referentiel import Referentiel
    >>> meta = Referentiel.model_construct(depot="https://forge/rv", branche="main")
    >>> page = GeneratedPage("balises/b.md", '---\\ntitle: "B"\\n---\\n\\n# B\\n', "balises/b.yml")
    >>> print(page_source(page, meta))
    ---
    "rv_edit_url": "https://forge/rv/edit/main/balises/b.yml"
    title: "B"
    ---
    <BLANKLINE>
    # B
    <BLANKLINE>
    [rv-page]: balises/b.md
    <BLANKLINE>
    """
    if page.edit_path.endswith("/"):  # a list page: its folder
        edit = f"{meta.depot}/tree/{meta.branche}/{page.edit_path.rstrip('/')}"
    else:
        edit = f"{meta.depot}/edit/{meta.branche}/{page.edit_path}"
    fields = {"rv_edit_url": edit}
    if page.footer:
        fields["rv_footer"] = page.footer
    # one double-quoted line a value: no line of the footer can end the front matter
    added = yaml.safe_dump(fields, allow_unicode=True, default_style='"', width=1 << 30)
    text = page.markdown
    if text.startswith("---\n"):
        text = "---\n" + added + text.removeprefix("---\n")
    else:
        text = f"---\n{added}---\n\n{text}"
    return f"{text.rstrip()}\n\n[{PAGE_REFERENCE}]: {page.src_uri}\n"


def copyright_line(meta: Referentiel) -> str:
    """The footer line of every page: the licences and the source code."""
    licence = meta.licence_contenu
    return (
        f'Textes sous licence <a href="{licence.url}">{licence.nom}</a> · '
        f"Code sous licence {meta.licence_code.nom} · "
        f'<a href="{meta.depot}">Code source du site</a>'
    )


def export(index: Index, history: History | None, root: Path, out: Path) -> Site:
    """Write the docs folder and its ``mkdocs.yml`` into ``out`` (new or empty)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} n'est pas vide : choisissez un dossier neuf.")
    site = generate_site(index, history)
    records = {page_for(e) for e in index.entries.values()}
    others = {p.src_uri: p.markdown for p in site.pages if p.src_uri not in records}
    job = search_index.start(lambda: search_records(index, others))  # meanwhile, the pages
    docs = out / "docs"
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(THEME, out / "theme")
    meta = index.referentiel
    for page in site.pages:
        _write(docs / page.src_uri, page_source(page, meta))
    for path, content in site.files.items():
        _write(docs / path, content)
    job.finish(docs)
    config = engine_config(root, site, Glossary.from_index(index), meta)
    header = "# Écrit par « python build.py export » : construire avec « properdocs build ».\n"
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    _write(out / "mkdocs.yml", header + text)
    return site


def engine_config(root: Path, site: Site, glossary: Glossary, meta: Referentiel) -> dict:
    """Our ``mkdocs.yml`` with what the hooks set during a build (navigation, copyright),
    the theme's overrides beside it, and the glossary and typography as Markdown extensions."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):  # no Python of ours; no YAML folders to watch
        config.pop(key, None)
    config["theme"]["custom_dir"] = "theme"
    config["nav"] = site.nav
    config["copyright"] = copyright_line(meta)
    terms = {term: list(value) for term, value in sorted(glossary.terms.items())}
    config["markdown_extensions"] += [{"hooks.glossary": {"termes": terms}}, "hooks.typography"]
    return config


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
