"""« Kit d'atelier »: every PDF a trainer may print, with its pages and size, and how to print.

The list comes from the same functions that make the PDFs (:func:`hooks.pdf.documents`,
the cards, :mod:`hooks.atelier.grille` for the grids); the figures from the build
(``build.py build`` lays the PDFs out first and passes ``{id: {"pages", "size"}}``). In a
build without PDFs the page lists them and says where they come from.

>>> [item.id for item in kit_items(index, {})][:3]          # doctest: +SKIP
['cartes-balises', 'grille', 'grille-engagement']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hooks.core.context import BuildContext
from hooks.core.grille import parts, pdf_name
from hooks.core.render import pdf_facts, render_page
from hooks.generated import GeneratedPage
from hooks.pdf.documents import CARDS_ID, WHOLE_ID, documents
from hooks.urls import GRID_PAGE, KIT_PAGE, pdf_url
from schemas.index import Index

TITLE = "Kit d'atelier"


@dataclass(frozen=True)
class KitItem:
    """One PDF of the kit: what it is for and how to print it."""

    id: str
    title: str
    group: str  # « Pour l'atelier » or « Pour lire et se former »
    paper: str  # how to print it
    facts: str  # « PDF, 22 pages, 109 Ko », or « PDF » in a build without PDFs
    href: str


def kit_items(index: Index, figures: Mapping[str, Mapping[str, int]]) -> list[KitItem]:
    """Every PDF of the build, in the order a trainer needs them."""
    page = KIT_PAGE

    def item(pdf_id: str, title: str, group: str, paper: str) -> KitItem:
        facts = pdf_facts(figures.get(pdf_id))
        return KitItem(pdf_id, title, group, paper, facts, pdf_url(pdf_id, page))

    workshop = "Pour l'atelier"
    reading = "Pour lire et se former"
    items = [
        item(
            CARDS_ID,
            "Cartes des balises",
            workshop,
            "A4 recto verso, bord long ; 4 cartes A6 par feuille, à couper",
        ),
    ]
    items += [  # one enjeu's cards alone (hooks/pdf/cards.py, decks)
        item(
            f"{CARDS_ID}-{enjeu.id}",
            f"Cartes de l'enjeu {enjeu.data.numero} « {enjeu.data.titre_court} »",
            workshop,
            "A4 recto verso, bord long ; à couper",
        )
        for enjeu in index.of_kind("enjeu")
    ]
    items.append(
        item(pdf_name(), "Grille « Où en est notre territoire ? », complète", workshop, "A4")
    )
    items += [
        item(
            pdf_name(part),
            f"Grille de l'enjeu {part.enjeu.data.numero} « {part.enjeu.data.titre_court} »",
            workshop,
            "A4, un exemplaire par équipe",
        )
        for part in parts(index)
    ]
    docs = documents(index, "")
    for doc in docs:
        paper = "A4 recto verso" if doc.id != WHOLE_ID else "A4 recto verso, à relier"
        title = f"{doc.label} : {doc.title}" if doc.id != WHOLE_ID else doc.label
        items.append(item(doc.id, title, reading, paper))
    return items


def kit_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The kit's page, written in its template (no « Modifier cette page »: no record)."""
    index, page = ctx.index, KIT_PAGE
    items = kit_items(index, ctx.pdf_facts)
    groups = {item.group: [i for i in items if i.group == item.group] for item in items}
    return [
        render_page(
            page,
            "atelier/kit.md.j2",
            **ctx.template_values(),
            page=page,
            title=TITLE,
            groups=groups,
            grid_page=GRID_PAGE,
            balises=len(index.of_kind("balise")),
            enjeux=len(index.of_kind("enjeu")),
        )
    ]
