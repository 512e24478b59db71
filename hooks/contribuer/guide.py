"""« Contribuer »: how to add a territory's experience, with the commented files that
``python build.py new territoire`` and ``new experience`` write (:func:`territory_template`,
:func:`experience_template`), shown on the page, and an error as ``check`` prints it, made by
``check``'s own functions from a broken example (:func:`example_error`; a test runs the real
check on the same file).
"""

from __future__ import annotations

import textwrap
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.render import render, render_page
from hooks.generated import GeneratedPage
from hooks.urls import CONTRIBUTE_PAGE
from schemas.errors import Erreur
from schemas.experience import ExperienceFichier
from schemas.fields import PLACEHOLDER, thousands
from schemas.geo import GEO, POPULATION_YEAR, Place
from schemas.index import Index
from schemas.references import check_reference, references
from schemas.slug import slugify
from schemas.yamlfile import field_path, read_yaml

# The broken file whose error the page shows: a balise's id mistyped.
EXAMPLE_PATH = "territoires/ma-commune/le-jardin-partage.yml"
EXAMPLE_TEXT = """\
# yaml-language-server: $schema=../../schemas/experience.schema.json
territoire: ma-commune
titre: Le jardin partagé
resume: |
  Des habitants ont créé un jardin partagé au pied des immeubles.
balises:
  - construire-le-recti
"""


def example_error(index: Index) -> str:
    """The line ``check`` prints for :data:`EXAMPLE_TEXT` (its references checked by the
    functions ``check`` uses, against this build's records)."""
    raw, lines = read_yaml(EXAMPLE_TEXT)
    kinds = {record_id: entry.kind for record_id, entry in index.entries.items()}
    for loc, kind, target in references(ExperienceFichier, raw):
        if problem := check_reference(kinds, kind, target):
            return str(Erreur(EXAMPLE_PATH, lines.line_of(loc), field_path(loc), problem))
    raise ValueError("l'exemple fautif de « Contribuer » ne l'est plus")


def guide_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Contribuer », written in its template (no « Modifier cette page »: no record)."""
    balises = ctx.index.of_kind("balise")
    template = territory_template("Ma commune", balises)
    return [
        render_page(
            CONTRIBUTE_PAGE,
            "contribuer/contribuer.md.j2",
            **ctx.template_values(),
            modele=template.rstrip("\n"),
            modele_experience=experience_template(
                "ma-commune", "Ma commune", "Titre de l'expérience", balises
            ).rstrip("\n"),
            exemple_fichier=EXAMPLE_PATH,
            exemple_texte=EXAMPLE_TEXT.rstrip("\n"),
            exemple_erreur=example_error(ctx.index),
            balises=balises,
        )
    ]


def comment(text: str, first: str = "# ", rest: str = "# ") -> str:
    """``text`` as comment lines of at most 72 characters (the templates' boxes on
    « Contribuer » stay narrow), the first starting with ``first``, the others with ``rest``.

    >>> print(comment("construire-le-recit : Construire le récit d'un territoire qui a changé",
    ...               "#   ", "#       "))
    #   construire-le-recit : Construire le récit d'un territoire qui a
    #       changé
    """
    return "\n".join(
        textwrap.wrap(
            text,
            72,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


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
            f"{thousands(lieu.population)} habitants (population légale en vigueur en "
            f"{POPULATION_YEAR}, INSEE)"
            if lieu and lieu.population
            else "inconnue"
        ),
        a_completer=PLACEHOLDER,
        balises=balises,
        commentaire=comment,
        fichier=slugify(nom) or "ma-commune",
    )


def experience_template(
    territoire: str, territoire_nom: str, titre: str, balises: list[Any], mois: str = ""
) -> str:
    """The commented file of one experience, ``territoires/<territoire>/<titre>.yml``, that
    ``python build.py new experience`` writes and « Contribuer » shows: no balise is chosen
    for the contributor, and every field to fill in holds the placeholder ``check`` refuses.
    ``mois`` (``2026-12``): when it is being described, written as ``decrite``."""
    return render(
        "contribuer/nouvelle-experience.yml.j2",
        territoire=territoire,
        territoire_nom=territoire_nom,
        titre=titre,
        mois=mois,
        a_completer=PLACEHOLDER,
        balises=balises,
        commentaire=comment,
    )
