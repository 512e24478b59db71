"""What search finds: one record per page of the référentiel, per territory and per
experience, each with its filters (titles, never ids), built from the data alone.

Material's built-in search made every reader download one index of the whole site on the
first visit of any page (543 KB gzip at 1,000 territories, growing with each one).
Pagefind splits its index into small chunks that the search page loads only for the words
typed (see :mod:`hooks.engine.pagefind`), so a page costs the same whatever the number of
territories.

How the records rank for the same words (titles, readers' words of ``mots_cles``, the
bibliography after the référentiel) is said in :mod:`hooks.recherche.classement`.

The records are written from the index, not read back from the built HTML: only a page's
own content is found (never its sidebar, footer, citation or glossary tooltips), each
experience is a result of its own with its own balises as filters, and the index can be
built while MkDocs writes the pages.

>>> r = Record("../balises/x/", "Titre", "<p>Texte</p>", {"rubrique": "Balise"}, {})
>>> "<h1>Titre</h1>" in standin_page(r)
True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown import Markdown

from hooks.core.context import BuildContext
from hooks.core.facets import SIZES, UNKNOWN, size_band
from hooks.core.lieux import departement_label
from hooks.core.render import render_page
from hooks.core.sanitize import render_markdown
from hooks.generated import GeneratedPage
from hooks.recherche.classement import RANKING, SECONDARY_TEXT, SECONDARY_TITLE
from hooks.recherche.texte import markdown_renderer, page_text
from hooks.urls import SEARCH_PAGE, file_url, relative_url
from schemas.facts import departements_of
from schemas.geo import GEO
from schemas.index import Entry, Index
from schemas.pays import country_name
from schemas.territoire import TYPE_LABELS, Territoire

FILTERS = {
    "rubrique": "Rubrique",
    "enjeu": "Enjeu",
    "balise": "Balise",
    "type": "Type de territoire",
    "region": "Région",
    "departement": "Département",
    "taille": "Taille (population)",
}
RUBRIQUES = {
    "enjeu": "Enjeu",
    "balise": "Balise",
    "mode_de_faire": "Mode de faire",
    "dispositif": "Dispositif",
    "chapitre": "Chapitre",
    "concept": "Concept",
    "source": "Source",
    "parcours": "Parcours",
    "territoire": "Territoire",
}
EXPERIENCE = "Expérience"
PAGE = "Page"

SECONDARY = {RUBRIQUES["source"], PAGE}  # ranked after the others: see classement.py

Facets = dict[str, list[str]]


@dataclass(frozen=True)
class Record:
    """A search result: where it leads (from the search page), its title, its text as
    sanitised HTML, what is shown with it, and its filters."""

    url: str  # ../territoires/malaunay/#amap-et-marche
    title: str
    html: str
    meta: dict[str, str]
    filters: Facets


def territory_facets(index: Index, territoire: Entry, balises: list[str]) -> Facets:
    """Type, place, and the enjeux and balises of ``balises`` (ids), as titles."""
    data = territoire.data
    facets: Facets = {"type": [TYPE_LABELS[data.type]]}
    if departements := departements_of(data):  # every one it touches, and their régions
        facets["departement"] = [departement_label(code) for code in departements]
        regions = [GEO.region_of(code) for code in departements]
        if found := list(dict.fromkeys(r for r in regions if r)):
            facets["region"] = found
    if (band := size_band(data.population)) != UNKNOWN:
        facets["taille"] = [band.label]  # the explorer's bands
    unique = list(dict.fromkeys(balises))
    enjeux = dict.fromkeys(index[index[b].data.enjeu].title for b in unique)
    facets["enjeu"] = list(enjeux)
    facets["balise"] = [index[b].title for b in unique]
    return facets


def page_facets(index: Index, entry: Entry) -> Facets:
    """The filter values of a record's page: its rubrique, and what places it."""
    facets: Facets = {"rubrique": [RUBRIQUES[entry.kind.name]]}
    enjeu = getattr(entry.data, "enjeu", None)
    if entry.kind.name == "enjeu":
        facets["enjeu"] = [entry.title]
    elif isinstance(enjeu, str) and enjeu in index.entries:
        facets["enjeu"] = [index[enjeu].title]
    if entry.kind.name == "territoire":
        cited = [b for x in entry.data.experiences for b in x.balises]
        facets.update(territory_facets(index, entry, cited))
    return facets


