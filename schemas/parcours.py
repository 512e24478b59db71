"""A reading path: the référentiel ordered for one kind of reader, step by step."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import (
    Markdown,
    MotCle,
    Nom,
    Ref,
    Retrait,
    Slug,
    Strict,
    Titre,
    anciens_ids,
    mots_cles,
    retrait,
)


class Etape(Strict):
    """One step of a path: a record to read, and why it matters to this reader."""

    fiche: Annotated[Slug, Ref("*")] = Field(
        description="Identifiant de la fiche à lire : balise, mode de faire, dispositif, "
        "enjeu, chapitre ou concept."
    )
    pourquoi: Markdown = Field(description="Pourquoi cette étape compte pour ce public.")


class Parcours(Strict):
    """``referentiel/parcours/<id>.yml``: a reading path for one audience."""

    titre: Titre = Field(description="Titre du parcours, par exemple « Parcours élu·e ».")
    public: Nom = Field(description="À qui il s'adresse, par exemple « Élu·e ».")
    numero: int = Field(ge=1, le=50, description="Ordre du parcours dans la liste.")
    resume: Markdown = Field(description="Ce que ce public trouvera dans ce parcours.")
    etapes: list[Etape] = Field(min_length=3, description="Les étapes, dans l'ordre de lecture.")
    mots_cles: list[MotCle] = mots_cles()
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()
