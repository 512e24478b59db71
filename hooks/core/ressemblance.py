"""What makes two territories alike, in words: the same nature, a comparable size (population
within a factor of :data:`FACTOR`), the distance between them. « Près de chez moi » (whose
script applies the same rule, given :data:`FACTOR` by ``index.json``), the territories'
« Territoires proches » and the départements' « Territoires proches » all use it.

A territory's position is its own (``coordonnees``, or the one its codes give) or, for one
known only by its départements (a pays, a parc), the centre of those départements: its
distances are then approximate, and said so (« à environ 40 km »).

>>> comparable(2000, 3900), comparable(2000, 4100), comparable(None, 10)
(True, False, False)
>>> round(km((48.39, -4.49), (48.51, -2.76)))
128
>>> distance_words(12.4), distance_words(127.6, approx=True), distance_words(0.4)
('à 12\xa0km', 'à environ 130\xa0km', 'à moins de 1\xa0km')
>>> distance_words(6453.2)
'à 6\u202f453\xa0km'
>>> reasons(same_kind=True, same_size=True, distance=34, shared=5)
['même nature', 'taille comparable', 'à 34\xa0km', '5 balises en commun']
>>> reasons(same_kind=False, same_size=False, distance=None, shared=1)
['1 balise en commun']
>>> centre("29")
(48.29, -4.13)
"""

from __future__ import annotations

import csv
import math
from functools import cache

from schemas.facts import departements_of
from schemas.fields import thousands
from schemas.geo import FOLDER
from schemas.territoire import Territoire

FACTOR = 2  # comparable populations: the larger at most twice the smaller
EARTH = 6371  # km
FAR = 300  # km: farther, no territory is said to be near (as « Près de chez moi »'s FAR)


def comparable(a: int | None, b: int | None) -> bool:
    """Populations within a factor of :data:`FACTOR` of each other (unknown: never)."""
    if not a or not b:
        return False
    return max(a, b) <= FACTOR * min(a, b)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance between two (lat, lon) points, as the page's script computes it (an
    equirectangular approximation, within 1 % at the scale of France)."""
    r = math.pi / 180
    x = (b[1] - a[1]) * r * math.cos((a[0] + b[0]) * r / 2)
    y = (b[0] - a[0]) * r
    return math.hypot(x, y) * EARTH


def distance_words(distance: float, approx: bool = False) -> str:
    """« à 12 km »; an approximate distance rounded to 10 km, « à environ 130 km »; a
    no-break space before « km » and in the thousands (« à 6 453 km » never splits)."""
    if approx:
        return f"à environ {thousands(max(10, round(distance / 10) * 10))}\u00a0km"
    return "à moins de 1\u00a0km" if distance < 0.5 else f"à {thousands(round(distance))}\u00a0km"


@cache
def _centres() -> dict[str, tuple[float, float]]:
    """Each département's centre: the mean position of its communes (``geo/communes.csv``)."""
    sums: dict[str, list[float]] = {}
    with (FOLDER / "communes.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["lat"] and row["lon"]:
                total = sums.setdefault(row["departement"], [0.0, 0.0, 0])
                total[0] += float(row["lat"])
                total[1] += float(row["lon"])
                total[2] += 1
    return {d: (round(s[0] / s[2], 2), round(s[1] / s[2], 2)) for d, s in sums.items()}


def centre(departement: str) -> tuple[float, float] | None:
    """The centre of a département, None when none of its communes has a position."""
    return _centres().get(departement)


def position(data: Territoire) -> tuple[tuple[float, float], bool] | None:
    """A territory's position and whether it is approximate (the centre of its départements),
    or None (abroad without coordinates, or nothing given)."""
    if data.coordonnees:
        return (data.coordonnees.lat, data.coordonnees.lon), False
    points = [p for p in (centre(d) for d in departements_of(data)) if p]
    if not points:
        return None
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    return (round(lat, 2), round(lon, 2)), True


def reasons(
    same_kind: bool,
    same_size: bool,
    distance: float | None,
    shared: int = 0,
    approx: bool = False,
) -> list[str]:
    """Which of the notions apply, in words, in a fixed order: nature, size, distance,
    balises in common."""
    words = ["même nature"] * same_kind + ["taille comparable"] * same_size
    if distance is not None:
        words.append(distance_words(distance, approx))
    if shared:
        words.append(f"{shared} balise{'s' if shared > 1 else ''} en commun")
    return words
