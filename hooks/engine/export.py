"""The generated site as a plain docs folder, for any MkDocs-compatible engine.

``python build.py export DOSSIER`` writes what the MkDocs hooks hand to the engine during a
build (:func:`hooks.site.generate_site`: the Markdown pages and the files), plus the search
index, the assets of ``docs/`` and our theme overrides, and an ``mkdocs.yml`` without
``hooks:``. ``properdocs build -f mkdocs.yml`` in ``DOSSIER`` then writes the pages of
``build.py build --sans-pdf`` (the same articles; the sidebar differs, see the README),
without any Python of ours but three Python-Markdown extensions of this package
(``hooks.core.rawhtml``, ``hooks.core.glossary``, ``hooks.core.typography``).

What the hooks add to a page travels in the page itself (:func:`page_source`):

- its front matter gives the theme the edit link and a record's « Historique et citation »
  (``hooks/theme/partials/actions.html`` and ``source-file.html`` read them);
- a link definition, which no engine prints, names the page for the glossary's links.

The links of generated HTML blocks are relative to the page's address (``hooks/urls.py``):
MkDocs and ProperDocs leave them as they are, Zensical reads them as relative to the page's
file. Both readings agree when the file is the ``index.md`` of its address, so the export
writes each page there (:func:`export_path`), with relative links between pages.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path

import yaml

from hooks.core.glossary import Glossary, page_reference
from hooks.engine import pagefind
from hooks.generated import GeneratedPage, Site
from hooks.recherche.records import search_records
from hooks.site import generate_site
from hooks.urls import ACCESSIBILITY_PAGE, page_address, page_for
from schemas.history import History
from schemas.index import Index
from schemas.referentiel import Referentiel

THEME = Path(__file__).parent.parent / "theme"
# ``[texte](/enjeux/engagement.md#ancre)``: a link from the docs folder (``mkdocs.yml`` says
# ``absolute_links: relative_to_docs``), which Zensical does not read
_ABSOLUTE_LINK = re.compile(r"\]\((/[^)\s#?]*)([?#][^)\s]*)?\)")  # path, then ?query#anchor
_ESCAPED = re.compile(r"\\(.)")
# How yaml.safe_dump(allow_unicode=True, default_style='"') writes a string on one line,
# without its pure-Python emitter (4 ms a page at 1,000 territories, a quarter of the build):
# the characters it escapes, and their escapes (tests/test_page_source.py compares the two).
_YAML_UNSAFE = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]|["\\\\\x85\u2028\u2029\ufeff]')
_YAML_ESCAPES = dict(zip('\0\a\b\t\n\v\f\r\x1b"\\\x85\u2028\u2029', '0abtnvfre"\\NLP', strict=True))


def _quoted(text: str) -> str:
    """``text`` as YAML, double-quoted, exactly as ``yaml.safe_dump`` writes it.

    >>> print(_quoted('« a » "b" 👩'))
    "« a » \\"b\\" \\U0001F469"
    """
    return '"' + _YAML_UNSAFE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _YAML_ESCAPES:
        return "\\" + _YAML_ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def page_source(page: GeneratedPage, meta: Referentiel) -> str:
    """The Markdown an engine reads for ``page``: its front matter completed with the edit link
    (``rv_edit_url``: the record's YAML file; none for a page made by a template or from a
    whole folder) and the footer (``rv_footer``), and a link definition naming the page.

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
    [rv-page]: index.md "balises/b.md"
    <BLANKLINE>
    """
    fields: dict[str, str] = {}
    # « Modifier cette page » only where the page is made from one record's YAML file: a
    # template or a folder on the forge is not what a reader means to change (no link then).
    if page.edit_path.endswith(".yml"):
        fields["rv_edit_url"] = f"{meta.depot}/edit/{meta.branche}/{page.edit_path}"
    if page.footer:
        fields["rv_footer"] = page.footer
    # one double-quoted line a value: no line of the footer can end the front matter
    added = "".join(f"{_quoted(k)}: {_quoted(v)}\n" for k, v in sorted(fields.items()))
    text = page.markdown
    if text.startswith("---\n"):
        text = "---\n" + added + text.removeprefix("---\n")
    elif added:
        text = f"---\n{added}---\n\n{text}"
    return f"{text.rstrip()}\n\n{page_reference(page.src_uri)}\n"


def export_path(src_uri: str) -> str:
    """Where the export writes a page: the ``index.md`` of its address.

    >>> export_path("balises/b.md"), export_path("balises/index.md"), export_path("index.md")
    ('balises/b/index.md', 'balises/index.md', 'index.md')
    """
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri
    return src_uri.removesuffix(".md") + "/index.md"


def relative_links(markdown: str, path: str) -> str:
    """The Markdown links of the page written at ``path`` made relative to it, to the
    exported pages.

    >>> relative_links("[E](/enjeux/e.md#a) et [D](/donnees/d\\\\.csv)", "balises/b/index.md")
    '[E](../../enjeux/e/index.md#a) et [D](../../donnees/d.csv)'
    >>> relative_links("[F](/contribuer/proposer.md?territoire=t)", "territoires/t/index.md")
    '[F](../../contribuer/proposer/index.md?territoire=t)'
    """
    folder = posixpath.dirname(path) or "."

    def relative(match: re.Match[str]) -> str:
        target = _ESCAPED.sub(r"\1", match.group(1)).removeprefix("/")
        if target.endswith(".md"):
            target = export_path(target)
        return f"]({posixpath.relpath(target, folder)}{match.group(2) or ''})"

    return _ABSOLUTE_LINK.sub(relative, markdown)


def copyright_line(meta: Referentiel) -> str:
    """The footer of every page: how to write to the team (no account needed), the
    accessibility statement, the licences and the source code. Every value is HTML-escaped.
    The statement's link is relative to the root (``./accessibilite/``): our override of the
    theme's ``partials/copyright.html`` makes it relative to each page.

    >>> from types import SimpleNamespace as R
    >>> line = copyright_line(R(contact=R(courriel="a@b.fr"), licence_code=R(nom="MIT"),
    ...     licence_contenu=R(url="https://l/?a&b", nom="<CC>"), depot="https://forge/d"))
    >>> print(line.split("<br>")[0].replace("\\xa0", "~").replace(" · ", "\\n"))
    Nous écrire~: <a href="mailto:a@b.fr">a@b.fr</a>
    <a href="./accessibilite/">Déclaration d'accessibilité</a>
    >>> line.split("<br>")[1].split(" · ")[0]
    'Textes sous licence <a href="https://l/?a&amp;b">&lt;CC&gt;</a>'
    """
    licence, email = meta.licence_contenu, html.escape(meta.contact.courriel)
    statement = html.escape("./" + page_address(ACCESSIBILITY_PAGE, "/").removeprefix("/"))
    return (
        f'Nous écrire\u00a0: <a href="mailto:{email}">{email}</a> · '
        f'<a href="{statement}">Déclaration d\'accessibilité</a><br>'
        f'Textes sous licence <a href="{html.escape(licence.url)}">{html.escape(licence.nom)}</a>'
        f" · Code sous licence {html.escape(meta.licence_code.nom)} · "
        f'<a href="{html.escape(meta.depot)}">Code source du site</a>'
    )


def export(index: Index, history: History | None, root: Path, out: Path) -> Site:
    """Write the docs folder and its ``mkdocs.yml`` into ``out`` (new or empty)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} n'est pas vide : choisissez un dossier neuf.")
    site = generate_site(index, history)
    records = {page_for(e) for e in index.entries.values()}
    others = {p.src_uri: p.markdown for p in site.pages if p.src_uri not in records}
    job = pagefind.start(lambda: search_records(index, others))  # meanwhile, the pages
    docs = out / "docs"
    try:
        shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(THEME, out / "theme")
        meta = index.referentiel
        for page in site.pages:
            path = export_path(page.src_uri)
            _write(docs / path, relative_links(page_source(page, meta), path))
        for path, content in site.files.items():
            _write(docs / path, content)
    except BaseException:
        job.cancel()  # no copy of this process left behind
        raise
    job.finish(docs)
    config = engine_config(root, site, Glossary.from_index(index), meta)
    header = "# Écrit par « python build.py export ». Construire : properdocs build -f mkdocs.yml\n"
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
    config["nav"] = _exported_nav(site.nav)
    patterns = list(site.hidden)  # ``/territoires/*.md``: and their new folders
    patterns += [p.removesuffix("*.md") + "*/index.md" for p in patterns if p.endswith("/*.md")]
    config["not_in_nav"] = "\n".join(patterns) + "\n"
    config["copyright"] = copyright_line(meta)
    terms = {term: list(value) for term, value in sorted(glossary.terms.items())}
    config["markdown_extensions"] += [
        {"hooks.core.glossary": {"termes": terms}},
        "hooks.core.typography",
    ]
    return config


def _exported_nav(nav: object) -> object:
    """The navigation with each page at its exported path."""
    if isinstance(nav, str):
        return export_path(nav) if nav.endswith(".md") else nav
    if isinstance(nav, list):
        return [_exported_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {title: _exported_nav(item) for title, item in nav.items()}
    return nav


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
