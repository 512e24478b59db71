"""« Explorer les expériences »: every experience in plain pages, and the data of its filters.

Without JavaScript, a reader pages through static lists (``explorer/``, ``explorer/2/``…,
:data:`PER_PAGE` experiences each). With it, the filters of the first page (enjeu, balise,
type, région, taille, période) sort every experience at once, with a count per value, and
``docs/assets/explorer.js`` loads two kinds of JSON written here:

- ``explorer/facettes.json`` (:func:`facets_json`), as soon as the reader reaches for a
  filter: the values of each filter, then every experience as a few small integers (about
  3 KB gzip per 1,000 experiences), never a title;
- ``explorer/titres/<n>.json`` (:func:`titles_json`): the link, title, territory and period
  of :data:`CHUNK` experiences, loaded only for the results shown or downloaded (titles
  would weigh 40 to 50 KB gzip per 1,000 experiences).

A first visit of the page therefore weighs the same whatever the number of territories.

The groups of the filters (size band, région, decade) are :mod:`hooks.core.facets`'.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from hooks.core.context import BuildContext
from hooks.core.facets import (
    ABROAD,
    NO_REGION,
    SIZES,
    UNKNOWN,
    UNKNOWN_PERIOD,
    Value,
    decade,
    regions,
    size_band,
)
from hooks.core.pagination import paginate
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import explorer_page, file_url, relative_url
from schemas.index import Entry, Index, sort_key
from schemas.territoire import TYPE_LABELS, Experience

PER_PAGE = 50  # experiences per static page: 3 to 4 KB gzip of HTML, about 200 DOM nodes
CHUNK = 100  # experiences per file of titles (1 to 5 KB gzip)
FACETS_FILE = "explorer/facettes.json"
TITLES_FOLDER = "explorer/titres/"
TITLE = "Explorer les expériences"


# Filters in the order the page shows them: (name of the checkboxes and URL parameter, legend).
FILTERS = (
    ("enjeu", "Enjeu"),
    ("balise", "Balise"),
    ("type", "Type de territoire"),
    ("region", "Région"),
    ("taille", "Taille (population)"),
    ("periode", "Période"),
)


@dataclass(frozen=True)
class Filter:
    """A filter, its values in the order the page lists them, and how many experiences have
    each value."""

    key: str
    legend: str
    values: tuple[Value, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Item:
    """An experience as the explorer lists it, with its value of each filter (``type``,
    ``region``: its territory's first région, ``taille``, ``periode``), every région of its
    territory (``regions``: several for one across régions) and the balises it cites (ids,
    each once)."""

    territoire: Entry
    nom: str  # the territory's
    experience: Experience
    values: dict[str, Value]
    balises: tuple[str, ...]
    enjeux: tuple[str, ...]
    regions: tuple[Value, ...]

    def keys(self, name: str) -> tuple[str, ...]:
        """The keys of the item's values for the filter ``name``."""
        if name in ("balise", "enjeu"):
            return self.balises if name == "balise" else self.enjeux
        if name == "region":
            return tuple(r.key for r in self.regions)
        return (self.values[name].key,)

    @property
    def details(self) -> str:
        """``Ville Test · Commune · Auvergne-Rhône-Alpes · 2020-2024``"""
        parts = [self.nom, self.values["type"].label]
        if self.values["region"] != NO_REGION:
            parts += [r.label for r in self.regions]  # as explorer.js writes them
        if self.experience.periode:
            parts.append(self.experience.periode)
        return " · ".join(parts)


def items(index: Index) -> list[Item]:
    """Every experience, territories in alphabetical order, each one's in its file's order."""
    enjeu_of = {b.id: b.data.enjeu for b in index.of_kind("balise")}
    found = []
    for territoire in index.of_kind("territoire"):
        data = territoire.data
        nom = territoire.title
        where = regions(data)
        place = {
            "type": Value(data.type, TYPE_LABELS[data.type]),
            "region": where[0],
            "taille": size_band(data.population),
        }
        for x in data.experiences:
            balises = tuple(dict.fromkeys(x.balises))
            enjeux = tuple(dict.fromkeys(enjeu_of[b] for b in balises))
            values = {**place, "periode": decade(x.periode)}
            found.append(Item(territoire, nom, x, values, balises, enjeux, where))
    return found


def filters(index: Index, listed: list[Item]) -> tuple[Filter, ...]:
    """Every enjeu and balise; the types, régions, sizes and periods of ``listed``, in order
    (« Taille inconnue », « Période non précisée » last)."""
    enjeux = [Value(e.id, f"{e.data.numero}. {e.data.titre_court}") for e in index.of_kind("enjeu")]
    balises = [Value(b.id, b.title) for b in index.of_kind("balise")]
    order: dict[str, Callable[[Value], object]] = {
        "type": lambda v: list(TYPE_LABELS).index(v.key),
        "region": lambda v: (v == NO_REGION, v == ABROAD, sort_key(v.label)),
        "taille": lambda v: [*(band for _, band in SIZES), UNKNOWN].index(v),
        "periode": lambda v: (v == UNKNOWN_PERIOD, 0 if v == UNKNOWN_PERIOD else int(v.key)),
    }
    found = {
        name: sorted({v for i in listed for v in _values(i, name)}, key=k)
        for name, k in order.items()
    }
    values = {"enjeu": enjeux, "balise": balises, **found}
    counts = {key: Counter(k for item in listed for k in item.keys(key)) for key, _ in FILTERS}
    return tuple(
        Filter(key, legend, tuple(values[key]), tuple(counts[key][v.key] for v in values[key]))
        for key, legend in FILTERS
    )


def _values(item: Item, name: str) -> tuple[Value, ...]:
    return item.regions if name == "region" else (item.values[name],)


def explorer_pages(ctx: BuildContext, per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """The first page (the filters and the first ``per_page`` experiences), then one page
    per ``per_page`` experiences more; made from the folder of territories, so without
    « Modifier cette page »."""
    listed = items(ctx.index)
    pages = []
    for part in paginate(listed, per_page, explorer_page):
        page = part.page
        markdown = render(
            "territoires/explorer.md.j2",
            **part.values(),
            **ctx.template_values(),
            page=page,
            title=TITLE,
            first=Markup(f"/{explorer_page()}"),
            items=part.items,
            total=len(listed),
            filters=filters(ctx.index, listed) if part.number == 1 else (),
            facets_url=file_url(FACETS_FILE, page),
            titles_url=file_url(TITLES_FOLDER, page),
            script_url=file_url("assets/explorer.js", page),
            css_url=file_url("assets/explorer.css", page),
        )
        pages.append(GeneratedPage(page, markdown, "territoires/"))
    return pages


def explorer_files(ctx: BuildContext, chunk: int = CHUNK) -> dict[str, str]:
    """The JSON files of the filters: ``explorer/facettes.json`` and the titles."""
    index = ctx.index
    listed = items(index)
    files = {FACETS_FILE: facets_json(index, listed, chunk)}
    for n, first in enumerate(range(0, len(listed), chunk)):
        files[f"{TITLES_FOLDER}{n}.json"] = titles_json(listed[first : first + chunk])
    return files


def facets_json(index: Index, listed: list[Item], chunk: int = CHUNK) -> str:
    """``explorer/facettes.json``: each filter's values, then every experience as integers
    (positions in those values), grouped by territory so that its type, région and size are
    written once; no title, which :func:`titles_json` gives.

    ``territoires``: 4 integers per territory (type, région, taille, number of experiences);
    a territory across several régions has, for its région, ``-1 - n``: its régions are the
    ``n``-th list of ``regions_multiples``. ``experiences``: for each experience, its
    période, its number of balises, its balises. An experience's enjeux are those of its
    balises (``enjeu_des_balises``).
    """
    found = filters(index, listed)
    position = {f.key: {v.key: i for i, v in enumerate(f.values)} for f in found}
    territories: list[int] = []
    experiences: list[int] = []
    several: list[list[int]] = []
    for _, group in groupby(listed, key=lambda item: item.territoire.id):
        same = list(group)
        first = same[0]
        where = [position["region"][r.key] for r in first.regions]
        if len(where) > 1:
            several.append(where)
        territories += [
            position["type"][first.values["type"].key],
            where[0] if len(where) == 1 else -len(several),
            position["taille"][first.values["taille"].key],
            len(same),
        ]
        for item in same:
            experiences += [position["periode"][item.values["periode"].key], len(item.balises)]
            experiences += [position["balise"][b] for b in item.balises]
    balises = index.of_kind("balise")
    document = {
        "experiences_par_fichier": chunk,
        "filtres": [{"cle": f.key, "valeurs": [[v.key, v.label] for v in f.values]} for f in found],
        "enjeu_des_balises": [position["enjeu"][b.data.enjeu] for b in balises],
        "territoires": territories,
        "regions_multiples": several,
        "experiences": experiences,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def titles_json(chunk: list[Item]) -> str:
    """``explorer/titres/<n>.json``: for each experience, its link from the first page, its
    title, its territory's name and its period as written."""
    rows = [
        [
            relative_url(item.territoire, explorer_page(), item.experience.id),
            item.experience.titre,
            item.nom,
            item.experience.periode or "",
        ]
        for item in chunk
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"
