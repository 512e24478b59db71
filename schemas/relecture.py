"""Review dates of an experience: when it was described (``decrite``) and when an editor last
read it again (``relue``), and which change of a file only records a review.

``decrite`` is a year, a month or a day; a period counts from its first day:

>>> start_of("2019"), start_of("2019-05"), start_of("2019-05-14")
(datetime.date(2019, 1, 1), datetime.date(2019, 5, 1), datetime.date(2019, 5, 14))
>>> check_decrite(" 2019-05 "), check_relue("2026-03-14")
('2019-05', '2026-03-14')

A commit that only writes ``relue:`` lines (what ``python build.py relu`` does) does not change
what readers see: :func:`review_only` tells it, so that the history
(:func:`schemas.history.read_history`) leaves it out of « dernière mise à jour », the revision
notes and « Nouveautés ».

>>> review_only(b"id: x\\ntitre: X\\n", b"id: x\\nrelue: 2026-03-14\\ntitre: X\\n")
True
>>> review_only(b"id: x\\ntitre: X\\n", b"id: x\\nrelue: 2026-03-14\\ntitre: Y\\n")
False
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import shown

DECRITE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
RELUE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
FIRST_YEAR = 1950  # no experience of the transition was described before
_DECRITE = re.compile(DECRITE_PATTERN)
_RELUE = re.compile(RELUE_PATTERN)
# A ``relue:`` line as written by hand or by ``relu``: the key, a date, maybe quoted, maybe
# a comment; a line of a text that happens to start with « relue: » has no date alone.
_RELUE_LINE = re.compile(rb"""^[ \t]*relue[ \t]*:[ \t]*["']?\d{4}-\d{2}-\d{2}["']?[ \t]*(#.*)?$""")


def today() -> date:
    """The day the check runs (dates after it are refused)."""
    return date.today()


def start_of(value: str) -> date:
    """The first day of ``value`` (``2019``, ``2019-05`` or ``2019-05-14``), which
    :func:`check_decrite` or :func:`check_relue` accepted."""
    year, month, day = [*value.split("-"), "1", "1"][:3]
    return date(int(year), int(month), int(day))


def _readable(value: str) -> bool:
    try:
        return start_of(value).year >= FIRST_YEAR
    except ValueError:  # month 13, 30 February
        return False


def check_decrite(value: str) -> str:
    """A year, a month or a day, in the past: ``2019``, ``2019-05``, ``2019-05-14``."""
    value = value.strip()
    if not _DECRITE.match(value) or not _readable(value):
        raise PydanticCustomError(
            "decrite",
            "date « {value} » illisible : écrivez l'année (2019), le mois (2019-05) ou le jour "
            "(2019-05-14) où l'expérience a été décrite, depuis {first}",
            {"value": shown(value), "first": FIRST_YEAR},
        )
    if start_of(value) > today():
        raise PydanticCustomError(
            "decrite_futur",
            "date « {value} » dans le futur : écrivez quand l'expérience a été décrite, au plus "
            "tard aujourd'hui ({today})",
            {"value": value, "today": today().isoformat()},
        )
    return value


def check_relue(value: str) -> str:
    """The day of the last review, in the past: ``2026-03-14``."""
    value = value.strip()
    if not _RELUE.match(value) or not _readable(value):
        raise PydanticCustomError(
            "relue",
            "date « {value} » illisible : écrivez le jour de la relecture sous la forme "
            "AAAA-MM-JJ, par exemple 2026-03-14",
            {"value": shown(value)},
        )
    if start_of(value) > today():
        raise PydanticCustomError(
            "relue_futur",
            "date de relecture « {value} » dans le futur : écrivez le jour où l'expérience a été "
            "relue, au plus tard aujourd'hui ({today}), ou laissez « python build.py relu » "
            "l'écrire",
            {"value": value, "today": today().isoformat()},
        )
    return value


def check_order(decrite: str | None, relue: str | None) -> None:
    """A review comes after the description (the same year or month is fine)."""
    if decrite and relue and start_of(relue) < start_of(decrite):
        raise PydanticCustomError(
            "relue_avant",
            "relue le {relue}, avant d'avoir été décrite ({decrite}) : corrigez l'une des "
            "deux dates",
            {"relue": relue, "decrite": decrite},
        )


# YAML editors read ``decrite: 2019`` as a number: the JSON Schema accepts it; the strict
# loader of the build reads every value as text (schemas/yamlfile.py).
Decrite = Annotated[
    str,
    AfterValidator(check_decrite),
    WithJsonSchema(
        {"type": ["string", "integer"], "pattern": DECRITE_PATTERN, "minimum": FIRST_YEAR}
    ),
]
Relue = Annotated[
    str, AfterValidator(check_relue), WithJsonSchema({"type": "string", "pattern": RELUE_PATTERN})
]


def _content(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if not _RELUE_LINE.match(line)]


def review_only(old: bytes, new: bytes) -> bool:
    """Whether ``old`` → ``new`` (a file's contents) only adds, changes or removes ``relue:``
    lines: a review recorded, not a change of content."""
    return old != new and _content(old) == _content(new)
