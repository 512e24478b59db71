"""The system libraries WeasyPrint needs to write the PDFs, said in French when they are missing.

On a fresh machine, ``pip install -e .`` brings WeasyPrint but not Pango, GObject and HarfBuzz,
which it loads from the system: ``python build.py build`` then stopped on a traceback. It now
says what to install, or how to build without the PDFs. Without HarfBuzz's subsetting library
alone, WeasyPrint works but warned once per font and per PDF (95 lines a build): one French
line says it instead.

Example::

    problem = pdf_libraries()  # None when WeasyPrint can write PDFs
"""

from __future__ import annotations

import logging
import sys

# Debian (bookworm) packages that WeasyPrint loads; .ci/run installs them with the rest.
PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
SUBSET = "libharfbuzz-subset0"


class _NoSubsetWarning(logging.Filter):
    """Drops WeasyPrint's « Using fontTools instead of HarfBuzz-Subset » lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


def pdf_libraries() -> str | None:
    """Why the PDFs cannot be written here (a French message naming the packages), or None.

    When only HarfBuzz's subsetting library is missing, prints one line about it and silences
    WeasyPrint's warning per font (the PDFs are written all the same, more slowly).
    """
    try:
        from weasyprint.pdf import fonts  # loads GObject, Pango and HarfBuzz through cffi
    except OSError as error:
        return (
            "Les PDF ne peuvent pas être écrits : WeasyPrint ne trouve pas les bibliothèques "
            f"du système qu'il utilise ({error}).\n"
            f"Installez-les (Debian, Ubuntu : apt-get install {PACKAGES} ; ou « bash .ci/run "
            "--sans-tests », qui installe tout), ou construisez le site sans les PDF : "
            "python build.py build --sans-pdf"
        )
    if fonts.harfbuzz_subset is None:
        logger = logging.getLogger("weasyprint")
        if not any(isinstance(f, _NoSubsetWarning) for f in logger.filters):
            logger.addFilter(_NoSubsetWarning())
            print(
                f"Note : {SUBSET} manque, les polices des PDF sont réduites plus lentement "
                f"(apt-get install {SUBSET}).",
                file=sys.stderr,
            )
    return None
