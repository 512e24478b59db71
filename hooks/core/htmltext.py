"""Rewrite the text of an HTML fragment, never its tags, and not inside code or links.

Elements are skipped by tag name (``code``, ``a``…) or by one of our own classes
(``rv-etiquette``: a label that names things, where a concept link would be noise).
A tag is ``<`` up to the next ``>``. The whole page is searched at once, in C, and only
the matches are checked from Python: pages are long, their tags many, the matches few.

>>> words = re.compile(r"[a-z]+")
>>> map_text('<p>a <code>b</code> c</p><p class="rv-etiquette">d</p>', words, str.upper)
'<p>A <code>b</code> C</p><p class="rv-etiquette">d</p>'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache

_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_CLASS = re.compile(r'class="([^"]*)"')
SKIP = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea", "svg"})
SKIP_CLASSES = frozenset({"rv-etiquette", "rv-sous-titre"})


class Text:
    """Where the text of ``html`` is: outside tags, outside the skipped elements.

    >>> html = '<p title="x">a <code>b</code> c</p>'
    >>> [html[i] for i in range(len(html)) if html[i].isalpha() and i in Text(html)]
    ['a', 'c']
    """

    def __init__(
        self, html: str, skip: frozenset[str] = SKIP, skip_classes: frozenset[str] = SKIP_CLASSES
    ) -> None:
        self.html = html
        self.skipped = _skipped(html, skip, skip_classes)
        self.starts = [start for start, _ in self.skipped]

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self.starts, position) - 1
        return (i < 0 or position >= self.skipped[i][1]) and not _in_tag(self.html, position)


def map_text(
    html: str,
    pattern: re.Pattern[str],
    change: Callable[[str], str],
    skip: frozenset[str] = SKIP,
    skip_classes: frozenset[str] = SKIP_CLASSES,
) -> str:
    """Apply ``change`` to the text around each match of ``pattern`` (up to the nearest
    ``<`` or ``>``, which ``pattern`` must never match)."""
    text: Text | None = None  # where the text is: found once there is a match to check
    parts: list[str] = []
    done = 0
    for match in pattern.finditer(html):
        if match.start() < done:  # already changed
            continue
        text = text or Text(html, skip, skip_classes)
        if match.start() not in text:
            continue
        start = html.rfind(">", 0, match.start()) + 1
        end = html.find("<", match.end())
        end = len(html) if end < 0 else end
        parts += [html[done:start], change(html[start:end])]
        done = end
    parts.append(html[done:])
    return "".join(parts)


def _skipped(
    html: str, skip: frozenset[str], skip_classes: frozenset[str]
) -> list[tuple[int, int]]:
    """``(start, end)`` of each outermost skipped element, in order."""
    spans: list[tuple[int, int]] = []
    end = 0
    for tag in _openings(skip, bool(skip_classes)).finditer(html):
        if tag.start() < end or tag.group(0).endswith("/>") or _in_tag(html, tag.start()):
            continue
        name = _NAME.match(tag.group(0)).group(1).lower()  # type: ignore[union-attr]
        if name in skip or _has_class(tag.group(0), skip_classes):
            end = _closing(html, name, tag.end())
            spans.append((tag.start(), end))
    return spans


def _closing(html: str, name: str, position: int) -> int:
    """End of the tag that closes the element ``name`` opened just before ``position``."""
    depth = 1
    for tag in _same_name(name).finditer(html, position):
        if tag.group(0).endswith("/>") or _in_tag(html, tag.start()):
            continue
        depth += -1 if tag.group(1) else 1
        if not depth:
            return tag.end()
    return len(html)


def _in_tag(html: str, position: int) -> bool:
    """Is ``position`` inside a tag (after its ``<``, up to its ``>``)?"""
    opening = html.rfind("<", 0, position)
    return opening >= 0 and html.find(">", opening) >= position


@cache
def _openings(skip: frozenset[str], with_classes: bool) -> re.Pattern[str]:
    """Opening tags that may start a skipped element: a skipped name, or any class."""
    names = "|".join(sorted(skip))
    by_class = r'|[a-zA-Z0-9]+[^>]*class="' if with_classes else ""
    # (?=…): a closing tag fails at once, not after trying every name (three times faster)
    return re.compile(
        rf"<(?=[a-zA-Z0-9])(?:(?:{names})(?![a-zA-Z0-9]){by_class})[^>]*>", re.IGNORECASE
    )


@cache
def _same_name(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?![a-zA-Z0-9])[^>]*>", re.IGNORECASE)


def _has_class(tag: str, classes: frozenset[str]) -> bool:
    match = _CLASS.search(tag)
    return bool(match and classes.intersection(match.group(1).split()))
