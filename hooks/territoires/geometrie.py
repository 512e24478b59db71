"""The outlines of France's départements and régions projected onto the map's plane, with
what the map needs of them: an SVG path, whether a point is inside, a point well inside.

The projection is equirectangular, its scale kept at latitude :data:`MIDDLE`: over
metropolitan France, distances are off by a few percent at most, which a map of where
territories are does not need to do better than.

>>> project(WEST, NORTH), project(2.2, 46.5)
((0.0, 0.0), (309.76, 282.0))
>>> ring_path([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)])
'M0 0h10v10h-10z'
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from schemas.geo import FOLDER

WEST, NORTH = -5.3, 51.2  # the map's top left corner, in degrees
MIDDLE = 46.5  # latitude whose scale is kept: cos(46.5°) ≈ 0.69
SCALE = 60  # map units per degree of latitude (1 unit ≈ 1.85 km)

Point = tuple[float, float]
Ring = list[Point]


def project(lon: float, lat: float) -> Point:
    """Map units from degrees: x to the east, y to the south, (0, 0) at :data:`WEST`,
    :data:`NORTH`."""
    x = (lon - WEST) * math.cos(math.radians(MIDDLE)) * SCALE
    y = (NORTH - lat) * SCALE
    return round(x, 2), round(y, 2)


def ring_path(ring: Sequence[Point]) -> str:
    """A closed ring as short SVG path data: whole units, relative moves (``h``/``v`` when
    straight), repeated points dropped; ``""`` when nothing is left of it."""
    points: list[tuple[int, int]] = []
    for x, y in ring:
        p = (round(x), round(y))
        if not points or p != points[-1]:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(set(points)) < 3:
        return ""
    out = [f"M{points[0][0]} {points[0][1]}"]
    for (x0, y0), (x1, y1) in pairwise(points):
        dx, dy = x1 - x0, y1 - y0
        out.append(f"h{dx}" if dy == 0 else f"v{dy}" if dx == 0 else f"l{dx}{_signed(dy)}")
    return "".join(out) + "z"


def _signed(n: int) -> str:
    return str(n) if n < 0 else f" {n}"


@dataclass(frozen=True)
class Shape:
    """A département or a région of the outlines, projected: polygons of rings, the first
    ring of each its outside."""

    code: str
    nom: str
    polygons: tuple[tuple[Ring, ...], ...]

    def path(self) -> str:
        return "".join(ring_path(r) for polygon in self.polygons for r in polygon)

    def contains(self, point: Point) -> bool:
        """Whether ``point`` is inside (even-odd rule: holes are outside)."""
        return sum(_crossings(point, r) for p in self.polygons for r in p) % 2 == 1

    def inside_point(self) -> Point:
        """A point inside the shape, near the middle of its largest part: the centroid if it
        is inside, else the middle of the widest stretch of that part on the centroid's
        horizontal line."""
        outside = max((p[0] for p in self.polygons), key=lambda r: abs(_area(r)))
        centre = _centroid(outside)
        if self.contains(centre):
            return centre
        y = centre[1]
        xs = sorted(x for p in self.polygons for r in p for x in _cuts(r, y))
        stretches = [(b - a, (a + b) / 2) for a, b in zip(xs[::2], xs[1::2], strict=False)]
        return (max(stretches)[1], y) if stretches else centre


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def _centroid(ring: Ring) -> Point:
    a = _area(ring) or 1e-9
    pairs = list(pairwise(ring))
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * a)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * a)
    return cx, cy


def _cuts(ring: Ring, y: float) -> list[float]:
    """Where the horizontal line at ``y`` crosses the ring's edges."""
    return [
        x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in pairwise(ring)
        if (y0 > y) != (y1 > y)
    ]


def _crossings(point: Point, ring: Ring) -> int:
    x, y = point
    return sum(1 for cut in _cuts(ring, y) if cut > x)


@cache
def shapes(name: str = "departements.geojson") -> dict[str, Shape]:
    """The projected outlines of ``geo/<name>``, by code (read once)."""
    data = json.loads((Path(FOLDER) / name).read_text(encoding="utf-8"))
    found = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        coordinates = geometry["coordinates"]
        parts = [coordinates] if geometry["type"] == "Polygon" else coordinates
        polygons = tuple(tuple([project(lon, lat) for lon, lat in r] for r in p) for p in parts)
        code = feature["properties"]["code"]
        found[code] = Shape(code, feature["properties"]["nom"], polygons)
    return found


def centre_of(codes: tuple[str, ...]) -> Point | None:
    """A point for a territory known by its départements: inside the only one, or the centre
    of the points inside each (of those the map shows) when it falls inside one of them, else
    the point inside the first; None when the map shows none of them (overseas).

    >>> [round(n) for n in centre_of(("63", "43", "42"))]
    [372, 340]
    >>> shapes()["63"].contains(centre_of(("63", "43", "42")))
    True
    """
    departements = shapes()
    points = [departements[code].inside_point() for code in codes if code in departements]
    if not points:
        return None
    centre = (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))
    inside = any(departements[code].contains(centre) for code in codes if code in departements)
    return centre if inside else points[0]
