"""Print HTML: Jinja templates in ``hooks/pdf/`` filled from the index, escaped.

Every value printed by ``{{ … }}`` is HTML-escaped (autoescape) unless it is
:class:`~markupsafe.Markup`; contributor Markdown becomes Markup only through
:func:`markdown`, that is through :func:`hooks.core.sanitize.render_markdown`.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from hooks.core.citation import date_fr
from hooks.core.render import pages
from hooks.core.sanitize import render_markdown
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
_AUTOLINK = re.compile(r'<a href="([^"]+)"([^>]*)>\1</a>')


def markdown(text: str | None) -> Markup:
    """Contributor Markdown → sanitised HTML; links showing their own address are marked."""
    if not text:
        return Markup("")
    html = _AUTOLINK.sub(r'<a class="adresse" href="\1"\2>\1</a>', render_markdown(text))
    return Markup(html)


def extract(text: str, limit: int = PRINTED_EXTRACT) -> tuple[str, bool]:
    """The plain text of contributor Markdown, cut after a word near ``limit`` characters:
    ``(text, True)`` if it was cut. What a printed experience shows (its page has the rest).

    >>> extract("Un **jardin** partagé.\\n\\nPuis une *fête*.")
    ('Un jardin partagé. Puis une fête.', False)
    >>> extract("mot " * 200, 20)
    ('mot mot mot mot mot…', True)
    """
    plain = " ".join(html.unescape(_TAG.sub(" ", render_markdown(text))).split())
    plain = re.sub(r" ([.,;:!?…)])", r"\1", plain).replace("( ", "(")
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
        texts[section.entry.id] = with_headings(
            markdown(section.entry.data.texte), f"fiche-{section.entry.id}"
        )
    return (
        environment()
        .get_template("document.html.j2")
        .render(
            **common(index, site_url),
            doc=doc,
            texts=texts,
            link=Links(index, doc.anchors(), site_url),
        )
    )


def render(template: str, **context: Any) -> str:
    """Render any print template with ``context``."""
    return environment().get_template(template).render(**context)
