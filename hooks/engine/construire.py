"""« python build.py build »: check, write the PDFs, run the engine into a fresh folder, swap.

Imported only by the commands that build: the engine takes a quarter of a second to import,
and ``check``, run again and again by contributors, must start fast.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path

from properdocs.commands.build import build as engine_build
from properdocs.config import load_config
from properdocs.exceptions import Abort, ProperDocsException

from hooks.engine.bibliotheques import pdf_libraries
from hooks.engine.journal import en_francais
from schemas.errors import ErreursDeValidation
from schemas.index import load_index


def build(root: Path, site_dir: Path, with_pdf: bool = True) -> int:
    """Build into a fresh folder beside ``site_dir``, then swap: a failure changes nothing.

    The PDFs come first (into the cache folder, reusing those that have not changed), so
    that the pages can give their page counts and sizes; they join the site at the end.
    """
    if with_pdf and (problem := pdf_libraries()):  # a fresh machine: say what to install
        print(problem, file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-en-cours-", dir=site_dir.parent))
    try:
        pdfs, frozen = None, {}
        if with_pdf:
            from hooks.pdf.progress import PDF_CACHE, frozen_pdfs, write_all_pdfs  # WeasyPrint

            index = load_index(root)  # once for both; the engine's hooks load their own
            pdfs = write_all_pdfs(root, index=index)
            frozen = frozen_pdfs(root, index.referentiel.url)
            del index  # the engine's hooks load their own: not both in memory (a tenth of
            gc.collect()  # the peak at 5,000 territories; records and backlinks form cycles)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        # Read by hooks/engine/mkdocs_hooks.py: link the PDFs (with their pages and sizes) or not.
        config.extra["rv_pdf"] = False
        config.extra["rv_fichiers_sur_disque"] = True  # see hooks/engine/memoire.py
        if pdfs is not None:
            from hooks.pdf.cache import as_dict

            config.extra["rv_pdf"] = as_dict(pdfs)
            for slug, files in frozen.items():  # « versions/1.0.0/referentiel »
                facts = as_dict(files)
                config.extra["rv_pdf"].update({f"versions/{slug}/{k}": v for k, v in facts.items()})
        engine_build(config)
        if pdfs is not None:
            from hooks.pdf import publish
            from hooks.pdf.versions import CACHE

            publish(pdfs, root / PDF_CACHE, staging / "pdf")
            for slug, files in frozen.items():
                publish(files, root / CACHE / slug, staging / "versions" / slug)
    except ErreursDeValidation as errors:
        shutil.rmtree(staging, ignore_errors=True)
        print(errors.rapport(), file=sys.stderr)
        print(f"\nÉchec de la construction, {site_dir.name}/ n'a pas été modifié.", file=sys.stderr)
        return 1
    except (ProperDocsException, Abort) as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"\nÉchec de la construction, {site_dir.name}/ n'a pas été modifié.\n"
            + en_francais(str(error)),
            file=sys.stderr,
        )
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site_dir.with_name(f".site-ancien-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Site construit dans {site_dir}.")
    return 0
