"""Contributor text is never trusted: plain text is escaped, Markdown is rendered then cleaned.

Two kinds of text come from YAML files:

- **plain text** (titles, names): :func:`escape_markdown` makes every character literal, so
  ``[clic](javascript:...)`` stays text. The schema already refuses ``<``, ``>`` and HTML
  entities in these fields, so they cannot carry markup into ``<title>`` or the navigation.
- **Markdown** (résumés, texts): :func:`render_markdown` turns it into HTML with raw HTML
  switched off, then nh3 keeps only an allowlist of tags, attributes, classes and URL
  schemes (no script, no event handler, no ``javascript:`` URL, no iframe, no image).

>>> escape_markdown("Club *ELEMIAH* [1]")
'Club \\\\*ELEMIAH\\\\* \\\\[1\\\\]'
>>> render_markdown("Un <script>alert(1)</script> **fort**")
'<p>Un &lt;script&gt;alert(1)&lt;/script&gt; <strong>fort</strong></p>'
"""

from __future__ import annotations

import re

import markdown
import nh3

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")

ADMONITIONS = {"note", "info", "tip", "warning", "danger", "example", "quote", "abstract"}
TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "sup",
    "sub",
    "abbr",
    "del",
    "span",
}
ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "th": {"style"},
    "td": {"style"},
    "li": {"id"},
    "sup": {"id"},
}
CLASSES = {
    "div": {"admonition", "footnote", *ADMONITIONS},
    "p": {"admonition-title"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def escape_markdown(text: str) -> str:
    """Backslash-escape every character Markdown could read as syntax."""
    return _SPECIAL.sub(r"\\\1", text)


def _only_footnote_ids(element: str, attribute: str, value: str) -> str | None:
    """Keep ``id`` attributes only where the footnotes extension made them."""
    if attribute == "id" and not value.startswith(("fn:", "fnref:")):
        return None
    return value


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["admonition", "tables", "footnotes", "sane_lists"],
        extension_configs={
            "footnotes": {"UNIQUE_IDS": True, "BACKLINK_TITLE": "Revenir à l'appel de note %d"}
        },
        output_format="html",
    )
    md.preprocessors.deregister("html_block")  # raw HTML stays visible text
    md.inlinePatterns.deregister("html")
    return md


_MD = _markdown()
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,  # nh3 wants classes listed here, not as a "class" attribute
    url_schemes=URL_SCHEMES,
    attribute_filter=_only_footnote_ids,
    filter_style_properties={"text-align"},
    link_rel="noopener noreferrer nofollow",
)


def render_markdown(text: str) -> str:
    """Contributor Markdown → HTML that is safe to put in any page."""
    return _CLEANER.clean(_MD.reset().convert(text))
