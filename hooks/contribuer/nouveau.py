"""``python build.py new territoire "Nom"``: the commented file of a new territory, with its
INSEE or SIREN code when the name is that of one commune or intercommunalité;
``python build.py new experience <territoire> "Titre"``: one experience in its own file,
``territoires/<territoire>/<titre>.yml``, next to its territory.

>>> slugify("« Le Mené »"), slugify("Œting")
('le-mene', 'oeting')
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from hooks.contribuer.guide import experience_template, territory_template
from schemas.errors import ErreursDeValidation, suggestion
from schemas.fields import PLACEHOLDER
from schemas.geo import GEO
from schemas.index import load_index
from schemas.loader import read_regular_file
from schemas.slug import slugify
from schemas.yamlfile import YamlError, decode, read_yaml


def new_record(root: Path, kind: str, name: str, title: str | None, code: str | None) -> int:
    """``new territoire "Nom"`` or ``new experience <territoire> "Titre"``."""
    if kind == "territoire":
        if title is not None:
            print(
                f'En trop : « {title} ». Écrivez : python build.py new territoire "{name}"',
                file=sys.stderr,
            )
            return 1
        return new_territory(root, name, code)
    if title is None:
        print(
            "Il manque le titre de l'expérience. Écrivez : python build.py new experience "
            f'{name} "Titre de l\'expérience"',
            file=sys.stderr,
        )
        return 1
    return new_experience(root, name, title)


def new_experience(root: Path, territoire: str, title: str) -> int:
    """Write ``territoires/<territoire>/<slug of title>.yml``; never overwrite.

    The territory is its file's id (``loos-en-gohelle``), or its name as the file gives it
    (« Loos-en-Gohelle »), whose slug is then tried.
    """
    folder = root / "territoires"
    territory_id = territoire if (folder / f"{territoire}.yml").is_file() else slugify(territoire)
    territory_file = folder / f"{territory_id}.yml"
    if not territory_file.is_file():
        known = sorted(p.stem for p in folder.glob("*.yml"))
        starting = [k for k in known if k.startswith(territory_id)]
        hint = f" — vouliez-vous dire « {starting[0]} » ?" if starting else ""
        hint = hint or suggestion(territory_id, known)
        print(
            f"Aucun territoire « {territoire} » (pas de fichier "
            f"territoires/{territory_id}.yml){hint or '.'} Donnez le nom du "
            "fichier de son territoire, sans .yml (la liste : dossier territoires/), ou créez "
            'd\'abord le territoire : python build.py new territoire "Nom"',
            file=sys.stderr,
        )
        return 1
    slug = slugify(title)
    if not slug or "<" in title or ">" in title:
        print(f"Titre « {title} » inutilisable : écrivez-le en lettres.", file=sys.stderr)
        return 1
    path = folder / territory_id / f"{slug}.yml"
    if path.exists():
        print(
            f"{path.relative_to(root)} existe déjà : modifiez-le, ou choisissez un autre titre.",
            file=sys.stderr,
        )
        return 1
    try:
        balises = load_index(root).of_kind("balise")
    except ErreursDeValidation:
        balises = []  # the template stays useful even while other files have errors
    month = date.today().isoformat()[:7]
    text = experience_template(territory_id, _name_of(territory_file), title, balises, month)
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Créé : {path.relative_to(root)}")
    print(f"Remplacez chaque « {PLACEHOLDER} », puis lancez : python build.py check")
    return 0


def _name_of(territory_file: Path) -> str:
    """The ``nom`` of a territory file, or its id if it cannot be read."""
    try:
        raw, _ = read_yaml(decode(read_regular_file(territory_file)))
    except YamlError:
        raw = None
    name = raw.get("nom") if isinstance(raw, dict) else None
    return name if isinstance(name, str) else territory_file.stem


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
