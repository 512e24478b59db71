"""Every kind of page the site has, each with one example page: the one table that the
accessibility audit (``tests/audit.py``), the EcoIndex and weight benchmarks
(``benchmarks/``) and any test that walks « every page kind » read.

A page kind belongs to a feature of :data:`hooks.site.FEATURES` (a test checks that every
feature that makes pages has at least one kind here, and that every example is built).
Adding a page kind: its feature, then one line here.

>>> KIND_BY_KEY["balise"].path
'balises/construire-le-recit/'
>>> KIND_BY_KEY["territoire"].source
'territoires/loos-en-gohelle.md'
"""

from __future__ import annotations

from dataclasses import dataclass

from hooks.urls import (
    ACCESSIBILITY_PAGE,
    CONTRIBUTE_PAGE,
    DATA_PAGE,
    ECODESIGN_PAGE,
    FIGURES_PAGE,
    GRID_PAGE,
    HOME_PAGE,
    KIT_PAGE,
    NEAR_PAGE,
    NEWS_PAGE,
    PROPOSER_PAGE,
    REFERENCE_PAGE,
    REGIONS_PAGE,
    SEARCH_PAGE,
    VERSIONS_PAGE,
    departement_page,
    explorer_page,
    grid_enjeu_page,
    list_page,
    matrix_page,
    page_address,
    reference_page,
    region_page,
    review_page,
)


@dataclass(frozen=True)
class PageKind:
    """``PageKind("balise", "Une balise", "balises/construire-le-recit.md", "Fiches du
    référentiel")``: a key, what a reader would call it, an example page (its source path),
    and the feature that makes it."""

    key: str
    label: str
    source: str
    feature: str

    @property
    def path(self) -> str:
        """The example's address from the root of the site: ``balises/construire-le-recit/``."""
        return page_address(self.source, "/").removeprefix("/")


FICHES = "Fiches du référentiel"
LISTES = "Listes des fiches"
PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("accueil", "Accueil", HOME_PAGE, "Accueil"),
    PageKind("enjeu", "Un enjeu", "enjeux/engagement.md", FICHES),
    PageKind("balise", "Une balise", "balises/construire-le-recit.md", FICHES),
    PageKind("mode_de_faire", "Un mode de faire", "modes-de-faire/tirer-la-ficelle.md", FICHES),
    PageKind("dispositif", "Un dispositif", "dispositifs/creer-des-clubs.md", FICHES),
    PageKind("chapitre", "Un chapitre", "chapitres/le-code-source-loossois.md", FICHES),
    PageKind("parcours", "Un parcours de lecture", "parcours/parcours-elu.md", FICHES),
    PageKind("concept", "Un concept", "concepts/saut-systemique.md", FICHES),
    PageKind("liste_enjeux", "Liste des enjeux", list_page("enjeu"), LISTES),
    PageKind("liste_balises", "Liste des balises", list_page("balise"), LISTES),
    PageKind(
        "liste_modes_de_faire", "Liste des modes de faire", list_page("mode_de_faire"), LISTES
    ),
    PageKind("liste_dispositifs", "Liste des dispositifs", list_page("dispositif"), LISTES),
    PageKind("liste_chapitres", "Liste des chapitres", list_page("chapitre"), LISTES),
    PageKind("liste_parcours", "Parcours de lecture", list_page("parcours"), LISTES),
    PageKind("glossaire", "Glossaire des concepts", list_page("concept"), LISTES),
    PageKind("sources", "Sources", list_page("source"), LISTES),
    PageKind("territoire", "Un territoire", "territoires/loos-en-gohelle.md", "Territoires"),
    PageKind(
        "liste_territoires",
        "Liste des territoires",
        list_page("territoire"),
        "Liste des territoires",
    ),
    PageKind("liste_regions", "Les territoires par région", REGIONS_PAGE, "Régions"),
    PageKind("region", "Une région", region_page("normandie"), "Régions"),
    PageKind("departement", "Un département", departement_page("62"), "Départements"),
    PageKind("chiffres", "Chiffres clés", FIGURES_PAGE, "Chiffres clés"),
    PageKind("matrice", "Matrice des expériences", matrix_page(), "Matrice des expériences"),
    PageKind(
        "matrice_enjeu",
        "Matrice des expériences d'un enjeu",
        matrix_page("engagement"),
        "Matrice des expériences",
    ),
    PageKind("pres", "Près de chez moi", NEAR_PAGE, "Près de chez moi"),
    PageKind("explorer", "Explorer les expériences", explorer_page(), "Explorer les expériences"),
    PageKind("kit", "Kit d'atelier", KIT_PAGE, "Kit d'atelier"),
    PageKind(
        "grille",
        "Grille d'atelier « Où en est notre territoire ? »",
        GRID_PAGE,
        "Grille d'atelier",
    ),
    PageKind(
        "grille_enjeu",
        "Grille d'atelier, la page d'un enjeu",
        grid_enjeu_page("engagement"),
        "Grille d'atelier",
    ),
    PageKind("contribuer", "Contribuer", CONTRIBUTE_PAGE, "Contribuer"),
    PageKind("proposer", "Proposer une expérience", PROPOSER_PAGE, "Proposer une expérience"),
    PageKind("reference", "Référence des champs", REFERENCE_PAGE, "Référence des champs"),
    PageKind(
        "reference_fiche",
        "Référence des champs d'une sorte de fiche",
        reference_page("territoire"),
        "Référence des champs",
    ),
    PageKind("a_relire", "Expériences à relire", review_page(), "Expériences à relire"),
    PageKind("nouveautes", "Nouveautés", NEWS_PAGE, "Nouveautés"),
    PageKind("versions", "Versions", VERSIONS_PAGE, "Versions"),
    PageKind("donnees", "Données ouvertes", DATA_PAGE, "Données ouvertes"),
    PageKind("ecoconception", "Écoconception", ECODESIGN_PAGE, "Écoconception"),
    PageKind(
        "accessibilite",
        "Déclaration d'accessibilité",
        ACCESSIBILITY_PAGE,
        "Déclaration d'accessibilité",
    ),
    PageKind("recherche", "Rechercher", SEARCH_PAGE, "Rechercher"),
)
KIND_BY_KEY = {kind.key: kind for kind in PAGE_KINDS}
