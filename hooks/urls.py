"""The one place that knows where each page of the site lives, and how to link to it.

Links are written as paths of the Markdown sources from the root of the docs
(``/balises/construire-le-recit.md``): MkDocs checks every one of them in strict mode
(``validation.links.absolute_links: relative_to_docs``) and turns it into a relative URL.

>>> from types import SimpleNamespace as R
>>> page_for(R(kind=R(name="balise"), id="construire-le-recit"))
'balises/construire-le-recit.md'
>>> url_for(R(kind=R(name="concept"), id="saut-systemique"))
'/concepts/saut-systemique.md'
>>> url_for(R(kind=R(name="source"), id="referentiel-2019"))
'/sources/index.md#referentiel-2019'
"""

from __future__ import annotations

from typing import Protocol

# kind → (folder of the pages, True if each record has its own page, False for one list page)
PAGES: dict[str, tuple[str, bool]] = {
    "enjeu": ("enjeux", True),
    "balise": ("balises", True),
    "mode_de_faire": ("modes-de-faire", True),
    "dispositif": ("dispositifs", True),
    "chapitre": ("chapitres", True),
    "territoire": ("territoires", True),
    "parcours": ("parcours", True),
    "concept": ("concepts", True),
    "source": ("sources", False),
}


class _Kind(Protocol):
    @property
    def name(self) -> str: ...


class Record(Protocol):
    """Anything with a kind and an id: an index entry."""

    @property
    def kind(self) -> _Kind: ...

    @property
    def id(self) -> str: ...


# The pages that are not a record's, nor one of a paged list (functions below).
HOME_PAGE = "index.md"
SEARCH_PAGE = "recherche/index.md"  # the header's search form leads there
CONTRIBUTE_PAGE = "contribuer/index.md"
PROPOSER_PAGE = "contribuer/proposer.md"  # « Proposer une expérience », the form
REFERENCE_PAGE = "contribuer/reference.md"  # the index of the field reference
NEWS_PAGE = "nouveautes.md"
VERSIONS_PAGE = "versions.md"
DATA_PAGE = "donnees.md"
ECODESIGN_PAGE = "ecoconception.md"
ACCESSIBILITY_PAGE = "accessibilite.md"
NEAR_PAGE = "pres-de-chez-moi.md"  # « Près de chez moi »: from a commune to territories like it
NEAR_FOLDER = "pres-de-chez-moi/donnees/"  # its JSON files


def list_page(kind: str) -> str:
    """``balises/index.md``: the page that lists every record of a kind."""
    return f"{PAGES[kind][0]}/index.md"


def explorer_page(number: int = 1) -> str:
    """``explorer/index.md``, then ``explorer/2.md``…: the pages of « Explorer les expériences ».

    >>> explorer_page(), explorer_page(3)
    ('explorer/index.md', 'explorer/3.md')
    """
    return "explorer/index.md" if number == 1 else f"explorer/{number}.md"


def territory_list_page(number: int = 1) -> str:
    """``territoires/index.md``, then ``territoires/page/2.md``…: a territory's id has no
    ``/``, so no territory's page can take one of these paths.

    >>> territory_list_page(), territory_list_page(2)
    ('territoires/index.md', 'territoires/page/2.md')
    """
    return "territoires/index.md" if number == 1 else f"territoires/page/{number}.md"


def page_for(record: Record) -> str:
    """Source path of the page that shows ``record`` (without anchor)."""
    folder, own_page = PAGES[record.kind.name]
    return f"{folder}/{record.id}.md" if own_page else f"{folder}/index.md"


def url_for(record: Record, anchor: str | None = None) -> str:
    """Link to ``record``; ``anchor`` points inside its page (an experience of a territory)."""
    _, own_page = PAGES[record.kind.name]
    target = f"/{page_for(record)}"
    anchor = anchor or (None if own_page else record.id)
    return f"{target}#{anchor}" if anchor else target


