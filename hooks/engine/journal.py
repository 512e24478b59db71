"""The console in French: the engine's own lines (« Documentation built in 2.21 seconds ») said
in French by a logging filter on the console's handler, set up once by ``build.py``.

The engine's code is left as it is: its messages are matched here, line by line, and any line
we do not know (a new version's, a plugin's) goes through unchanged. Only the engine's loggers
(``properdocs.*``, and ``mkdocs.*`` for Material and the live server) are translated; the
levels are named in French for every line (« ATTENTION », « ERREUR »).

>>> en_francais("Documentation built in 2.21 seconds")
'Pages construites en 2,21 secondes'
>>> en_francais("[16:18:26] Serving on http://127.0.0.1:8000/referentiel-vivant/")
'[16:18:26] Site servi sur http://127.0.0.1:8000/referentiel-vivant/'
>>> en_francais("Aborted with 2 warnings, 1 errors in strict mode!")
'Construction arrêtée : 2 avertissement(s), 1 erreur(s) (aucun n’est toléré)'
>>> en_francais("Index de recherche : 180 entrées")
'Index de recherche : 180 entrées'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

FORMAT = "%(levelname)-9s -  %(message)s"
LEVELS = {"DEBUG": "DÉTAIL", "WARNING": "ATTENTION", "ERROR": "ERREUR", "CRITICAL": "GRAVE"}
ENGINE = ("properdocs", "mkdocs")  # the loggers whose lines are translated
STAGING = ".site-en-cours-"  # construire.py's fresh folder, swapped in on success
KINDS = {"warnings": "avertissement(s)", "errors": "erreur(s)", "criticals": "erreur(s) grave(s)"}


def _comma(number: str) -> str:
    return number.replace(".", ",")


def _folder(match: re.Match[str]) -> str:
    path = match["path"]
    if path.rstrip("/").rsplit("/", 1)[-1].startswith(STAGING):
        return (
            "Construction des pages dans un dossier provisoire, qui ne remplace le site "
            f"qu’en cas de succès ({path})"
        )
    return f"Construction des pages dans {path}"


def _watched(match: re.Match[str]) -> str:
    return "Dossiers et fichiers surveillés : " + match["paths"].replace("'", "")


def _counts(match: re.Match[str]) -> str:
    parts = [p.split(" ", 1) for p in match["counts"].split(", ")]
    said = ", ".join(f"{n} {KINDS.get(kind, kind)}" for n, kind in parts)
    return f"Construction arrêtée : {said} (aucun n’est toléré)"


Translation = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
# The engine's lines (properdocs/commands/build.py and serve.py, livereload/__init__.py).
TRANSLATIONS: list[Translation] = [
    (re.compile(r"Cleaning site directory"), lambda m: "Le dossier du site est vidé"),
    (re.compile(r"Building documentation to directory: (?P<path>.+)"), _folder),
    (
        re.compile(r"Documentation built in (?P<s>[\d.]+) seconds"),
        lambda m: f"Pages construites en {_comma(m['s'])} secondes",
    ),
    (
        re.compile(r"The directory contains stale files\. Use --clean to remove them\."),
        lambda m: "Le dossier contient des fichiers périmés : construisez-le à nouveau en entier",
    ),
    (
        re.compile(r"(?P<kind>Template|Page) skipped: '(?P<name>.+?)'\.? \w+ empty output\."),
        lambda m: (
            ("Gabarit vide laissé" if m["kind"] == "Template" else "Page vide laissée")
            + f" de côté : {m['name']}"
        ),
    ),
    (re.compile(r"Building documentation\.\.\."), lambda m: "Construction des pages…"),
    (re.compile(r"Watching paths for changes: (?P<paths>.+)"), _watched),
    (
        re.compile(r"Serving on (?P<url>\S+) and opening it in a browser"),
        lambda m: f"Site servi sur {m['url']}, ouvert dans le navigateur",
    ),
    (re.compile(r"Serving on (?P<url>\S+)"), lambda m: f"Site servi sur {m['url']}"),
    (re.compile(r"Detected file changes"), lambda m: "Fichiers modifiés : le site est refait"),
    (re.compile(r"Reloading browsers"), lambda m: "Navigateurs rechargés"),
    (re.compile(r"Browser connected: (?P<url>\S+)"), lambda m: f"Navigateur connecté : {m['url']}"),
    (re.compile(r"Shutting down\.\.\."), lambda m: "Arrêt…"),
    (
        re.compile(r"An error happened during the rebuild\. .*"),
        lambda m: "Erreur en refaisant le site : les pages attendront qu’elle soit corrigée",
    ),
    (re.compile(r"Aborted with (?P<counts>.+) in strict mode!"), _counts),
    (re.compile(r"Aborted with a BuildError!"), lambda m: "Construction arrêtée par une erreur"),
]
TIME = re.compile(r"(\[\d\d:\d\d:\d\d\] )?(.*)", flags=re.DOTALL)  # the live server's prefix


def en_francais(line: str) -> str:
    """The engine's line in French, its time prefix kept; a line we do not know, unchanged."""
    time, text = TIME.fullmatch(line).groups()  # type: ignore[union-attr]  (always matches)
    for pattern, french in TRANSLATIONS:
        if match := pattern.fullmatch(text):
            return (time or "") + french(match)
    return line


class EnFrancais(logging.Filter):
    """Names the level in French and translates the engine's lines, leaving ours as written."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelname = LEVELS.get(record.levelname, record.levelname)
        if record.name.split(".", 1)[0] in ENGINE:
            try:
                text = record.getMessage()
            except (TypeError, ValueError):  # a malformed call: logging reports it itself
                return True
            if (french := en_francais(text)) != text:
                record.msg, record.args = french, ()
        return True


def configure(level: int = logging.INFO) -> None:
    """The console's format, with :class:`EnFrancais` on its handler (once, however often
    this is called)."""
    logging.basicConfig(format=FORMAT, level=level)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, EnFrancais) for f in handler.filters):
            handler.addFilter(EnFrancais())
