"""From codes to facts: a territory that gives ``code_insee`` (a commune), ``siren`` (an EPCI),
``communes`` (its member communes) or ``departements`` gets its département(s), population
(with its year) and position from ``geo/``.

What the file gives by hand wins, except a département that contradicts the codes, which is
an error. An unknown code is an error that says where to find the right one. A territory
abroad keeps its hand-written fields, and its country code must be one of ISO 3166-1.

A territory that spans several départements keeps them all in ``departements``, that of most
of its communes first, and that one in ``departement`` (where a single one can be shown).

>>> data = Territoire(nom="Malaunay", type="commune", code_insee="76402", resume="…",
...                   experiences=[{"id": "x", "titre": "X", "resume": "…", "balises": ["b"]}])
>>> filled, problems = with_facts(data)
>>> filled.departement, filled.population, filled.population_annee, problems
('76', 6221, 2026, [])
>>> filled.coordonnees.lat, filled.coordonnees.lon
(49.5254, 1.0488)
>>> pays = data.model_copy(update={"code_insee": None, "communes": ["29024", "22266", "56066"]})
>>> filled, problems = with_facts(pays)
>>> filled.departements, filled.departement, filled.population, problems
(['22', '29', '56'], '22', 14654, [])
>>> departements_of(filled), regions_of(filled)
(('22', '29', '56'), ('53',))
"""

from __future__ import annotations

from collections import Counter

from .codes import FIND_A_CODE, KNOWN_DEPARTEMENTS
from .geo import GEO, POPULATION_YEAR, Place
from .pays import PAYS
from .territoire import Coordonnees, Territoire

# Where a problem is in the file (``("communes", 3)``), and what to do about it.
Problem = tuple[tuple[str | int, ...], str]


def departements_of(data: Territoire) -> tuple[str, ...]:
    """Every département of France a territory touches (after :func:`with_facts`): its list,
    or its one département, or none (abroad, or not given)."""
    if data.pays != "FR":
        return ()
    if data.departements:
        return tuple(data.departements)
    return (data.departement,) if data.departement else ()


def regions_of(data: Territoire) -> tuple[str, ...]:
    """The codes of the régions of :func:`departements_of`, each once, in that order."""
    found = (GEO.region_code_of(d) for d in departements_of(data))
    return tuple(dict.fromkeys(code for code in found if code))


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
        else f" — vérifiez-le sur {FIND_A_CODE}"
    )
    return f"{what} « {code} » inconnu parmi {among}{hint}"


def _codes(data: Territoire) -> list[Problem]:
    """Which codes may go together: one of code_insee, siren and communes; none abroad."""
    if data.code_insee and data.siren:
        return [
            (
                ("siren",),
                "donnez soit code_insee (une commune), soit siren (une intercommunalité), "
                "pas les deux",
            )
        ]
    if data.communes and (data.code_insee or data.siren):
        field = "code_insee" if data.code_insee else "siren"
        return [
            (
                ("communes",),
                f"donnez soit {field}, soit communes (les communes membres), pas les deux : "
                f"le {field} donne déjà ses communes",
            )
        ]
    if data.pays == "FR":
        return []
    problems: list[Problem] = [
        ((field,), f"un {field} désigne un territoire français : retirez-le, ou écrivez pays: FR")
        for field in ("code_insee", "siren")
        if getattr(data, field)
    ]
    problems += [
        ((field,), f"{field} désigne des lieux de France : retirez ce champ, ou écrivez pays: FR")
        for field in ("communes", "departements")
        if getattr(data, field)
    ]
    return problems


def _twice(data: Territoire, field: str) -> list[Problem]:
    """A problem for each code of ``communes`` or ``departements`` written a second time
    (each code's shape and existence are the model's to check)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, code in enumerate(getattr(data, field)):
        if code in seen:
            problems.append(
                (
                    (field, n),
                    f"« {code} » est déjà dans la liste (élément {seen[code] + 1}) : retirez-le",
                )
            )
        seen.setdefault(code, n)
    return problems


def _from_communes(codes: list[str]) -> tuple[Counter[str], Place]:
    """The départements of ``codes`` (communes each) and what the communes add up to: their
    population, and the centre of the communes' centres as their position."""
    communes = [place for code in codes if (place := GEO.commune(code))]
    departements = Counter(c.departement for c in communes if c.departement)
    people = [c.population for c in communes if c.population is not None]
    points = [(c.lat, c.lon) for c in communes if c.lat is not None and c.lon is not None]
    lat = round(sum(p[0] for p in points) / len(points), 4) if points else None
    lon = round(sum(p[1] for p in points) / len(points), 4) if points else None
    total = sum(people) if people else None
    return departements, Place("", "", None, total, lat, lon, "communes")


