"""What every feature of the generation step receives (:class:`BuildContext`), and the shape
every feature has (:class:`Feature`): :data:`hooks.site.FEATURES` lists them all.

A feature makes pages, files, or both, from the context only; it never imports another
section. What two sections share is computed once, before any feature (the published versions,
read from git), or lives in :mod:`hooks.core`.

>>> Feature("Exemple", pages=lambda ctx: []).files(None)
{}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hooks.core.versions import Versions
from hooks.generated import GeneratedPage
from schemas.geo import GEO
from schemas.history import History
from schemas.index import Entry, Index
from schemas.referentiel import Referentiel
from schemas.territoire import TYPE_LABELS


@dataclass
class BuildContext:
    """The validated index, the git history (``None`` in an archive without ``.git``), and
    what the build says of the PDFs: ``pdf_facts`` gives each PDF's pages and size by id when
    the build writes them (``with_pdf``); without, pages say where PDFs come from."""

    index: Index
    history: History | None = None
    with_pdf: bool = False
    pdf_facts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # Every published version (each tag read once, :func:`hooks.core.versions.read_versions`):
    # its notes, its frozen exports, and the versions that changed each record (footers).
    versions: Versions = field(default_factory=Versions)

    @property
    def referentiel(self) -> Referentiel:
        return self.index.referentiel

    @property
    def source(self) -> Entry:
        """The bibliography entry of the 2019 référentiel, cited by every page."""
        return self.index[self.index.referentiel.source]

    def template_values(self) -> dict[str, Any]:
        """What every page template may use, whatever its section."""
        return {
            "index": self.index,
            "referentiel": self.referentiel,
            "source": self.source,
            "history": self.history,
            "with_pdf": self.with_pdf,
            "pdf_facts": self.pdf_facts,
            "type_labels": TYPE_LABELS,
            "geo": GEO,
        }


def _no_pages(ctx: BuildContext) -> list[GeneratedPage]:
    return []


def _no_files(ctx: BuildContext) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Feature:
    """One thing the site offers: its pages and files, made from the context.

    ``hidden``: patterns (``mkdocs.yml``'s ``not_in_nav`` syntax) of its pages that the
    sidebar does not list; every other page of the feature is listed by
    :func:`hooks.navigation.navigation` (a test checks both ways).
    ``in_background``: its pages grow with the territories; they are made by a second
    process, when there is a core to spare, while this one makes the others.
    """

    name: str
    pages: Callable[[BuildContext], list[GeneratedPage]] = _no_pages
    files: Callable[[BuildContext], dict[str, str]] = _no_files
    hidden: tuple[str, ...] = ()
    in_background: bool = False
