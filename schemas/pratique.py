"""Modes de faire (methods) and dispositifs (standing arrangements): same shape, two kinds."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import (
    EMPTY_LIST,
    EXEMPLES,
    Concepts,
    Exemples,
    Markdown,
    MotCle,
    Pages,
    Ref,
    Retrait,
    Slug,
    Sources,
    Strict,
    Titre,
    anciens_ids,
    mots_cles,
    retrait,
)


class Pratique(Strict):
    """What a mode de faire and a dispositif both hold."""

    titre: Titre = Field(description="Titre, tel que dans le référentiel 2019.")
    numero: int = Field(ge=1, le=20, description="Ordre dans son enjeu.")
    enjeu: Annotated[Slug, Ref("enjeu")] = Field(description="Identifiant de l'enjeu.")
    balises: Annotated[list[Slug], Ref("balise")] = Field(
        min_length=1, description="Identifiants des balises que cette pratique sert."
    )
    pages: Pages = Field(description="Pages du référentiel 2019 où elle est présentée.")
    resume: Markdown = Field(description="L'idée en une ou deux phrases.")
    texte: Markdown = Field(description="En quoi elle consiste, et comment la mettre en œuvre.")
    points_d_attention: list[Markdown] = Field(**EMPTY_LIST, description="Points de vigilance.")
    concepts: Concepts = Field(
        **EMPTY_LIST, description="Concepts opérationnels liés (identifiants)."
    )
    sources: Sources = Field(**EMPTY_LIST, description="Autres sources citées, avec leurs pages.")
    exemples: Exemples = Field(**EMPTY_LIST, description=EXEMPLES)
    mots_cles: list[MotCle] = mots_cles()
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()


class ModeDeFaire(Pratique):
    """``referentiel/modes-de-faire/<id>.yml``: a method of action."""


class Dispositif(Pratique):
    """``referentiel/dispositifs/<id>.yml``: a lasting arrangement set up by the territories."""
