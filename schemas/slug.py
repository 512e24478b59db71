"""File names from names and titles: lowercase ASCII words joined by hyphens.

Accents are taken off (Unicode decomposition) and the letters that do not decompose, the
ligatures first, are written as French writes them without them (:data:`LIGATURES`):

>>> slugify("« Le Mené »"), slugify("Œting"), slugify("L'Haÿ-les-Roses"), slugify("Æsop & Cie")
('le-mene', 'oeting', 'l-hay-les-roses', 'aesop-cie')
>>> slugify("Straße 2026 — Łódź"), slugify("<>")
('strasse-2026-lodz', '')

The form of « Proposer une expérience » names files the same way (its script keeps the same
table and cuts at the same length), so that a proposal received by mail lands where the form
said it would; tests/test_slug_js.py runs both on the same titles.
"""

from __future__ import annotations

import unicodedata

from .fields import MAX_SLUG

# Letters that Unicode does not decompose into a letter and an accent.
LIGATURES: dict[str, str] = {
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "ß": "ss",
    "ẞ": "ss",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "th",
    "Þ": "th",
    "ı": "i",
}


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """``text`` as an id and file name (empty if it has no letter or digit); at most
    ``limit`` characters, cut at a hyphen."""
    spelled = "".join(LIGATURES.get(c, c) for c in text)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())
    if len(slug) > limit:  # cut between two words, exactly as the form's script does
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if cut.rfind("-") > 0 else slug[:limit]
    return slug
