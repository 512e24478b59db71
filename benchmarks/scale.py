"""How do `check` and `build` grow with the number of territories? Prints figures.

    python benchmarks/scale.py                 # 500 and 1,000 territories
    python benchmarks/scale.py --n 1000 5000   # other sizes
    python benchmarks/scale.py --n 1000 --avant d32604c [--apres HEAD]   # before → after

For each N it copies the repository into a temporary folder, adds N synthetic
territories (two experiences each), times ``python build.py check`` and
``python build.py build``, then builds a bare MkDocs Material site with N plain
Markdown pages of the same size (our generated territory pages and their footer, HTML
and links made plain), kept out of the sidebar as ours are, and prints both times and
their ratio. Targets (issue 27): ratio ≤ 1.5 at 1,000 and 5,000 territories, check ≤ 0.5 s
per 1,000 territories, time growing linearly with N. With ``--avant COMMIT`` that commit is
measured too, in the same run, each build beside the other against the same bare builds, and
each figure printed before → after. The « CPU » column is the ratio of processor times (the
build's second process included): sessions sharing the machine change it far less than the
elapsed time, which is the target.

This machine's speed drifts by up to 2× within minutes (a shared virtual machine), so
each build and its bare counterpart run one right after the other, ``--repetitions``
times: the times shown are the fastest of each (as ``timeit`` does), the ratio is the
median of the ratios of those pairs (two runs a few seconds apart see the same machine).
With two sizes or more it also prints what one more territory costs (the slope between
the extreme sizes, from the fastest times: it suffers most from the drift).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.depot, below

from hooks.site import generate_site
from schemas.index import load_index
from tests.depot import ROOT

WORDS = (
    "transition",
    "coopération",
    "habitants",
    "élus",
    "agents",
    "récit",
    "confiance",
    "énergie",
    "alimentation",
    "quartier",
    "école",
    "mobilité",
    "jardin",
    "atelier",
    "entreprise",
    "association",
    "valeur",
    "territoire",
    "engagement",
    "projet",
)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def commune_names() -> dict[str, str]:
    """INSEE code → name of the communes of ``geo/communes.csv`` that have a position."""
    with (ROOT / "geo" / "communes.csv").open(encoding="utf-8", newline="") as file:
        return {row["code_insee"]: row["nom"] for row in csv.DictReader(file) if row["lat"]}


def territory(
    rng: random.Random, number: int, balises: list[str], code: str, name: str = ""
) -> str:
    """A synthetic territory file, close in size to a real contribution: a commune given by
    its INSEE code (the build fills in its département, population and position)."""
    experiences = []
    for e in range(2):
        chosen = ", ".join(rng.sample(balises, 2))
        experiences.append(
            f"  - id: experience-{e}\n    titre: Expérience {e} du territoire {number}\n"
            f"    periode: 20{10 + e}-2020\n    resume: |\n"
            f"      {sentence(rng, 60)}\n\n      {sentence(rng, 40)}\n"
            f"    balises: [{chosen}]\n"
        )
    return (
        f'nom: "{name or f"Territoire {number}"}"\ntype: commune\ncode_insee: "{code}"\n'
        f"resume: |\n  {sentence(rng, 50)}\n"
        f"experiences:\n{''.join(experiences)}"
    )


def add_territories(repo: Path, n: int) -> None:
    """Add ``n`` synthetic territories to ``repo``, ``territoires/territoire-0.yml``…: the
    same ones for the same ``n``."""
    rng = random.Random(n)
    balises = sorted(p.stem for p in (repo / "balises").glob("*.yml"))
    names = commune_names()
    codes = list(names)
    used = set(
        re.findall(
            r'^code_insee: "?(\w+)',
            "".join(  # the shipped territories' own
                f.read_text(encoding="utf-8") for f in (repo / "territoires").glob("*.yml")
            ),
            re.M,
        )
    )
    for i in range(n):
        code = rng.choice(codes)
        while code in used:  # a commune has one file: draw again (same draws where none repeats)
            code = rng.choice(codes)
        used.add(code)
        (repo / "territoires" / f"territoire-{i}.yml").write_text(
            territory(rng, i, balises, code, names[code]), encoding="utf-8"
        )


def bare_page(generated: str) -> str:
    """Our generated page as plain Markdown: same text and links, no HTML, no attributes."""
    text = re.sub(r'<a href="[^"]*">([^<]*)</a>', r"[\1](../index.md)", generated)
    text = re.sub(r"</?strong>", "**", text)
    text = re.sub(r"</?em>", "*", text)
    text = text.replace("<li>", "- ").replace("</p>", "\n")
    text = re.sub(r"<[^>]+>", "", text)  # keep the text of our HTML blocks
    text = re.sub(r"\{[:#][^}]*\}|\{ [#.][^}]*\}", "", text)  # attr_list
    return re.sub(r"\]\([^)]*\)", "](../index.md)", text)  # links to a page that exists


def run(command: list[str], cwd: Path, cpu: list[float] | None = None) -> float:
    """Seconds taken by ``command``; stops the benchmark if it fails. ``cpu`` gets the
    processor seconds it used, its forked processes included: what other sessions on a
    shared machine change least."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"Échec de {' '.join(command)} :\n{result.stderr[-3000:]}")
    if cpu is not None:
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime)
    return elapsed


