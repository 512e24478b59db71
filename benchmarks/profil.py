"""Where the time of ``build --sans-pdf`` goes, stage by stage, at N territories. Prints a table.

    python benchmarks/profil.py                        # 1,000 and 5,000 territories
    python benchmarks/profil.py --n 1000 --pyinstrument /tmp/profil   # + pyinstrument's tree
    python benchmarks/profil.py --depot /tmp/d1000     # a copy already made (scale.py's)

The build runs in a child process whose functions are wrapped by timers before the engine
loads our hooks (``PROBE`` below): loading, generation feature by feature (the territories'
pages are made by a second process: their time is measured there), each hook pass over each
page (glossary, typography, the theme's toggles), Python-Markdown, the theme's template and
the writing of files, the sidebar, Pagefind (from the build's own line). A stage inside
another is indented; the per-page column divides by the pages MkDocs wrote. The timers cost
a few per cent; the figures are for comparing stages, ``scale.py`` times the build itself.
The PDFs are not in ``--sans-pdf``: ``build_pdf.py`` times them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import Failure, repository, run

PROBE = r"""
import atexit, collections, json, os, runpy, sys, time
import properdocs.replacement  # as build.py: mkdocs.* is properdocs.*
sys.path.insert(0, os.getcwd())
spent = collections.defaultdict(float)
calls = collections.Counter()
parent = os.getpid()
out = os.environ["RV_PROFIL"]

def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
            calls[name] += 1
            if os.getpid() != parent:  # a forked second process: tell the first one
                with open(out + ".enfant", "a") as f:
                    f.write(json.dumps([name, time.perf_counter() - start]) + "\n")
    return wrapper

def wrap(module, attribute, name):
    setattr(module, attribute, timed(name, getattr(module, attribute)))

import schemas.index, schemas.permanence, schemas.history, hooks.site, hooks.core.glossary
import hooks.core.typography, hooks.core.htmltext, hooks.engine.pagefind, hooks.navigation
import properdocs.commands.build as engine, properdocs.structure.pages as pages
import properdocs.structure.nav as nav, properdocs.utils as utils, dataclasses
wrap(schemas.index, "load_index", "chargement et validation (load_index)")
wrap(schemas.permanence, "verify", "identifiants publiés (verify)")
wrap(schemas.history, "read_history", "historique git (read_history)")
wrap(hooks.core.glossary.Glossary, "from_index", "glossaire : termes (from_index)")
wrap(hooks.core.glossary.Glossary, "link", "passe glossaire (on_page_content)")
wrap(hooks.core.typography, "french_spacing", "passe typographie (on_page_content)")
wrap(hooks.engine.pagefind, "start", "Pagefind : lancement")
wrap(hooks.site, "navigation", "génération : navigation")
features = tuple(
    dataclasses.replace(
        f, pages=timed("génération : " + f.name, f.pages),
        files=timed("génération : " + f.name + " (fichiers)", f.files),
    ) for f in hooks.site.FEATURES
)
generate = hooks.site.generate_site
hooks.site.generate_site = timed(
    "génération (generate_site)", lambda *a, **k: generate(*a, **{"features": features, **k})
)
wrap(engine, "_populate_page", "pages : lecture, Markdown, on_page_content")
wrap(pages.Page, "render", "Python-Markdown (Page.render)")
slowest = {}  # page → seconds of Markdown and theme: the costliest pages
render_page, build_page = pages.Page.render, engine._build_page
def by_page(function, index):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            uri = args[index].file.src_uri
            slowest[uri] = slowest.get(uri, 0.0) + time.perf_counter() - start
    return wrapper
pages.Page.render = by_page(render_page, 0)
engine._build_page = by_page(build_page, 0)
wrap(engine, "_build_page", "pages : gabarit du thème, écriture")
wrap(engine, "get_context", "contexte du gabarit (get_context)")
wrap(utils, "write_file", "écriture des fichiers")
wrap(nav, "get_navigation", "navigation de MkDocs (get_navigation)")
wrap(engine, "get_files", "fichiers de docs/ (get_files)")
import properdocs.plugins as plugins
run_event = plugins.PluginCollection.run_event
def event(self, name, item=None, **kwargs):
    start = time.perf_counter()
    try:
        return run_event(self, name, item, **kwargs)
    finally:
        spent["événement " + name] += time.perf_counter() - start
        calls["événement " + name] += 1
plugins.PluginCollection.run_event = event
if os.environ.get("RV_PYINSTRUMENT"):
    from pyinstrument import Profiler
    profiler = Profiler(interval=0.002)
    profiler.start()
start = time.perf_counter()
sys.argv = ["build.py", "build", "--sans-pdf"]
try:
    runpy.run_path("build.py", run_name="__main__")
except SystemExit:
    pass
spent["total"] = time.perf_counter() - start
if os.environ.get("RV_PYINSTRUMENT"):
    profiler.stop()
    with open(os.environ["RV_PYINSTRUMENT"], "w") as f:
        f.write(profiler.output_text(unicode=True, show_all=False))
