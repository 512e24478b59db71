"""The Nu HTML Checker (vnu-jar, pinned in package.json) over a built site, in one JVM run.

Example::

    report = vnu_report(Path("site"))
    report["pages"], report["by_source"]  # (101, {'ours': 0, 'theme': 202})

It checks any folder of HTML files: ``tests/test_html_valid.py`` also saves a few pages as
their scripts leave them (search results, explorer, copy buttons) and checks those.

Every error is classified by where its markup comes from:

- ``"theme"``: the offending markup is Material for MkDocs' own — its extract carries one of
  Material's markers (``md-`` classes, ``data-md-`` attributes, the ``__drawer``,
  ``__search`` and ``__toc`` toggles) and none of ours (``rv-`` classes and ids). Such an error
  is either fixed by overriding the partial in ``hooks/theme/`` or listed, with its reason,
  in :data:`KNOWN_THEME_ERRORS` (and in the accessibility statement);
- ``"ours"``: anything else (our templates, contributor text cleaned by ``hooks/sanitize``,
  our partials' own markup): there must be none.

The heuristic reads only the validator's extract (a few dozen characters around the error),
so markup of ours copied into a theme override (header, sidebar) counts as the theme's when
it keeps Material's classes: the test then wants it listed, never silently accepted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker needs at least 512k of thread stack to evaluate its HTML schema.
JAVA = ("java", "-Xss1m", "-jar", str(JAR))

_THEME = re.compile(r"\bmd-[a-z]|data-md-|__(?:drawer|search|toc)\b")
_OURS = re.compile(r"\brv-[a-z]")


@dataclass(frozen=True)
class KnownError:
    """A theme error we cannot fix with a small partial override, and why (in French: the
    accessibility statement shows it)."""

    message: str  # the start of the validator's message
    markup: str  # a piece of the offending markup, found in the validator's extract
    reason: str

    def matches(self, error: dict) -> bool:
        return error["message"].startswith(self.message) and self.markup in error["extract"]


_AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"
_WHY_AUTOCOMPLETE = (
    'Le thème Material for MkDocs met autocomplete="off" sur les cases à cocher cachées qui '
    "ouvrent ses panneaux, pour que Firefox ne rouvre pas un panneau en revenant sur une page ; "
    "la norme HTML n'autorise pas cet attribut sur une case à cocher. Ces cases sont écrites "
    "dans le squelette de toutes les pages (base.html) et non dans un fragment remplaçable : "
    "les corriger demanderait de recopier tout ce squelette, et de perdre ce réglage. Sans "
    "effet sur la lecture ni sur les technologies d'assistance. Signalé au thème en 2020 "
    "(squidfunk/mkdocs-material#1513), qui a gardé l'attribut."
)
_WHY_COPY_BUTTON = (
    "Le bouton « Copier dans le presse-papier » des blocs à copier (BibTeX, CSL-JSON) est "
    "ajouté par le script du thème, dans la page affichée et non dans le HTML publié, à "
    "l'intérieur d'un élément nav placé dans le bloc pre, ce que la norme HTML n'autorise pas. "
    "Aucun fragment remplaçable du thème ne l'écrit ; le bouton reste un vrai bouton."
)
KNOWN_THEME_ERRORS: tuple[KnownError, ...] = (
    KnownError(_AUTOCOMPLETE, 'id="__drawer" autocomplete="off"', _WHY_AUTOCOMPLETE),
    KnownError(_AUTOCOMPLETE, 'id="__search" autocomplete="off"', _WHY_AUTOCOMPLETE),
    # Only in the page as scripts leave it (tests/test_html_valid.py checks that too).
    KnownError(
        "Element “nav” not allowed as child of element “pre”",
        '<nav class="md-code__nav">',
        _WHY_COPY_BUTTON,
    ),
)


def available() -> str | None:
    """Why the checker cannot run here (for a test's skip message), or None."""
    if shutil.which("java") is None:
        return "Java est absent (apt-get install default-jre-headless, comme .ci/run)"
    if not JAR.is_file():
        return f"{JAR.relative_to(ROOT)} est absent (npm ci, comme .ci/run)"
    return None


def vnu_version() -> str:
    """The checker's version, e.g. ``"26.9.27 (c6ba02c)"``."""
    result = subprocess.run([*JAVA, "--version"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def source(error: dict) -> str:
    """``"theme"`` or ``"ours"``, from the offending markup (see the module's docstring)."""
    extract = error["extract"]
    return "theme" if _THEME.search(extract) and not _OURS.search(extract) else "ours"


def known_reason(error: dict) -> str | None:
    """Why a theme error is left as it is, if it is one of :data:`KNOWN_THEME_ERRORS`."""
    if error["source"] != "theme":
        return None
    return next((known.reason for known in KNOWN_THEME_ERRORS if known.matches(error)), None)


def vnu_report(site_dir: Path) -> dict:
    """Check every HTML page of a built site in one run of the checker.

    Returns ``{"version", "pages", "errors", "by_message", "by_source", "warnings"}``: each
    error is ``{"page": "balises/x/index.html", "line", "column", "message", "extract",
    "source": "ours" | "theme", "known": reason | None}``; ``by_message`` counts the errors by
    message, ``warnings`` the warnings by message (they do not make a page invalid).
    """
    site = Path(site_dir).resolve()
    pages = sum(1 for _ in site.rglob("*.html"))
    command = [*JAVA, "--format", "json", "--skip-non-html", "--exit-zero-always", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        output = json.loads(result.stderr)  # the checker writes its JSON to stderr
    except json.JSONDecodeError:
        raise RuntimeError(
            f"Le validateur n'a pas rendu de JSON : {result.stderr[-2000:]}"
        ) from None
    errors, warnings = [], Counter()
    for message in output["messages"]:
        if message["type"] == "non-document-error":  # a file it could not read
            raise RuntimeError(f"Le validateur n'a pas pu lire {message.get('url')}: {message}")
        if message["type"] == "info":
            warnings[message["message"]] += 1
            continue
        error = {
            "page": Path(unquote(urlparse(message["url"]).path)).relative_to(site).as_posix(),
            "line": message.get("lastLine"),
            "column": message.get("firstColumn"),
            "message": message["message"],
            "extract": message.get("extract", ""),
        }
        error["source"] = source(error)
        error["known"] = known_reason(error)
        errors.append(error)
    errors.sort(key=lambda e: (e["page"], e["line"] or 0, e["column"] or 0))
    return {
        "version": output.get("version") or vnu_version(),
        "pages": pages,
        "errors": errors,
        "by_message": dict(Counter(e["message"] for e in errors).most_common()),
        "by_source": {s: sum(e["source"] == s for e in errors) for s in ("ours", "theme")},
        "warnings": dict(warnings.most_common()),
    }


def describe(errors: list[dict], limit: int = 30) -> str:
    """One line per error, ``page:line: message`` and the markup, for a failure message."""
    lines = [
        f"{e['page']}:{e['line']}: {e['message']}\n    {' '.join(e['extract'].split())}"
        for e in errors[:limit]
    ]
    if len(errors) > limit:
        lines.append(f"… et {len(errors) - limit} autres")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m tests.vnu [site]: the report, summed up
    import sys

    report = vnu_report(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(f"vnu {report['version']}, {report['pages']} pages, {report['by_source']}")
    for text, count in report["by_message"].items():
        print(f"{count:5}  {text}")
    print(describe([e for e in report["errors"] if not e["known"]]))
