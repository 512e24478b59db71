"""A record's fields compared as text, path by path, and named as a reader says them.

The revision machinery (:mod:`hooks.core.revisions`) compares two versions of a record field
by field (:func:`field_changes`), each field by its path in the YAML file
(``experiences[jardin].resume``); « Nouveautés » and the revision notes name it in French,
an item of a list by its title when it has one:

>>> raw = {"experiences": [{"id": "jardin", "titre": "Le jardin partagé"}]}
>>> field_label("experiences[jardin].resume", raw)
'expérience « Le jardin partagé » : résumé'
>>> field_label("experiences[jardin].balises[construire-le-recit].pourquoi", raw)
'expérience « Le jardin partagé » : balise « construire-le-recit » : pourquoi'
>>> field_label("points_d_attention", {}), field_label("un_champ_nouveau", {})
("points d'attention", 'un champ nouveau')

Contributor text stays text: every word of a diff is HTML-escaped before ``<del>`` and
``<ins>`` are put around it.

>>> word_diff("les habitants du quartier", "les habitants de la ville")
Markup('les habitants <del>du quartier</del> <ins>de la ville</ins>')
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from schemas.invisible import strip_invisible

# Every field of the models (schemas/), as a lower-case French noun; a field missing here is
# shown by its name with spaces (tests/test_news.py lists the models' fields against it).
FIELD_LABELS = {
    "anciens_ids": "anciens identifiants",
    "annee": "année",
    "auteurs": "auteurs",
    "balises": "balises",
    "branche": "branche du dépôt",
    "code_insee": "code INSEE",
    "communes": "communes membres",
    "concepts": "concepts",
    "contact": "contact",
    "propositions": "adresse des propositions",
    "coordonnees": "position",
    "courriel": "adresse électronique",
    "couleur": "couleur",
    "date": "date",
    "decrite": "date de description",
    "definition": "définition",
    "departement": "département",
    "departements": "départements",
    "depot": "adresse du dépôt",
    "dispositifs": "dispositifs",
    "editeur": "éditeur",
    "enjeu": "enjeu",
    "etapes": "étapes",
    "exemples": "exemples",
    "experiences": "expériences",
    "fiche": "fiche",
    "hypothese": "hypothèse",
    "id": "identifiant",
    "isbn": "ISBN",
    "lat": "latitude",
    "licence": "licence",
    "licence_code": "licence du code",
    "licence_contenu": "licence des textes",
    "lon": "longitude",
    "mode_d_emploi": "mode d'emploi",
    "modes_de_faire": "modes de faire",
    "mots_cles": "mots-clés",
    "motif": "motif",
    "nom": "nom",
    "note": "note",
    "numero": "numéro",
    "pages": "pages",
    "pays": "pays",
    "periode": "période",
    "points_d_attention": "points d'attention",
    "population": "population",
    "population_annee": "année de la population",
    "pourquoi": "pourquoi",
    "presentation": "présentation",
    "public": "public",
    "questions": "questions",
    "relecture_delai_mois": "délai de relecture",
    "relue": "date de relecture",
    "remplace_par": "fiche qui la remplace",
    "resume": "résumé",
    "retrait": "retrait",
    "siren": "SIREN",
    "site_web": "site web",
    "source": "source",
    "sources": "sources",
    "sous_titre": "sous-titre",
    "termes": "termes",
    "texte": "texte",
    "titre": "titre",
    "titre_court": "titre court",
    "type": "type",
    "url": "adresse web",
    "version": "version",
    "villes_pairs": "villes pairs",
}
# A list whose items have an id (``experiences[jardin]``): how one item is called.
ITEM_LABELS = {"experiences": "expérience", "etapes": "étape", "balises": "balise"}
_SEGMENT = re.compile(r"^(?P<name>[^\[\]]+)(?:\[(?P<key>[^\]]*)\])?$")


def label(name: str) -> str:
    """A field's French name: ``resume`` → ``résumé``."""
    return FIELD_LABELS.get(name) or strip_invisible(name.replace("_", " "))


def _item_title(raw: dict, name: str, key: str) -> str:
    """The title of the item ``key`` of the list ``name`` in a record, else its id."""
    for item in raw.get(name) or []:
        if isinstance(item, dict) and key in (item.get("id"), item.get("fiche")):
            return strip_invisible(str(item.get("titre") or item.get("nom") or key))
    return key


def item_label(name: str, key: str, *raws: dict) -> str:
    """``expérience « Le jardin partagé »``: an item of a list, titled from the first of
    ``raws`` (the record after the change, then before) that holds it."""
    title = next((t for raw in raws if (t := _item_title(raw, name, key)) != key), key)
    return f"{ITEM_LABELS.get(name, label(name))} « {title} »"


