"""Ligne de commande du Référentiel vivant.

python build.py check                    vérifie tous les fichiers YAML
python build.py build                    vérifie puis construit le site dans site/
python build.py serve                    aperçu en direct, reconstruit à chaque modification
python build.py new territoire "Nom"     crée territoires/<nom>.yml à compléter (avec le code
                                         INSEE ou SIREN si le nom est celui d'une commune
                                         ou d'une intercommunalité ; --code CODE sinon)
python build.py new experience ID "Titre"  crée territoires/ID/<titre>.yml, une expérience
python build.py recevoir FICHIER…        range et committe une proposition reçue (--auteur)
python build.py schemas                  exporte les schémas JSON dans schemas/
python build.py pdf [--seul ID]          écrit les PDF (chapitres, référentiel, cartes)
python build.py export DOSSIER           écrit les pages générées et leur mkdocs.yml, que
                                         « properdocs build » construit sans nos hooks
python build.py revue BASE [HEAD]        résumé en Markdown, pour la relecture, de ce qui change
                                         de BASE à HEAD (par défaut l'arbre de travail) ;
                                         --pages DOSSIER : les pages changées, à ouvrir
python build.py relu TERRITOIRE EXP      note la relecture d'une expérience (relue: du jour,
                                         ou --date AAAA-MM-JJ), sans rien changer d'autre
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from functools import partial
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice, once known

# The engine is ProperDocs, the maintained continuation of MkDocs 1.x. Material 9.8 still
# requires the `mkdocs` package, so pip installs it, but nothing runs it: this import (the
# documented drop-in switch, which the `properdocs` command itself makes as it starts) makes
# every `mkdocs.*` import that follows, ours (hooks/engine/mkdocs_hooks.py) and Material's,
# resolve to `properdocs.*`. It costs under a millisecond, so `check` stays fast.
import properdocs.replacement  # noqa: F401  (before any mkdocs import)

from schemas.errors import ErreursDeValidation
from schemas.history import read_history
from schemas.index import Index, load_index
from schemas.jsonschema import export
from schemas.kinds import KINDS
from schemas.permanence import verify

ROOT = Path(__file__).resolve().parent


def check(root: Path, annotations: bool = False) -> int:
    """Load and validate everything; print every error; 0 if all is well, else 1.

    With ``annotations``, also print each error as a GitHub Actions annotation, which the
    forge shows on the right line of the pull request's files.
    """
    start = time.perf_counter()
    try:
        index = load_index(root)
        verify(index, root, read_history(root, reviews=False))  # published ids stay
    except ErreursDeValidation as errors:
        print(errors.rapport(), file=sys.stderr)
        if annotations:
            for e in errors.erreurs:
                message = f"{e.champ}: {e.message}" if e.champ else e.message
                print(f"::error file={e.fichier},line={e.ligne}::{_annotation(message)}")
        return 1
    for warning in index.avertissements:  # said, never failing
        print(warning, file=sys.stderr)
    print(f"Tout est valide : {summary(index)} ({time.perf_counter() - start:.2f} s).")
    return 0


def _annotation(text: str) -> str:
    """Escape a message for a GitHub workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def export_schemas() -> int:
    """Write ``schemas/*.schema.json`` from the models."""
    for path in export():
        print(f"Écrit : {path.relative_to(ROOT)}")
    return 0


def summary(index: Index) -> str:
    """``4 enjeux, 23 balises, …``"""
    counts = [f"{len(index.of_kind(k.name))} {k.plural}" for k in KINDS]
    return ", ".join(counts)


def build(root: Path, site_dir: Path, with_pdf: bool = True) -> int:
    """Build the site into ``site_dir`` (see :mod:`hooks.engine.construire`)."""
    # The engine takes a quarter of a second to import: only the commands that build import
    # it, so that `check`, run again and again by contributors, starts fast.
    from hooks.engine.construire import build as build_site

    return build_site(root, site_dir, with_pdf)


def pdf(root: Path, out_dir: Path, only: str | None) -> int:
    """Write the PDFs (or only one of them) into ``out_dir``."""
    from hooks.engine.bibliotheques import pdf_libraries

    if problem := pdf_libraries():
        print(problem, file=sys.stderr)
        return 1
    from hooks.pdf.progress import write_all_pdfs  # WeasyPrint and segno: only to write PDFs

    try:
        paths = write_all_pdfs(root, out_dir, only)
    except ErreursDeValidation as errors:
        print(errors.rapport(), file=sys.stderr)
        return 1
    except ValueError as error:  # an unknown --seul id
        print(error, file=sys.stderr)
        return 1
    plural = "s" if len(paths) > 1 else ""
    print(f"{len(paths)} PDF placé{plural} dans {out_dir}.")
    return 0


def serve(root: Path, address: str) -> int:
    """Live preview, re-rendering only what an edit changes (see :mod:`hooks.engine.serve`)."""
    from hooks.engine.serve import serve as live_serve

    return live_serve(root, address)


