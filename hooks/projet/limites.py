"""What the accessibility statement says that no measurement can tell: how the PDFs are made,
and the limits known to the team, each with what is done about it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """What does not work yet, in plain French, and what the team does about it."""

    what: str
    action: str


# How the PDFs are made (hooks/pdf/conformance.py), checked by tests/test_pdf_structure.py.
PDF_SENTENCE = (
    "Les documents PDF à télécharger (chapitres, enjeux, référentiel complet, cartes, grilles) "
    "sont balisés pour les lecteurs d'écran (norme PDF/UA-1) : langue, titre, titres et signets "
    "conformes au sommaire, listes, liens décrits par leur texte et, pour chaque code QR, la page "
    "qu'il ouvre ; des tests relisent cette structure à chaque construction du site."
)
# What the measures cannot see, and stays until the team does something about it.
KNOWN_LIMITS = [
    Problem(
        "Les documents PDF n'ont pas été contrôlés par l'outil de référence (veraPDF), qui ne "
        "s'installe pas sur nos machines : seule leur structure est relue par nos tests.",
        "Tout leur texte est aussi sur les pages du site ; sur demande, nous vous envoyons un "
        "contenu sous une autre forme.",
    ),
    Problem(
        "Le signe « ¶ » qui suit chaque intertitre, pour copier l'adresse d'une partie de la "
        "page, n'a pas d'autre nom : un lecteur d'écran annonce « ¶ ».",
        "L'outil qui écrit les pages ne permet pas encore de le nommer ; pas de date de "
        "correction.",
    ),
    Problem(
        "Sans JavaScript, sur un téléphone, le bouton « Menu » ne s'ouvre qu'au toucher.",
        "Le contenu de chaque page reste atteignable au clavier, et ses liens mènent aux "
        "autres pages.",
    ),
    Problem(
        "Les textes des expériences, écrits par les territoires, sont relus par une personne "
        "de l'équipe, mais rien ne mesure encore s'ils sont faciles à lire.",
        "Signalez-nous un texte difficile à comprendre : nous le reprendrons avec le territoire.",
    ),
    Problem(
        "Personne n'a encore essayé le site avec un lecteur d'écran ni avec un zoom à 200 %, "
        "ni contrôlé un à un les 106 critères du RGAA.",
        "Ce contrôle complet, par une personne, est prévu ; il n'est pas encore daté.",
    ),
]
