"""The map of the territories page: metropolitan France as inline SVG, written at build time.

No tile server, no script, no map library: the outlines of ``geo/departements.geojson`` are
projected (:func:`project`, equirectangular scaled by the cosine of the middle latitude, which
keeps shapes right at the scale of France), rounded to whole units (about 1.9 km) and written
as relative path commands, about 14 KB gzip for the 96 départements.

On top, while the map holds at most :data:`MAX_POINTS` territories, each one is a focusable
link to its page (its name in ``aria-label`` and ``<title>``), at its position (for one made
of communes, their centre), or else inside its département (across several, at the centre of
theirs). Beyond that, territories are counted per région: one link per région, its number
written in the marker, leading to the région's page (:mod:`hooks.territoires.regions`); the
map then weighs the same at 300 territories as at 50,000. Départements are shaded by their
number of experiences, in classes that differ by pattern (denser hatching) as well as by
colour, stated in words in the legend and, class by class, in lines naming the départements
with their numbers. Overseas and foreign territories, which the outlines do not show, are
listed beside the map; the list of territories that follows the map is its text alternative.
The projection and the outlines are :mod:`hooks.territoires.geometrie`'s.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from hooks.core.facets import ABROAD, NO_REGION, region
from hooks.core.lieux import where as where_words
from hooks.core.render import render
from hooks.territoires.geometrie import Point, centre_of, project, shapes
from hooks.urls import REGIONS_PAGE, page_url, region_page, relative_url
from schemas.facts import departements_of, regions_of
from schemas.geo import ATTRIBUTION_COURTE, GEO
from schemas.index import Entry, Index, sort_key

WIDTH, HEIGHT = 620, 600  # the viewBox: all of metropolitan France and Corsica
MAX_POINTS = 200  # beyond this many territories on the map, one marker per région
MAX_LISTED = 12  # beyond this many overseas or foreign territories, counts instead of names


@dataclass(frozen=True)
class Marker:
    """A link on the map: one territory (``count`` None) or the territories of a région."""

    x: float
    y: float
    href: str
    label: str
    count: int | None = None


@dataclass(frozen=True)
class Placed:
    """Where each territory goes: ``on_map`` (with its point), ``overseas`` (a DROM or COM),
    ``abroad``, or ``nowhere`` (in France, no département nor position: a network, a
    national programme)."""

    on_map: list[tuple[Entry, Point]]
    overseas: list[Entry]
    abroad: list[Entry]
    nowhere: list[Entry]


def placed(index: Index) -> Placed:
    """Each territory of the index in one of the four groups of :class:`Placed`; on the map,
    a territory without a position stands at a point inside its département (across several,
    at the centre of theirs: :func:`centre_of`), set apart from others already there."""
    found = Placed([], [], [], [])
    taken: Counter[tuple[str, ...]] = Counter()
    centres: dict[tuple[str, ...], Point | None] = {}
    for entry in index.of_kind("territoire"):
        data = entry.data
        codes, where = departements_of(data), data.coordonnees
        if codes not in centres:
            centres[codes] = centre_of(codes)
        if data.pays != "FR":
            found.abroad.append(entry)
        elif where is not None and _in_frame(point := project(where.lon, where.lat)):
            found.on_map.append((entry, point))
        elif (centre := centres[codes]) is not None:
            x, y = centre
            turn, taken[codes] = taken[codes], taken[codes] + 1
            found.on_map.append((entry, (x + 6 * (turn % 3), y + 6 * (turn // 3 % 3))))
        elif codes or where is not None:
            found.overseas.append(entry)
        else:
            found.nowhere.append(entry)
    return found


def _in_frame(point: Point) -> bool:
    return 0 <= point[0] <= WIDTH and 0 <= point[1] <= HEIGHT


def experiences_by_departement(index: Index) -> Counter[str]:
    """Number of experiences of the territories of each département (a territory across
    several counts in each)."""
    counts: Counter[str] = Counter()
    for entry in index.of_kind("territoire"):
        for dep in departements_of(entry.data):
            counts[dep] += len(entry.data.experiences)
    return counts


def classes(largest: int) -> list[tuple[int, int]]:
    """The classes of the shading, as (lowest, highest) numbers of experiences: bounds at an
    eighth, a quarter, a half and all of the largest number, without repeats.

    >>> classes(3)
    [(1, 1), (2, 2), (3, 3)]
    >>> classes(105)
    [(1, 14), (15, 27), (28, 53), (54, 105)]
    >>> classes(0)
    []
    """
    uppers = sorted({max(1, math.ceil(largest * f)) for f in (1 / 8, 1 / 4, 1 / 2, 1)})
    if largest <= 0:
        return []
    return [(low + 1, high) for low, high in zip([0, *uppers], uppers, strict=False)]


def class_of(count: int, bounds: list[tuple[int, int]]) -> int:
    """0 for no experience, else the number (from 1) of the class ``count`` falls in.

    >>> [class_of(n, classes(105)) for n in (0, 1, 14, 15, 105)]
    [0, 1, 1, 2, 4]
    """
    if count <= 0:
        return 0
    return next((n for n, (_, high) in enumerate(bounds, 1) if count <= high), len(bounds))


def class_label(low: int, high: int) -> str:
    """``1 expérience``, ``3 à 5 expériences``."""
    numbers = str(low) if low == high else f"{low} à {high}"
    return f"{numbers} expérience{'s' if high > 1 else ''}"


# Light to dark, each with a denser pattern: told apart without colour too.
FILLS = ("#ffffff", "#d9efec", "#a6d8d1", "#5fb3a8", "#1f7a70")
# The pattern of each class: diagonal lines, more and thicker from one class to the next.
HATCH = ((0, 0.0), (8, 0.8), (6, 1.2), (4, 1.4), (3, 1.6))


def patterns() -> str:
    """``<defs>`` of the shading's patterns, ``#rv-motif-0``… (the legend uses them too)."""
    defs = []
    for n, (fill, (step, width)) in enumerate(zip(FILLS, HATCH, strict=True)):
        lines = (
            f'<path d="M-1 1L1 -1M0 {step}L{step} 0M{step - 1} {step + 1}L{step + 1} {step - 1}" '
            f'stroke="#0b3d37" stroke-width="{width}"/>'
            if step
            else ""
        )
        size = step or 8
        defs.append(
            f'<pattern id="rv-motif-{n}" width="{size}" height="{size}" '
            f'patternUnits="userSpaceOnUse"><rect width="{size}" height="{size}" '
            f'fill="{fill}"/>{lines}</pattern>'
        )
    return "<defs>" + "".join(defs) + "</defs>"


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def markers(page: str, where: Placed) -> list[Marker]:
    """A link per territory on the map, or per région when they are more than
    :data:`MAX_POINTS`."""
    if len(where.on_map) <= MAX_POINTS:
        found = []
        for entry, (x, y) in where.on_map:
            data = entry.data
            count = len(data.experiences)
            facts = [where_words(data)] if departements_of(data) else []
            facts.append(f"{count} expérience{'s' if count > 1 else ''}")
            label = f"{entry.title} ({', '.join(facts)})"
            found.append(Marker(x, y, relative_url(entry, page), label))
        return found
    regions = shapes("regions.geojson")
    counts: Counter[str] = Counter()
    for entry, _ in where.on_map:
        for code in regions_of(entry.data):  # as the régions' pages list them
            counts[code] += 1
    found = []
    for code, count in sorted(counts.items()):
        if code not in regions:
            continue
        x, y = regions[code].inside_point()
        value = region("FR", _a_departement_of(code))
        label = f"{value.label} : {count} territoires, voir la page de la région"
        found.append(Marker(x, y, page_url(region_page(value.key), page), label, count))
    return found


