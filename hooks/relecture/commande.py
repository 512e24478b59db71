"""``python build.py revue BASE [HEAD] [--pages DOSSIER [--site SITE]]``.

Prints the review summary (:mod:`hooks.relecture.revue`) as Markdown on the standard output,
and nothing else there, so that CI appends it to the job summary as it is; everything else
(the pages copied, a revision git does not know) goes to the error output.

Exit code: 0 when the records at HEAD pass the check, 1 when they do not (the summary lists
the errors, and CI shows the proposal in red), 2 when the command cannot compare (a revision
git does not know, ``--pages`` with a HEAD other than the working tree, a non-empty folder).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

from hooks.relecture.etat import RevisionInconnue, fichiers_changes, lire
from hooks.relecture.pages import copier, pages_of, records_of
from hooks.relecture.revue import Revue, markdown


def revue(
    root: Path,
    base: str,
    head: str | None,
    dossier: Path | None = None,
    site: Path | None = None,
    construire: Callable[[Path], int] | None = None,
) -> int:
    """Print the summary from ``base`` to ``head`` (None: the working tree); with ``dossier``,
    copy there the pages the proposal changes, from ``site`` or from a build made by
    ``construire(site_dir)`` (the working tree's site, without PDFs)."""
    if dossier is not None:
        if head is not None:
            print(
                "--pages montre les pages de l'arbre de travail : omettez HEAD (après "
                f"« git switch --detach {head} » si c'est une autre révision).",
                file=sys.stderr,
            )
            return 2
        if dossier.exists() and (not dossier.is_dir() or any(dossier.iterdir())):
            print(f"{dossier} existe et n'est pas vide : donnez un dossier neuf.", file=sys.stderr)
            return 2
    try:
        summary = Revue(lire(root, base), lire(root, head), fichiers_changes(root, base, head))
    except RevisionInconnue as error:
        print(error, file=sys.stderr)
        return 2
    print(markdown(summary))
    if dossier is not None:
        records = records_of(summary.revisions, summary.avant, summary.apres)
        if summary.apres.index is None:
            print("Pages non copiées : corrigez d'abord les erreurs.", file=sys.stderr)
        elif site is not None:
            _copier(site, pages_of(summary.apres, records), dossier)
        elif construire is not None:
            with tempfile.TemporaryDirectory(prefix="rv-revue-site-") as folder:
                with redirect_stdout(sys.stderr):  # the build's messages are not the summary
                    if construire(Path(folder) / "site") != 0:
                        return 1
                _copier(Path(folder) / "site", pages_of(summary.apres, records), dossier)
    return summary.code_de_sortie


def _copier(site: Path, pages: list[str], dossier: Path) -> None:
    files = copier(site, pages, dossier)
    n = len(pages)
    print(
        f"{n} page{'s' * (n > 1)} changée{'s' * (n > 1)} copiée{'s' * (n > 1)} dans {dossier} "
        f"({len(files)} fichiers) : ouvrez {dossier / 'index.html'}.",
        file=sys.stderr,
    )
