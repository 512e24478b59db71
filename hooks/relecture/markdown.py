"""Contributor text made inert in the review summary's Markdown, and the summary kept small.

The summary is read on the forge (GitHub renders it, HTML included, in the job summary) and in
a terminal. Every title, sentence or path that comes from a proposal is data: :func:`texte`
writes it on one line, with every HTML special character as an entity and every Markdown
punctuation mark escaped, so that no heading, list, table, link, image, mention or tag can
come out of it.

>>> print(texte("<script>alert(1)</script>"))
&lt;script&gt;alert(1)&lt;/script&gt;
>>> print(texte("[clic](javascript:alert(1)) | # titre\\n- puce"))
\\[clic\\](javascript:alert(1)) \\| \\# titre - puce
"""

from __future__ import annotations

from markupsafe import Markup

from hooks.core.field_changes import word_diff
from schemas.invisible import strip_invisible

# GitHub's job summary takes at most 1 MiB per step; the summary stops well before.
LIMITE = 900 * 1024
# The punctuation that can make inline Markdown or GitHub's extensions (emphasis, code, links
# and images, tables, strikethrough, mentions, math, issue numbers), escaped by a backslash,
# which prints it as it is; &, < and > become entities, which GitHub's HTML and any Markdown
# reader print as they are. Block syntax (headings, lists, quotes) needs a line's start, and
# contributor text never starts a line. The rest stays plain, for a terminal's reader.
_PONCTUATION = set("\\`*_[]|~@$#")
_ENTITES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
MOTS_AUTOUR = 12  # unchanged words kept on each side of a change in a field's diff


def texte(value: object, longueur: int = 2000) -> str:
    """``value`` as inert Markdown text on one line, at most ``longueur`` characters."""
    words = " ".join(strip_invisible(str(value)).split())
    if len(words) > longueur:
        words = words[: longueur - 1] + "…"
    return "".join(_ENTITES.get(c) or (f"\\{c}" if c in _PONCTUATION else c) for c in words)


def code(value: object) -> str:
    """A path or an id, in a code span that no backtick inside can close.

    >>> code("territoires/x.yml"), code("a`b")
    ('`territoires/x.yml`', '`` a`b ``')
    """
    words = " ".join(strip_invisible(str(value)).split())[:300]
    fence = "``" if "`" in words else "`"
    return f"{fence} {words} {fence}" if fence == "``" else f"`{words}`"


def diff(old: str, new: str) -> Markup:
    """A field's change word by word, as the revision notes show it, each run of words made
    inert by :func:`texte` and long unchanged passages elided.

    >>> diff("les habitants du quartier", "les habitants de la *ville*")
    Markup('les habitants <del>du quartier</del> <ins>de la \\\\*ville\\\\*</ins>')
    """
    return word_diff(old, new, escape=texte, context=MOTS_AUTOUR)


def borner(markdown: str, limite: int = LIMITE) -> str:
    """``markdown`` cut at a line's end before ``limite`` bytes of UTF-8, with a note that
    says so and how to read the rest; as it is when it fits.

    >>> print(borner("a\\nb\\nc\\n", 4))
    a
    b
    <BLANKLINE>
    > **Résumé tronqué** : 2 octets de plus ne sont pas montrés ici ; lancez « python build.py
    revue » sur votre poste pour tout lire.
    <BLANKLINE>
    """
    data = markdown.encode("utf-8")
    if len(data) <= limite:
        return markdown
    cut = data.rfind(b"\n", 0, limite) + 1
    rest = len(data) - cut
    return data[:cut].decode("utf-8") + (
        f"\n> **Résumé tronqué** : {rest} octets de plus ne sont pas montrés ici ; lancez « python"
        " build.py\nrevue » sur votre poste pour tout lire.\n"
    )