def public_url(record: Record, site_url: str) -> str:
    """The address of a record's page once published: ``https://…/balises/construire-le-recit/``."""
    folder, own_page = PAGES[record.kind.name]
    path = f"{folder}/{record.id}/" if own_page else f"{folder}/#{record.id}"
    return site_url.rstrip("/") + "/" + path


def to_root(src_uri: str) -> str:
    """From a page to the root of the site, for files MkDocs does not know (the PDFs).

    >>> to_root("enjeux/engagement.md"), to_root("balises/index.md"), to_root("index.md")
    ('../../', '../', '')
    """
    depth = src_uri.count("/") + (0 if src_uri.endswith("index.md") else 1)
    return "../" * depth


def pdf_url(name: str, from_page: str) -> str:
    """A PDF that ``build.py build`` writes into ``site/pdf/``, linked from ``from_page``.

    >>> pdf_url("engagement", "enjeux/engagement.md"), pdf_url("referentiel", "index.md")
    ('../../pdf/engagement.pdf', 'pdf/referentiel.pdf')
    """
    return f"{to_root(from_page)}pdf/{name}.pdf"


def file_url(path: str, from_page: str) -> str:
    """A file of the site that is not a page (a script, a JSON file), linked from ``from_page``.

    >>> file_url("assets/explorer.js", "explorer/index.md")
    '../assets/explorer.js'
    """
    return to_root(from_page) + path


def explorer_url(record: Record, from_page: str) -> str:
    """« Explorer les expériences » filtered on an enjeu or a balise, from ``from_page``.

    >>> from types import SimpleNamespace as R
    >>> explorer_url(R(kind=R(name="balise"), id="construire-le-recit"), "balises/x.md")
    '../../explorer/?balise=construire-le-recit'
    """
    return f"{to_root(from_page)}explorer/?{record.kind.name}={record.id}"


def relative_url(record: Record, from_page: str, anchor: str | None = None) -> str:
    """The URL MkDocs writes for :func:`url_for` on the page ``from_page``, for raw HTML.

    >>> from types import SimpleNamespace as R
    >>> ville = R(kind=R(name="territoire"), id="ville")
    >>> relative_url(ville, "balises/recit.md", "jardin")
    '../../territoires/ville/#jardin'
    >>> relative_url(ville, "territoires/index.md")
    'ville/'
    """
    return _relative(record.kind.name, record.id, from_page, anchor)


def concept_url(concept_id: str, from_page: str) -> str:
    """A concept's page from ``from_page``, for the glossary's links (:mod:`hooks.core.glossary`).

    >>> concept_url("saut-systemique", "balises/recit.md"), concept_url("communs", "index.md")
    ('../../concepts/saut-systemique/', 'concepts/communs/')
    >>> concept_url("communs", "concepts/communs.md")  # the page itself
    './'
    """
    return _relative("concept", concept_id, from_page)


def _relative(kind: str, record_id: str, from_page: str, anchor: str | None = None) -> str:
    folder, own_page = PAGES[kind]
    url = page_url(f"{folder}/{record_id}.md" if own_page else f"{folder}/index.md", from_page)
    anchor = anchor or (None if own_page else record_id)
    return f"{url}#{anchor}" if anchor else url


# « Où en est notre territoire ? », the workshop grid: its index (its enjeux, the CSV of every
# answer, the PDFs to print), then a page per enjeu.
GRID_PAGE = "atelier/grille.md"


def grid_enjeu_page(enjeu: str) -> str:
    """An enjeu's part of the workshop grid, to fill in online.

    >>> grid_enjeu_page("valeur")
    'atelier/grille/valeur.md'
    """
    return f"{GRID_PAGE.removesuffix('.md')}/{enjeu}.md"


def page_address(src_uri: str, site_url: str, anchor: str | None = None) -> str:
    """The published address of a page that is not a record's, as printed in a PDF.

    >>> page_address("atelier/grille.md", "https://exemple.fr/rv/", "enjeu-valeur")
    'https://exemple.fr/rv/atelier/grille/#enjeu-valeur'
    >>> page_address("explorer/index.md", "https://exemple.fr/rv/")
    'https://exemple.fr/rv/explorer/'
    """
    path = src_uri.removesuffix(".md").removesuffix("index")
    path += "/" if path and not path.endswith("/") else ""
    return site_url.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


