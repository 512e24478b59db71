"""Balise cards: one A6 card per balise, four per A4 sheet, fronts then mirrored backs.

Printed double-sided with a flip along the long edge, the back of the card in the top
left corner of a front sheet is in the top right corner of the next sheet: each row of a
back sheet is therefore written in reverse order, so that front and back line up.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from hooks.pdf.selection import Ranking, featured
from hooks.urls import public_url
from schemas.index import Entry, Index
from schemas.territoire import Experience

from .documents import CARDS_ID
from .html import common, render

PER_SHEET = 4  # 2 columns × 2 rows of A6 on A4
COLUMNS = 2


@dataclass(frozen=True)
class Card:
    """What a balise card shows: front, back, and the balise page it points to."""

    balise: Entry
    enjeu: Entry
    url: str
    example: tuple[Entry, Experience] | None

    @property
    def qr_code(self) -> Markup:
        """The page address as a QR code, an SVG data URI for an ``<img>``."""
        qr = segno.make(self.url, error="m", micro=False)
        return Markup(qr.svg_data_uri(border=0, dark="#000", light=None))


@dataclass(frozen=True)
class Sheet:
    """One printed A4 side: four slots (None where the last sheet has no card)."""

    side: str  # "recto" or "verso"
    slots: tuple[Card | None, ...]


def first_example(index: Index, balise: Entry, ranking: Ranking) -> tuple[Entry, Experience] | None:
    """The experience printed first under the balise (:mod:`hooks.pdf.selection`), if any."""
    shown = featured(index, balise, ranking, limit=1).shown
    if not shown or shown[0].experience is None:
        return None
    return shown[0].entry, shown[0].experience


def cards(index: Index, site_url: str, ranking: Ranking | None = None) -> list[Card]:
    """One card per balise, in reading order (enjeu, then number)."""
    ranking = ranking or Ranking(index)
    return [
        Card(b, index[b.data.enjeu], public_url(b, site_url), first_example(index, b, ranking))
        for b in index.of_kind("balise")
    ]


def mirrored(slots: list[Card | None]) -> list[Card | None]:
    """The back sheet of ``slots``: each row reversed (flip along the long edge)."""
    rows = [slots[i : i + COLUMNS] for i in range(0, len(slots), COLUMNS)]
    return [card for row in rows for card in reversed(row)]


def sheets(all_cards: list[Card]) -> list[Sheet]:
    """Front sheet, then its back sheet, for every group of four cards."""
    result = []
    for start in range(0, len(all_cards), PER_SHEET):
        group: list[Card | None] = list(all_cards[start : start + PER_SHEET])
        group += [None] * (PER_SHEET - len(group))
        result += [Sheet("recto", tuple(group)), Sheet("verso", tuple(mirrored(group)))]
    return result


def cards_html(index: Index, site_url: str, ranking: Ranking | None = None) -> str:
    """The HTML of ``cartes-balises.pdf``: cover, contents, then the sheets."""
    all_cards = cards(index, site_url, ranking)
    return render(
        "cards.html.j2",
        **common(index, site_url),
        doc_id=CARDS_ID,
        url=f"{site_url}balises/",
        cards=all_cards,
        enjeux=index.of_kind("enjeu"),
        sheets=sheets(all_cards),
        link=lambda record: public_url(record, site_url),
    )
