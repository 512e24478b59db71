"""Characters no reader can see: one definition for what ``check`` refuses and what the
site strips from text it does not validate (commit messages, author and tag names).

A NUL pasted from a PDF, a right-to-left override that disguises ``fdp.txt.exe``, a
zero-width space that makes two identical-looking ids differ: none of them may reach a
page, a PDF, a CSV cell, a citation or the Atom feed. Tab and newline stay; a zero-width
joiner stays only between two emoji, where it makes one picture of them (👩‍🌾).

>>> forbidden_character("titre: a\\u202eb")[:49]
'caractère invisible U+202E (forçage de direction)'
>>> forbidden_character("titre: Agricultrice 👩\\u200d🌾") is None
True
>>> strip_invisible("Ali\\u202eecnalA\\u200b\\x1b[0m")
'AliecnalA[0m'
"""

from __future__ import annotations

import re

# Approximately Unicode's Extended_Pictographic, plus the skin tones: what a ZWJ joins.
_EMOJI = (
    r"\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
    r"\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
NAMES = {
    "\u00ad": "trait d'union conditionnel",
    "\u061c": "marque de direction arabe",
    "\u180e": "séparateur de voyelles mongol",
    "\u200b": "espace sans largeur",
    "\u200c": "antiliant sans largeur",
    "\u200d": "liant sans largeur, hors d'un emoji",
    "\u200e": "marque de gauche à droite",
    "\u200f": "marque de droite à gauche",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\u2060": "gluon de mots",
    "\ufeff": "espace insécable sans largeur",
    "\ufffe": "non-caractère",
    "\uffff": "non-caractère",
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e", "forçage de direction"),
    **dict.fromkeys("\u2066\u2067\u2068\u2069", "isolat de direction"),
}
_INVISIBLE = re.compile(
    "[" + "".join(c for c in NAMES if c != "\u200d") + "]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 and C1 controls, but tab and newline
    r"|[\ud800-\udfff]"  # not characters at all (and never valid in XML)
    # a zero-width joiner, unless it joins two emoji (woman, ZWJ, laptop: one picture)
    rf"|(?<![{_EMOJI}])(?<![{_EMOJI}]\ufe0f)\u200d|\u200d(?![{_EMOJI}])"
)


# Every character :data:`_INVISIBLE` may match, as one class: the regex engine scans a class
# about twenty times faster than the lookarounds above, so a file is searched with it first
# and with the whole pattern only from where it finds something (almost never).
_CANDIDATE = re.compile("[" + "".join(NAMES) + r"\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def find_forbidden(text: str) -> re.Match[str] | None:
    """The first character of ``text`` that :func:`forbidden_character` names, or None: one
    scan of a whole file (a joiner between two emoji is allowed, as in a line).

    >>> find_forbidden("a: 👩\\u200d🌾\\nb: x\\u200by").start()
    11
    """
    candidate = _CANDIDATE.search(text)
    if candidate is None:
        return None
    return _INVISIBLE.search(text, candidate.start())  # lookbehinds still see what precedes


def forbidden_character(line: str) -> str | None:
    """The message for the first control or invisible character of ``line``, or None."""
    match = find_forbidden(line)
    if match is None:
        return None
    char = match.group()
    if char in NAMES:
        kind = f"caractère invisible U+{ord(char):04X} ({NAMES[char]})"
    else:
        kind = f"caractère de contrôle U+{ord(char):04X}"
    return (
        f"{kind}, colonne {match.start() + 1} : supprimez-le "
        "(souvent collé depuis un PDF ou une page web)"
    )


def strip_invisible(text: str) -> str:
    """``text`` without the characters :func:`forbidden_character` names (also valid XML 1.0).

    >>> strip_invisible("a\\u200db 👩\\u200d💻") == "ab 👩\\u200d💻"
    True
    """
    return _INVISIBLE.sub("", text)