def _ranked(departements: Counter[str]) -> list[str]:
    """Most communes first, then by code."""
    return [d for d, _ in sorted(departements.items(), key=lambda dn: (-dn[1], dn[0]))]


def _contradictions(data: Territoire, derived: list[str], source: str) -> list[Problem]:
    """``departement`` and ``departements`` written by hand must agree with those the codes
    give (``source``: ``"code"``, or ``"communes"`` for a list of communes)."""
    problems: list[Problem] = []
    of = "de ces communes" if source == "communes" else "de ce code"
    enough = "les communes suffisent" if source == "communes" else "le code suffit"
    listed = ", ".join(sorted(derived))
    given = data.departements
    if given and set(given) != set(derived):
        problems.append(
            (
                ("departements",),
                f"« {', '.join(given)} » ne correspond pas aux départements {of} ({listed}) : "
                f"supprimez cette ligne ({enough}) ou corrigez-la",
            )
        )
    if data.departement and data.departement not in derived:  # a code has its own message
        problems.append(
            (
                ("departement",),
                f"« {data.departement} » n'est le département d'aucune de ces communes "
                f"({listed}) : supprimez cette ligne ({enough}) ou corrigez-la",
            )
        )
    return problems


def with_facts(data: Territoire) -> tuple[Territoire, list[Problem]]:
    """``data`` with the facts its codes give, and the problems found as ``(path, message)``
    (``path`` as in the file: ``("communes", 3)``)."""
    problems = _codes(data)
    if data.pays not in PAYS:
        problems.append(
            (
                ("pays",),
                f"« {data.pays} » n'est pas un code de pays (ISO 3166-1) : par exemple FR "
                "(France), BE (Belgique), CH (Suisse)",
            )
        )
    if problems or data.pays != "FR":
        return data, problems
    if data.departement and GEO.departement(data.departement) is None:
        problems.append(
            (
                ("departement",),
                f"« {data.departement} » n'est pas un numéro de département connu : "
                + KNOWN_DEPARTEMENTS,
            )
        )
    departements = list(dict.fromkeys(data.departements))
    problems += _twice(data, "departements")
    field = "code_insee" if data.code_insee else "siren" if data.siren else None
    place: Place | None = None
    if field:
        code = data.code_insee or data.siren or ""
        place = GEO.commune(code) if field == "code_insee" else GEO.epci(code)
        if place is None:
            return data, [*problems, ((field,), _unknown(field, code, data.nom))]
        derived = list(place.departements)
        if data.departement and data.departement not in derived:
            problems.append(
                (
                    ("departement",),
                    f"« {data.departement} » contredit le {field} {code} : {_label(place)} est "
                    f"dans le département {place.departement} ; supprimez cette ligne (le code "
                    "suffit) ou corrigez le code",
                )
            )
        problems += _contradictions(data.model_copy(update={"departement": None}), derived, "code")
    elif data.communes:
        problems += _twice(data, "communes")
        counts, place = _from_communes(list(dict.fromkeys(data.communes)))
        derived = _ranked(counts)
        problems += _contradictions(data, derived, "communes")
    else:
        derived = departements
        if data.departement and departements and data.departement not in departements:
            problems.append(
                (
                    ("departement",),
                    f"« {data.departement} » n'est pas dans departements "
                    f"({', '.join(departements)}) : ajoutez-le à la liste, ou supprimez cette "
                    "ligne",
                )
            )
    if problems:
        return data, problems
    return _filled(data, derived, place), []


def _filled(data: Territoire, derived: list[str], place: Place | None) -> Territoire:
    """``data`` with what it does not give: its département(s), population and position."""
    update: dict[str, object] = {}
    if data.departement is None and derived:
        update["departement"] = derived[0]
    if len(derived) > 1 and not data.departements:
        update["departements"] = derived
    if place is not None:
        if data.population is None and place.population is not None:
            update["population"] = place.population
            update["population_annee"] = POPULATION_YEAR
        if data.coordonnees is None and place.lat is not None and place.lon is not None:
            update["coordonnees"] = Coordonnees(lat=place.lat, lon=place.lon)
    return data.model_copy(update=update) if update else data
