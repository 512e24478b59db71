"""The référentiel's own metadata: title, version, authors, licences, the 2019 source."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import Markdown, Nom, PlainText, Ref, Slug, Strict, Titre, Url


class Licence(Strict):
    """A licence: its short name and the address of its full text."""

    nom: Nom = Field(description="Nom court de la licence, par exemple « CC BY-SA 4.0 ».")
    url: Url = Field(description="Adresse du texte de la licence.")


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
    licence_contenu: Licence = Field(description="Licence des textes du site.")
    licence_code: Licence = Field(description="Licence du code du site.")
    source: Annotated[Slug, Ref("source")] = Field(
        description="Identifiant de la source dont le site est la version vivante (2019)."
    )
    villes_pairs: Annotated[list[Slug], Ref("territoire")] = Field(
        [],
        description="Les territoires pilotes dont le référentiel 2019 est né : leurs expériences "
        "passent en premier dans les PDF, après celles que chaque fiche choisit dans son champ "
        "exemples.",
    )
    presentation: Markdown = Field(description="Ce qu'est le référentiel (page d'accueil).")
    mode_d_emploi: Markdown = Field(description="Comment lire le référentiel (page d'accueil).")
