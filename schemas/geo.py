"""French open geographic data (``geo/``): the name of a département and of its région.

Read once from the CSV files copied into the repository (see ``geo/README.md`` for their
sources and the attribution the site shows).

>>> GEO.departement("76"), GEO.region_of("76")
('Seine-Maritime', 'Normandie')
>>> GEO.region_of("99") is None
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "geo"
ATTRIBUTION = (
    "Données : INSEE (Code officiel géographique 2026, populations légales) et DGCL "
    "(EPCI 2026), via @etalab/decoupage-administratif 6.0.0 ; contours : IGN Admin Express "
    "COG 2018, via gregoiredavid/france-geojson, simplifiés. Licence Ouverte / Etalab."
)


@dataclass(frozen=True)
class Geo:
    """Départements and régions by code."""

    folder: Path

    def _rows(self, name: str) -> list[dict[str, str]]:
        with (self.folder / name).open(encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    @cached_property
    def _departements(self) -> dict[str, tuple[str, str]]:
        return {r["code"]: (r["nom"], r["region"]) for r in self._rows("departements.csv")}

    @cached_property
    def _regions(self) -> dict[str, str]:
        return {r["code"]: r["nom"] for r in self._rows("regions.csv")}

    def departement(self, code: str | None) -> str | None:
        """``"76"`` → ``"Seine-Maritime"``; None for an unknown or missing code."""
        found = self._departements.get(code or "")
        return found[0] if found else None

    def region_of(self, departement: str | None) -> str | None:
        """The name of the région of a département code, or None."""
        found = self._departements.get(departement or "")
        return self._regions.get(found[1]) if found else None


GEO = Geo(FOLDER)
