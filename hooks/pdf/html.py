"""Print HTML: Jinja templates in ``hooks/pdf/`` filled from the index, escaped.

Every value printed by ``{{ … }}`` is HTML-escaped (autoescape) unless it is
:class:`~markupsafe.Markup`; contributor Markdown becomes Markup only through
:func:`markdown`, that is through :func:`hooks.core.sanitize.render_markdown`.

On paper a link is its printed address: :func:`print_addresses` writes the address of every
web link of a finished document inside the link, in a form that is never hyphenated and
breaks only after a « / » (:func:`address`), so that it can be typed as read. Its text then
gets the site's French spaces (:func:`~hooks.core.typography.french_spacing`) and a few
rules of its own for paper (:func:`print_typography`).
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import segno
from markupsafe import Markup, escape

from hooks.core.citation import date_fr
from hooks.core.htmltext import SKIP, map_text
from hooks.core.render import pages
from hooks.core.sanitize import render_markdown
from hooks.core.typography import NBSP, french_spacing
from hooks.urls import public_url
from schemas.fields import thousands
from schemas.index import Entry, Index

from .documents import Document

TEMPLATES = Path(__file__).parent  # the print templates and stylesheets, beside this module
# Characters of an experience's summary that a PDF prints (the rest is on its page): an
# experience takes a few lines however long its summary, up to 20,000 characters.
PRINTED_EXTRACT = 420
_H2 = re.compile(r"<h2>(.*?)</h2>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<(/?)h([1-6])\b")
# A link as the templates and nh3 write it: attributes double-quoted, links never nested.
_LINK = re.compile(r'<a((?:\s+[\w-]+="[^"]*")*)>(.*?)</a>', re.S)
_WEB = re.compile(r'\shref="(https?://[^"]+)"')
# « p. 34 », « pp. 47-48 »: the page number never starts a line; a range takes an en dash.
_PAGES = re.compile(r"\b(pp?)\. (\d+)(?:-(\d+))?\b")
# « plans / de résultats »: the slash stays between its two words.
_SLASH = re.compile(r"(?<=\w) / (?=\w)")
_PRINT_ANY = re.compile(f"{_PAGES.pattern}|{_SLASH.pattern}")
# A hyphenated proper name (« Loos-en-Gohelle », « Jean-François »): never hyphenated.
_NAME = re.compile(r"\b[A-ZÀ-Ý]\w*(?:-\w+)+")
_ADDRESS = frozenset({"adresse"})
# Names in links are left as they are: a link holding a <span> loses its Link tag (the
# links of a list are not hyphenated at all, print.css).
_NOT_NAMES = SKIP | {"a", "title", "h1", "h2", "h3", "h4", "h5", "h6"}


def markdown(text: str | None, level: int = 2) -> Markup:
    """Contributor Markdown → sanitised HTML whose headings start at ``<h{level}>``: a text
    printed under a heading of level 3 (a balise) takes ``level=4``, so that heading levels
    never skip one (``##`` is a text's top heading; none goes below ``<h6>``).

    >>> markdown("## Titre\\n\\n### Sous-titre", level=4)
    Markup('<h4>Titre</h4>\\n<h5>Sous-titre</h5>\\n')
    """
    if not text:
        return Markup("")
    html = render_markdown(text)
    if level != 2:
        html = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, max(level, int(m[2]) + level - 2))}", html)
    return Markup(html)


def address(url: str) -> Markup:
    """A web address as printed: a line may break after a « / » (a zero-width space) and
    nowhere else (a word joiner after each « - »; ``hyphens: none`` in commun.css). Neither
    character is drawn, so the PDF's text, copied or read aloud, is the address itself.

    >>> str(address("https://exemple.fr/rv/a-b/"))
    'https://exemple.fr/\u200brv/\u200ba-\u2060b/\u200b'
    """
    scheme, found, rest = url.partition("://")
    head = f"{scheme}://" if found else ""
    shown = (rest if found else url).replace("/", "/\u200b").replace("-", "-\u2060")
    return escape(head + shown)


def _print_address(link: re.Match[str]) -> str:
    attrs, label = link[1], link[2]
    web = _WEB.search(attrs)
    if not web:
        return link[0]
    url = html.unescape(web[1])
    if html.unescape(_TAG.sub("", label)).strip() == url:  # the label is the address
        marked = attrs if 'class="adresse"' in attrs else f'{attrs} class="adresse"'
        return f"<a{marked}>{address(url)}</a>"
    # Text only inside a link: WeasyPrint tags a link with inner elements as spans.
    return f"<a{attrs}>{label} ({address(url)})</a>"


def print_addresses(page: str) -> str:
    """Every web link of a finished print document with its address written inside it (the
    link's purpose, read aloud and printed), or as it, if its text already was the address.

    >>> print_addresses('<a href="https://x.fr/a/">Site</a> <a href="#n">n</a>')
    '<a href="https://x.fr/a/">Site (https://x.fr/\u200ba/\u200b)</a> <a href="#n">n</a>'
    """
    return _LINK.sub(_print_address, page)


def qr_code(url: str) -> Markup:
    """``url`` as a QR code: an SVG data URI for an ``<img>`` (which must say, in its ``alt``,
    what the code opens)."""
    qr = segno.make(url, error="m", micro=False)
    return Markup(qr.svg_data_uri(border=0, dark="#000", light=None))


def extract(text: str, limit: int = PRINTED_EXTRACT) -> tuple[str, bool]:
    """The plain text of contributor Markdown, cut after a word near ``limit`` characters:
    ``(text, True)`` if it was cut. What a printed experience shows (its page has the rest).

    >>> extract("Un **jardin** partagé.\\n\\nPuis une *fête*.")
    ('Un jardin partagé. Puis une fête.', False)
    >>> extract("mot " * 200, 20)
    ('mot mot mot mot mot…', True)
    """
    plain = " ".join(html.unescape(_TAG.sub(" ", render_markdown(text))).split())
    # A tag's place left a space before a full stop or a comma; « : ; ! ? » keep theirs.
    plain = re.sub(r" ([.,…)])", r"\1", plain).replace("( ", "(")
    if len(plain) <= limit:
        return plain, False
    return plain[:limit].rsplit(" ", 1)[0].rstrip(" :;,.") + "…", True


def with_headings(html: Markup, prefix: str) -> tuple[Markup, list[tuple[str, Markup]]]:
    """Give each ``<h2>`` of a text an id; return the text and its ``(id, title)`` list."""
    found: list[tuple[str, Markup]] = []

    def number(match: re.Match[str]) -> str:
        anchor = f"{prefix}-{len(found) + 1}"
        found.append((anchor, Markup(_TAG.sub("", match.group(1)))))
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    return Markup(_H2.sub(number, str(html))), found


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        extract=extract, md=markdown, date_fr=date_fr, pages=pages, thousands=thousands
    )
    env.globals.update(qr_code=qr_code)
    return env


class Links:
    """Where a record's link points: its anchor if the document prints it, else its page."""

    def __init__(self, index: Index, doc_anchors: set[str], site_url: str) -> None:
        self.index, self.anchors, self.site_url = index, doc_anchors, site_url

    def __call__(self, record: Entry | str) -> str:
        entry = self.index[record] if isinstance(record, str) else record
        return f"#fiche-{entry.id}" if entry.id in self.anchors else self.page(entry)

    def page(self, entry: Entry) -> str:
        return public_url(entry, self.site_url)

    def experience(self, section: str, territoire: Entry, experience_id: str) -> str:
        return f"#exp-{section}-{territoire.id}-{experience_id}"


def common(index: Index, site_url: str) -> dict[str, Any]:
    """What every print template needs: the référentiel, its 2019 source, the site."""
    return {
        "index": index,
        "referentiel": index.referentiel,
        "source": index[index.referentiel.source],
        "site_url": site_url,
    }


def document_html(index: Index, doc: Document, site_url: str) -> str:
    """The HTML of one chapter, enjeu or whole-référentiel PDF."""
    texts = {}
    for section in doc.sections:
        # A chapter's text is under its <h1>; an enjeu's, under « Ce que l'atelier a confirmé ».
        level = 2 if section.kind == "chapitre" else 3
        texts[section.entry.id] = with_headings(
            markdown(section.entry.data.texte, level), f"fiche-{section.entry.id}"
        )
    return render(
        "document.html.j2",
        **common(index, site_url),
        doc=doc,
        texts=texts,
        link=Links(index, doc.anchors(), site_url),
    )


def _print_spaces(text: str) -> str:
    text = _PAGES.sub(lambda m: f"{m[1]}.{NBSP}{m[2]}" + (f"\u2013{m[3]}" if m[3] else ""), text)
    return _SLASH.sub(f"{NBSP}/{NBSP}", text)


def _names(text: str) -> str:
    # Only letters, digits and hyphens are matched: nothing a writer typed becomes markup.
    return _NAME.sub(lambda m: f'<span class="nom">{m[0]}</span>', text)


def print_typography(page: str) -> str:
    """The site's French spaces in the text of a print document, and for paper: « p. 34 » and
    « a / b » never cut at a line's end, a page range with an en dash, a hyphenated proper
    name in a ``<span class="nom">``, never hyphenated (commun.css). Addresses
    (:func:`address`) are left as they are.

    >>> print_typography("<p>Voir p. 47-48 : plans / résultats</p>")
    '<p>Voir p.\xa047\u201348\xa0: plans\xa0/\xa0résultats</p>'
    >>> print_typography('<p>À Loos-en-Gohelle, <a href="#x">Loos-en-Gohelle</a></p>')
    '<p>À <span class="nom">Loos-en-Gohelle</span>, <a href="#x">Loos-en-Gohelle</a></p>'
    """
    page = map_text(french_spacing(page), _PRINT_ANY, _print_spaces, skip_classes=_ADDRESS)
    return map_text(page, _NAME, _names, skip=_NOT_NAMES, skip_classes=_ADDRESS)


def render(template: str, **context: Any) -> str:
    """Render any print template with ``context``, web addresses printed (:func:`address`),
    French typography applied (:func:`print_typography`)."""
    page = environment().get_template(template).render(**context)
    return print_typography(print_addresses(page))
