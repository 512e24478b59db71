"""The home page: four entry points by need, then the référentiel in a few lines, its enjeux,
and where to go next.

The entry points come first, so that on a phone (375 × 667) all four are seen without
scrolling: each is one large link, its label then a few words on where it leads
(:data:`NEEDS`, every target a page path of :mod:`hooks.urls`, checked by the engine).

What the page says of its version depends on what git holds (:func:`version_state`): the
working version when no version is published yet, or when records changed since the last
one; the published version otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from hooks.core.context import BuildContext
from hooks.core.render import render
from hooks.core.revisions import VersionNotes
from hooks.generated import GeneratedPage
from hooks.urls import HOME_PAGE, KIT_PAGE, NEAR_PAGE, PROPOSER_PAGE, VERSIONS_PAGE, list_page
from schemas.kinds import METADATA_FILE


@dataclass(frozen=True)
class Need:
    """An entry point of the home page: what the reader wants to do, and where it leads."""

    label: str
    hint: str
    target: str  # a page's source path (hooks/urls.py)

    @property
    def link(self) -> Markup:
        """The Markdown link target (``/explorer/index.md``), as the engine checks it."""
        return Markup(f"/{self.target}")


NEEDS = (
    Need(
        "Trouver des expériences pour mon territoire",
        "Les territoires proches du vôtre ou qui lui ressemblent",
        NEAR_PAGE,
    ),
    Need(
        "Proposer une expérience",
        "Un formulaire à remplir en ligne",
        PROPOSER_PAGE,
    ),
    Need(
        "Animer un atelier",
        "Cartes, grille et déroulé à imprimer",
        KIT_PAGE,
    ),
    Need(
        "Lire le référentiel",
        "Les 4 enjeux et leurs balises",
        list_page("enjeu"),
    ),
)


@dataclass(frozen=True)
class VersionState:
    """What the home page says of the version it shows.

    ``latest``: the last published version (a git tag), None if there is none yet;
    ``changed``: records changed since it (or none is published), so the pages show the
    working version; ``known``: False without git history (an archive), where nothing is
    known of the published versions."""

    number: str
    latest: VersionNotes | None
    changed: bool
    known: bool


def version_state(ctx: BuildContext) -> VersionState:
    """The version the pages show, from the notes read once from git (``ctx.versions``).

    >>> from hooks.core.versions import Versions
    >>> from types import SimpleNamespace as R
    >>> ctx = R(referentiel=R(version="0.1.0"), history=object(), versions=Versions())
    >>> version_state(ctx)
    VersionState(number='0.1.0', latest=None, changed=True, known=True)
    """
    notes = ctx.versions.notes
    published = [note for note in notes if not note.in_progress]
    return VersionState(
        number=ctx.referentiel.version,
        latest=published[0] if published else None,
        changed=not published or any(note.in_progress for note in notes),
        known=ctx.history is not None,
    )


def home_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """``index.md``; its edit link opens ``referentiel.yml``, where the title and the
    presentation are written."""
    markdown = render(
        "accueil/accueil.md.j2",
        **ctx.template_values(),
        page=HOME_PAGE,
        enjeux=ctx.index.of_kind("enjeu"),
        needs=NEEDS,
        version=version_state(ctx),
        versions_page=Markup(f"/{VERSIONS_PAGE}"),
    )
    return [GeneratedPage(HOME_PAGE, markdown, METADATA_FILE)]
