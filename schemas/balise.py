"""A balise: an invariant of the transition, under one enjeu."""

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
    PlainText,
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


class Balise(Strict):
    """``balises/<id>.yml``: a balise (invariant) of the 2019 référentiel."""

    titre: Titre = Field(description="Titre de la balise, tel que dans le référentiel 2019.")
    numero: int = Field(ge=1, le=20, description="Numéro de la balise dans son enjeu.")
    enjeu: Annotated[Slug, Ref("enjeu")] = Field(description="Identifiant de l'enjeu.")
    pages: Pages = Field(description="Pages du référentiel 2019 où la balise est présentée.")
    resume: Markdown = Field(description="L'idée de la balise en une ou deux phrases.")
    texte: Markdown = Field(
        description="Ce que la balise veut dire, pourquoi elle compte, comment elle se voit."
    )
    points_d_attention: list[Markdown] = Field(
        **EMPTY_LIST,
        description="Points de vigilance, tensions, pièges (un texte Markdown par point).",
    )
    questions: list[PlainText] = Field(
        **EMPTY_LIST, description="Questions pour ouvrir une discussion en atelier ou en formation."
    )
    concepts: Concepts = Field(
        **EMPTY_LIST, description="Concepts opérationnels liés (identifiants)."
    )
    sources: Sources = Field(**EMPTY_LIST, description="Autres sources citées, avec leurs pages.")
    exemples: Exemples = Field(**EMPTY_LIST, description=EXEMPLES)
    mots_cles: list[MotCle] = mots_cles()
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()
