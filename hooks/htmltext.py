"""Rewrite the text of an HTML fragment, never its tags, and not inside code or links.

>>> map_text("<p>a <code>b</code> c</p>", str.upper)
'<p>A <code>b</code> C</p>'
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
SKIP = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea"})


def map_text(html: str, change: Callable[[str], str], skip: frozenset[str] = SKIP) -> str:
    """Apply ``change`` to each run of text that is not inside a ``skip`` element."""
    parts = _TAG.split(html)
    depth = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            match = _NAME.match(part)
            if match and match.group(1).lower() in skip and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
        elif part and depth == 0:
            parts[i] = change(part)
    return "".join(parts)