def export_docs(root: Path, out: Path) -> int:
    """Write the generated pages and files as a plain docs folder, with its ``mkdocs.yml``,
    into ``out`` (see :mod:`hooks.engine.export`)."""
    from hooks.engine.export import export  # Jinja, markdown-it, nh3: not to check

    history = read_history(root)
    try:
        index = load_index(root)
        verify(index, root, history)
        site = export(index, history, root, out)
    except ErreursDeValidation as errors:
        print(errors.rapport(), file=sys.stderr)
        return 1
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Exporté dans {out} : {len(site.pages)} pages, {len(site.files)} fichiers, l'index de "
        f"recherche et mkdocs.yml. Pour construire le site : cd {out} && properdocs build"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python build.py", description="Vérifier et construire le Référentiel vivant."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="commande")
    check_cmd = commands.add_parser("check", help="vérifier tous les fichiers YAML")
    check_cmd.add_argument(
        "--annotations-github",
        action="store_true",
        help="écrire aussi les erreurs comme annotations GitHub Actions",
    )
    build_cmd = commands.add_parser("build", help="vérifier puis construire le site")
    build_cmd.add_argument(
        "--sans-pdf", action="store_true", help="ne pas écrire les PDF (aperçu rapide, mesures)"
    )
    build_cmd.add_argument(
        "--site-dir", type=Path, default=ROOT / "site", help="dossier du site (par défaut : site/)"
    )
    serve_cmd = commands.add_parser("serve", help="aperçu en direct du site")
    serve_cmd.add_argument("--adresse", default="127.0.0.1:8000", help="hôte:port d'écoute")
    new_cmd = commands.add_parser("new", help="créer un fichier à compléter")
    new_cmd.add_argument("type", choices=["territoire", "experience"], help="type de fiche")
    new_cmd.add_argument("nom", help='nom du territoire ("Le Mené"), ou son identifiant')
    new_cmd.add_argument("titre", nargs="?", help="titre de l'expérience (new experience)")
    new_cmd.add_argument(
        "--code",
        help="code INSEE de la commune ou SIREN de l'intercommunalité, si le nom ne suffit pas",
    )
    commands.add_parser("schemas", help="exporter les schémas JSON des fiches")
    pdf_cmd = commands.add_parser("pdf", help="écrire les PDF : enjeux, chapitres, cartes")
    pdf_cmd.add_argument("--seul", metavar="ID", help="un seul PDF, par exemple engagement")
    pdf_cmd.add_argument(
        "--dossier",
        type=Path,
        default=ROOT / "site" / "pdf",
        help="dossier des PDF (par défaut : site/pdf/)",
    )
    export_cmd = commands.add_parser(
        "export", help="écrire les pages générées, constructibles sans nos hooks"
    )
    export_cmd.add_argument("dossier", type=Path, help="dossier neuf ou vide")
    revue_cmd = commands.add_parser("revue", help="résumer une proposition pour la relecture")
    revue_cmd.add_argument("base", help="révision de départ (branche, étiquette ou commit)")
    revue_cmd.add_argument("head", nargs="?", help="révision proposée (défaut : arbre de travail)")
    revue_cmd.add_argument("--pages", type=Path, help="copier les pages changées dans ce dossier")
    revue_cmd.add_argument("--site", type=Path, help="site déjà construit où prendre les pages")
    recevoir_cmd = commands.add_parser("recevoir", help="ranger une proposition reçue")
    recevoir_cmd.add_argument("fichiers", nargs="+", type=Path, help="fichiers reçus")
    recevoir_cmd.add_argument("--auteur", help="« Nom <courriel> » à créditer dans le commit")
    relu_cmd = commands.add_parser("relu", help="noter la relecture d'une expérience")
    relu_cmd.add_argument("territoire", help="identifiant du territoire (nom de son fichier)")
    relu_cmd.add_argument("experience", help="identifiant de l'expérience")
    relu_cmd.add_argument("--date", help="jour de la relecture, AAAA-MM-JJ (défaut : ce jour)")
    args = parser.parse_args(argv)
    if args.command == "check":  # the engine is not used: nothing to set up
        return check(ROOT, args.annotations_github)

    from hooks.engine.journal import configure  # the engine's lines in French

    configure()
    for chatty in ("weasyprint", "fontTools"):  # one line per layout step: keep warnings only
        logging.getLogger(chatty).setLevel(logging.WARNING)
    if args.command == "schemas":
        return export_schemas()
    if args.command == "pdf":
        return pdf(ROOT, args.dossier, args.seul)
    if args.command == "build":
        return build(ROOT, args.site_dir, with_pdf=not args.sans_pdf)
    if args.command == "serve":
        return serve(ROOT, args.adresse)
    if args.command == "export":
        return export_docs(ROOT, args.dossier)
    if args.command == "revue":
        from hooks.relecture.commande import revue  # git and the models only

        builder = partial(build, ROOT, with_pdf=False)  # the pages to review: without PDFs
        return revue(ROOT, args.base, args.head, args.pages, args.site, builder)
    if args.command == "relu":
        from hooks.relecture.relu import relu  # the YAML reader only

        return relu(ROOT, args.territoire, args.experience, args.date)
    if args.command == "recevoir":
        from hooks.contribuer.recevoir import receive  # git and the models

        return receive(ROOT, args.fichiers, args.auteur)
    from hooks.contribuer.nouveau import new_record  # Jinja, markdown-it: not to check

    return new_record(ROOT, args.type, args.nom, args.titre, args.code)


if __name__ == "__main__":
    sys.exit(main())