# The fields whose text a record's page shows, and search should find.
TEXT_FIELDS = (
    "titre_court",
    "public",
    "resume",
    "hypothese",
    "definition",
    "termes",
    "texte",
    "points_d_attention",
    "questions",
    "note",
    "pourquoi",
    "etapes",
)


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return [text for name in TEXT_FIELDS if name in value for text in _texts(value[name])]
    return []


def entry_record(index: Index, entry: Entry) -> Record:
    """The search record of a record of the référentiel (not a territory)."""
    texts = _texts(entry.data.model_dump())
    body = "\n".join(render_markdown(text) for text in texts)
    meta = {"rubrique": RUBRIQUES[entry.kind.name]}
    if keywords := getattr(entry.data, "mots_cles", None):
        meta["mots_cles"] = ", ".join(keywords)
    if short := getattr(entry.data, "titre_court", None):
        meta["titre_court"] = short  # an enjeu's name in one word: « Coopération »
    return Record(
        relative_url(entry, SEARCH_PAGE), entry.title, body, meta, page_facets(index, entry)
    )


def places(data: Territoire) -> str:
    """The words a reader may search a territory by, beyond its name and text: its
    départements and régions (« Auvergne », « Finistère »), or its country abroad."""
    if data.pays != "FR":
        return country_name(data.pays)
    codes = departements_of(data)
    regions = dict.fromkeys(r for r in (GEO.region_of(c) for c in codes) if r)
    return ", ".join([*(GEO.departement(c) or c for c in codes), *regions])


def territory_records(index: Index, territoire: Entry) -> list[Record]:
    """A territory (its name and presentation) and each of its experiences."""
    data = territoire.data
    meta = {"rubrique": RUBRIQUES["territoire"]}
    if place := places(data):
        meta["lieu"] = place
    if data.population is not None:
        meta["population"] = str(data.population)
    url = relative_url(territoire, SEARCH_PAGE)  # ../territoires/malaunay/
    body = render_markdown(data.resume)
    records = [Record(url, data.nom, body, meta, page_facets(index, territoire))]
    for x in data.experiences:
        facets = {"rubrique": [EXPERIENCE], **territory_facets(index, territoire, x.balises)}
        experience_meta = {**meta, "rubrique": EXPERIENCE, "territoire": data.nom}
        experience_meta.pop("lieu", None)  # the territory is found by its place
        body = render_markdown(x.resume)
        if x.periode:
            body = f"<p>{html.escape(x.periode)}</p>\n{body}"
        url = relative_url(territoire, SEARCH_PAGE, x.id)  # ../territoires/malaunay/#amap
        records.append(Record(url, x.titre, body, experience_meta, facets))
    return records


_FRONT = re.compile(r"\A\s*---\n.*?\n---\n", re.S)


def _front(markdown: str) -> str:
    found = _FRONT.match(markdown)
    return found.group() if found else ""


_TITLE = re.compile(r'^title: "?(.*?)"?$', re.M)


def page_record(src_uri: str, markdown: str, renderer: Markdown | None = None) -> Record:
    """A page made by the generation step that is not a record's (home, lists, help): its
    title and the words a reader reads on it (:mod:`hooks.recherche.texte`: no example code,
    no script data, nothing hidden)."""
    found = _TITLE.search(markdown)
    title = found.group(1).replace('\\"', '"') if found else src_uri
    text = html.escape(page_text(_FRONT.sub("", markdown), renderer))
    folder = src_uri.removesuffix("index.md").removesuffix(".md")
    folder += "/" if folder and not folder.endswith("/") else ""
    meta = {"rubrique": PAGE}
    return Record(f"../{folder}", title, f"<p>{text}</p>", meta, {"rubrique": [PAGE]})


