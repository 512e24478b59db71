"""Checks across territories: one file per commune or intercommunalité, and a name that
looks like the place its code designates.

A second file for a commune already in the référentiel (``nom: Loos``, code 62528) is an
error in both files, each naming the other: the experiences of one belong in the other's
folder. A name unlike its code's (« Ville de Loos-en-Gohelle » with Ungersheim's 68343) is
only a warning: names such as « Pays de … » or « Ville de … » are the contributor's to
choose, but a code typed wrong would put the territory on another place's map.

>>> looks_like("Ville de Loos-en-Gohelle", "Loos-en-Gohelle"), looks_like("Loos", "Ungersheim")
(True, False)
>>> looks_like("Grand Besançon", "CU Grand Besançon Métropole")
True
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Erreur
from .geo import GEO, name_key
from .loader import Loaded

_CODES = {
    "code_insee": ("code INSEE", "une commune n'a qu'un fichier"),
    "siren": ("SIREN", "une intercommunalité n'a qu'un fichier"),
}


def same_codes(territories: dict[str, Loaded]) -> Iterator[Erreur]:
    """An error on each of two territories that give the same INSEE code or SIREN, naming
    the other file; a withdrawn territory (``retrait``) is left out."""
    by_code: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    for territory_id, record in sorted(territories.items()):
        for field in _CODES:
            code = record.raw.get(field)
            if isinstance(code, str) and not record.raw.get("retrait"):
                where = (territory_id, record.path, record.lines.line_of((field,)))
                by_code.setdefault((field, code), []).append(where)
    for (field, code), found in by_code.items():
        label, rule = _CODES[field]
        for _, path, line in found if len(found) > 1 else []:
            others = ", ".join(f"{p} (ligne {n})" for _, p, n in found if p != path)
            yield Erreur(
                path,
                line,
                field,
                f"{label} « {code} » aussi donné par {others} : {rule} ; gardez celui qui est "
                "publié, ajoutez-y les expériences de l'autre (chacune dans son propre fichier, "
                "territoires/<territoire>/<titre>.yml), puis retirez l'autre (ou corrigez le "
                "code)",
            )


def looks_like(name: str, official: str) -> bool:
    """Whether ``name`` holds the official name, or the other way round (case, accents,
    hyphens ignored)."""
    mine, theirs = f" {name_key(name)} ", f" {name_key(official)} "
    return mine in theirs or theirs in mine


def name_warnings(territories: dict[str, Loaded]) -> Iterator[Erreur]:
    """A warning for each territory whose name does not look like its code's place."""
    for _, record in sorted(territories.items()):
        name = record.raw.get("nom")
        insee, siren = record.raw.get("code_insee"), record.raw.get("siren")
        place = GEO.commune(insee) if isinstance(insee, str) else None
        if place is None and isinstance(siren, str):
            place = GEO.epci(siren)
        if place is None or not isinstance(name, str) or looks_like(name, place.nom):
            continue
        field = "code_insee" if place.kind == "commune" else "siren"
        what = "la commune" if place.kind == "commune" else "l'intercommunalité"
        where = GEO.departement(place.departement)
        yield Erreur(
            record.path,
            record.lines.line_of(("nom",)),
            "nom",
            f"avertissement : « {name} » ne ressemble pas au nom de {what} du {field} "
            f"{place.code}, {place.nom}{f' ({where})' if where else ''} : vérifiez le code, "
            "ou le nom",
        )
