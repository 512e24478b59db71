"""An enjeu: one of the four hypotheses the workshop confirmed as invariants."""

from __future__ import annotations

from pydantic import Field

from .fields import (
    EMPTY_LIST,
    Concepts,
    HexColor,
    Markdown,
    MotCle,
    Nom,
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


class Enjeu(Strict):
    """``referentiel/enjeux/<id>.yml``: an enjeu of the 2019 référentiel."""

    titre: Titre = Field(description="Titre de l'enjeu, tel que dans le référentiel 2019.")
    titre_court: Nom = Field(description="Nom court de l'enjeu (1 à 3 mots).")
    numero: int = Field(ge=1, le=9, description="Numéro de l'enjeu dans le référentiel (1 à 4).")
    couleur: HexColor = Field(description='Couleur de l\'enjeu, par exemple "#b5452f".')
    pages: Pages = Field(description="Pages du référentiel 2019 consacrées à l'enjeu.")
    resume: Markdown = Field(description="L'idée de l'enjeu en une ou deux phrases (Markdown).")
    hypothese: Markdown = Field(
        description="L'hypothèse soumise à l'atelier (« résumé de la note initiale »), Markdown."
    )
    texte: Markdown = Field(description="Pourquoi l'enjeu compte, ce que l'atelier a confirmé.")
    concepts: Concepts = Field(
        **EMPTY_LIST, description="Concepts opérationnels liés (identifiants)."
    )
    sources: Sources = Field(**EMPTY_LIST, description="Autres sources citées, avec leurs pages.")
    mots_cles: list[MotCle] = mots_cles()
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()
