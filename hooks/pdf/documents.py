"""What goes in each PDF: documents made of sections (chapters and enjeux), from the index.

>>> [d.id for d in documents(index, "https://exemple.fr/")][:2]      # doctest: +SKIP
['engagement', 'approche-systemique']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from hooks.pdf.selection import Ranking, experiences_citing, featured
from hooks.urls import public_url
from schemas.index import Entry, Index, sort_key
from schemas.territoire import Experience

# In the 2019 document the four enjeux come after chapter 6 (the workshop's participants).
ENJEUX_AFTER_CHAPTER = 6
PRACTICES = ("balise", "mode_de_faire", "dispositif")
CARDS_ID = "cartes-balises"
WHOLE_ID = "referentiel"


@dataclass(frozen=True)
class Example:
    """An experience of a territory that illustrates records of a section."""

    territoire: Entry
    experience: Experience
    cites: tuple[str, ...]  # ids of the section's records it refers to


@dataclass
class Section:
    """A chapter, or an enjeu with its balises, modes de faire, dispositifs and examples."""

    entry: Entry
    records: dict[str, list[Entry]] = field(default_factory=dict)
    examples: list[tuple[Entry, list[Example]]] = field(default_factory=list)
    others: dict[str, int] = field(default_factory=dict)  # record id → experiences not printed

    @property
    def kind(self) -> str:
        return self.entry.kind.name


@dataclass
class Document:
    """One PDF: ``<id>.pdf``, its cover title and the address of the page it prints."""

    id: str
    title: str
    label: str
    url: str
    sections: list[Section]
    glossary: list[Entry] = field(default_factory=list)
    glossary_title: str = "Concepts cités"

    def anchors(self) -> set[str]:
        """Ids of every record printed in this document (links to them stay inside)."""
        ids = {s.entry.id for s in self.sections} | {c.id for c in self.glossary}
        for section in self.sections:
            ids |= {e.id for entries in section.records.values() for e in entries}
        return ids


def examples(
    index: Index, records: list[Entry], ranking: Ranking
) -> tuple[list[tuple[Entry, list[Example]]], dict[str, int]]:
    """The experiences printed for ``records`` (a few per record, :mod:`hooks.pdf.selection`),
    grouped by territory in alphabetical order, and how many each record leaves out."""
    citing = {r.id: experiences_citing(index, r.id) for r in records}
    shown: dict[str, dict[str, Experience]] = defaultdict(dict)
    territories: dict[str, Entry] = {}
    for record in records:
        for link in featured(index, record, ranking, citing=citing[record.id]).shown:
            assert link.experience is not None
            territories[link.entry.id] = link.entry
            shown[link.entry.id][link.experience.id] = link.experience
    cites: dict[tuple[str, str], list[str]] = defaultdict(list)
    others = {}
    for record in records:
        printed = 0
        for territory, links in citing[record.id].items():
            for link in links:
                assert link.experience is not None
                if link.experience.id in shown.get(territory, {}):
                    cites[territory, link.experience.id].append(record.id)
                    printed += 1
        total = sum(len(links) for links in citing[record.id].values())
        others[record.id] = total - printed
    ordered = sorted(territories.values(), key=lambda e: sort_key(e.title))
    grouped = [
        (t, [Example(t, x, tuple(cites[t.id, x.id])) for x in shown[t.id].values()])
        for t in ordered
    ]
    return grouped, others


def enjeu_section(index: Index, enjeu: Entry, ranking: Ranking) -> Section:
    """An enjeu and everything under it, in reading order."""
    records = {k: [e for e in index.of_kind(k) if e.data.enjeu == enjeu.id] for k in PRACTICES}
    every = [e for entries in records.values() for e in entries]
    shown, others = examples(index, every, ranking)
    return Section(enjeu, records, shown, others)


def cited_concepts(index: Index, sections: list[Section]) -> list[Entry]:
    """The concepts that a document's records and experiences refer to, alphabetically."""
    ids: set[str] = set()
    for section in sections:
        records = [section.entry] + [e for es in section.records.values() for e in es]
        ids.update(c for record in records for c in record.data.concepts)
        for _, found in section.examples:
            ids.update(c for example in found for c in example.experience.concepts)
    return sorted((index[i] for i in ids), key=lambda e: sort_key(e.title))


def single(index: Index, section: Section, label: str, site_url: str) -> Document:
    """The PDF of one enjeu or chapter, with the glossary of the concepts it cites."""
    entry = section.entry
    return Document(
        entry.id,
        entry.data.titre,
        f"{label} {entry.data.numero}",
        public_url(entry, site_url),
        [section],
        cited_concepts(index, [section]),
    )


def documents(index: Index, site_url: str, ranking: Ranking | None = None) -> list[Document]:
    """Every PDF but the cards: one per enjeu, one per chapter, then the whole référentiel.

    ``ranking`` orders the experiences printed (:mod:`hooks.pdf.selection`); without it, the
    villes pairs first, then by name (no git history).
    """
    ranking = ranking or Ranking(index)
    enjeux = [enjeu_section(index, e, ranking) for e in index.of_kind("enjeu")]
    chapters = [Section(c) for c in index.of_kind("chapitre")]
    docs = [single(index, s, "Enjeu", site_url) for s in enjeux]
    docs += [single(index, s, "Chapitre", site_url) for s in chapters]
    before = [s for s in chapters if s.entry.data.numero <= ENJEUX_AFTER_CHAPTER]
    after = [s for s in chapters if s.entry.data.numero > ENJEUX_AFTER_CHAPTER]
    docs.append(
        Document(
            WHOLE_ID,
            index.referentiel.sous_titre or index.referentiel.titre,
            "Le référentiel complet",
            site_url,
            before + enjeux + after,
            index.of_kind("concept"),
            "Glossaire des concepts",
        )
    )
    return docs
