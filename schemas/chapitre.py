"""A prose chapter of the référentiel (ambition, transfer, conclusion...)."""

from __future__ import annotations

from pydantic import Field

from .fields import (
    EMPTY_LIST,
    Concepts,
    Markdown,
    MotCle,
    Pages,
    Retrait,
    Slug,
    Sources,
    Strict,
    Titre,
    anciens_ids,
    mots_cles,
    retrait,
)


class Chapitre(Strict):
    """``referentiel/chapitres/<id>.yml``: a chapter, in the order of the 2019 référentiel."""

    titre: Titre = Field(description="Titre du chapitre, tel que dans le référentiel 2019.")
    numero: int = Field(ge=1, le=50, description="Ordre du chapitre dans le référentiel.")
    pages: Pages = Field(description="Pages du référentiel 2019 résumées par ce chapitre.")
    resume: Markdown = Field(description="Le chapitre en une ou deux phrases.")
    texte: Markdown = Field(description="Le chapitre, en nos propres mots (Markdown).")
    concepts: Concepts = Field(
        **EMPTY_LIST, description="Concepts opérationnels liés (identifiants)."
    )
    sources: Sources = Field(**EMPTY_LIST, description="Autres sources citées, avec leurs pages.")
    mots_cles: list[MotCle] = mots_cles()
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()