def split_path(path: str) -> tuple[str | None, str]:
    """``experiences[jardin].resume`` → ``("experiences[jardin]", "resume")``; a field of the
    record itself has no item: ``(None, "resume")``."""
    item, dot, rest = path.partition(".")
    if dot and "[" in item:
        return item, rest
    return None, path


def field_name(path: str) -> str:
    """The field a path changes, under its item if any, in French and without nested items:
    ``experiences[jardin].balises[recit].pourquoi`` → ``balises``."""
    rest = split_path(path)[1]
    return label(rest.split(".")[0].partition("[")[0])


def _segment(segment: str, raws: tuple[dict, ...]) -> str:
    match = _SEGMENT.match(segment)
    if match is None:
        return segment
    if match["key"] is None:
        return label(match["name"])
    return item_label(match["name"], match["key"], *raws)


def item_of(path: str, *raws: dict) -> str:
    """The item of a list a path is in, as a reader says it (``expérience « Le jardin »``);
    empty for a field of the record itself."""
    item = split_path(path)[0]
    return _segment(item, raws) if item else ""


def field_label(path: str, *raws: dict) -> str:
    """A field's path as a reader says it, an item of a list titled from ``raws`` (the record
    after and before the change; a nested item is named by its id)."""
    segments = path.split(".")
    named = [_segment(segments[0], raws)] + [_segment(s, ()) for s in segments[1:]]
    return " : ".join(named)


@dataclass(frozen=True)
class FieldChange:
    """One field of a record: its path (``experiences[jardin].resume``), old and new text, and
    its name for a reader (``expérience « Le jardin » : résumé``)."""

    path: str
    old: str
    new: str
    label: str = ""
    item: str = ""  # the item of a list it is in (``expérience « Le jardin »``), if any

    @property
    def diff(self) -> Markup:
        return word_diff(self.old, self.new)


def word_diff(
    old: str, new: str, escape: Callable[[str], str] = html.escape, context: int | None = None
) -> Markup:
    """``old`` → ``new`` word by word: removed words in ``<del>``, added ones in ``<ins>``;
    ``escape`` makes each run of words inert (HTML by default; the review summary escapes
    Markdown too); ``context``: at most that many unchanged words kept on each side of a
    change, the rest elided (« … »).

    >>> word_diff("a b c d e f g h", "a b c d e f g x", context=2)
    Markup('… f g <del>h</del> <ins>x</ins>')
    """
    a, b = old.split(), new.split()
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    parts: list[str] = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            words = a[i1:i2]
            if context is not None and len(words) > 2 * context:
                head = words[:context] if n > 0 else []
                tail = words[len(words) - context :] if n < len(opcodes) - 1 else []
                words = [*head, "…", *tail] if context else ["…"]
                parts.append(" ".join(escape(w) if w != "…" else w for w in words))
                continue
            parts.append(escape(" ".join(words)))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return Markup(" ".join(parts))


def _text(value: object) -> str:
    """A field's value as one line of text: a string as it is, a list of ids joined, a group
    of fields by their French names: ``motif : Le territoire a retiré… ; version : 1.1.0``.

    >>> _text([{"source": "ademe", "pages": "12"}, "recit"])
    'source : ademe, pages : 12 ; recit'
    """
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{label(str(k))} : {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        scalars = all(isinstance(v, str | int | float) for v in value)
        return (", " if scalars else " ; ").join(_text(v) for v in value)
    return str(value)


def _fields(raw: dict, prefix: str = "") -> dict[str, str]:
    """Every field of a record as text, lists of identified items (experiences, steps) item
    by item: ``experiences[jardin].resume``."""
    found = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if (
            isinstance(value, list)
            and value
            and all(
                isinstance(v, dict) and isinstance(v.get("id") or v.get("fiche"), str)
                for v in value
            )
        ):
            for item in value:
                found.update(_fields(item, f"{name}[{item.get('id') or item.get('fiche')}]."))
        else:
            found[name] = _text(value)
    return found


def is_content(path: str) -> bool:
    """Whether a field is content a reader would call changed: not the former ids, nor the
    day of the last review (``relue``, which ``python build.py relu`` writes).

    >>> is_content("experiences[jardin].resume"), is_content("experiences[jardin].relue")
    (True, False)
    """
    return not path.startswith("anciens_ids") and path.rpartition(".")[2] != "relue"


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """The fields whose text differs between two versions of a record, in the new order."""
    before, after = _fields(old), _fields(new)
    names = list(after) + [n for n in before if n not in after]
    return [
        FieldChange(
            n, before.get(n, ""), after.get(n, ""), field_label(n, new, old), item_of(n, new, old)
        )
        for n in names
        if before.get(n, "") != after.get(n, "") and is_content(n)
    ]
