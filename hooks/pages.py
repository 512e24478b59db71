"""The generation step: a validated index in, Markdown pages and a navigation out.

Pure functions, no MkDocs: ``generate_site(index)`` is what the MkDocs hooks call, what
the tests call, and what another MkDocs-compatible engine could call later.

    site = generate_site(load_index(root))
    site.pages[0]  # GeneratedPage('index.md', edit='referentiel/referentiel.yml')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemas.geo import ATTRIBUTION, GEO
from schemas.history import History
from schemas.index import Backlink, Entry, Index, sort_key
from schemas.jsonschema import models
from schemas.kinds import KIND_BY_NAME, METADATA_FILE
from schemas.referentiel import Referentiel
from schemas.territoire import TYPE_LABELS

from .atelier import grid_pages
from .changes import atom_feed, recent, versions
from .chiffres import figures_page
from .citation import Citation, collected
from .declaration import declaration_page
from .ecoconception import ecoconception_page
from .explorer import explorer_files, explorer_pages
from .generated import GeneratedPage, Site
from .kit import kit_pages
from .matrice import matrix_pages
from .opendata import CSV_COLUMNS, data_files
from .parallel import Background
from .permanence import redirect_pages, retirement_notice, with_notice
from .proches import proches
from .proposer import proposer_files, proposer_pages
from .reference import document
from .regions import region_pages
from .render import render, territory_template
from .revision_pages import collect, revision_pages, version_pages_by_name
from .search import search_page
from .territory_list import territory_list_pages
from .typography import french_spacing
from .urls import FIGURES_PAGE, PAGES, explorer_page, list_page, matrix_page, page_for, public_url

# Kinds with a page per record, in the order of the navigation; territories are listed
# by their index page only, so that the sidebar (rendered on every page) stays short.
IN_NAV = ("parcours", "enjeu", "balise", "mode_de_faire", "dispositif", "chapitre")
TEMPLATE_OF = {
    "enjeu": "enjeu.md.j2",
    "balise": "balise.md.j2",
    "mode_de_faire": "pratique.md.j2",
    "dispositif": "pratique.md.j2",
    "chapitre": "chapitre.md.j2",
    "territoire": "territoire.md.j2",
    "parcours": "parcours.md.j2",
    "concept": "concept.md.j2",  # listed by concepts/index.md, like territories
}
LIST_TITLES = {
    "parcours": "Parcours de lecture",
    "enjeu": "Les 4 enjeux",
    "balise": "Balises",
    "mode_de_faire": "Modes de faire",
    "dispositif": "Dispositifs",
    "chapitre": "Chapitres",
    "territoire": "Territoires",
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


def citation_of(index: Index, entry: Entry, history: History | None) -> Citation:
    """How to cite a record's page: its title, the version, its last change."""
    meta = index.referentiel
    file = history.of(entry.path) if history else None
    return Citation(
        entry.id,
        entry.title,
        meta.auteurs,
        meta.version,
        file.updated[:10] if file else meta.date,
        public_url(entry, meta.url),
        meta.licence_contenu.nom,
    )


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


