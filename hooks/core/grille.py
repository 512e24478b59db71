"""The workshop grid « Où en est notre territoire ? » as data: every enjeu with its balises,
and the scale of four levels. The grid's pages (:mod:`hooks.atelier.grille`) and its PDF
(:mod:`hooks.pdf.grid`) show the same grid.

>>> [level.label for level in LEVELS]
['pas encore', 'en chemin', 'acquis', 'non concerné']
"""

from __future__ import annotations

from dataclasses import dataclass

from hooks.urls import GRID_PAGE, grid_enjeu_page
from schemas.index import Entry, Index

TITLE = "Où en est notre territoire ?"
PDF_PREFIX = "grille"  # grille.pdf (every enjeu), grille-<enjeu>.pdf (one enjeu)


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
        Part(enjeu, tuple(b for b in balises if b.data.enjeu == enjeu.id))
        for enjeu in index.of_kind("enjeu")
    ]


def online_page(part: Part | None = None) -> str:
    """The page where the grid is filled in online: an enjeu's, or the index (every enjeu).

    >>> online_page()
    'atelier/grille.md'
    """
    return GRID_PAGE if part is None else grid_enjeu_page(part.enjeu.id)


def pdf_name(part: Part | None = None) -> str:
    """``grille`` (the whole grid) or ``grille-engagement`` (one enjeu)."""
    return PDF_PREFIX if part is None else f"{PDF_PREFIX}-{part.enjeu.id}"