KIT_PAGE = "atelier/index.md"  # « Kit d'atelier »: every PDF for trainers, how to print them


def matrix_page(enjeu: str | None = None) -> str:
    """« Matrice des expériences »: the overview (``enjeu`` None) or an enjeu's matrix.

    >>> matrix_page(), matrix_page("engagement")
    ('matrice/index.md', 'matrice/engagement/index.md')
    """
    return f"matrice/{enjeu}/index.md" if enjeu else "matrice/index.md"


def matrix_url(enjeu: str | None, from_page: str) -> str:
    """A matrix's page, from ``from_page``, for raw HTML.

    >>> matrix_url("engagement", "matrice/index.md"), matrix_url(None, "matrice/valeur/index.md")
    ('../matrice/engagement/', '../../matrice/')
    """
    return to_root(from_page) + matrix_page(enjeu).removesuffix("index.md")


# Where things happen (issue 14): the régions, their pages, « Chiffres clés ».
REGIONS_PAGE = "regions/index.md"  # every région, with its numbers of territories
FIGURES_PAGE = "chiffres.md"  # « Chiffres clés »


def region_page(slug: str, number: int = 1) -> str:
    """``regions/normandie.md``, then ``regions/normandie/page/2.md``…: a région's territories.

    >>> region_page("normandie"), region_page("normandie", 2)
    ('regions/normandie.md', 'regions/normandie/page/2.md')
    """
    return f"regions/{slug}.md" if number == 1 else f"regions/{slug}/page/{number}.md"


def departement_page(code: str, number: int = 1) -> str:
    """``territoires/departements/62.md``, then ``territoires/departements/62/page/2.md``…: a
    département's territories (its code as in ``geo/``: ``"62"``, ``"2A"``, ``"971"``).

    >>> departement_page("62"), departement_page("2A", 2)
    ('territoires/departements/62.md', 'territoires/departements/2A/page/2.md')
    """
    folder = f"territoires/departements/{code}"
    return f"{folder}.md" if number == 1 else f"{folder}/page/{number}.md"


def page_url(target: str, from_page: str) -> str:
    """The relative URL MkDocs writes from ``from_page`` to the page ``target`` (both source
    paths), for raw HTML.

    >>> page_url("regions/normandie.md", "territoires/index.md")
    '../regions/normandie/'
    >>> page_url("regions/index.md", "regions/normandie/page/2.md")
    '../../../'
    >>> page_url("territoires/index.md", "territoires/index.md")
    './'
    """
    there, here = _directories(target), _directories(from_page)
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "".join(f"{p}/" for p in there[common:]) or "./"


def _directories(src_uri: str) -> list[str]:
    parts = src_uri.removesuffix(".md").split("/")
    return parts[:-1] if parts[-1] == "index" else parts


def explorer_region_url(slug: str, from_page: str) -> str:
    """« Explorer les expériences » filtered on a région (the key of its filter value).

    >>> explorer_region_url("normandie", "regions/normandie.md")
    '../../explorer/?region=normandie'
    """
    return f"{to_root(from_page)}explorer/?region={slug}"


def reference_page(slug: str) -> str:
    """The reference of one kind's fields: ``contribuer/reference/territoire.md``."""
    return f"contribuer/reference/{slug}.md"


def version_page(slug: str) -> str:
    """A version's revision notes and exports.

    >>> version_page("1.0.0")
    'versions/1.0.0/index.md'
    """
    return f"versions/{slug}/index.md"


def review_page(number: int = 1) -> str:
    """« Expériences à relire », for editors: ``contribuer/a-relire.md``, ``…/a-relire/2.md``…"""
    return "contribuer/a-relire.md" if number == 1 else f"contribuer/a-relire/{number}.md"
