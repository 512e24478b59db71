"""From a code to facts: a territory that gives ``code_insee`` (a commune) or ``siren`` (an
EPCI) gets its département, population (with its year) and position from ``geo/``.

What the file gives by hand wins, except a département that contradicts the code, which is
an error. An unknown code is an error whose hint names the places closest by name. A
territory abroad, or without a code (a PNR, a pays), keeps its hand-written fields.

>>> data = Territoire(nom="Malaunay", type="commune", code_insee="76402", resume="…",
...                   experiences=[{"id": "x", "titre": "X", "resume": "…", "balises": ["b"]}])
>>> filled, problems = with_facts(data)
>>> filled.departement, filled.population, filled.population_annee, problems
('76', 6221, 2026, [])
>>> filled.coordonnees.lat, filled.coordonnees.lon
(49.5254, 1.0488)
"""

from __future__ import annotations

from .geo import GEO, POPULATION_YEAR, Place
from .territoire import Coordonnees, Territoire


def _label(place: Place) -> str:
    """``Malaunay (76402, Seine-Maritime)``"""
    where = GEO.departement(place.departement)
    return f"{place.nom} ({place.code}{', ' + where if where else ''})"


def _unknown(field: str, code: str, nom: str) -> str:
    what = "code INSEE" if field == "code_insee" else "numéro SIREN"
    among = "les communes (COG 2026)" if field == "code_insee" else "les EPCI (DGCL 2026)"
    kind = "commune" if field == "code_insee" else None
    close = [p for p in GEO.named(nom) + GEO.closest(nom) if (p.kind == "commune") == bool(kind)]
    unique = list({p.code: p for p in close}.values())[:3]
    hint = (
        " — au nom proche de « " + nom + " » : " + ", ".join(_label(p) for p in unique)
        if unique
        else " — vérifiez-le sur https://www.insee.fr/fr/recherche/recherche-geographique"
    )
    return f"{what} « {code} » inconnu parmi {among}{hint}"


def with_facts(data: Territoire) -> tuple[Territoire, list[tuple[str, str]]]:
    """``data`` with the facts its code gives, and the problems found as ``(field, message)``."""
    if data.code_insee and data.siren:
        return data, [
            (
                "siren",
                "donnez soit code_insee (une commune), soit siren (une intercommunalité), "
                "pas les deux",
            )
        ]
    field, code = ("code_insee", data.code_insee) if data.code_insee else ("siren", data.siren)
    if not code:
        return data, []
    if data.pays != "FR":
        return data, [
            (field, f"un {field} désigne un territoire français : retirez-le, ou écrivez pays: FR")
        ]
    place = GEO.commune(code) if field == "code_insee" else GEO.epci(code)
    if place is None:
        return data, [(field, _unknown(field, code, data.nom))]
    problems = []
    if data.departement and place.departement and data.departement != place.departement:
        problems.append(
            (
                "departement",
                f"« {data.departement} » contredit le {field} {code} : {_label(place)} est dans "
                f"le département {place.departement} ; supprimez cette ligne (le code suffit) "
                "ou corrigez le code",
            )
        )
    update: dict[str, object] = {}
    if data.departement is None and place.departement:
        update["departement"] = place.departement
    if data.population is None and place.population is not None:
        update["population"] = place.population
        update["population_annee"] = POPULATION_YEAR
    if data.coordonnees is None and place.lat is not None and place.lon is not None:
        update["coordonnees"] = Coordonnees(lat=place.lat, lon=place.lon)
    return (data.model_copy(update=update) if update else data), problems