def generate_site(
    index: Index, history: History | None = None, with_pdf: bool | Mapping[str, dict] = False
) -> Site:
    """Every page and file of the site, from the index (and the git history, if any).

    ``with_pdf``: the build writes the PDFs into ``site/pdf/``, so pages link to them
    (given as ``{id: {"pages": …, "size": …}}``, links say how many pages and how heavy);
    without, pages say where they come from instead of linking to missing files.
    """
    source = index[index.referentiel.source]
    common = {
        "index": index,
        "referentiel": index.referentiel,
        "source": source,
        "history": history,
        "with_pdf": bool(with_pdf),
        "pdf_facts": with_pdf if isinstance(with_pdf, Mapping) else {},
        "type_labels": TYPE_LABELS,
        "proches": proches(index),  # « Territoires proches », all at once, before the fork
        "geo": GEO,
        "releases": collect(index, history),  # every tag read once: notes and exports
    }
    records = [entry for kind_name in TEMPLATE_OF for entry in index.of_kind(kind_name)]
    # A page per territory: the loop that grows with contributions, run by a second process
    # (when there is a core to spare) while this one renders everything else.
    territories = [entry for entry in records if entry.kind.name == "territoire"]
    with Background(lambda entry: record_page(entry, common), territories) as background:
        made = {e.id: record_page(e, common) for e in records if e.kind.name != "territoire"}
        home = GeneratedPage(
            "index.md",
            render("accueil.md.j2", **common, page="index.md", enjeux=index.of_kind("enjeu")),
            METADATA_FILE,
        )
        others = list_pages(index, common)
        others.append(search_page(index, common))
        others.append(ecoconception_page(index))
        others.append(declaration_page(index))
        others += explorer_pages(index, common)
        others += matrix_pages(index, common)
        others += grid_pages(index, common)
        others += kit_pages(index, common)
        others += region_pages(index, common)
        others.append(figures_page(index, common))
        others += contributor_pages(index, common)
        others += proposer_pages(index, common)
        others += history_pages(index, history, common)
        others += redirect_pages(index)  # the former addresses of renamed records
        version_pages, version_files = revision_pages(index, common["releases"], common)
        others += version_pages
        files = data_files(index, index.referentiel.url)
        files.update(explorer_files(index))
        files.update(version_files)  # each version's frozen exports
        files.update(proposer_files(index))
        if history:
            files["nouveautes.xml"] = atom_feed(history, index, index.referentiel.url)
        made.update(zip((e.id for e in territories), background.result(), strict=True))
    files.update(collected([made[e.id][1] for e in records]))
    pages = [home, *(made[e.id][0] for e in records), *others]
    return Site(pages, navigation(index), files)


def list_pages(index: Index, common: dict[str, Any]) -> list[GeneratedPage]:
    """The index page of each kind; its edit link opens the kind's folder on the forge."""
    pages = []
    for kind_name, title in LIST_TITLES.items():
        if kind_name == "territoire":
            pages += territory_list_pages(index, common)  # in pages (territory_list.py)
            continue
        entries = index.of_kind(kind_name)
        page = list_page(kind_name)
        markdown = render(
            f"liste-{PAGES[kind_name][0]}.md.j2", **common, page=page, title=title, entries=entries
        )
        pages.append(GeneratedPage(page, markdown, KIND_BY_NAME[kind_name].folder + "/"))
    return pages


def record_page(entry: Entry, common: dict[str, Any]) -> tuple[GeneratedPage, Citation]:
    """A record's page (its footer included) and how to cite it."""
    index: Index = common["index"]
    history: History | None = common["history"]
    citation = citation_of(index, entry, history)
    page = page_for(entry)
    markdown = render(
        TEMPLATE_OF[entry.kind.name],
        **common,
        page=page,
        entry=entry,
        data=entry.data,
        **record_context(index, entry),
    )
    markdown = with_notice(markdown, retirement_notice(index, entry))  # a withdrawn record
    footer = render(
        "pied.html.j2",
        entry=entry,
        revisions=common["releases"].by_record.get((entry.kind.name, entry.id), []),
        history=history,
        citation=citation,
        referentiel=index.referentiel,
    )
    return GeneratedPage(page, markdown, entry.path, french_spacing(footer)), citation


def history_pages(
    index: Index, history: History | None, common: dict[str, object]
) -> list[GeneratedPage]:
    """ "Nouveautés", "Versions" and "Données ouvertes"."""
    recent_changes = recent(history, index) if history else []
    all_versions = versions(history, index) if history else []
    return [
        GeneratedPage(
            "nouveautes.md",
            render("nouveautes.md.j2", **common, changes=recent_changes),
            "referentiel/",
        ),
        GeneratedPage(
            "versions.md",
            render(
                "versions.md.j2",
                **common,
                versions=all_versions,
                version_pages=version_pages_by_name(index, common["releases"]),
            ),
            METADATA_FILE,
        ),
        GeneratedPage(
            "donnees.md",
            render(
                "donnees.md.j2",
                **common,
                columns=CSV_COLUMNS,
                schemas=list(models()),
                attribution=ATTRIBUTION,  # of the geographic data (geo/), as under the map
            ),
            "hooks/opendata.py",
        ),
    ]


