"""Search with Pagefind: filters for every page, a record per experience, the index written
into the finished site.

Material's built-in search made every reader download one index of the whole site on the
first visit of any page (678 KB gzip at 1,000 territories, growing with each one). Pagefind
splits its index into small chunks that the search page loads only for the words typed,
so a page costs the same whatever the number of territories.

- :func:`page_facets` gives each record's page its filter values (titles, never ids): the
  theme writes them as ``data-pagefind-filter`` attributes (``partials/content.html``),
  inside the ``data-pagefind-body`` that holds the page's own content only (no sidebar, no
  footer, no citation).
- :func:`territory_records`: each territory, and each of its experiences, is a search result
  of its own, with its own filters, linked to the territory page or to the experience's
  anchor there.
- :func:`write_search_index` runs Pagefind (its binary ships in the ``pagefind[bin]``
  wheel: nothing is downloaded) on the finished site, in the folder being built: if it
  fails, the build fails and ``site/`` is left as it was.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from schemas.geo import GEO
from schemas.index import Entry, Index

from .sanitize import render_markdown
from .urls import SEARCH_PAGE, relative_url

# Filters in the order the search page shows them, with their French names.
FILTERS = {
    "rubrique": "Rubrique",
    "enjeu": "Enjeu",
    "balise": "Balise",
    "type": "Type de territoire",
    "region": "Région",
    "departement": "Département",
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
TYPES = {
    "commune": "Commune",
    "intercommunalite": "Intercommunalité",
    "metropole": "Métropole",
    "pays": "Pays (territoire de projet)",
    "pnr": "Parc naturel régional",
    "departement": "Département",
    "region": "Région",
    "autre": "Autre territoire",
}

Facets = dict[str, list[str]]


@dataclass(frozen=True)
class Record:
    """A search result that is not a page of its own: one experience of a territory."""

    url: str  # from the search page: ../territoires/malaunay/#amap-et-marche
    title: str
    html: str  # sanitised HTML of its text
    meta: dict[str, str]
    filters: Facets


def territory_facets(index: Index, territoire: Entry, balises: list[str]) -> Facets:
    """Type, place, and the enjeux and balises of ``balises`` (ids), as titles."""
    data = territoire.data
    facets: Facets = {"type": [TYPES[data.type]]}  # type: ignore[attr-defined]
    code = data.departement  # type: ignore[attr-defined]
    if code:
        name = GEO.departement(code)
        facets["departement"] = [f"{name} ({code})" if name else code]
        if region := GEO.region_of(code):
            facets["region"] = [region]
    unique = list(dict.fromkeys(balises))
    enjeux = dict.fromkeys(index[index[b].data.enjeu].title for b in unique)  # type: ignore[attr-defined]
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
        cited = [b for x in entry.data.experiences for b in x.balises]  # type: ignore[attr-defined]
        facets.update(territory_facets(index, entry, cited))
    return facets


def page_meta(entry: Entry) -> dict[str, str]:
    """Metadata shown with a result, and the sort key (population) of a territory."""
    meta = {"rubrique": RUBRIQUES[entry.kind.name]}
    population = getattr(entry.data, "population", None)
    if population is not None:
        meta["population"] = str(population)
    return meta


def territory_records(index: Index) -> list[Record]:
    """The search records of the territories: one for each territory (its name and its
    presentation) and one for each of its experiences, with the filters of its balises.

    They are indexed from these stand-ins rather than from the territory pages: a few
    hundred bytes each instead of a whole page with its sidebar, which is what keeps the
    indexing time small as territories are added.
    """
    records = []
    for territoire in index.of_kind("territoire"):
        data = territoire.data
        meta = {"rubrique": RUBRIQUES["territoire"]}
        if data.population is not None:  # type: ignore[attr-defined]
            meta["population"] = str(data.population)  # type: ignore[attr-defined]
        url = relative_url(territoire, SEARCH_PAGE)  # ../territoires/malaunay/
        facets = page_facets(index, territoire)
        text = render_markdown(data.resume)  # type: ignore[attr-defined]
        records.append(Record(url, data.nom, text, meta, facets))  # type: ignore[attr-defined]
        for x in data.experiences:  # type: ignore[attr-defined]
            facets = {"rubrique": [EXPERIENCE], **territory_facets(index, territoire, x.balises)}
            experience_meta = {**meta, "rubrique": EXPERIENCE, "territoire": data.nom}  # type: ignore[attr-defined]
            text = render_markdown(x.resume)
            if x.periode:
                text = f"<p>{html.escape(x.periode)}</p>\n{text}"
            url = relative_url(territoire, SEARCH_PAGE, x.id)  # ../territoires/malaunay/#amap
            records.append(Record(url, x.titre, text, experience_meta, facets))
    return records


def record_pages(index: Index) -> set[str]:
    """The HTML files that :func:`territory_records` stand in for (not indexed again)."""
    return {relative_url(t, "index.md") + "index.html" for t in index.of_kind("territoire")}


def record_page(record: Record) -> str:
    """A stand-in HTML page for one record, for Pagefind to index: its result links to
    ``meta.url`` (the experience's anchor), every value escaped."""

    def tag(kind: str, name: str, value: str) -> str:
        return f'<span data-pagefind-{kind}="{name}[data-v]" data-v="{html.escape(value)}"></span>'

    tags = [tag("meta", "url", record.url)]
    tags += [tag("meta", name, value) for name, value in record.meta.items()]
    territory = record.meta.get("territoire", "")
    tags += [tag("filter", n, v) for n, values in record.filters.items() for v in values]
    if "population" in record.meta:
        tags.append(tag("sort", "population", record.meta["population"]))
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title></title></head>'
        f"<body data-pagefind-body><h1>{html.escape(record.title)}</h1>"
        f"<p>{html.escape(territory)}</p>{record.html}"
        f"{''.join(tags)}</body></html>"
    )


