"""« Où en est notre territoire ? »: the workshop grid, every balise with its questions and a
scale of four levels, to fill in online (``docs/assets/grille.js`` keeps the answers in the
browser) or on paper (:mod:`hooks.pdf.grid` prints the same grid).

Without JavaScript the page is a plain form that prints; with it, answers are saved in the
browser's local storage only, each enjeu shows how many balises are at each level, and the
answers go out and back in as a CSV file.

>>> [level.label for level in LEVELS]
['pas encore', 'en chemin', 'acquis', 'non concerné']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.index import Entry, Index

from .generated import GeneratedPage
from .render import render
from .urls import file_url, grid_page

TITLE = "Où en est notre territoire ?"
TEMPLATE = "grille.md.j2"
PDF_PREFIX = "grille"  # grille.pdf (every enjeu), grille-<enjeu>.pdf (one enjeu)
STORAGE_KEY = "referentiel-vivant:grille"  # the key of the answers in localStorage


@dataclass(frozen=True)
class Level:
    """A step of the scale: ``key`` in the form and the CSV file, ``label`` as printed."""

    key: str
    label: str


LEVELS = (
    Level("pas-encore", "pas encore"),
    Level("en-chemin", "en chemin"),
    Level("acquis", "acquis"),
    Level("non-concerne", "non concerné"),
)


@dataclass(frozen=True)
class Part:
    """An enjeu of the grid and its balises, in reading order."""

    enjeu: Entry
    balises: tuple[Entry, ...]

    @property
    def anchor(self) -> str:
        """``enjeu-engagement``: the id of its heading on the page."""
        return f"enjeu-{self.enjeu.id}"


def parts(index: Index) -> list[Part]:
    """The enjeux in order, each with its balises (by number)."""
    balises = index.of_kind("balise")
    return [
        Part(enjeu, tuple(b for b in balises if b.data.enjeu == enjeu.id))  # type: ignore[attr-defined]
        for enjeu in index.of_kind("enjeu")
    ]


def pdf_name(part: Part | None = None) -> str:
    """``grille`` (the whole grid) or ``grille-engagement`` (one enjeu)."""
    return PDF_PREFIX if part is None else f"{PDF_PREFIX}-{part.enjeu.id}"


def grid_pages(index: Index, common: dict[str, Any]) -> list[GeneratedPage]:
    """The grid's page; its edit link opens the balises, where the questions are written."""
    page = grid_page()
    grid = parts(index)
    markdown = render(
        TEMPLATE,
        **common,
        page=page,
        title=TITLE,
        parts=grid,
        levels=LEVELS,
        storage_key=STORAGE_KEY,
        whole=pdf_name(),
        pdfs=[(pdf_name(p), p) for p in grid],
        script_url=file_url("assets/grille.js", page),
        css_url=file_url("assets/grille.css", page),
    )
    return [GeneratedPage(page, markdown, "balises/")]
