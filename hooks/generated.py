"""What the generation step hands to the engine: pages (Markdown) and files, by site path.

Its own module, below every section, so that each feature can make pages without importing
:mod:`hooks.site`, which lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class GeneratedPage:
    """A Markdown page; what it is made from (``edit_path``: a record's YAML file, which its
    « Modifier cette page » opens; a template, or a folder ending in /, which gets no such
    link: :func:`hooks.engine.export.page_source`); and for a record's page the HTML of its
    "Historique et citation", which the theme writes after the page's content (the Markdown
    ends with that section's heading)."""

    src_uri: str
    markdown: str = field(repr=False)
    edit_path: str
    footer: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return f"GeneratedPage({self.src_uri!r}, edit={self.edit_path!r})"


@dataclass
class Site:
    """The pages, the sidebar, other files (open data, citations, feed) by site path, and
    the pages left out of the sidebar (``mkdocs.yml``'s ``not_in_nav`` syntax)."""

    pages: list[GeneratedPage]
    nav: list[object]
    files: dict[str, str]
    hidden: list[str] = field(default_factory=list)  # patterns of pages not in ``nav``
