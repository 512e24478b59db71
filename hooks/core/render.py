"""The one place that renders the site's templates: each section's Jinja templates, beside
its modules and named from ``hooks/`` (``fiches/balise.md.j2``) → Markdown, YAML or HTML.
(The PDFs' print HTML has its own environment and filters: :mod:`hooks.pdf.html`.)

Safe by default: in a Markdown template every value printed by ``{{ … }}`` is escaped as
plain text unless it is :class:`~markupsafe.Markup` made by one of the filters below, so
a contributor's title can never become a link, a heading or HTML; in a YAML template every
value is written as a quoted string; in an HTML template (``x.html.j2``) every value is
HTML-escaped, as Jinja's autoescape does. Contributor text is
only ever a *value*: it is never compiled as a template.

Filters: ``md`` (contributor Markdown → sanitised HTML block), ``link`` (a record →
``[title](url)``), ``yaml`` (a front-matter value), ``pages`` (``"18-19"`` → ``pp. 18-19``),
``pdf`` (a PDF's id → a download button), ``first_sentence`` (contributor Markdown → the
plain text of its first sentence).
Long lists of links are written as raw HTML, much cheaper to build than Markdown links,
inside ``{% filter html_block %}…{% endfilter %}`` (see :mod:`hooks.core.rawhtml`): ``url`` (a
record → its relative URL from a page), ``text`` (plain text in raw HTML) and ``md_html``
(contributor Markdown inside such a block).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from hooks import urls
from hooks.core.citation import date_fr, in_sentence
from hooks.core.glossary import first_sentence
from hooks.core.rawhtml import raw_block
from hooks.core.sanitize import escape_markdown, render_markdown
from hooks.generated import GeneratedPage
from hooks.urls import (
    Record,
    explorer_url,
    file_url,
    page_for,
    pdf_url,
    relative_url,
    to_root,
    url_for,
)
from schemas.fields import SLUG_PATTERN, thousands

HOOKS = Path(__file__).parent.parent  # templates are named from here: "fiches/balise.md.j2"
_SLUG = re.compile(SLUG_PATTERN)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _finalize_markdown(value: object) -> Markup:
    """In Markdown templates, escape everything that is not explicitly marked safe."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(escape_markdown(str(value)))


def _finalize_yaml(value: object) -> Markup:
    """In YAML templates, quote every value that is not explicitly marked safe."""
    if isinstance(value, Markup):
        return value
    return Markup(json.dumps(str(value), ensure_ascii=False))


def markdown_html(text: str | None) -> Markup:
    """Contributor Markdown as sanitised HTML, for inside ``html_block``."""
    if not text:
        return Markup("")
    return Markup(f'<div class="rv-texte">\n{render_markdown(text)}\n</div>')


def markdown_block(text: str | None) -> Markup:
    """Contributor Markdown as a block of sanitised HTML (see :mod:`hooks.core.rawhtml`)."""
    return raw_block(markdown_html(text)) if text else Markup("")


def link(record: Record, text: str | None = None, anchor: str | None = None) -> Markup:
    """``[Construire le récit](/balises/construire-le-recit.md)``"""
    label = escape_markdown(text if text is not None else getattr(record, "title", record.id))
    return Markup(f"[{label}]({url_for(record, anchor)})")


def url(record: Record, page: str, anchor: str | None = None) -> Markup:
    """``../../territoires/ville/#jardin``: a link to ``record`` in raw HTML on ``page``."""
    return Markup(html.escape(relative_url(record, page, anchor)))


def text(value: object) -> Markup:
    """Text inside an element of raw HTML (never an attribute: quotes are left as they are),
    escaped as Python-Markdown escapes the text it writes."""
    return Markup(html.escape(str(value), quote=False))


def yaml_value(value: str) -> Markup:
    """A front-matter value: JSON strings are valid YAML and escape everything needed."""
    return Markup(json.dumps(value, ensure_ascii=False))


def href(url: str) -> Markup:
    """An external address, made safe to put between the parentheses of a Markdown link."""
    return Markup(quote(url, safe=":/?#[]@!$&'*+,;=%~"))


def sections(text: str) -> list[tuple[str, str]]:
    """Split Markdown at its ``## `` headings: ``[("", intro), ("Titre", body), …]``.

    The headings then become real headings of the page (in its table of contents, with
    an anchor), written as plain text; each body is still sanitised by ``md``.
    """
    found: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line.startswith("## "):
            found.append((line[3:].strip(), []))
        else:
            found[-1][1].append(line)
    return [(title, "\n".join(body)) for title, body in found if title or "".join(body).strip()]