# French stemming and accents for every page; the heading's permalink sign (¶) is not text.
PAGEFIND = (
    sys.executable,
    "-m",
    "pagefind",
    "--force-language",
    "fr",
    "--exclude-selectors",
    ".headerlink",
)
_INDEXED = re.compile(r"Indexed (\d+) pages?")


def write_search_index(
    site_dir: Path, records: list[Record], skipped: set[str] = frozenset()
) -> tuple[int, float]:
    """Index the built site and ``records`` into ``site_dir/pagefind/``: (pages, seconds).

    Pagefind reads a folder beside the site: hard links to the site's pages (but the
    ``skipped`` ones, which ``records`` stand in for) and a stand-in page per record, all
    indexed in one run of the Pagefind binary; the folder is removed afterwards, so nothing
    of it is published. (Pagefind's Python API would take the records one by one, and it
    waits 0.1 s between two answers: 25 minutes for 15,000 records.)
    """
    start = time.perf_counter()
    source = Path(tempfile.mkdtemp(prefix=".rv-recherche-", dir=site_dir.parent))
    try:
        for page in site_dir.rglob("*.html"):
            relative = page.relative_to(site_dir).as_posix()
            if relative not in skipped:
                (source / relative).parent.mkdir(parents=True, exist_ok=True)
                os.link(page, source / relative)
        (source / _STANDINS).mkdir()
        for number, record in enumerate(records):
            (source / _STANDINS / f"{number}.html").write_text(
                record_page(record), encoding="utf-8"
            )
        result = subprocess.run(
            [*PAGEFIND, "--site", str(source), "--output-path", str(site_dir / "pagefind")],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        shutil.rmtree(source, ignore_errors=True)
    found = _INDEXED.search(result.stdout)
    if result.returncode != 0 or not found:
        raise RuntimeError(f"Pagefind n'a pas pu indexer le site :\n{result.stdout}{result.stderr}")
    return int(found.group(1)), time.perf_counter() - start


_STANDINS = "fiches"  # where the stand-in pages go, in the folder Pagefind reads


def filter_values(index: Index) -> dict[str, list[str]]:
    """Every value of every filter, in reading order: the search page lists them as
    checkboxes (without JavaScript too), so that no value has to be typed."""
    values: dict[str, dict[str, None]] = {name: {} for name in FILTERS}
    values["rubrique"] = dict.fromkeys([*RUBRIQUES.values(), EXPERIENCE])
    values["enjeu"] = dict.fromkeys(e.title for e in index.of_kind("enjeu"))
    values["balise"] = dict.fromkeys(e.title for e in index.of_kind("balise"))
    for territoire in index.of_kind("territoire"):
        facets = territory_facets(index, territoire, [])
        for name in ("type", "region", "departement"):
            values[name].update(dict.fromkeys(facets.get(name, [])))
    for name in ("type", "region", "departement"):
        values[name] = dict.fromkeys(sorted(values[name]))
    return {name: list(found) for name, found in values.items() if found}
