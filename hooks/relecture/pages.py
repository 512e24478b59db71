"""The built pages a proposal changes, copied with their assets into a folder that an editor
opens on their own computer (``python build.py revue BASE --pages DOSSIER``).

Which pages: they are derived from the changed records through :mod:`hooks.urls`, not found
by comparing two builds (the footers' dates and the « Nouveautés » pages would differ
everywhere): each added, changed, renamed or withdrawn record's own page, an experience's
territory page, and the pages of every record that an added, changed or deleted experience
cites before or after the change (they list it). In the copy, a link to another copied page
opens its ``index.html``, a link to any other page leads to the published site, and the
styles, scripts and images the pages use come along; ``index.html`` lists the pages.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from hooks.core.revisions import Revision
from hooks.relecture.etat import EXPERIENCE, Etat
from hooks.relecture.revue import genre_de, statut
from hooks.urls import PAGES, page_for
from schemas.index import references
from schemas.territoire import Experience, Territoire

_LIEN = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
_CSS_URL = re.compile(r"url\((['\"]?)(?P<url>[^)'\"]+)\1\)")
_CANONIQUE = re.compile(r'<link rel="canonical" href="(?P<url>[^"]+)"')
_TITRE = re.compile(r"<title>(?P<titre>.*?)</title>", re.S)
_SUFFIXE = " - Référentiel vivant"  # the site's name after each page's title


def records_of(revisions: list[Revision], avant: Etat, apres: Etat) -> dict[tuple[str, str], str]:
    """``(kind, id)`` of the records at HEAD whose page the proposal changes, sorted, each with
    why (« expérience nouvelle « Les jardins » »), the first reason found."""
    index = apres.index
    if index is None:
        return {}
    found: dict[tuple[str, str], str] = {}
    for revision in revisions:
        key = (revision.kind, revision.id)
        why = f"{genre_de(revision.kind)[0]} {statut(revision)}"
        if revision.kind == EXPERIENCE:
            why = f"{why} « {revision.title} »"
            found.setdefault(("territoire", revision.id.split("/")[0]), why)
            for etat in (avant, apres):
                if record := etat.fiches.get(key):
                    for _, kind, target in references(Experience, record.raw):
                        found.setdefault((kind, target), f"cite l'{why}")
        elif revision.status != "suppression":
            found.setdefault(key, why)
            if revision.kind == "territoire":
                raw = apres.fiches[key].raw
                for _, kind, target in references(Territoire, raw):
                    found.setdefault((kind, target), f"citée par le {why} « {revision.title} »")
    return {
        (index[ident].kind.name, ident): why
        for (_, ident), why in sorted(found.items())
        if ident in index.entries and index[ident].kind.name in PAGES
    }


def page_html(src_uri: str) -> str:
    """Where the engine writes a page: ``balises/x.md`` → ``balises/x/index.html``.

    >>> page_html("territoires/malaunay.md"), page_html("sources/index.md")
    ('territoires/malaunay/index.html', 'sources/index.html')
    """
    stem = src_uri.removesuffix(".md")
    return f"{stem}.html" if stem.endswith("index") else f"{stem}/index.html"


def pages_of(apres: Etat, records: dict[tuple[str, str], str]) -> dict[str, str]:
    """The built file of each record's page, each once, with why it changed."""
    assert apres.index is not None
    found: dict[str, str] = {}
    for (_, ident), why in records.items():
        found.setdefault(page_html(page_for(apres.index[ident])), why)
    return found


def _local(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "//", "data:")) and ":" not in url.split("/")[0]


@dataclass
class _Copie:
    """A copy under way: the built site, the pages wanted, the folder, the files written."""

    site: Path
    wanted: set[str]
    dossier: Path
    copied: set[str] = field(default_factory=set)

    def relink(self, match: re.Match[str], page: str, canonical: str) -> str:
        """One ``href`` or ``src`` of ``page``, made to work from the copy."""
        url = html.unescape(match["url"])
        if not _local(url):
            return match[0]
        path, sep, rest = _split(url)
        folder = posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(folder, path)) if path else page
        if (self.site / target).is_file() and not target.endswith(".html"):
            _copy_asset(self.site, target, self.dossier, self.copied)
            return match[0]
        as_page = target if target.endswith(".html") else posixpath.join(target, "index.html")
        if as_page in self.wanted:
            relative = posixpath.relpath(as_page, folder or ".")
            return f'{match["attr"]}="{html.escape(relative + sep + rest)}"'
        if canonical:  # any other page: where it is published
            return f'{match["attr"]}="{html.escape(urljoin(canonical, url))}"'
        return match[0]


def copier(site: Path, pages: dict[str, str], dossier: Path) -> list[str]:
    """Copy ``pages`` (paths under ``site``, with why each changed) and their assets into
    ``dossier``, links made to work from a plain folder; write ``index.html`` listing them;
    return the files written."""
    copie = _Copie(site, set(pages), dossier)
    titles = []
    for page in pages:
        if not (site / page).is_file():
            continue
        text = (site / page).read_text(encoding="utf-8")
        canonical = m["url"] if (m := _CANONIQUE.search(text)) else ""
        written = _LIEN.sub(lambda match, p=page, c=canonical: copie.relink(match, p, c), text)
        (dossier / page).parent.mkdir(parents=True, exist_ok=True)
        (dossier / page).write_text(written, encoding="utf-8")
        copie.copied.add(page)
        title = html.unescape(m["titre"]) if (m := _TITRE.search(text)) else page
        titles.append((page, title.strip().removesuffix(_SUFFIXE), pages[page]))
    _index(dossier, titles)
    return sorted(copie.copied | {"index.html"})


def _split(url: str) -> tuple[str, str, str]:
    """``../x/#a`` → ``("../x/", "#", "a")``."""
    match = re.search(r"[#?]", url)
    if match is None:
        return url, "", ""
    return url[: match.start()], url[match.start()], url[match.start() + 1 :]


def _copy_asset(site: Path, asset: str, dossier: Path, copied: set[str]) -> None:
    """An asset, and what a style sheet loads in turn (fonts, images)."""
    if asset in copied or not (site / asset).resolve().is_relative_to(site.resolve()):
        return
    copied.add(asset)
    (dossier / asset).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(site / asset, dossier / asset)
    if asset.endswith(".css"):
        css = (site / asset).read_text(encoding="utf-8", errors="replace")
        for match in _CSS_URL.finditer(css):
            url = _split(match["url"])[0]
            if _local(url):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(asset), url))
                if (site / target).is_file():
                    _copy_asset(site, target, dossier, copied)


def _index(dossier: Path, titles: list[tuple[str, str, str]]) -> None:
    items = "\n".join(
        f'<li><a href="{html.escape(page)}">{html.escape(title)}</a> : {html.escape(why)}</li>'
        for page, title, why in titles
    )
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "index.html").write_text(
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Pages changées par la proposition</title>"
        "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:1rem auto;"
        "padding:0 1rem}li{margin:.5rem 0}</style></head>\n<body><main>\n"
        "<h1>Pages changées par la proposition</h1>\n"
        f"<p>{len(titles)} page{'s' * (len(titles) > 1)}, telles que le site les montrera. "
        "Les liens vers les autres pages mènent au site publié.</p>\n"
        f"<ul>\n{items}\n</ul>\n</main></body></html>\n",
        encoding="utf-8",
    )
