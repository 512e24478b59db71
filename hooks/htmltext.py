"""Rewrite the text of an HTML fragment, never its tags, and not inside code or links.

Elements are skipped by tag name (``code``, ``a``…) or by one of our own classes
(``rv-etiquette``: a label that names things, where a concept link would be noise).

>>> map_text('<p>a <code>b</code> c</p><p class="rv-etiquette">d</p>', str.upper)
'<p>A <code>b</code> C</p><p class="rv-etiquette">d</p>'
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_CLASS = re.compile(r'class="([^"]*)"')
SKIP = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea"})
SKIP_CLASSES = frozenset({"rv-etiquette", "rv-sous-titre"})


def map_text(
    html: str,
    change: Callable[[str], str],
    skip: frozenset[str] = SKIP,
    skip_classes: frozenset[str] = SKIP_CLASSES,
) -> str:
    """Apply ``change`` to each run of text that is not inside a skipped element."""
    parts = _TAG.split(html)
    skipping: str | None = None  # name of the element being skipped
    depth = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            match = _NAME.match(part)
            if not match or part.endswith("/>"):
                continue
            name, closing = match.group(1).lower(), part.startswith("</")
            if (
                skipping is None
                and not closing
                and (name in skip or _has_class(part, skip_classes))
            ):
                skipping, depth = name, 1
            elif name == skipping:
                depth += -1 if closing else 1
                skipping = skipping if depth else None
        elif part and skipping is None:
            parts[i] = change(part)
    return "".join(parts)


def _has_class(tag: str, classes: frozenset[str]) -> bool:
    match = _CLASS.search(tag)
    return bool(match and classes.intersection(match.group(1).split()))