def search_records(index: Index, pages: dict[str, str]) -> list[Record]:
    """Every record search finds: the référentiel's records, the territories and their
    experiences, and the other ``pages`` (src_uri → Markdown), but those whose front matter
    says ``rv_indexer: false`` (the search page, the explorer: lists of what is indexed)."""
    records = [
        entry_record(index, entry)
        for entry in index.entries.values()
        if entry.kind.name != "territoire"
    ]
    for territoire in index.of_kind("territoire"):
        records += territory_records(index, territoire)
    renderer = markdown_renderer()  # one for all the pages, in this thread
    records += [
        page_record(src, markdown, renderer)
        for src, markdown in pages.items()
        if "rv_indexer: false" not in _front(markdown)
    ]
    return records


def standin_page(record: Record) -> str:
    """The small HTML page Pagefind indexes for ``record``: its result leads to ``meta.url``;
    every value is escaped, contributor Markdown is already sanitised."""

    def tag(kind: str, name: str, value: str) -> str:
        return f'<span data-pagefind-{kind}="{name}[data-v]" data-v="{html.escape(value)}"></span>'

    tags = [tag("meta", "url", record.url)]
    tags += [tag("meta", name, value) for name, value in record.meta.items()]
    tags += [tag("filter", n, v) for n, values in record.filters.items() for v in values]
    if "population" in record.meta and record.meta["rubrique"] == RUBRIQUES["territoire"]:
        # Territories only: a sort key costs 2 bytes per record in the index every search
        # downloads (37 KB at 5,000 territories for all records, 12 KB for territories).
        tags.append(tag("sort", "population", record.meta["population"]))
    territory = record.meta.get("territoire", "")
    title = html.escape(record.title)
    if record.meta["rubrique"] in SECONDARY:
        # No <h1>, so no « title »: its title is « nom », which weighs less, as its text.
        weight = f'data-pagefind-weight="{SECONDARY_TITLE}"'
        heading = f'<p {weight} data-pagefind-meta="nom">{title}</p>'
        text = f'<div data-pagefind-weight="{SECONDARY_TEXT}">{record.html}</div>'
    else:
        heading, text = f"<h1>{title}</h1>", record.html
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title></title></head>'
        f"<body>{heading}<p>{html.escape(territory)}</p>{text}{''.join(tags)}</body></html>"
    )


def filter_values(index: Index) -> dict[str, list[str]]:
    """Every value of every filter, in reading order: the search page lists them as
    checkboxes (without JavaScript too), so that no value has to be typed."""
    values: dict[str, dict[str, None]] = {name: {} for name in FILTERS}
    values["rubrique"] = dict.fromkeys([*RUBRIQUES.values(), EXPERIENCE, PAGE])
    values["enjeu"] = dict.fromkeys(e.title for e in index.of_kind("enjeu"))
    values["balise"] = dict.fromkeys(e.title for e in index.of_kind("balise"))
    for territoire in index.of_kind("territoire"):
        facets = territory_facets(index, territoire, [])
        for name in ("type", "region", "departement", "taille"):
            values[name].update(dict.fromkeys(facets.get(name, [])))
    for name in ("type", "region", "departement"):
        values[name] = dict.fromkeys(sorted(values[name]))
    bands = [band.label for _, band in SIZES]  # smallest first
    values["taille"] = dict.fromkeys(sorted(values["taille"], key=bands.index))
    return {name: list(found) for name, found in values.items() if found}


def search_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Rechercher »: the field, the filters (every value, as checkboxes), the results."""
    return [
        render_page(
            SEARCH_PAGE,
            "recherche/recherche.md.j2",
            **ctx.template_values(),
            page=SEARCH_PAGE,
            filtres=filter_values(ctx.index),
            filter_names=FILTERS,
            classement=RANKING,
            css_url=file_url("assets/recherche.css", SEARCH_PAGE),
            script_url=file_url("assets/recherche.js", SEARCH_PAGE),
        )
    ]
