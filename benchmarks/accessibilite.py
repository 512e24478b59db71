"""Measure the site's accessibility and write ``qualite/accessibilite.json``, from which the
build writes the « Déclaration d'accessibilité » (``hooks/projet/accessibilite.py``).

    python benchmarks/accessibilite.py             # measures, prints, writes the file
    python benchmarks/accessibilite.py --afficher  # prints only

The measurements are those of ``tests/test_accessibility.py`` (the functions of
``tests/audit.py``), on the same build: the records of the repository and the test
territories, without the PDFs, served on localhost and opened in Debian's chromium. That
test fails when what it measures no longer matches this file: run this script again, read
the changes (``git diff qualite/``) and commit them with the change that caused them.

When ``tests/vnu.py`` and Java are there, the Nu HTML Checker's results are added under
``"html"`` (its version, its errors by origin, and by message: there must be none);
otherwise ``"html"`` is ``null``.

Exit code 1 if anything is found to fix: a violation, a keyboard check that fails, a page
whose structure is wrong, an HTML error (ours or the theme's).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.projet.accessibilite import FIX, MEASURES, findings  # noqa: E402
from tests import audit  # noqa: E402
from tests.served import browser, serve  # noqa: E402

try:
    from tests import vnu
except ImportError:  # the HTML checker's module is not there (yet)
    vnu = None

OUTPUT = ROOT / MEASURES


def html_results(site: Path) -> dict[str, object] | None:
    """The Nu HTML Checker's results, summed up for the statement, or None without it."""
    if vnu is None:
        print("Validité HTML non mesurée : tests/vnu.py est absent.", file=sys.stderr)
        return None
    missing = vnu.available()
    if missing:
        print(f"Validité HTML non mesurée : {missing}.", file=sys.stderr)
        return None
    report = vnu.vnu_report(site)
    return {
        "version": report["version"],
        "pages": report["pages"],
        "par_origine": report["by_source"],
        "a_corriger": dict(Counter(e["message"] for e in report["errors"])),
        "connues": [],  # no error is accepted any more, the theme's included (tests/vnu.py)
    }


def measured(site: Path) -> dict[str, object]:
    """The whole file: when, with what, and everything :func:`tests.audit.measure` finds."""
    with serve(site) as url, browser() as (context, _):
        found = audit.measure(context, url, site)
        versions = audit.tool_versions(context)
    return {
        "date": date.today().isoformat(),
        "outils": versions,
        **audit.without_targets(found),
        "html": html_results(site),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--afficher", action="store_true", help=f"ne pas écrire {OUTPUT.relative_to(ROOT)}"
    )
    args = parser.parse_args()
    if not audit.axe_available():
        print("axe-core est absent de node_modules/ : lancez « npm ci ».", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = audit.build_site(Path(tmp) / "depot")
        report = measured(site)
    problems = findings(report)
    summary = audit.summary(report["pages"])
    print(f"axe-core {report['outils']['axe-core']}, {len(audit.PAGES)} pages à {audit.WIDTHS} px")
    print(f"violations par règle : {summary or 'aucune'}")
    for problem in problems:
        print(f"- {problem.where} : {problem.what}")
    if not args.afficher:
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        OUTPUT.parent.mkdir(exist_ok=True)
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"écrit : {OUTPUT.relative_to(ROOT)}")
    to_fix = [p for p in problems if p.fix == FIX]  # the theme's known errors have a reason
    return 1 if to_fix else 0


if __name__ == "__main__":
    sys.exit(main())
