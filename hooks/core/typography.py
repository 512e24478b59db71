"""French typography, applied by the build so that nobody types invisible characters.

A non-breaking space before ``:`` and inside « », a narrow one before ``; ? !`` — only
where the writer put a space, so URLs and code are left alone — and « … » for "...". A
number keeps its unit on its line: « 34 km », « 20 % », « 15 € ».

>>> french_spacing("<p>Pourquoi ? « Parce que » : voilà ; <code>a ? b</code></p>")
'<p>Pourquoi\\u202f? «\\xa0Parce que\\xa0»\\xa0: voilà\\u202f; <code>a ? b</code></p>'
>>> french_spaces("à 34 km, 20 % et 15 €, 3 kmh")
'à 34\\xa0km, 20\\xa0% et 15\\xa0€, 3 kmh'
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from hooks.core.htmltext import map_text

NBSP = "\u00a0"
NNBSP = "\u202f"
_BEFORE_COLON = re.compile(r"[ \u00a0](:|»)")
_BEFORE_PUNCT = re.compile(r"[ \u00a0]([;?!])")
_AFTER_QUOTE = re.compile(r"« ")
_BEFORE_UNIT = re.compile(r"(?<=\d) (?=(?:km|%|€)(?!\w))")
_ANY = re.compile(r"[ \u00a0][:;?!»]|« |\.\.\.|\d (?:km|%|€)")  # where a rule above may apply


def french_spaces(text: str) -> str:
    """The same rules on plain text (a tooltip, a title attribute)."""
    if not _ANY.search(text):  # most runs of text between two tags: nothing to do
        return text
    text = _BEFORE_COLON.sub(NBSP + r"\1", text)
    text = _BEFORE_PUNCT.sub(NNBSP + r"\1", text)
    text = _BEFORE_UNIT.sub(NBSP, text)
    return _AFTER_QUOTE.sub("«" + NBSP, text).replace("...", "…")


def french_spacing(html: str) -> str:
    """Non-breaking spaces of French typography in the text of ``html`` (labels included)."""
    return map_text(html, _ANY, french_spaces, skip_classes=frozenset())


class _FrenchSpacing(Postprocessor):
    def run(self, text: str) -> str:
        return french_spacing(text)


class TypographyExtension(Extension):
    """The same spaces as a Python-Markdown extension, for an engine without our MkDocs hooks
    (``build.py export``), after the glossary's links (priority 10) as in the hooks:

    >>> import markdown
    >>> markdown.markdown("Pourquoi ? « Parce que »", extensions=[TypographyExtension()])
    '<p>Pourquoi\\u202f? «\\xa0Parce que\\xa0»</p>'
    """

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_FrenchSpacing(md), "rv_typography", 5)


def makeExtension(**kwargs: object) -> TypographyExtension:
    """The entry point Python-Markdown looks for when ``mkdocs.yml`` names this module."""
    return TypographyExtension(**kwargs)