def pdf_link(
    name: str,
    page: str,
    label: str,
    facts: Mapping[str, Mapping[str, int]] | None = None,
    primary: bool = False,
) -> Markup:
    """A button on ``page`` to ``<name>.pdf``, written by ``build.py build`` into ``site/pdf/``
    (only there: templates show it inside ``m.pdf``, which knows whether PDFs are written).
    ``facts`` (the build's PDFs, by id) add the page count and size: « (PDF, 24 pages, 310 Ko) ».
    """
    css = "md-button md-button--primary" if primary else "md-button"
    href = html.escape(pdf_url(name, page))
    text = f"{label} ({pdf_facts((facts or {}).get(name))})"
    return Markup(f'<a class="{css}" href="{href}" download>{escape_markdown(text)}</a>')


def pdf_facts(facts: Mapping[str, int] | None) -> str:
    """``PDF, 24 pages, 310 Ko`` (``PDF`` alone when the PDF's figures are not known).

    >>> pdf_facts({"pages": 24, "size": 317_440}), pdf_facts({"pages": 1, "size": 900})
    ('PDF, 24 pages, 310 Ko', 'PDF, 1 page, 1 Ko')
    """
    if not facts:
        return "PDF"
    pages = facts["pages"]
    kilobytes = max(1, round(facts["size"] / 1024))
    size = f"{thousands(kilobytes)} Ko" if kilobytes < 10_240 else f"{kilobytes / 1024:.1f} Mo"
    return f"PDF, {thousands(pages)} page{'s' if pages > 1 else ''}, {size.replace('.', ',')}"


def anchor(record_id: str) -> Markup:
    """``{ #amap-et-marche }``: a heading id; record and experience ids are checked slugs."""
    if not _SLUG.match(record_id):
        raise ValueError(f"identifiant non valide comme ancre : {record_id!r}")
    return Markup(f"{{ #{record_id} }}")


def color(value: str) -> Markup:
    """An enjeu's colour for a ``style`` attribute; the schema already checked ``#rrggbb``."""
    if not _COLOR.match(value):
        raise ValueError(f"couleur non valide : {value!r}")
    return Markup(value)


def code(value: str) -> Markup:
    """Text for inside a Markdown code span: shown as typed, backticks excepted."""
    return Markup(str(value).replace("`", "'").replace("|", "\\|"))


def pages(value: str | None) -> str:
    """``"19"`` → ``p. 19``, ``"18-19"`` → ``pp. 18–19`` (en dash)."""
    if not value:
        return ""
    plural = any(c in value for c in "-–,")
    return f"{'pp.' if plural else 'p.'} {value.replace('-', '–')}"


@cache
def environment(output: str) -> jinja2.Environment:
    """One environment per output format (``md``, ``yml`` or ``html``), each escaping its
    own way."""
    finalize = {"md": _finalize_markdown, "yml": _finalize_yaml}.get(output)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HOOKS),
        # finalize escapes for the output format and returns Markup, so autoescape (needed
        # for macros to return Markup) never HTML-escapes twice.
        autoescape=True,
        finalize=finalize,  # None for HTML: autoescape alone escapes every value
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["urls"] = urls  # every page path, for the links templates write
    env.filters.update(
        md=markdown_block,
        md_html=markdown_html,
        html_block=lambda html: raw_block(html.strip("\n")),
        link=link,
        url=url,
        text=text,
        yaml=yaml_value,
        pages=pages,
        code=code,
        sections=sections,
        date_fr=date_fr,
        in_sentence=in_sentence,
        first_sentence=lambda text: first_sentence(render_markdown(text)),
        pdf=pdf_link,
        root=lambda record: Markup(to_root(page_for(record))),
        explorer=lambda record, page: Markup(html.escape(explorer_url(record, page))),
        site=lambda path, page: Markup(html.escape(file_url(path, page))),
        href=href,
        target=lambda page: Markup(f"/{page}"),  # a page of hooks/urls.py as a link target
        anchor=anchor,
        color=color,
        thousands=thousands,  # 6 799 with a narrow no-break space: never cut in two
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render ``hooks/<template>`` (``fiches/balise.md.j2``: a ``.md``, ``.yml`` or ``.html``
    template, named from ``hooks/``)."""
    output = template.removesuffix(".j2").rsplit(".", 1)[-1]
    return environment(output).get_template(template).render(**context)


def template_source(template: str) -> str:
    """The template's file in the repository: what a page written by the template rather
    than from a record is made from (such a page has no « Modifier cette page »).

    >>> template_source("projet/ecoconception.md.j2")
    'hooks/projet/ecoconception.md.j2'
    """
    return (HOOKS / template).relative_to(HOOKS.parent).as_posix()


def render_page(src_uri: str, template: str, **context: Any) -> GeneratedPage:
    """A page written by ``template`` alone (made from it: no « Modifier cette page »)."""
    return GeneratedPage(src_uri, render(template, **context), template_source(template))