# The field reference: an index page, then a page per kind (territories first: the kind
# contributors write), so that no page holds every table at once.
REFERENCE_ORDER = (
    "territoire",
    "enjeu",
    "balise",
    "mode_de_faire",
    "dispositif",
    "chapitre",
    "concept",
    "source",
    "parcours",
)
REFERENCE = "contribuer/reference.md"


def reference_page(slug: str) -> str:
    """``contribuer/reference/territoire.md``: the reference of one kind's fields."""
    return f"contribuer/reference/{slug}.md"


def contributor_pages(index: Index, common: dict[str, object]) -> list[GeneratedPage]:
    """ "Contribuer", the index of the field reference and a reference page per kind."""
    balises = index.of_kind("balise")
    template = territory_template("Ma commune", balises)
    sections = [
        (
            KIND_BY_NAME[k].label.capitalize(),
            KIND_BY_NAME[k].folder,
            reference_page(k.replace("_", "-")),
            document(KIND_BY_NAME[k].model),
        )
        for k in REFERENCE_ORDER
    ]
    sections.append(
        (
            "Métadonnées du référentiel",
            "referentiel",
            reference_page("referentiel"),
            document(Referentiel),
        )
    )
    kind_pages = [
        GeneratedPage(
            page, render("reference-fiche.md.j2", title=title, folder=folder, docs=docs), "schemas/"
        )
        for title, folder, page, docs in sections
    ]
    return [
        GeneratedPage(
            "contribuer/index.md",
            render("contribuer.md.j2", **common, modele=template.rstrip("\n"), balises=balises),
            "hooks/templates/contribuer.md.j2",
        ),
        GeneratedPage(REFERENCE, render("reference.md.j2", sections=sections), "schemas/"),
        *kind_pages,
    ]


def navigation(index: Index) -> list[object]:
    """The sidebar: home, then each kind's list page followed by its records."""
    nav: list[object] = [{"Accueil": "index.md"}]
    enjeux = index.of_kind("enjeu")
    for kind_name in IN_NAV:
        entries = index.of_kind(kind_name)
        children: list[object] = [list_page(kind_name)]
        if kind_name == "enjeu":  # short names: the full titles are a sentence each
            children += [{f"{e.data.numero}. {e.data.titre_court}": page_for(e)} for e in entries]
        elif kind_name == "balise":  # 23 balises: one group per enjeu
            children += [
                {
                    f"{enjeu.data.numero}. {enjeu.data.titre_court}": [
                        page_for(e) for e in entries if e.data.enjeu == enjeu.id
                    ]
                }
                for enjeu in enjeux
            ]
        else:
            children += [page_for(e) for e in entries]
        nav.append({LIST_TITLES[kind_name]: children})
    nav.append({LIST_TITLES["territoire"]: list_page("territoire")})
    nav.append(FIGURES_PAGE)  # « Chiffres clés », its page's title
    nav.append(matrix_page())  # « Matrice des expériences », its page's title
    nav.append(explorer_page())  # « Explorer les expériences », its page's title
    for kind_name in ("concept", "source"):
        nav.append({LIST_TITLES[kind_name]: list_page(kind_name)})
    nav.append({"Atelier": ["atelier/index.md", "atelier/grille.md"]})
    contribuer = ["contribuer/index.md", "contribuer/proposer.md", "contribuer/reference.md"]
    nav.append({"Contribuer": contribuer})
    projet = ["nouveautes.md", "versions.md", "donnees.md", "ecoconception.md", "accessibilite.md"]
    nav.append({"Le projet": projet})
    return nav
