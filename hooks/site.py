"""The generation step: a validated index in, every page and file of the site out.

No MkDocs here: ``generate_site(index)`` is what the engine's hooks call
(:mod:`hooks.engine.mkdocs_hooks`), what the tests and ``build.py export`` call. It reads the
published versions from git once (each tag's records, their exports cached in ``.cache/``),
then walks :data:`FEATURES`, each of which makes its pages and files from one
:class:`BuildContext`; the territories' pages, and the kinds chosen to even out the work
(``in_background``), are made by a forked second process when a core is free
(:mod:`hooks.core.parallel`). Adding a page kind is adding a line there (README,
« Architecture »).

    site = generate_site(load_index(root))
    site.pages[0]  # GeneratedPage('index.md', edit='referentiel/referentiel.yml')
"""

from __future__ import annotations

from collections.abc import Mapping

from hooks.accueil.accueil import home_pages
from hooks.atelier.grille import grid_pages
from hooks.atelier.kit import kit_pages
from hooks.contribuer.guide import guide_pages
from hooks.contribuer.proposer import proposer_files, proposer_pages
from hooks.contribuer.reference import reference_pages
from hooks.core.context import BuildContext, Feature
from hooks.core.parallel import Background
from hooks.core.versions import read_versions
from hooks.fiches.pages import list_pages, record_pages
from hooks.fiches.redirections import redirect_pages
from hooks.generated import GeneratedPage, Site
from hooks.navigation import navigation
from hooks.projet.accessibilite import declaration_pages
from hooks.projet.donnees import donnees_files, donnees_pages
from hooks.projet.ecoconception import ecoconception_pages
from hooks.projet.nouveautes import nouveautes_files, nouveautes_pages
from hooks.projet.versions import version_files, version_pages
from hooks.recherche.records import search_pages
from hooks.relecture.a_relire import review_pages
from hooks.territoires.chiffres import figures_page
from hooks.territoires.departements import departement_pages
from hooks.territoires.explorer import explorer_files, explorer_pages
from hooks.territoires.fiches import territory_pages
from hooks.territoires.liste import territory_list_pages
from hooks.territoires.matrice import matrix_pages
from hooks.territoires.pres import near_files, near_pages
from hooks.territoires.regions import region_pages
from hooks.urls import NEAR_PAGE, PAGES
from schemas.history import History
from schemas.index import Index

# Every feature of the site, in the order of the sidebar. ``hidden``: its pages that the
# sidebar does not list (mkdocs.yml's ``not_in_nav`` is made from these). ``in_background``:
# made by the second process, chosen so that both take about as long at 1,000 and 5,000
# territories (benchmarks/PROFIL.md).
FEATURES: tuple[Feature, ...] = (
    Feature("Accueil", home_pages),
    Feature("Fiches du référentiel", record_pages, hidden=("/concepts/*.md",), in_background=True),
    Feature("Listes des fiches", list_pages),
    Feature(
        "Anciennes adresses",
        redirect_pages,
        hidden=tuple(f"/{folder}/*.md" for folder, own_page in PAGES.values() if own_page),
    ),
    Feature("Territoires", territory_pages, hidden=("/territoires/*.md",), in_background=True),
    Feature(
        "Liste des territoires",
        territory_list_pages,
        hidden=("/territoires/page/",),
        in_background=True,
    ),
    Feature("Régions", region_pages, hidden=("/regions/",)),
    Feature("Départements", departement_pages, hidden=("/territoires/departements/",)),
    Feature("Chiffres clés", figures_page),
    Feature("Matrice des expériences", matrix_pages, hidden=("/matrice/*/",)),
    Feature("Près de chez moi", near_pages, near_files, hidden=(f"/{NEAR_PAGE}",)),
    Feature("Explorer les expériences", explorer_pages, explorer_files, hidden=("/explorer/*.md",)),
    Feature("Kit d'atelier", kit_pages),
    Feature("Grille d'atelier", grid_pages, hidden=("/atelier/grille/",)),
    Feature("Contribuer", guide_pages),
    Feature("Proposer une expérience", proposer_pages, proposer_files),
    Feature("Référence des champs", reference_pages, hidden=("/contribuer/reference/",)),
    Feature(
        "Expériences à relire",
        review_pages,
        hidden=("/contribuer/a-relire.md", "/contribuer/a-relire/*.md"),
    ),
    Feature("Nouveautés", nouveautes_pages, nouveautes_files),
    Feature("Versions", version_pages, version_files, hidden=("/versions/*/",)),
    Feature("Données ouvertes", donnees_pages, donnees_files),
    Feature("Écoconception", ecoconception_pages),
    Feature("Déclaration d'accessibilité", declaration_pages),
    Feature("Rechercher", search_pages, hidden=("/recherche/",)),
)
PARALLEL_FROM = 200  # territories: below, a second process costs more than it saves


def generate_site(
    index: Index,
    history: History | None = None,
    with_pdf: bool | Mapping[str, Mapping[str, int]] = False,
    features: tuple[Feature, ...] = FEATURES,
) -> Site:
    """Every page and file of the site, from the index (and the git history, if any).

    ``with_pdf``: the build writes the PDFs into ``site/pdf/``, so pages link to them
    (given as ``{id: {"pages": …, "size": …}}``, links say how many pages and how heavy);
    without, pages say where they come from instead of linking to missing files.
    """
    ctx = BuildContext(
        index,
        history,
        with_pdf=bool(with_pdf),
        pdf_facts=with_pdf if isinstance(with_pdf, Mapping) else {},
        versions=read_versions(index, history),  # before a second process copies this one
    )
    later = [f for f in features if f.in_background]
    many = len(index.of_kind("territoire")) >= PARALLEL_FROM
    made: dict[str, list[GeneratedPage]] = {}
    files: dict[str, str] = {}
    with Background(lambda f: f.pages(ctx), later, fork=many) as background:
        for feature in features:
            if not feature.in_background:
                made[feature.name] = feature.pages(ctx)
            files.update(feature.files(ctx))
        made.update(zip((f.name for f in later), background.result(), strict=True))
    pages = [page for feature in features for page in made[feature.name]]
    hidden = [pattern for feature in features for pattern in feature.hidden]
    return Site(pages, navigation(index), files, hidden)