if os.path.exists(out + ".enfant"):
    for line in open(out + ".enfant"):
        name, seconds = json.loads(line)
        spent[name + " (2e processus)"] += seconds
        calls[name + " (2e processus)"] += 1
with open(out, "w") as f:
    top = sorted(slowest.items(), key=lambda kv: -kv[1])[:8]
    json.dump({"spent": spent, "calls": calls, "slowest": top}, f)
"""

# Rows of the table, in order: (label in PROBE's timers, depth). Others are listed after.
ORDER = (
    ("total", 0),
    ("événement config", 1),
    ("historique git (read_history)", 2),
    ("chargement et validation (load_index)", 2),
    ("identifiants publiés (verify)", 2),
    ("génération (generate_site)", 2),
    ("glossaire : termes (from_index)", 2),
    ("Pagefind : lancement", 2),
    ("événement files", 1),
    ("navigation de MkDocs (get_navigation)", 1),
    ("pages : lecture, Markdown, on_page_content", 1),
    ("Python-Markdown (Page.render)", 2),
    ("événement page_content", 2),
    ("passe glossaire (on_page_content)", 3),
    ("passe typographie (on_page_content)", 3),
    ("pages : gabarit du thème, écriture", 1),
    ("contexte du gabarit (get_context)", 2),
    ("événement post_page", 2),
    ("écriture des fichiers", 2),
    ("événement post_build", 1),
)
PAGEFIND = re.compile(
    r"Index de recherche : (\d+) entrées en ([\d.]+) s d'attente.*?écrites en "
    r"([\d.]+) s, Pagefind ([\d.]+) s"
)


def profile(repo: Path, pyinstrument: Path | None) -> tuple[dict, str]:
    """The probe's timers and the build's log, for a build of ``repo``."""
    with tempfile.TemporaryDirectory(prefix="rv-profil-") as tmp:
        out = Path(tmp) / "temps.json"
        env = {**os.environ, "RV_PROFIL": str(out)}
        if pyinstrument:
            env["RV_PYINSTRUMENT"] = str(pyinstrument)
        result = subprocess.run(
            [sys.executable, "-c", PROBE], cwd=repo, env=env, capture_output=True, text=True
        )
        if result.returncode != 0 or not out.exists():
            raise Failure(f"la construction a échoué :\n{result.stderr[-3000:]}")
        return json.loads(out.read_text()), result.stdout + result.stderr


def table(n: int, timers: dict, log: str) -> list[str]:
    """The stages as lines of text: seconds, share of the total, milliseconds per page."""
    spent, calls = timers["spent"], timers["calls"]
    built = calls.get("pages : gabarit du thème, écriture", 1)
    total = spent["total"]
    lines = [
        f"\n{n} territoires : {built} pages écrites par MkDocs",
        "",
        "| étape | s | part | ms/page |",
        "| --- | ---: | ---: | ---: |",
    ]

    def row(label: str, seconds: float, depth: int) -> None:
        name = "  " * depth + ("↳ " if depth else "") + label
        lines.append(
            f"| {name} | {seconds:.2f} | {seconds / total:.0%} | {seconds * 1000 / built:.2f} |"
        )

    shown = set()
    for label, depth in ORDER:
        if label in spent:
            row(label, spent[label], depth)
            shown.add(label)
        if label == "génération (generate_site)":
            for name in sorted(spent, key=lambda k: -spent[k]):
                if name.startswith("génération : ") and spent[name] >= 0.01:
                    row(name.removeprefix("génération : "), spent[name], 3)
                    shown.add(name)
    theme = spent.get("pages : gabarit du thème, écriture", 0) - sum(
        spent.get(k, 0)
        for k in (
            "contexte du gabarit (get_context)",
            "événement post_page",
            "écriture des fichiers",
        )
    )
    row("gabarit Material (Jinja, barre latérale comprise)", theme, 2)
    lines.append("")
    lines += [f"- {uri} : {seconds * 1000:.0f} ms" for uri, seconds in timers.get("slowest", [])]
    if found := PAGEFIND.search(log):
        count, waited, written, indexed = found.groups()
        row(f"Pagefind, attente après les pages ({count} entrées)", float(waited), 1)
        lines.append(
            f"| Pagefind en parallèle (2e processus) : pages d'appui {written} s, "
            f"indexation {indexed} s | | | |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 5000], help="territoires")
    parser.add_argument("--depot", type=Path, help="une copie déjà faite (une seule taille)")
    parser.add_argument("--pyinstrument", type=Path, help="dossier où écrire l'arbre des appels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rv-profil-") as tmp:
        for n in args.n if not args.depot else [0]:
            repo = args.depot or repository(Path(tmp) / f"depot-{n}", n, None)
            if args.depot:
                n = len(list((repo / "territoires").glob("territoire-*.yml")))
            tree = None
            if args.pyinstrument:
                args.pyinstrument.mkdir(parents=True, exist_ok=True)
                tree = args.pyinstrument / f"pyinstrument-{n}.txt"
            print(f"… {n} territoires", file=sys.stderr, flush=True)
            timers, log = profile(repo, tree)
            print("\n".join(table(n, timers, log)), flush=True)
    return 0


if __name__ == "__main__":
    run(main, browser=False)
