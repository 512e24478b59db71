"""A proposal, as the form downloads or mails it: YAML documents separated by ``---`` lines.

The first document may be an envelope (``proposition: {credit: …, courriel: …}``); every
other one is a new territory (it has ``nom``), placed at ``territoires/<slug of nom>.yml``,
or one experience (it has ``territoire``), placed at
``territoires/<territoire>/<slug of titre>.yml``. :func:`read_proposal` reads one received
file into :class:`Document` s and says what it could not read, with the received file's
line; checking the records themselves is the index's job, once they are in place.

A mail body saved as a file is read too: lines before the first YAML line (« Bonjour, … »),
« > » quoting and a signature after « -- » are set aside, and said so.

>>> docs, envelope, notes, problems = read_text("Bonjour,\\n\\nnom: X\\ntype: commune\\n", "m.txt")
>>> [(d.target, d.first_line) for d in docs], notes, problems
([('territoires/x.yml', 3)], ['m.txt : 2 lignes avant le début de la proposition, ignorées'], [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field, ValidationError

from .errors import Erreur, from_validation
from .fields import Nom, Strict
from .slug import slugify
from .yamlfile import Lines, YamlError, read_yaml

SCHEMA_LINE = "# yaml-language-server: $schema="
_KEY_LINE = re.compile(r"^[a-z_]+\s*:")
_SEPARATOR = re.compile(r"^---\s*$")


class Enveloppe(Strict):
    """Who sends a proposal: the name to credit publicly, the address if given."""

    credit: Nom | None = Field(
        None,
        examples=["Marie Dupont"],
        description="Le nom à créditer publiquement (dans l'historique du dépôt et au pied des "
        "pages) ; sans lui, la proposition est enregistrée au nom de l'équipe éditoriale.",
    )
    courriel: Annotated[str, Field(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")] | None = Field(
        None,
        examples=["marie.dupont@example.org"],
        description="L'adresse de la personne, si elle la donne : elle figure avec son nom "
        "dans l'historique du dépôt, qui est public.",
    )


class Proposition(Strict):
    """The envelope document: ``proposition: {credit: …, courriel: …}``."""

    proposition: Enveloppe = Field(description="Qui envoie la proposition.")


@dataclass
class Document:
    """One record of a proposal: its text, where it starts in the received file, its values,
    and the file it becomes (``territoires/…``)."""

    source: str
    first_line: int
    text: str
    raw: dict[str, object]
    lines: Lines = field(repr=False)
    target: str

    def received_line(self, line: int) -> int:
        """The received file's line of the document's ``line``."""
        return self.first_line + line - 1


def read_text(
    text: str, name: str
) -> tuple[list[Document], Enveloppe | None, list[str], list[Erreur]]:
    """The documents of a received text (already decoded), its envelope, what was set aside
    (``notes``), and the problems, at the received file's lines."""
    lines = text.split("\n")
    notes: list[str] = []
    start = next((i for i, ln in enumerate(lines) if _starts_yaml(_unquoted(ln))), len(lines))
    if start and any(ln.strip() for ln in lines[:start]):
        notes.append(
            f"{name} : {start} ligne{'s' * (start > 1)} avant le début de la proposition, ignorées"
        )
    quoted = start < len(lines) and lines[start].startswith(">")
    end = next((i for i in range(start, len(lines)) if _ends(lines[i], quoted)), len(lines))
    if end < len(lines) and any(ln.strip() for ln in lines[end:]):
        notes.append(
            f"{name} : lignes {end + 1} et suivantes (signature, suite du message), ignorées"
        )
    body = [_unquoted(ln) for ln in lines[start:end]] if quoted else lines[start:end]
    if quoted:
        notes.append(f"{name} : citation « > » retirée devant chaque ligne")
    documents, envelope, problems = [], None, []
    for first, chunk in _chunks(body, start + 1):
        if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in chunk):
            continue  # comments only: the form's header
        chunk_text = "\n".join(chunk) + "\n"
        try:
            raw, where = read_yaml(chunk_text)
        except YamlError as err:
            problems.append(Erreur(name, first + err.line - 1, err.field, err.message))
            continue
        if isinstance(raw, dict) and "proposition" in raw:
            envelope = _envelope(raw, where, name, first, problems, envelope is not None)
            continue
        target = _target(raw)
        if target is None:
            problems.append(Erreur(name, first, "", _UNKNOWN))
            continue
        assert isinstance(raw, dict)
        documents.append(Document(name, first, chunk_text, raw, where, target))
    if not documents and not problems:
        problems.append(Erreur(name, 1, "", "aucune fiche dans ce fichier : " + _UNKNOWN))
    return documents, envelope, notes, problems


_UNKNOWN = (
    "ni un territoire (« nom: … ») ni une expérience (« territoire: … ») : chaque partie "
    "séparée par « --- » est l'un ou l'autre"
)


def _unquoted(line: str) -> str:
    """A line of a quoted mail without its « > »."""
    return re.sub(r"^> ?", "", line) if line.startswith(">") else line


def _ends(line: str, quoted: bool) -> bool:
    """The end of a proposal in a mail: a signature (« -- »), or the quote's end."""
    return line.rstrip() == "--" or (quoted and bool(line.strip()) and not line.startswith(">"))


def _starts_yaml(line: str) -> bool:
    """The first line of a proposal: a comment, a separator or a field at the margin."""
    return (
        line.startswith("# ")
        or line == "#"
        or bool(_SEPARATOR.match(line))
        or bool(_KEY_LINE.match(line))
    )


def _chunks(body: list[str], first_line: int) -> list[tuple[int, list[str]]]:
    """The documents between ``---`` lines, each with the received file's line it starts at."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body, start=first_line):
        if _SEPARATOR.match(line):
            chunks.append((start, current))
            current, start = [], number + 1
        else:
            current.append(line)
    chunks.append((start, current))
    return chunks


def _envelope(
    raw: dict[str, object],
    where: Lines,
    name: str,
    first: int,
    problems: list[Erreur],
    twice: bool,
) -> Enveloppe | None:
    if twice:
        problems.append(Erreur(name, first, "proposition", "une seule enveloppe « proposition: »"))
        return None
    try:
        return Proposition.model_validate(raw).proposition
    except ValidationError as err:
        for e in from_validation(err, Proposition, name, where):
            problems.append(Erreur(name, first + e.ligne - 1, e.champ, e.message))
        return None


def _target(raw: object) -> str | None:
    """Where a document goes: ``territoires/<nom>.yml`` or ``territoires/<t>/<titre>.yml``
    (a title or name that gives no file name: under ``sans-titre``, for check to explain)."""
    if not isinstance(raw, dict):
        return None
    if "nom" in raw and "territoire" not in raw:
        return f"territoires/{slugify(str(raw['nom'] or '')) or 'sans-nom'}.yml"
    territoire = raw.get("territoire")
    if isinstance(territoire, str):
        folder = slugify(territoire) or "sans-territoire"
        return f"territoires/{folder}/{slugify(str(raw.get('titre') or '')) or 'sans-titre'}.yml"
    return None
