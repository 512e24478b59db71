"""Contributor text is never trusted: plain text is escaped, Markdown is rendered then cleaned.

Two kinds of text come from YAML files:

- **plain text** (titles, names): :func:`escape_markdown` makes every character literal, so
  ``[clic](javascript:...)`` stays text. The schema already refuses ``<``, ``>`` and HTML
  entities in these fields, so they cannot carry markup into ``<title>`` or the navigation.
- **Markdown** (résumés, texts): :func:`render_markdown` renders it with markdown-it-py,
  raw HTML switched off (CommonMark, plus tables, footnotes and ``!!!`` admonitions), then
  nh3 keeps only an allowlist of tags, attributes, classes and URL schemes: no script, no
  event handler, no ``javascript:`` URL, no iframe, no image (no third-party request).

markdown-it-py rather than Python-Markdown here: it is built for untrusted input (``html``
off escapes every tag) and renders these short texts four times faster, which keeps the
build linear and close to a bare MkDocs site as territories are added.

Text read from git (commit messages, author and tag names) is not validated like the
records: :func:`schemas.invisible.strip_invisible` removes what no reader can see from it
(in :mod:`schemas.history`, as it is read), before it reaches a page, the feed or a citation.

>>> escape_markdown("Club *ELEMIAH* [1]")
'Club \\\\*ELEMIAH\\\\* \\\\[1\\\\]'
>>> render_markdown("Un <script>alert(1)</script> **fort**")
'<p>Un &lt;script&gt;alert(1)&lt;/script&gt; <strong>fort</strong></p>\\n'
"""

from __future__ import annotations

import hashlib
import re

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.footnote import footnote_plugin

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")

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
    "s",
    "section",
}
ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "th": {"style"},
    "td": {"style"},
    "li": {"id"},
    "ol": {"start"},
}
CLASSES = {
    "div": {"admonition", *ADMONITIONS},
    "p": {"admonition-title"},
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "hr": {"footnotes-sep"},
    "section": {"footnotes"},
    "ol": {"footnotes-list"},
    "li": {"footnote-item"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def escape_markdown(text: str) -> str:
    """Backslash-escape every character Markdown could read as syntax."""
    return _SPECIAL.sub(r"\\\1", text)


def _only_footnote_ids(element: str, attribute: str, value: str) -> str | None:
    """Keep ``id`` attributes only where the footnote plugin made them (``fn-…``), and links
    only to another site (``https://…``, ``mailto:``) or to a footnote of the same text:
    a relative address from a contributor (``java%09script:…``, ``../../x``) would point at
    a file of this site that does not exist."""
    if attribute == "id" and not value.startswith(("fn-", "fnref-")):
        return None
    if attribute == "href" and not value.lower().startswith(_LINK_STARTS):
        return None
    return value


_LINK_STARTS = ("http://", "https://", "mailto:", "#fn")


_MD = (
    MarkdownIt("commonmark", {"html": False, "typographer": False})
    .enable(["table", "strikethrough"])
    .use(footnote_plugin)
    .use(admon_plugin)
)
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
    """Contributor Markdown → HTML that is safe to put in any page.

    Footnote ids get a prefix made from the text, so two texts on one page never clash.
    """
    doc_id = hashlib.blake2s(text.encode(), digest_size=4).hexdigest()
    return _unwrap_dead_links(_CLEANER.clean(_MD.render(text, {"docId": doc_id})))


# A link as nh3 writes it: attributes double-quoted (a quote inside a value is &quot;), and
# links never nest.
_LINK = re.compile(r'<a((?:\s+[\w-]+="[^"]*")*)>(.*?)</a>', re.DOTALL)


def _unwrap_dead_links(html: str) -> str:
    """A link whose address was refused keeps its text, not the link: nh3 leaves
    ``<a rel="…">texte</a>``, invalid HTML (``rel`` needs ``href``) that looks like a link.

    >>> _unwrap_dead_links('<a rel="nofollow">tab</a> <a href="https://x.fr" rel="nofollow">ok</a>')
    'tab <a href="https://x.fr" rel="nofollow">ok</a>'
    """
    if "<a" not in html:
        return html
    return _LINK.sub(lambda link: link[0] if ' href="' in link[1] else link[2], html)
