"""« Nouveautés »: the recent changes to the records, day by day, as a page and an Atom feed.

What each day changed is told in French from the records themselves (added, changed and
which fields, renamed, withdrawn, deleted: :mod:`hooks.core.news`, computed once per build in
:class:`~hooks.core.versions.Versions`), never from a commit message, which is written for
the developers. Author names come from git as ``.mailmap`` names them; like every text that is
not validated like the records, they reach the page and the feed through
:func:`~schemas.invisible.strip_invisible` (:mod:`schemas.history` strips them when it reads).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from hooks.core.citation import date_fr, in_sentence
from hooks.core.context import BuildContext
from hooks.core.news import NewsDay, NewsItem, summary
from hooks.core.render import render
from hooks.generated import GeneratedPage
from hooks.urls import NEWS_PAGE, public_url
from schemas.index import Index
from schemas.invisible import strip_invisible

ATOM = "http://www.w3.org/2005/Atom"
SHOWN = 20  # records listed per day; the next ones are folded below them
FOLDED = 200  # records in a day's fold: a day that changes 5,000 territories stays light
KEYWORDS = "mots_cles"  # the readers' search words: a change to them alone is grouped


def keywords_only(item: NewsItem) -> bool:
    """A record whose only change that day is its search keywords (``mots_cles``)."""
    r = item.revision
    paths = [change.path.split(".")[0].split("[")[0] for change in r.fields]
    return r.status == "modification" and bool(paths) and set(paths) == {KEYWORDS}


@dataclass(frozen=True)
class DayView:
    """A day as « Nouveautés » tells it: the records listed one by one (the first ``SHOWN``,
    then up to ``FOLDED`` more in a fold), and those whose keywords alone changed, in one line.

    >>> DayView.keywords_phrase(71, added=True)
    'mots-clés de recherche ajoutés à 71 fiches'
    """

    day: NewsDay
    items: list[NewsItem]
    keywords: list[NewsItem]

    @classmethod
    def of(cls, day: NewsDay) -> DayView:
        grouped = [item for item in day.items if keywords_only(item)]
        return cls(day, [item for item in day.items if not keywords_only(item)], grouped)

    @property
    def shown(self) -> list[NewsItem]:
        return self.items[:SHOWN]

    @property
    def folded(self) -> list[NewsItem]:
        return self.items[SHOWN : SHOWN + FOLDED]

    @property
    def unlisted(self) -> int:
        """Records beyond the fold, only counted."""
        return max(0, len(self.items) - SHOWN - FOLDED)

    @staticmethod
    def keywords_phrase(count: int, added: bool) -> str:
        fiches = f"{count} fiche{'s' if count > 1 else ''}"
        return f"mots-clés de recherche {'ajoutés à' if added else 'modifiés dans'} {fiches}"

    @property
    def keywords_line(self) -> str:
        """``mots-clés de recherche ajoutés à 71 fiches`` (empty: no such record that day)."""
        if not self.keywords:
            return ""
        added = all(not c.old for i in self.keywords for c in i.revision.fields)
        return self.keywords_phrase(len(self.keywords), added)

    @property
    def summary(self) -> str:
        """``présentation du référentiel modifiée, mots-clés de recherche ajoutés à 71 fiches``"""
        return ", ".join(part for part in (summary(self.items), self.keywords_line) if part)


def _element(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    """An Atom element: ElementTree escapes ``<`` and ``&`` but writes any character, so
    what is not valid in XML 1.0 is removed first."""
    visible = {name: strip_invisible(value) for name, value in attributes.items()}
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", visible)
    element.text = strip_invisible(text) or None
    return element


def day_title(day: NewsDay) -> str:
    """``30 novembre 2026 : 2 territoires ajoutés, 1 balise modifiée``."""
    return f"{date_fr(day.day)} : {DayView.of(day).summary}"


def authors(day: NewsDay) -> str:
    """``Alice Martin, Bruno Petit et l'équipe du Référentiel vivant``."""
    names = [in_sentence(strip_invisible(name)) for name in day.authors]
    return ", ".join(names[:-1]) + (" et " if len(names) > 1 else "") + names[-1] if names else ""


def atom_feed(days: list[NewsDay], index: Index, site_url: str) -> str:
    """``nouveautes.xml``: the recent changes as an Atom feed, an entry per day."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "fr"})
    page = site_url.rstrip("/") + "/nouveautes/"
    _element(feed, "title", f"{index.referentiel.titre} : nouveautés")
    _element(feed, "subtitle", "Les fiches ajoutées, modifiées, renommées ou retirées, par jour.")
    _element(feed, "id", page)
    _element(feed, "updated", days[0].updated if days else f"{index.referentiel.date}T00:00:00Z")
    _element(feed, "link", href=page, rel="alternate")
    for day in days:
        entry = _element(feed, "entry")
        _element(entry, "title", day_title(day))
        _element(entry, "id", f"{page}#{day.anchor}")
        _element(entry, "updated", day.updated)
        for name in day.authors:
            _element(_element(entry, "author"), "name", name)
        _element(entry, "link", href=f"{page}#{day.anchor}")
        view = DayView.of(day)
        lines = [
            f"{item.title}{item.tail}"
            + (f" ({public_url(item.entry, site_url)})" if item.entry else "")
            for item in view.shown
        ]
        if view.keywords:
            lines.append(view.keywords_line[0].upper() + view.keywords_line[1:] + ".")
        if len(view.items) > SHOWN:
            among = f", dont {len(view.folded)}" if view.unlisted else ""
            lines.append(
                f"Et {len(view.items) - SHOWN} autres{among}, sur la page « Nouveautés » "
                f"({page}#{day.anchor})."
            )
        _element(entry, "summary", "\n".join(lines))
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def nouveautes_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """« Nouveautés », made from the history of every record (no « Modifier cette page »)."""
    markdown = render(
        "projet/nouveautes.md.j2",
        **ctx.template_values(),
        days=[DayView.of(day) for day in ctx.versions.news],
        page=NEWS_PAGE,
        day_title=day_title,
        authors=authors,
    )
    return [GeneratedPage(NEWS_PAGE, markdown, "referentiel/")]


def nouveautes_files(ctx: BuildContext) -> dict[str, str]:
    """The Atom feed, when there is a history to tell."""
    if not ctx.history:
        return {}
    return {"nouveautes.xml": atom_feed(ctx.versions.news, ctx.index, ctx.referentiel.url)}
