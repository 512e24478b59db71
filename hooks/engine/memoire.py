"""Keeping the build's memory low at 5,000 territories, where Pagefind (about 640 MB) runs
while the engine holds every page: the generated pages and files written to disk rather than
held as strings, and the heap's free pages given back to the system once generation is over.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import tempfile
from pathlib import Path


def give_back_memory() -> None:
    """Return the free pages of the C heap to the system (glibc's ``malloc_trim``).

    Python frees its objects, but glibc keeps the freed pages for later allocations: after
    generation (tens of thousands of Markdown strings made, then handed to the engine), some
    60 MB at 5,000 territories that the rest of the build does not need. Elsewhere (another
    C library), nothing happens."""
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


class Spill:
    """A temporary folder beside the site being built, where the generated pages (their
    Markdown, which the engine reads when it renders them) and files (open data, « Près de
    chez moi »'s slices, citations: 90 MB at 5,000 territories, which it copies) wait for
    the engine, instead of staying in memory as strings during the whole build."""

    def __init__(self, site_dir: str) -> None:
        parent = Path(site_dir).parent
        self.folder = Path(tempfile.mkdtemp(prefix=".fichiers-en-cours-", dir=parent))

    def write(self, path: str, content: str | bytes) -> str:
        """Write ``content`` at ``path`` (relative, as in the site) in the folder; its path."""
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return str(target)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
