"""A concept opérationnel, and a document of the bibliography."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .fields import (
    EMPTY_LIST,
    Concepts,
    Markdown,
    MotCle,
    Nom,
    Pages,
    PlainText,
    Retrait,
    Slug,
    Sources,
    Strict,
    Titre,
    Url,
    anciens_ids,
    mots_cles,
    retrait,
)


class Concept(Strict):
    """``referentiel/concepts/<id>.yml``: a term of the glossary."""

    titre: Titre = Field(description="Le terme, par exemple « Saut systémique ».")
    definition: Markdown = Field(description="Sa définition, en nos propres mots (Markdown).")
    termes: list[PlainText] = Field(
        **EMPTY_LIST,
        description="Autres formes reconnues dans les textes (pluriel, variante) : leur première "
        "mention sur une page renvoie à la définition.",
    )
    pages: Pages | None = Field(None, description="Pages du référentiel 2019 qui l'abordent.")
    concepts: Concepts = Field(**EMPTY_LIST, description="Concepts voisins (« voir aussi »).")
    sources: Sources = Field(
        **EMPTY_LIST, description="Sources de la définition, avec leurs pages."
    )
    mots_cles: list[MotCle] = mots_cles()
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()


class Source(Strict):
    """``referentiel/sources/<id>.yml``: a document cited by the site."""

    titre: Titre = Field(description="Titre du document.")
    auteurs: list[Nom] = Field(**EMPTY_LIST, description="Auteurs, personnes ou organisations.")
    annee: int | None = Field(None, ge=1900, le=2100, description="Année de publication.")
    editeur: Nom | None = Field(None, description="Éditeur ou organisme.")
    type: Literal[
        "rapport",
        "ouvrage",
        "article",
        "page-web",
        "diaporama",
        "programme",
        "compte-rendu",
        "autre",
    ] = Field(description="Nature du document.")
    url: Url | None = Field(None, description="Adresse web du document.")
    isbn: PlainText | None = Field(None, description="ISBN, pour un livre ou un rapport.")
    licence: PlainText | None = Field(None, description="Licence du document, si connue.")
    note: Markdown | None = Field(None, description="Ce qu'est ce document, en une phrase ou deux.")
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()
