"""How long do the PDFs take? Prints the time of one chapter PDF and of all of them.

    python benchmarks/pdf.py                  # « engagement », then every PDF
    python benchmarks/pdf.py --only valeur    # another PDF for the first figure

Targets on the 2-core reference machine: one chapter under 5 s, every PDF under 60 s.
Each figure is a cold run in a fresh process (fonts and stylesheets loaded anew), as in
``python build.py build``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"un PDF": 5.0, "tous les PDF": 60.0}
CODE = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from hooks.pdf import write_pdfs
from schemas.index import load_index
start = time.perf_counter()
paths = write_pdfs(load_index(Path({root!r})), Path({out!r}), "https://exemple.org/", {only!r})
print(time.perf_counter() - start, len(paths))
"""


def timed(only: str | None) -> tuple[float, int]:
    """Seconds and number of PDFs for one cold run of ``write_pdfs`` (index load included)."""
    with tempfile.TemporaryDirectory() as out:
        code = CODE.format(root=str(ROOT), out=out, only=only)
        result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        seconds, count = result.stdout.split()
        return float(seconds), int(count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="engagement", help="PDF mesuré seul")
    args = parser.parse_args()
    failed = False
    for label, only in (("un PDF", args.only), ("tous les PDF", None)):
        seconds, count = timed(only)
        ok = seconds <= TARGETS[label]
        failed |= not ok
        name = f"{args.only}.pdf" if only else f"{count} PDF"
        print(
            f"{label:<13} {name:<22} {seconds:6.2f} s  (cible {TARGETS[label]:.0f} s) "
            f"{'ok' if ok else 'TROP LENT'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
