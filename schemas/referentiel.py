"""The référentiel's own metadata: title, version, authors, licences, the 2019 source."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .fields import (
    EMPTY_LIST,
    MAX_NOM,
    Markdown,
    Nom,
    PlainText,
    Ref,
    Slug,
    Strict,
    Titre,
    Url,
    shown,
)

# An e-mail address as a reader can write to it: one « @ », a domain with a dot, no space
# nor character that could break out of a ``mailto:`` link.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def check_email(value: str) -> str:
    """``contact@referentiel-vivant.fr``; anything else is refused with the expected form.

    >>> check_email(" contact@referentiel-vivant.fr ")
    'contact@referentiel-vivant.fr'
    """
    value = value.strip()
    if not _EMAIL.match(value):
        raise PydanticCustomError(
            "courriel",
            "adresse électronique « {value} » invalide : écrivez-la sous la forme "
            "nom@domaine.fr, sans espace ni « mailto: »",
            {"value": shown(value)},
        )
    return value


Courriel = Annotated[str, Field(max_length=MAX_NOM), AfterValidator(check_email)]


class Licence(Strict):
    """A licence: its short name and the address of its full text."""

    nom: Nom = Field(description="Nom court de la licence, par exemple « CC BY-SA 4.0 ».")
    url: Url = Field(description="Adresse du texte de la licence.")


class Contact(Strict):
    """How a reader reaches the team without an account anywhere: shown in every page's
    footer and on the accessibility and eco-design statements."""

    courriel: Courriel = Field(
        description="Adresse électronique de l'équipe, où tout lecteur peut écrire sans créer "
        "de compte (signaler une page illisible, poser une question), par exemple "
        "« contact@referentiel-vivant.fr ». Affichée en pied de chaque page."
    )
    propositions: Courriel | None = Field(
        None,
        description="Adresse de l'équipe éditoriale où le formulaire « Proposer une "
        "expérience » envoie les propositions de qui n'a pas de compte sur la forge (le "
        "courriel s'ouvre dans la messagerie de la personne). Sans elle, l'adresse du contact.",
    )

    @property
    def pour_propositions(self) -> str:
        """Where proposals are mailed: ``propositions``, or the contact's address."""
        return self.propositions or self.courriel


class Referentiel(Strict):
    """``referentiel/referentiel.yml``: what the site is and how to cite it."""

    titre: Titre = Field(description="Titre du référentiel vivant.")
    sous_titre: PlainText | None = Field(None, description="Sous-titre affiché sur l'accueil.")
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")] = Field(
        description="Version du référentiel, par exemple « 0.1.0 »."
    )
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(
        description="Date de la version, au format AAAA-MM-JJ."
    )
    auteurs: list[Nom] = Field(
        min_length=1, description="Personnes ou collectifs qui rédigent le référentiel vivant."
    )
    url: Url = Field(description="Adresse publique du site.")
    depot: Url = Field(description="Adresse du dépôt sur la forge (pour « Modifier cette page »).")
    branche: Slug = Field("main", description="Branche du dépôt où se trouvent les sources.")
    contact: Contact = Field(
        description="Comment écrire à l'équipe sans compte sur la forge : son adresse "
        "électronique, affichée en pied de page et dans la déclaration d'accessibilité."
    )
    licence_contenu: Licence = Field(description="Licence des textes du site.")
    licence_code: Licence = Field(description="Licence du code du site.")
    source: Annotated[Slug, Ref("source")] = Field(
        description="Identifiant de la source dont le site est la version vivante (2019)."
    )
    villes_pairs: Annotated[list[Slug], Ref("territoire")] = Field(
        **EMPTY_LIST,
        description="Les territoires pilotes dont le référentiel 2019 est né : leurs expériences "
        "passent en premier dans les PDF, après celles que chaque fiche choisit dans son champ "
        "exemples.",
    )
    relecture_delai_mois: int = Field(
        36,
        ge=1,
        le=240,
        description="Délai de relecture, en mois : une expérience relue (ou, jamais relue, "
        "décrite) il y a plus longtemps est signalée « à relire » sur la page de son "
        "territoire et listée sur la page des expériences à relire, pour l'équipe éditoriale.",
    )
    presentation: Markdown = Field(description="Ce qu'est le référentiel (page d'accueil).")
    mode_d_emploi: Markdown = Field(description="Comment lire le référentiel (page d'accueil).")
