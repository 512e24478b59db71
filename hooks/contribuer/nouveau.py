"""``python build.py new territoire "Nom"``: the commented file of a new territory, with its
INSEE or SIREN code when the name is that of one commune or intercommunalité.

>>> slugify("« Le Mené »"), slugify("Saint-Brieuc")
('le-mene', 'saint-brieuc')
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from hooks.contribuer.guide import territory_template
from schemas.errors import ErreursDeValidation
from schemas.fields import PLACEHOLDER
from schemas.geo import GEO
from schemas.index import load_index


def slugify(name: str) -> str:
    """``« Le Mené »`` → ``le-mene``: the file name and id of a new record."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_name.lower()).split()
    return "-".join(words)


def new_territory(root: Path, name: str, code: str | None = None) -> int:
    """Write ``territoires/<slug>.yml`` from the commented template; never overwrite.

    When ``name`` is the name of one French commune or EPCI (or ``code`` its INSEE or SIREN
    code), the file gives its code: the build fills in the rest. Several of that name: the
    file gives none and the candidates are listed, to choose from with ``--code``.
    """
    slug = slugify(name)
    if not slug or "<" in name or ">" in name:
        print(
            f"Nom « {name} » inutilisable : écrivez le nom du territoire en lettres.",
            file=sys.stderr,
        )
        return 1
    path = root / "territoires" / f"{slug}.yml"
    if path.exists():
        print(
            f"{path.relative_to(root)} existe déjà : modifiez-le, ou choisissez un autre nom.",
            file=sys.stderr,
        )
        return 1
    if code:
        places = [p for p in (GEO.commune(code), GEO.epci(code)) if p is not None]
        if not places:
            print(
                f"« {code} » n'est ni un code INSEE de commune ni un SIREN d'intercommunalité "
                "connus (geo/, 2026).",
                file=sys.stderr,
            )
            return 1
    else:
        places = GEO.named(name)
    try:
        balises = load_index(root).of_kind("balise")
    except ErreursDeValidation:
        balises = []  # the template stays useful even while other files have errors
    text = territory_template(name, balises, places[0] if len(places) == 1 else None)
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Créé : {path.relative_to(root)}")
    if len(places) == 1:
        place = places[0]
        field = "code_insee" if place.kind == "commune" else "siren"
        where = GEO.departement(place.departement) or "?"
        print(
            f"Reconnu : {place.nom} ({where}), {field} {place.code} ; le département, la "
            "population et la position viendront des données ouvertes."
        )
    elif places:
        print(f"{len(places)} lieux portent ce nom ; ajoutez au fichier le code du vôtre :")
        for place in places[:12]:
            field = "code_insee" if place.kind == "commune" else "siren"
            where = GEO.departement(place.departement) or "?"
            print(f'  {field}: "{place.code}"   {place.nom}, {where}')
        if len(places) > 12:
            print(f"  … et {len(places) - 12} autres.")
        print(f'(ou recommencez avec : python build.py new territoire "{name}" --code CODE)')
    print(f"Remplacez chaque « {PLACEHOLDER} », puis lancez : python build.py check")
    return 0
