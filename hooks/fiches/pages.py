"""The pages of the référentiel's records: an enjeu, a balise, a mode de faire, a dispositif,
a chapter, a reading path, a concept; and the list page of each kind.

A record's page shows the experiences that cite it, grouped by territory
(:func:`by_territory`); an enjeu's, those citing anything under it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hooks.core.context import BuildContext
from hooks.core.records import record_page
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import PAGES, list_page
from schemas.index import Backlink, Entry, Index, sort_key
from schemas.kinds import KIND_BY_NAME

TEMPLATE_OF = {
    "enjeu": "fiches/enjeu.md.j2",
    "balise": "fiches/balise.md.j2",
    "mode_de_faire": "fiches/pratique.md.j2",
    "dispositif": "fiches/pratique.md.j2",
    "chapitre": "fiches/chapitre.md.j2",
    "parcours": "fiches/parcours.md.j2",
    "concept": "fiches/concept.md.j2",  # listed by concepts/index.md, like territories
}
LIST_TITLES = {
    "parcours": "Parcours de lecture",
    "enjeu": "Les 4 enjeux",
    "balise": "Balises",
    "mode_de_faire": "Modes de faire",
    "dispositif": "Dispositifs",
    "chapitre": "Chapitres",
    "concept": "Glossaire des concepts",
    "source": "Sources",
}


@dataclass(frozen=True)
class TerritoryExperiences:
    """The experiences of one territory that relate to a record (for backlink lists)."""

    territoire: Entry
    links: tuple[Backlink, ...]


def by_territory(links: list[Backlink]) -> list[TerritoryExperiences]:
    """Group experience backlinks by territory, territories in alphabetical order."""
    grouped: dict[str, list[Backlink]] = defaultdict(list)
    entries: dict[str, Entry] = {}
    for link in links:
        if link.experience is not None:
            grouped[link.entry.id].append(link)
            entries[link.entry.id] = link.entry
    seen = sorted(entries.values(), key=lambda e: sort_key(e.title))
    return [TerritoryExperiences(e, tuple(_unique_experiences(grouped[e.id]))) for e in seen]


def _unique_experiences(links: list[Backlink]) -> list[Backlink]:
    """One link per experience, even if it cites the record through several fields."""
    unique: dict[str, Backlink] = {}
    for link in links:
        assert link.experience is not None
        unique.setdefault(link.experience.id, link)
    return list(unique.values())


def record_context(index: Index, entry: Entry) -> dict[str, object]:
    """What a record's template needs beyond the record itself."""
    context: dict[str, object] = {"experiences": by_territory(index.cited_by(entry.id))}
    if entry.kind.name == "enjeu":
        under = {
            k: [e for e in index.of_kind(k) if e.data.enjeu == entry.id]
            for k in ("balise", "mode_de_faire", "dispositif")
        }
        links = [link for k in under.values() for e in k for link in index.cited_by(e.id)]
        context.update(under, experiences=by_territory(links))
    if entry.kind.name == "balise":
        context.update(
            modes=index.cited_by(entry.id, "mode_de_faire"),
            dispositifs=index.cited_by(entry.id, "dispositif"),
        )
    return context


def record_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """A page per record of the référentiel, kind after kind."""
    return [
        record_page(ctx, entry, template, **record_context(ctx.index, entry))
        for kind_name, template in TEMPLATE_OF.items()
        for entry in ctx.index.of_kind(kind_name)
    ]


def list_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The index page of each kind, made from its folder (no « Modifier cette page »)."""
    pages = []
    for kind_name, title in LIST_TITLES.items():
        page = list_page(kind_name)
        markdown = render(
            f"fiches/liste-{PAGES[kind_name][0]}.md.j2",
            **ctx.template_values(),
            page=page,
            title=title,
            entries=ctx.index.of_kind(kind_name),
        )
        pages.append(GeneratedPage(page, markdown, KIND_BY_NAME[kind_name].folder + "/"))
    return pages
