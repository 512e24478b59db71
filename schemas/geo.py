"""French open geographic data (``geo/``): communes, EPCI, départements and régions by code.

Read once, when first asked, from the CSV files copied into the repository (see
``geo/README.md`` for their sources and the attribution the site shows). A build whose
territories give no code never reads the 35,000 communes.

>>> GEO.departement("76"), GEO.region_of("76"), GEO.region_code_of("76")
('Seine-Maritime', 'Normandie', '28')
>>> GEO.region_of("99") is None
True
>>> commune = GEO.commune("76402")
>>> commune.nom, commune.departement, commune.population, (commune.lat, commune.lon)
('Malaunay', '76', 6221, (49.5254, 1.0488))
>>> GEO.epci("242900314").nom, GEO.epci("242900314").departement
('Brest Métropole', '29')
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "geo"
ATTRIBUTION = (
    "Données : INSEE (Code officiel géographique 2026, populations légales) et DGCL "
    "(EPCI 2026), via @etalab/decoupage-administratif 6.0.0 ; contours : IGN Admin Express "
    "COG 2018, via gregoiredavid/france-geojson, simplifiés. Licence Ouverte / Etalab."
)
# The same under the map, for a reader: who made the data, without versions or packages.
ATTRIBUTION_COURTE = (
    "Données : INSEE (communes et populations légales en vigueur en 2026) et DGCL "
    "(intercommunalités), mises à disposition par Etalab ; contours des départements : IGN, "
    "mis en forme par Grégoire David. Licence Ouverte / Etalab."
)
# The populations of communes.csv and epci.csv: INSEE's legal populations in force in 2026.
POPULATION_YEAR = 2026


@dataclass(frozen=True)
class Place:
    """A commune (``code`` INSEE) or an EPCI (``code`` SIREN) and the facts the data give."""

    code: str
    nom: str
    departement: str | None
    population: int | None
    lat: float | None
    lon: float | None
    kind: str  # "commune", or the EPCI's type: CC, CA, CU, METRO, MET69
    # Every département the place touches, that of most of its communes first (a commune:
    # its own; an EPCI may straddle two or more).
    departements: tuple[str, ...] = ()


def name_key(name: str) -> str:
    """A name as compared: no case, no accents, hyphens and apostrophes as spaces.

    >>> name_key("Saint-Étienne-du-Rouvray") == name_key("saint etienne du rouvray")
    True
    """
    plain = name.casefold()
    if not plain.isascii():  # ASCII has nothing to decompose: most names, 35,000 at a build
        plain = unicodedata.normalize("NFKD", plain).translate(_UNMARKED)
    return " ".join(plain.replace("-", " ").replace("'", " ").replace("’", " ").split())


class _Unmarked(dict):
    """For ``str.translate``: a combining mark (an accent once decomposed) → removed, any
    other character → itself; each character looked up once."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = found = "" if unicodedata.combining(char) else char
        return found


_UNMARKED = _Unmarked()


def _number(text: str) -> float | None:
    return float(text) if text else None


@dataclass(frozen=True)
class Geo:
    """Communes, EPCI, départements and régions by code."""

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

    def _lines(self, name: str) -> dict[str, str]:
        """Code (first column, never quoted) → the file's line: rows are parsed when asked,
        so that looking up a few codes does not parse 35,000 rows."""
        with (self.folder / name).open(encoding="utf-8", newline="") as file:
            next(file)  # header
            return {line.split(",", 1)[0]: line for line in file}

    @cached_property
    def _commune_lines(self) -> dict[str, str]:
        return self._lines("communes.csv")

    @cached_property
    def _epci_lines(self) -> dict[str, str]:
        return self._lines("epci.csv")

    @staticmethod
    def _parse(line: str) -> list[str]:
        return next(csv.reader([line]))

    def _commune(self, line: str) -> Place:
        code, nom, departement, _, population, lat, lon = self._parse(line)
        people = int(population) if population else None
        place = (_number(lat), _number(lon))
        return Place(code, nom, departement, people, *place, "commune", (departement,))

    def _epci(self, line: str) -> Place:
        siren, nom, kind, population, communes, lat, lon = self._parse(line)
        # The département of most member communes (an EPCI may straddle two).
        departements = Counter(
            self._parse(self._commune_lines[c])[2]
            for c in communes.split()
            if c in self._commune_lines
        )
        ranked = tuple(d for d, _ in sorted(departements.items(), key=lambda dn: (-dn[1], dn[0])))
        main = ranked[0] if ranked else None
        people = int(population) if population else None
        return Place(siren, nom, main, people, _number(lat), _number(lon), kind, ranked)

    @cached_property
    def _by_name(self) -> dict[str, list[Place]]:
        found: dict[str, list[Place]] = {}
        for line in self._commune_lines.values():
            place = self._commune(line)
            found.setdefault(name_key(place.nom), []).append(place)
        for line in self._epci_lines.values():
            place = self._epci(line)
            found.setdefault(name_key(place.nom), []).append(place)
        return found

    def departement(self, code: str | None) -> str | None:
        """``"76"`` → ``"Seine-Maritime"``; None for an unknown or missing code."""
        found = self._departements.get(code or "")
        return found[0] if found else None

    def region_code_of(self, departement: str | None) -> str | None:
        """The code of the région of a département code (``"76"`` → ``"28"``), or None."""
        found = self._departements.get(departement or "")
        return found[1] if found else None

    def region_of(self, departement: str | None) -> str | None:
        """The name of the région of a département code, or None."""
        return self._regions.get(self.region_code_of(departement) or "")

    def regions(self) -> dict[str, str]:
        """Every région: code → name (13 metropolitan, 5 DROM, the COM), in code order."""
        return dict(sorted(self._regions.items()))

    def departements(self) -> dict[str, tuple[str, str]]:
        """Every département: code → (name, région code), in code order."""
        return dict(sorted(self._departements.items()))

    def commune(self, code_insee: str | None) -> Place | None:
        """The commune of an INSEE code (``"76402"``), or None."""
        line = self._commune_lines.get(code_insee or "")
        return self._commune(line) if line else None

    def epci(self, siren: str | None) -> Place | None:
        """The EPCI of a SIREN number (``"242900314"``), or None."""
        line = self._epci_lines.get(siren or "")
        return self._epci(line) if line else None

    def codes_of(self, departement: str) -> tuple[str, str] | None:
        """The first and last INSEE codes of the communes of a département (``"29"`` →
        ``("29001", "29302")``), or None: for an error's hint."""
        codes = sorted(c for c, line in self._commune_lines.items() if self._in(line, departement))
        return (codes[0], codes[-1]) if codes else None

    @staticmethod
    def _in(line: str, departement: str) -> bool:
        return line.split(",")[-5] == departement  # the name may hold commas, not what follows

    def named(self, name: str) -> list[Place]:
        """Communes and EPCI whose name is ``name`` (case, accents, hyphens ignored)."""
        return list(self._by_name.get(name_key(name), []))

    def closest(self, name: str, limit: int = 3) -> list[Place]:
        """The places whose names are closest to ``name``: for an error's hint."""
        import difflib  # only when a code is wrong

        keys = difflib.get_close_matches(name_key(name), self._by_name, n=limit, cutoff=0.6)
        return [place for key in keys for place in self._by_name[key]][:limit]


GEO = Geo(FOLDER)
