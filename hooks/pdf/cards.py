"""Balise cards: one A6 card per balise, four per A4 sheet, fronts then mirrored backs.

Printed double-sided with a flip along the long edge, the back of the card in the top
left corner of a front sheet is in the top right corner of the next sheet: each row of a
back sheet is therefore written in reverse order, so that front and back line up.

The whole deck is ``cartes-balises.pdf``; each enjeu's cards alone are also
``cartes-balises-<enjeu>.pdf`` (:func:`decks`), with the same example on each card: one
experience per card, spread over the territories (:func:`hooks.pdf.selection.spread`).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from hooks.pdf.selection import Ranking, spread
from hooks.urls import public_url
from schemas.index import Entry, Index
from schemas.territoire import Experience

from .documents import CARDS_ID
from .html import common, qr_code, render

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
        return qr_code(self.url)

    @property
    def code(self) -> str:
        """« Engagement · balise 3 »: what tells two cards apart on a mixed sheet."""
        return f"{self.enjeu.data.titre_court} · balise {self.balise.data.numero}"


@dataclass(frozen=True)
class Sheet:
    """One printed A4 side: four slots (None where the last sheet has no card)."""

    side: str  # "recto" or "verso"
    slots: tuple[Card | None, ...]


def cards(index: Index, site_url: str, ranking: Ranking | None = None) -> list[Card]:
    """One card per balise, in reading order (enjeu, then number), each with one experience
    (:func:`hooks.pdf.selection.spread`), if any cites it."""
    balises = index.of_kind("balise")
    examples = spread(index, balises, ranking or Ranking(index), group=lambda b: b.data.enjeu)
    found = []
    for b in balises:
        link = examples[b.id]
        example = (link.entry, link.experience) if link and link.experience else None
        found.append(Card(b, index[b.data.enjeu], public_url(b, site_url), example))
    return found


def deck_id(enjeu: Entry | None = None) -> str:
    """``cartes-balises`` (every card) or ``cartes-balises-engagement`` (one enjeu's)."""
    return CARDS_ID if enjeu is None else f"{CARDS_ID}-{enjeu.id}"


def decks(index: Index) -> list[tuple[str, Entry | None]]:
    """``(pdf id, enjeu)`` of every deck: the whole (enjeu None), then one per enjeu."""
    return [(deck_id(), None)] + [(deck_id(e), e) for e in index.of_kind("enjeu")]


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


def cards_html(
    index: Index,
    site_url: str,
    ranking: Ranking | None = None,
    enjeu: Entry | None = None,
    every: list[Card] | None = None,
) -> str:
    """The HTML of a deck: cover, contents, then the sheets; ``cartes-balises.pdf`` or, with
    ``enjeu``, that enjeu's cards (``every``: :func:`cards`, if the caller has them)."""
    every = every if every is not None else cards(index, site_url, ranking)
    chosen = [c for c in every if enjeu is None or c.enjeu.id == enjeu.id]
    return render(
        "cards.html.j2",
        **common(index, site_url),
        doc_id=deck_id(enjeu),
        enjeu=enjeu,
        url=public_url(enjeu, site_url) if enjeu else f"{site_url}balises/",
        cards=chosen,
        enjeux=[enjeu] if enjeu else index.of_kind("enjeu"),
        sheets=sheets(chosen),
        link=lambda record: public_url(record, site_url),
    )


def card_jobs(index: Index, site_url: str, ranking: Ranking | None = None) -> list[tuple]:
    """``(pdf id, html)`` of every deck (:func:`decks`), the cards chosen once for all."""
    every = cards(index, site_url, ranking)
    return [(i, cards_html(index, site_url, enjeu=e, every=every)) for i, e in decks(index)]
