"""How to cite a page: plain text, BibTeX and CSL-JSON, from the record and its history.

>>> c = Citation("construire-le-recit", "Construire le récit", ["Les contributeurs"],
...              "0.1.0", "2026-11-22", "https://exemple.fr/balises/construire-le-recit/",
...              "CC BY-SA 4.0")
>>> print(c.bibtex().splitlines()[0])
@misc{referentiel-vivant-construire-le-recit,
>>> json.loads(c.csl_json()) == [c.csl_item()]
True

Each page shows its own citation, ready to copy; :func:`collected` gathers every page's
into the two files of the open data (``donnees/citations.bib`` and ``.json``).

Titles and names may hold any character: :func:`bibtex_text` writes them so that BibTeX
reads one field with the same text, whatever the braces or backslashes in it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from schemas.invisible import strip_invisible

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# BibTeX counts every brace, even after a backslash: ``\{`` would close a field early.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: "\\" + char for char in "&%$#_"},
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}~^&%$#_]")


def bibtex_text(text: str) -> str:
    r"""Text for a BibTeX field, in LaTeX, on one line: its braces balanced whatever it holds.

    >>> print(bibtex_text("50 % {réemploi}\n~ C:\\"))
    50 \% \textbraceleft{}réemploi\textbraceright{} \textasciitilde{} C:\textbackslash{}
    """
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m[0]], " ".join(text.split()))


def date_fr(iso: str) -> str:
    """``2026-11-22`` (or a full ISO timestamp) → ``22 novembre 2026``."""
    year, month, day = (int(part) for part in iso[:10].split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def in_sentence(name: str) -> str:
    """A contributor's name as it reads inside a sentence (« Par … », « Contributions : … »):
    a team named by a common noun takes a small article; a person's name is left as it is.

    >>> in_sentence("L'équipe du Référentiel vivant"), in_sentence("Les éditeurs")
    ("l'équipe du Référentiel vivant", 'les éditeurs')
    >>> in_sentence("Le Goff"), in_sentence("Louise Le Goff")
    ('Le Goff', 'Louise Le Goff')
    """
    article = re.match(r"(?:L[ea]s? |L['’])(?=[^\W\d_])", name)
    if article and name[article.end()].islower():
        return name[:1].lower() + name[1:]
    return name


@dataclass(frozen=True)
class Citation:
    """Everything needed to cite one page of the site."""

    id: str
    title: str
    authors: list[str]
    version: str
    date: str  # AAAA-MM-JJ
    url: str
    licence: str
    site: str = "Référentiel vivant"

    def __post_init__(self) -> None:
        # Authors may be read from git, where nothing is validated.
        object.__setattr__(self, "title", strip_invisible(self.title))
        object.__setattr__(self, "authors", [strip_invisible(a) for a in self.authors])

    def text(self) -> str:
        return (
            f"{', '.join(self.authors)}, « {self.title} », {self.site}, version "
            f"{self.version}, {date_fr(self.date)}, {self.url} (licence {self.licence})."
        )

    def bibtex(self) -> str:
        esc = bibtex_text
        year, month, _ = self.date.split("-")
        authors = " and ".join("{" + esc(a) + "}" for a in self.authors)
        url = self.url.replace("{", "%7B").replace("}", "%7D")  # the same address
        return (
            "\n".join(
                [
                    f"@misc{{referentiel-vivant-{self.id},",
                    f"  author = {{{authors}}},",
                    f"  title = {{{esc(self.title)}}},",
                    f"  howpublished = {{{esc(self.site)}, version {esc(self.version)}}},",
                    f"  year = {{{year}}},",
                    f"  month = {{{int(month)}}},",
                    f"  url = {{{url}}},",
                    f"  note = {{Licence {esc(self.licence)}}}",
                    "}",
                ]
            )
            + "\n"
        )

    def csl_item(self) -> dict[str, object]:
        """The page as one CSL-JSON item, as Zotero and pandoc read it."""
        year, month, day = (int(p) for p in self.date.split("-"))
        return {
            "id": f"referentiel-vivant-{self.id}",
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": a} for a in self.authors],
            "container-title": self.site,
            "version": self.version,
            "issued": {"date-parts": [[year, month, day]]},
            "URL": self.url,
            "license": self.licence,
            "language": "fr",
        }

    def csl_json(self) -> str:
        """CSL-JSON for this page alone (a list of one item), a field per line.

        Written field by field: ``json.dumps(indent=…)`` takes the slow pure-Python path,
        and this runs for every page.
        """
        fields = (
            f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
            for key, value in self.csl_item().items()
        )
        return "[\n  {\n" + ",\n".join(fields) + "\n  }\n]"


def collected(citations: list[Citation]) -> dict[str, str]:
    """Every page's citation in one BibTeX file and one CSL-JSON file, by site path."""
    return {
        "donnees/citations.bib": "\n".join(c.bibtex() for c in citations),
        "donnees/citations.json": json.dumps([c.csl_item() for c in citations], ensure_ascii=False)
        + "\n",
    }