def bare_site(repo: Path, bare: Path, every: bool = False) -> Path:
    """A bare MkDocs Material site in ``bare`` with a plain page per synthetic territory of
    ``repo`` (:func:`bare_page`): the yardstick of « as many pages, nothing of ours ».
    ``every``: a plain page for every page of our site instead (same count, same paths)."""
    (bare / "docs" / "territoires").mkdir(parents=True)
    (bare / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for page in generate_site(load_index(repo)).pages:
        if every or page.src_uri.startswith("territoires/territoire-"):
            bare_text = bare_page(page.markdown + page.footer)
            if every:  # pages at every depth: links from the root, not checked by MkDocs
                bare_text = bare_text.replace("](../index.md)", "](/index.md)")
            target = bare / "docs" / page.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(bare_text, encoding="utf-8")
    (bare / "mkdocs.yml").write_text(
        "site_name: Nu\ntheme:\n  name: material\n  language: fr\n  font: false\n"
        "plugins:\n  - search:\n      lang: fr\nnav:\n  - index.md\n"
        f"not_in_nav: |\n  {'*.md' if every else '/territoires/*.md'}\n"
        "markdown_extensions: [toc, admonition, attr_list, tables, footnotes]\n",
        encoding="utf-8",
    )
    return bare


def measure(
    n: int, work: Path, repetitions: int, before: str | None = None, after: str | None = None
) -> dict[str, tuple[float, float, float, float, float]]:
    """``{version: (check, build, bare build, ratio, CPU ratio)}`` for ``n`` territories: the
    best of each, the median ratio of a build to the bare build run just after it, and the
    same for the processor time. The version is « après » (the working tree, or ``after``)
    and, given ``before`` (a commit), « avant »: both measured in the same run, one right
    after the other, against the same bare builds."""
    from benchmarks.synthetic import repository  # it imports this module

    repos = {"après": repository(work / f"depot-{n}", n, after)}
    if before is not None:
        repos = {"avant": repository(work / f"avant-{n}", n, before), **repos}
    bare = bare_site(repos["après"], work / f"nu-{n}")
    times = {v: {"check": [], "build": [], "cpu": []} for v in repos}
    bare_builds: list[float] = []
    bare_cpu: list[float] = []
    for _ in range(repetitions):
        for version, repo in repos.items():
            times[version]["check"].append(run([sys.executable, "build.py", "check"], repo))
        for version, repo in repos.items():
            build = [sys.executable, "build.py", "build", "--sans-pdf"]  # pdf.py: the PDFs
            times[version]["build"].append(run(build, repo, times[version]["cpu"]))
        bare_build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
        bare_builds.append(run(bare_build, bare, bare_cpu))
    return {
        version: (
            min(t["check"]),
            min(t["build"]),
            min(bare_builds),
            statistics.median(b / nu for b, nu in zip(t["build"], bare_builds, strict=True)),
            statistics.median(b / nu for b, nu in zip(t["cpu"], bare_cpu, strict=True)),
        )
        for version, t in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[500, 1000],
        help="nombres de territoires synthétiques (par défaut : 500 1000)",
    )
    parser.add_argument(
        "--repetitions",
        type=int,
        default=3,
        help="mesures de chaque taille (par défaut : 3)",
    )
    parser.add_argument(
        "--avant",
        metavar="COMMIT",
        help="mesurer aussi ce commit dans la même série et afficher avant → après",
    )
    parser.add_argument(
        "--apres", metavar="COMMIT", help="avec --avant : ce commit plutôt que l'arbre de travail"
    )
    args = parser.parse_args()
    before = after = None
    if args.avant:
        from benchmarks.synthetic import resolve

        before = resolve(args.avant)
        after = resolve(args.apres) if args.apres else None
    print(
        f"{'N':>6} {'check':>8} {'build':>8} {'nu':>8} {'ratio':>6} {'CPU':>5} {'check/1000':>11}"
    )
    with tempfile.TemporaryDirectory(prefix="rv-bench-") as tmp:
        rows = []
        for n in args.n:
            print(f"… {n} territoires", file=sys.stderr, flush=True)
            measured = measure(n, Path(tmp), args.repetitions, before, after)
            for version, (check, build, bare, ratio, cpu) in measured.items():
                label = f" {version} ({before[:7]})" if version == "avant" else f" {version}"
                print(
                    f"{n:>6} {check:>7.2f}s {build:>7.2f}s {bare:>7.2f}s {ratio:>6.2f} {cpu:>5.2f} "
                    f"{check * 1000 / n:>10.2f}s{label if before else ''}",
                    flush=True,
                )
            if before:
                (c0, b0, _, r0, u0), (c1, b1, _, r1, u1) = measured["avant"], measured["après"]
                print(
                    f"{'':>6} avant → après : check {c0:.2f} → {c1:.2f} s, build {b0:.2f} → "
                    f"{b1:.2f} s, ratio {r0:.2f} → {r1:.2f}, ratio CPU {u0:.2f} → {u1:.2f}",
                    flush=True,
                )
            check, build, bare, ratio, cpu = measured["après"]
            rows.append((n, build, bare))
    if len(rows) > 1:
        (n1, t1, b1), (n2, t2, b2) = rows[0], rows[-1]
        print(f"Croissance de build : ×{t2 / t1:.2f} quand N est multiplié par ×{n2 / n1:.2f}")
        ours, theirs = (t2 - t1) / (n2 - n1) * 1000, (b2 - b1) / (n2 - n1) * 1000
        print(
            f"Coût d'un territoire de plus : {ours:.1f} ms, "
            f"contre {theirs:.1f} ms pour une page du site nu (×{ours / theirs:.2f})"
        )


if __name__ == "__main__":
    main()
