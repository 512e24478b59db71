"""Reuse a PDF when nothing that goes into it has changed: a key per PDF, a folder of copies.

A PDF is made of its HTML (records shown, templates, version, site address: all written
into it), its stylesheets, the fonts it draws with, the versions of WeasyPrint, pydyf and
pikepdf, the standards it is written to (:data:`.conformance.SIGNATURE`) and the code that
finishes it once written (:data:`FINISHING`). The key is a SHA-256 of all of them; the
cache folder (``.cache/pdf/`` at the root of the repository, listed in ``.gitignore``)
keeps the last PDF of each id with its key, page count and size in ``manifeste.json``.
Rendering a PDF takes seconds; checking its key, milliseconds.

>>> cache = PdfCache(Path(".cache/pdf"))                         # doctest: +SKIP
>>> cache.get("engagement", key) or render(...)                 # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .conformance import SIGNATURE

# The families the print stylesheets name (commun.css): their files are part of the key.
FONT_FAMILIES = ("DejaVu Serif", "DejaVu Sans")
# The code that finishes each PDF once WeasyPrint has written it: part of the key too.
FINISHING = tuple(Path(__file__).with_name(name) for name in ("conformance.py", "tagging.py"))
MANIFEST = "manifeste.json"
FORMAT = 1  # bump when the cache's layout changes: older folders are then ignored


@dataclass(frozen=True)
class PdfFile:
    """A PDF of the build: its id, page count, size in bytes, and whether it was reused."""

    id: str
    pages: int
    size: int
    reused: bool = False


@cache
def fonts_fingerprint() -> str:
    """Path, size and date of every font file of :data:`FONT_FAMILIES`, as fontconfig finds
    them (``fc-list``); a font update changes the key of every PDF."""
    lines = []
    for family in FONT_FAMILIES:
        try:
            found = subprocess.run(
                ["fc-list", family, "file"], capture_output=True, text=True, check=False
            ).stdout
        except FileNotFoundError:  # no fontconfig tools: WeasyPrint still finds the fonts
            found = ""
        for path in sorted(line.rstrip(": \n") for line in found.splitlines() if line.strip()):
            try:
                stat = os.stat(path)
                lines.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
            except OSError:
                lines.append(path)
    return "\n".join(lines)


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def pdf_key(html: str, stylesheets: list[Path]) -> str:
    """The SHA-256 of everything that makes a PDF: HTML, stylesheets, fonts, engine, the
    standards it is written to and the code that finishes it."""
    digest = hashlib.sha256()
    for part in (
        f"format {FORMAT}",
        f"weasyprint {_version('weasyprint')} pydyf {_version('pydyf')}",
        f"pikepdf {_version('pikepdf')}",
        SIGNATURE,
        *(code.read_text(encoding="utf-8") for code in FINISHING),
        fonts_fingerprint(),
        *(sheet.read_text(encoding="utf-8") for sheet in stylesheets),
        html,
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class PdfCache:
    """A folder of the last PDF of each id, with its key (see the module's docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            entries = raw["pdf"] if raw.get("format") == FORMAT else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}  # no cache yet, or a damaged one: everything is rendered again
        self.entries: dict[str, dict] = entries if isinstance(entries, dict) else {}

    def get(self, pdf_id: str, key: str) -> PdfFile | None:
        """The cached PDF of ``pdf_id`` if its key is ``key`` and its file is whole."""
        entry = self.entries.get(pdf_id)
        path = self.folder / f"{pdf_id}.pdf"
        try:
            if not entry or entry.get("cle") != key or path.stat().st_size != entry["octets"]:
                return None
            return PdfFile(pdf_id, int(entry["pages"]), int(entry["octets"]), reused=True)
        except (OSError, KeyError, TypeError, ValueError):
            return None

    def put(self, pdf_id: str, key: str, rendered: Path, pages: int) -> PdfFile:
        """Keep ``rendered`` as the PDF of ``pdf_id`` under ``key``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{pdf_id}.pdf"
        if rendered != target:
            shutil.copyfile(rendered, target)
        made = PdfFile(pdf_id, pages, target.stat().st_size)
        self.entries[pdf_id] = {"cle": key, "pages": pages, "octets": made.size}
        return made

    def path(self, pdf_id: str) -> Path:
        return self.folder / f"{pdf_id}.pdf"

    def save(self) -> None:
        """Write the manifest (atomically: a build stopped midway leaves the old one)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{MANIFEST}.{os.getpid()}"
        data = {"format": FORMAT, "pdf": self.entries}
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        temporary.replace(self.folder / MANIFEST)


def as_dict(files: list[PdfFile]) -> dict[str, dict]:
    """``{id: {"pages": …, "size": …, "reused": …}}``: what the site's pages show of the PDFs."""
    return {f.id: asdict(f) for f in files}