def _a_departement_of(region_code: str) -> str:
    return next(d for d, (_, r) in GEO.departements().items() if r == region_code)


def map_svg(index: Index, page: str, where: Placed | None = None) -> str:
    """The ``<svg>`` of the map on ``page``: départements shaded by their experiences, the
    régions' borders, and the links of :func:`markers`. Every value is escaped."""
    where = where or placed(index)
    counts = experiences_by_departement(index)
    bounds = classes(max(counts.values(), default=0))
    by_class: dict[int, list[str]] = {}
    for code, shape in shapes().items():
        by_class.setdefault(class_of(counts[code], bounds), []).append(shape.path())
    parts = [
        f'<svg class="rv-carte-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        'aria-labelledby="rv-carte-titre" xmlns="http://www.w3.org/2000/svg">',
        patterns(),
        '<g aria-hidden="true" stroke="#5b6b69" stroke-width="0.6" stroke-linejoin="round">',
    ]
    # One path per class: 5 elements instead of 96, the same drawing.
    for n, paths in sorted(by_class.items()):
        parts.append(f'<path fill="url(#rv-motif-{n})" d="{"".join(paths)}"/>')
    borders = "".join(s.path() for s in shapes("regions.geojson").values())
    parts.append(f'<path fill="none" stroke="#263331" stroke-width="1.6" d="{borders}"/></g>')
    parts.append('<g class="rv-carte-liens">')
    for m in markers(page, where):
        label = _attr(m.label)
        inner = f"<title>{label}</title>"
        if m.count is None:
            inner += f'<circle cx="{m.x:.0f}" cy="{m.y:.0f}" r="6"/>'
        else:
            r = 12 + 3 * len(str(m.count))
            inner += (
                f'<circle cx="{m.x:.0f}" cy="{m.y:.0f}" r="{r}"/>'
                f'<text x="{m.x:.0f}" y="{m.y + 5:.0f}" text-anchor="middle">{m.count}</text>'
            )
        parts.append(f'<a href="{_attr(m.href)}" aria-label="{label}">{inner}</a>')
    parts.append("</g></svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Elsewhere:
    """A line of the box beside the map: a territory, or a count of them in one place."""

    label: str
    href: str | None


def elsewhere(entries: list[Entry], page: str, place: str) -> list[Elsewhere]:
    """Names and links while they are few (:data:`MAX_LISTED`), else a count per ``place``
    (``"departement"`` overseas, ``"pays"`` abroad) with a link to the région's page."""
    if len(entries) <= MAX_LISTED:
        return [Elsewhere(e.title, relative_url(e, page)) for e in entries]
    counts = Counter(getattr(e.data, place) for e in entries)
    found = []
    for key, count in sorted(counts.items(), key=lambda kv: sort_key(str(kv[0]))):
        value = region("FR", key) if place == "departement" else ABROAD
        name = (GEO.departement(key) if place == "departement" else None) or key or "Ailleurs"
        has_page = value not in (ABROAD, NO_REGION)
        href = page_url(region_page(value.key), page) if has_page else None
        found.append(Elsewhere(f"{name} : {count} territoires", href))
    return found


def territory_map(index: Index, page: str) -> Markup:
    """The map, its legend, the box of places it does not show and the attribution, as HTML
    for the territories page (:mod:`hooks.territoires.liste`)."""
    where = placed(index)
    counts = experiences_by_departement(index)
    bounds = classes(max(counts.values(), default=0))
    legend = [(0, "Aucune expérience")] + [
        (n, class_label(low, high)) for n, (low, high) in enumerate(bounds, 1)
    ]
    names = {code: s.nom for code, s in shapes().items()}
    rows = sorted(
        ((names[c], n) for c, n in counts.items() if c in names and n),
        key=lambda row: sort_key(row[0]),
    )
    # The text of the shading: for each class, darkest first, its départements and numbers
    # (a line per class: 96 rows of a table would weigh 290 DOM nodes).
    table = [
        (label, found)
        for n, label in reversed(legend[1:])
        if (found := [row for row in rows if class_of(row[1], bounds) == n])
    ]
    html_text = render(
        "territoires/carte.html.j2",
        svg=Markup(map_svg(index, page, where)),
        legend=legend,
        table=table,
        grouped=len(where.on_map) > MAX_POINTS,
        on_map=len(where.on_map),
        max_points=MAX_POINTS,
        overseas=elsewhere(where.overseas, page, "departement"),
        abroad=elsewhere(where.abroad, page, "pays"),
        nowhere=len(where.nowhere),
        regions_url=page_url(REGIONS_PAGE, page),
        attribution=ATTRIBUTION_COURTE,
    )
    return Markup(html_text)
