"""Blocks of HTML the generator has already written, passed through Python-Markdown as they are.

Some parts of a generated page are written directly as HTML: contributor Markdown, already
rendered and sanitised (:mod:`hooks.core.sanitize`), long lists of backlinks, the table of
territories. In the Markdown page they are ordinary raw HTML between two
comments, so any Markdown engine passes them through:

>>> print(raw_block("<p>Déjà sûr</p>"))
<BLANKLINE>
<!-- rv:html -->
<p>Déjà sûr</p>
<!-- /rv:html -->
<BLANKLINE>

Blocks do not nest (the first end marker would close the outer block):

>>> raw_block(raw_block("<p>Déjà sûr</p>"))
Traceback (most recent call last):
ValueError: un bloc HTML généré ne peut pas en contenir un autre

Python-Markdown would re-read every tag of them with its pure-Python HTML parser (a third
of the time spent on a territory page). Listed under ``markdown_extensions``, this module
stores each block in Python-Markdown's own stash instead, exactly as its raw-HTML
preprocessor does once it has parsed a block, and the block comes out unchanged:

>>> import markdown
>>> markdown.markdown("# Titre" + raw_block("<ul>\\n<li>a</li>\\n</ul>"), extensions=[__name__])
'<h1>Titre</h1>\\n<ul>\\n<li>a</li>\\n</ul>'

Contributor text cannot close a block early: Markdown is rendered with raw HTML off and
comments removed by nh3, plain text is escaped, so ``<!--`` never reaches a page from them.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

START = "<!-- rv:html -->"
END = "<!-- /rv:html -->"
_BLOCK = re.compile(rf"^{START}\n(.*?)\n{END}$", re.MULTILINE | re.DOTALL)


def raw_block(html: str) -> Markup:
    """``html`` (already safe) as a block the Markdown step leaves untouched."""
    if START in html or END in html:
        raise ValueError("un bloc HTML généré ne peut pas en contenir un autre")
    return Markup(f"\n{START}\n{html}\n{END}\n")


class _StashRawBlocks(Preprocessor):
    """Replace each marked block by a placeholder; Python-Markdown puts the block back."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if START not in text:
            return lines
        stashed = _BLOCK.sub(lambda m: self.md.htmlStash.store(m.group(1)), text)
        return stashed.split("\n")


class RawHtmlExtension(Extension):
    """Runs before Python-Markdown's own raw-HTML preprocessor (priority 20)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StashRawBlocks(md), "rv_raw_html", 25)


def makeExtension(**kwargs: object) -> RawHtmlExtension:
    """The entry point Python-Markdown looks for when ``mkdocs.yml`` names this module."""
    return RawHtmlExtension(**kwargs)
