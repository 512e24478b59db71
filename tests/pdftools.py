"""Reading PDFs as a reader would, with poppler-utils: text of a page or of a box, pages.

Without poppler-utils (or zbar-tools for ``zbarimg``), the test fails and names the package.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from hooks.core.sanitize import render_markdown

from .outils import require


def run(*command: str | Path) -> str:
    """Run a command, fail on error (or naming its package if it is missing), return what it
    printed."""
    program, *args = (str(c) for c in command)
    return subprocess.run(
        [require(program), *args], check=True, capture_output=True, text=True
    ).stdout


def text(pdf: Path, page: int | None = None, box: tuple[float, ...] | None = None) -> str:
    """``pdftotext -raw`` of a page (or the whole file), optionally of a box in points."""
    args: list[str | Path] = ["pdftotext", "-raw"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    for flag, value in zip(("-x", "-y", "-W", "-H"), box or (), strict=False):
        args += [flag, str(round(value))]
    return run(*args, pdf, "-")


def normal(value: str) -> str:
    """Text without line breaks, hyphenation (U+2010 at line ends) nor spacing."""
    return re.sub(r"\s+", "", re.sub("\u2010\\s*", "", value.replace("\u00ad", "")))


def plain(markdown: str) -> str:
    """What a reader sees of rendered Markdown."""
    return html.unescape(re.sub(r"<[^>]+>", "", render_markdown(markdown)))


def pages(pdf: Path) -> int:
    """Number of pages, from ``pdfinfo``."""
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))
