"""The codes of French places a territory may give in a list: its départements
(``departements``) and its member communes (``communes``), each checked for its shape and for
its existence in ``geo/`` as the file is read, so that every wrong code of a list is told at
once, with the file's other errors, and says where to find the right one.

>>> _departement("29"), _commune("29024")
('29', '29024')
>>> unknown_commune("35999")  # doctest: +ELLIPSIS
"« 35999 » n'est pas un code INSEE de commune connu (...) : les communes du département 35 \
(Ille-et-Vilaine) ont des codes de 35001 à 35363 ; corrigez-le ou retirez-le"
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import shown
from .geo import GEO

DEPARTEMENT_PATTERN = r"^(\d{2,3}|2A|2B)$"
COMMUNE_PATTERN = r"^[0-9][0-9AB][0-9]{3}$"
MAX_COMMUNES = 2_000  # the largest PNR or pays has a few hundred; a région, use départements
FIND_A_CODE = "https://www.insee.fr/fr/recherche/recherche-geographique"
KNOWN_DEPARTEMENTS = (
    'les numéros vont de "01" à "95" ("2A" et "2B" pour la Corse), puis "971" à "976" et '
    'les collectivités d\'outre-mer ("975", "977", "978", "984", "986" à "989")'
)


def _check_code(value: str, pattern: str, kind: str, expected: str) -> str:
    """A code of a list (``communes``, ``departements``), its shape checked with a message
    that says what is expected (the pattern stays in the JSON Schema, for editors)."""
    if not re.match(pattern, value):
        raise PydanticCustomError(kind, "« {value} » " + expected, {"value": shown(value)})
    return value


def _departement(value: str) -> str:
    """A département of ``departements``: its shape, then that it exists (here, so that every
    wrong code of the list is told at once, with the file's other errors)."""
    expected = "n'est pas un numéro de département : écrivez-le en texte, par exemple "
    _check_code(value, DEPARTEMENT_PATTERN, "code_departement", expected + '"29" ou "2A"')
    if GEO.departement(value) is None:
        raise PydanticCustomError(
            "departement_inconnu",
            "« {value} » n'est pas un numéro de département connu : " + KNOWN_DEPARTEMENTS,
            {"value": value},
        )
    return value


def _commune(value: str) -> str:
    """A commune of ``communes``: its shape, then that it exists (as :func:`_departement`)."""
    expected = "n'est pas un code INSEE de commune : 5 caractères, par exemple "
    _check_code(value, COMMUNE_PATTERN, "code_commune", expected + '"29024" ou "2A004"')
    if GEO.commune(value) is None:
        raise PydanticCustomError(
            "commune_inconnue", "{message}", {"message": unknown_commune(value)}
        )
    return value


def unknown_commune(code: str) -> str:
    """The message for an INSEE code that no commune has, with the codes of its département
    when its first characters name one."""
    departement = code[:3] if code.startswith("97") else code[:2]
    span = GEO.codes_of(departement)
    hint = (
        f"les communes du département {departement} ({GEO.departement(departement)}) ont des "
        f"codes de {span[0]} à {span[1]}"
        if span
        else f"vérifiez-le sur {FIND_A_CODE}"
    )
    return (
        f"« {code} » n'est pas un code INSEE de commune connu (Code officiel géographique "
        f"2026) : {hint} ; corrigez-le ou retirez-le"
    )


CodeDepartement = Annotated[
    str,
    AfterValidator(_departement),
    WithJsonSchema({"type": "string", "pattern": DEPARTEMENT_PATTERN}),
]
CodeCommune = Annotated[
    str, AfterValidator(_commune), WithJsonSchema({"type": "string", "pattern": COMMUNE_PATTERN})
]
