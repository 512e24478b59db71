"""« Contribuer »: how to add a territory's experience, with the commented file that
``python build.py new territoire`` writes (:func:`territory_template`), shown on the page.
"""

from __future__ import annotations

from typing import Any

from hooks.core.context import BuildContext
from hooks.core.render import render, render_page
from hooks.generated import GeneratedPage
from hooks.urls import CONTRIBUTE_PAGE
from schemas.fields import PLACEHOLDER, thousands
from schemas.geo import GEO, POPULATION_YEAR, Place
from schemas.slug import slugify


def guide_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Contribuer »; its edit link opens its template, where the guide is written."""
    balises = ctx.index.of_kind("balise")
    template = territory_template("Ma commune", balises)
    return [
        render_page(
            CONTRIBUTE_PAGE,
            "contribuer/contribuer.md.j2",
            **ctx.template_values(),
            modele=template.rstrip("\n"),
            balises=balises,
        )
    ]


def territory_template(nom: str, balises: list[Any], lieu: Place | None = None) -> str:
    """The commented file that ``python build.py new territoire`` writes and « Contribuer »
    shows: every field to fill in holds :data:`~schemas.fields.PLACEHOLDER`, which
    ``check`` refuses, so an unfilled template cannot be published. ``lieu``: the commune
    or EPCI of that name in ``geo/``, whose code the file then gives."""
    kind = "commune"
    if lieu is not None and lieu.kind != "commune":
        kind = "metropole" if lieu.kind.startswith("MET") else "intercommunalite"
    return render(
        "contribuer/nouveau-territoire.yml.j2",
        nom=nom,
        type=kind,
        lieu=lieu,
        champ_code="code_insee" if lieu is None or lieu.kind == "commune" else "siren",
        departement_nom=GEO.departement(lieu.departement) if lieu else "",
        population=(
            f"{thousands(lieu.population)} habitants en {POPULATION_YEAR}"
            if lieu and lieu.population
            else "inconnue"
        ),
        a_completer=PLACEHOLDER,
        balises=balises,
        fichier=slugify(nom) or "ma-commune",
    )


def experience_template(
    territoire: str, territoire_nom: str, titre: str, balises: list[Any]
) -> str:
    """The commented file of one experience, ``territoires/<territoire>/<titre>.yml``, that
    ``python build.py new experience`` writes and « Contribuer » shows: no balise is chosen
    for the contributor, and every field to fill in holds the placeholder ``check`` refuses."""
    return render(
        "contribuer/nouvelle-experience.yml.j2",
        territoire=territoire,
        territoire_nom=territoire_nom,
        titre=titre,
        a_completer=PLACEHOLDER,
        balises=balises,
    )
