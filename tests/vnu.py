"""The Nu HTML Checker (vnu-jar, pinned in package.json) over a built site, in one JVM run.

Example::

    report = vnu_report(Path("site"))
    report["pages"], report["by_source"]  # (176, {'ours': 0, 'theme': 0})

It checks any folder of HTML files: ``tests/test_html_valid.py`` also saves a few pages as
their scripts leave them (search results, explorer, copy buttons) and checks those. There
must be no error at all, whoever wrote the markup (RGAA criterion 8.2 asks for valid code).

To say where to fix it, every error is classified by where its markup comes from:

- ``"theme"``: the offending markup is Material for MkDocs' own — its extract carries one of
  Material's markers (``md-`` classes, ``data-md-`` attributes, the ``__drawer``,
  ``__search`` and ``__toc`` toggles) and none of ours (``rv-`` classes and ids): override the
  partial in ``hooks/theme/``, rewrite the page's HTML (``on_post_page`` in
  ``hooks/engine/mkdocs_hooks.py``) or, for markup that the theme's script writes, fix it in
  ``docs/assets/raccourcis.js``;
- ``"ours"``: anything else (our templates, contributor text cleaned by ``hooks/sanitize``,
  our partials' own markup).

The heuristic reads only the validator's extract (a few dozen characters around the error),
so markup of ours copied into a theme override (header, sidebar) counts as the theme's when
it keeps Material's classes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

from .outils import missing

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker needs at least 512k of thread stack to evaluate its HTML schema.
JAVA = ("java", "-Xss1m", "-jar", str(JAR))

_THEME = re.compile(r"\bmd-[a-z]|data-md-|__(?:drawer|search|toc)\b")
_OURS = re.compile(r"\brv-[a-z]")


def available() -> str | None:
    """Why the checker cannot run here (a test's failure message), or None."""
    if shutil.which("java") is None:
        return missing("java")
    if not JAR.is_file():
        return f"{JAR.relative_to(ROOT)} manque : lancez « npm ci » (ou « bash .ci/run »)"
    return None


def vnu_version() -> str:
    """The checker's version, e.g. ``"26.9.27 (c6ba02c)"``."""
    result = subprocess.run([*JAVA, "--version"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def source(error: dict) -> str:
    """``"theme"`` or ``"ours"``, from the offending markup (see the module's docstring)."""
    extract = error["extract"]
    return "theme" if _THEME.search(extract) and not _OURS.search(extract) else "ours"


def vnu_report(site_dir: Path) -> dict:
    """Check every HTML page of a built site in one run of the checker.

    Returns ``{"version", "pages", "errors", "by_message", "by_source", "warnings"}``: each
    error is ``{"page": "balises/x/index.html", "line", "column", "message", "extract",
    "source": "ours" | "theme"}``; ``by_message`` counts the errors by
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
    """One line per error, ``page:line: message`` and the markup (with, when known, whose it
    is), for a failure message."""
    whose = {"theme": " (thème)", "ours": " (notre code)"}
    lines = [
        f"{e['page']}:{e['line']}: {e['message']}{whose.get(e.get('source'), '')}\n"
        f"    {' '.join(e['extract'].split())}"
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
    print(describe(report["errors"]))
