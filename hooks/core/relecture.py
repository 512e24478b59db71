"""How fresh an experience is: when it was described, when it was last reviewed, and whether
it is due for a review (« à relire »), for its territory's page and the editors' page.

The delay (``relecture_delai_mois`` in ``referentiel/referentiel.yml``, 36 months unless it
says otherwise) counts from the last review (``relue``); for an experience never reviewed,
from its description (``decrite``, from the first day of its year or month); for one with
neither date, from the day its territory entered the repository (the first commit of the
territory's file or of one of its experience files: it may be older than the experience, whose
``decrite`` says better, but moving an experience to its own file does not restart the clock).
Without git history nor dates, an experience is never « à relire ». The form and
``python build.py new experience`` write ``decrite`` themselves.

>>> x = Experience.model_validate({"id": "x", "titre": "X", "resume": "…", "balises": ["b"],
...     "decrite": "2019", "relue": "2022-03-14"})
>>> f = freshness(x, None, 36, date(2026, 12, 6))
>>> f.dates, f.stale, f.due
('Décrite en 2019 ; relue en mars 2022', True, datetime.date(2025, 3, 14))
>>> f.reason
'plus de 3 ans sans relecture, la situation a pu changer'
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from hooks.core.citation import MONTHS
from schemas.history import History
from schemas.index import Entry, Index
from schemas.relecture import start_of
from schemas.territoire import Experience


def when(value: str, day: bool = True) -> str:
    """``en 2019``, ``en mai 2019``, ``le 14 mai 2019`` (``day=False``: ``en mai 2019``)."""
    parts = value.split("-")
    year = parts[0]
    if len(parts) == 1:
        return f"en {year}"
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2 or not day:
        return f"en {month} {year}"
    number = int(parts[2])
    return f"le {'1er' if number == 1 else number} {month} {year}"


def duration(months: int) -> str:
    """``36`` → ``3 ans``, ``12`` → ``1 an``, ``18`` → ``1 an et 6 mois``, ``5`` → ``5 mois``."""
    years, rest = divmod(months, 12)
    said = [f"{years} an{'s' if years > 1 else ''}"] if years else []
    if rest or not years:
        said.append(f"{rest} mois")
    return " et ".join(said)


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later, on the last day of a shorter month if need be."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


@dataclass(frozen=True)
class Freshness:
    """An experience's review dates, what its delay counts from (``basis``: ``relue``,
    ``decrite``, ``depot`` or empty), and whether it is due for a review."""

    decrite: str | None
    relue: str | None
    since: date | None
    basis: str
    delay: int  # months
    today: date

    @property
    def due(self) -> date | None:
        """The day it becomes « à relire »."""
        return add_months(self.since, self.delay) if self.since else None

    @property
    def stale(self) -> bool:
        return self.due is not None and self.due <= self.today

    @property
    def age(self) -> int:
        """Months since the date the delay counts from."""
        return months_between(self.since, self.today) if self.since else 0

    @property
    def dates(self) -> str:
        """``Décrite en 2019 ; relue en mars 2026``; empty without either date."""
        said = []
        if self.decrite:
            said.append(f"décrite {when(self.decrite)}")
        if self.relue:
            said.append(f"relue {when(self.relue, day=False)}")
        text = " ; ".join(said)
        return text[:1].upper() + text[1:]

    @property
    def reason(self) -> str:
        """Why it is « à relire » (empty if it is not): ``plus de 3 ans sans relecture``."""
        if not self.stale or self.since is None:
            return ""
        if self.basis == "depot":
            month = when(self.since.isoformat()[:7]).removeprefix("en ")
            return f"dans le référentiel depuis {month}, jamais relue, la situation a pu changer"
        return f"plus de {duration(self.delay)} sans relecture, la situation a pu changer"


def freshness(x: Experience, entered: str | None, delay: int, today: date) -> Freshness:
    """``x``'s freshness on ``today``; ``entered``: when the file that holds it entered the
    repository (ISO 8601, None if unknown); ``delay``: in months."""
    if x.relue:
        since, basis = start_of(x.relue), "relue"
    elif x.decrite:
        since, basis = start_of(x.decrite), "decrite"
    elif entered:
        since, basis = date.fromisoformat(entered[:10]), "depot"
    else:
        since, basis = None, ""
    return Freshness(x.decrite, x.relue, since, basis, delay, today)


def of_territory(
    index: Index, history: History | None, entry: Entry, today: date
) -> dict[str, Freshness]:
    """Experience id → its freshness, for every experience of a territory."""
    delay = index.referentiel.relecture_delai_mois
    found = {}
    known = history.of(entry.path) if history else None  # its experience files' commits too
    for x in entry.data.experiences:
        found[x.id] = freshness(x, known.created if known else None, delay, today)
    return found


@dataclass(frozen=True)
class Due:
    """An experience due for a review, with its territory."""

    territoire: Entry
    experience: Experience
    freshness: Freshness


def due_for_review(index: Index, history: History | None, today: date) -> list[Due]:
    """Every experience « à relire », the oldest first (then by territory and title)."""
    found = []
    for entry in index.of_kind("territoire"):
        dated = of_territory(index, history, entry, today)
        found += [Due(entry, x, dated[x.id]) for x in entry.data.experiences if dated[x.id].stale]
    return sorted(
        found, key=lambda d: (d.freshness.since, d.territoire.title.casefold(), d.experience.titre)
    )
