"""The sidebar: the home page, then each kind's list followed by its records, the
territories' pages, the workshop, contributing, the project.

Pages outside the sidebar are those each feature says are hidden
(:attr:`hooks.core.context.Feature.hidden`): the sidebar is rendered on every page, and its
cost would grow with the square of the number of pages if it listed every territory.
"""

from __future__ import annotations

from hooks.fiches.pages import LIST_TITLES
from hooks.territoires.liste import TITLE as TERRITORIES
from hooks.urls import (
    ACCESSIBILITY_PAGE,
    CONTRIBUTE_PAGE,
    DATA_PAGE,
    ECODESIGN_PAGE,
    FIGURES_PAGE,
    GRID_PAGE,
    HOME_PAGE,
    KIT_PAGE,
    NEWS_PAGE,
    PROPOSER_PAGE,
    REFERENCE_PAGE,
    VERSIONS_PAGE,
    explorer_page,
    list_page,
    matrix_page,
    page_for,
)
from schemas.index import Index

# Kinds with a page per record in the sidebar, in its order; territories and concepts are
# listed by their index page only, so that the sidebar stays short.
IN_NAV = ("parcours", "enjeu", "balise", "mode_de_faire", "dispositif", "chapitre")


def navigation(index: Index) -> list[object]:
    """The sidebar, as ``mkdocs.yml``'s ``nav`` would write it."""
    nav: list[object] = [{"Accueil": HOME_PAGE}]
    enjeux = index.of_kind("enjeu")
    for kind_name in IN_NAV:
        entries = index.of_kind(kind_name)
        children: list[object] = [list_page(kind_name)]
        if kind_name == "enjeu":  # short names: the full titles are a sentence each
            children += [{f"{e.data.numero}. {e.data.titre_court}": page_for(e)} for e in entries]
        elif kind_name == "balise":  # 23 balises: one group per enjeu
            children += [
                {
                    f"{enjeu.data.numero}. {enjeu.data.titre_court}": [
                        page_for(e) for e in entries if e.data.enjeu == enjeu.id
                    ]
                }
                for enjeu in enjeux
            ]
        else:
            children += [page_for(e) for e in entries]
        nav.append({LIST_TITLES[kind_name]: children})
    nav.append({TERRITORIES: list_page("territoire")})
    nav.append(FIGURES_PAGE)  # « Chiffres clés », its page's title
    nav.append(matrix_page())  # « Matrice des expériences », its page's title
    nav.append(explorer_page())  # « Explorer les expériences », its page's title
    for kind_name in ("concept", "source"):
        nav.append({LIST_TITLES[kind_name]: list_page(kind_name)})
    nav.append({"Atelier": [KIT_PAGE, GRID_PAGE]})
    nav.append({"Contribuer": [CONTRIBUTE_PAGE, PROPOSER_PAGE, REFERENCE_PAGE]})
    projet = [NEWS_PAGE, VERSIONS_PAGE, DATA_PAGE, ECODESIGN_PAGE, ACCESSIBILITY_PAGE]
    nav.append({"Le projet": projet})
    return nav


def listed(nav: object) -> set[str]:
    """Every page the sidebar lists.

    >>> sorted(listed([{"A": "index.md"}, {"B": ["b/index.md", {"C": ["c.md"]}]}]))
    ['b/index.md', 'c.md', 'index.md']
    """
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(listed(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(listed(v) for v in nav))
    return set()
