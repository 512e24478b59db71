"""The whole build, PDFs included, at N territories: time, peak memory, pages. Prints figures.

    python benchmarks/build_pdf.py                     # the shipped content, then 1,000
    python benchmarks/build_pdf.py --n 0 1000 5000     # other sizes (5,000: minutes)
    python benchmarks/build_pdf.py --commit 4f147fc    # a commit instead of the working tree
    python benchmarks/build_pdf.py --avant 4f147fc     # that commit, then the tree: before → after

For each N it copies the repository (or ``git archive`` of the commit) into a temporary
folder with N synthetic territories (those of ``benchmarks/scale.py``; no ``.git`` and no
``.cache/``: a clean clone's first build), then:

1. times ``python build.py build`` and samples every 0.1 s the memory of the build and all
   its processes together, keeping the peak: their PSS added (each page of memory counted
   once, the target) and their RSS added (a forked copy's shared pages counted twice);
2. builds a bare MkDocs Material site with as many pages as ours, one right after
   (``scale.bare_site(every=True)``: our pages as plain Markdown, no hooks, no PDF), and
   prints the ratio; target: ≤ 3;
3. counts the pages of every PDF (``pdfinfo``) and their total size, and prints, for N > 0,
   how the pages compare with the shipped content (N = 0, measured first when asked);
   target: ≤ +10 %;
4. edits one experience of a ville pair (its title) and times the build again, with what
   the build says it wrote and reused.

Targets: ratio ≤ 3 and peak memory under 1 GB at 1,000 territories; time linear in N.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale import bare_site
from benchmarks.synthetic import Failure, repository, resolve, run

EDITED = "territoires/malaunay.yml"
MAX_RATIO, MAX_MEMORY_MB, MAX_GROWTH = 3.0, 1000, 1.10


def descendants_memory(pid: int) -> tuple[int, int]:
    """Bytes of memory of ``pid`` and every process below it (Linux ``/proc``): their resident
    sizes added (RSS: what a forked copy shares with its parent counts twice) and their
    proportional sizes added (PSS: each shared page counted once, split between its users)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        rss[child] = int(fields[21]) * 4096  # pages of 4 KiB
    tree, changed = {pid}, True
    while changed:
        grown = {p for p, parent in parents.items() if parent in tree} | tree
        changed, tree = grown != tree, grown
    return sum(rss.get(p, 0) for p in tree), sum(_pss(p) for p in tree)


def _pss(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
    return int(found.group(1)) * 1024 if found else 0


def timed(command: list[str], cwd: Path) -> tuple[float, tuple[int, int], str]:
    """Seconds, peak memory of the whole process tree (bytes: RSS and PSS added, see
    :func:`descendants_memory`) and output of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            rss, pss = descendants_memory(process.pid)
            peak[:] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0]
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise Failure(f"{' '.join(command)} a échoué :\n{output[-3000:]}")
    return seconds, (peak[0], peak[1]), output


def page_counts(folder: Path) -> dict[str, int]:
    """``{id: pages}`` of every PDF in ``folder``, read by ``pdfinfo``."""
    counts = {}
    for pdf in sorted(folder.glob("*.pdf")):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
        counts[pdf.stem] = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return counts


def pdf_line(output: str) -> str:
    """What the build says of its PDFs: « 20 PDF : 1 écrit, 19 repris … », if it says it."""
    found = re.search(r"^\d+ PDF : .*$", output, re.M)
    return found.group(0) if found else "(la construction ne le dit pas)"


def measure(
    n: int, work: Path, commit: str | None, baseline: dict[str, int] | None, edit: bool = True
) -> dict:
    repo = repository(work / f"depot-{n}-{commit or 'arbre'}", n, commit)
    print(f"… {n} territoires : construction complète", file=sys.stderr, flush=True)
    build = [sys.executable, "build.py", "build"]
    seconds, peak, output = timed(build, repo)
    bare = bare_site(repo, work / f"nu-{n}-{commit or 'arbre'}", every=True)
    print(f"… {n} territoires : site MkDocs nu", file=sys.stderr, flush=True)
    bare_seconds, _, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q"], bare)
    pages = page_counts(repo / "site" / "pdf")
    version = f" ({commit[:7]})" if commit else ""
    print(f"\n{n} territoires{version} ({len(list((bare / 'docs').rglob('*.md')))} pages)")
    ratio = seconds / bare_seconds
    rss, pss = peak
    print(
        f"  construction complète : {seconds:6.1f} s · MkDocs nu : {bare_seconds:5.1f} s · "
        f"rapport ×{ratio:.2f} (cible ≤ {MAX_RATIO:.0f}, {'ok' if ratio <= MAX_RATIO else 'TROP'})"
    )
    print(
        f"  mémoire max : {pss / 1e6:.0f} Mo (PSS des processus additionnés, "
        f"{'ok' if pss / 1e6 <= MAX_MEMORY_MB else 'TROP'}), {rss / 1e6:.0f} Mo en additionnant "
        "leurs RSS (ce qu'une copie par fork partage avec son parent compté deux fois)"
    )
    print(f"  PDF : {pdf_line(output)}")
    if edit:
        edited = repo / EDITED
        text = edited.read_text(encoding="utf-8")
        title = re.search(r"^\s+titre: (.+)$", text, re.M).group(1)
        edited.write_text(text.replace(title, f"{title} (modifié)", 1), encoding="utf-8")
        print(f"… {n} territoires : après une modification", file=sys.stderr, flush=True)
        again, again_peak, again_output = timed(build, repo)
        print(
            f"  après une modification ({EDITED}) : {again:6.1f} s, mémoire max "
            f"{again_peak[1] / 1e6:.0f} Mo · {pdf_line(again_output)}"
        )
    total = sum(pages.values())
    size = sum(pdf.stat().st_size for pdf in (repo / "site" / "pdf").glob("*.pdf"))
    print(
        f"  pages des PDF : {total} en tout, le plus long {max(pages.values())} · "
        f"poids des PDF : {size / 1e6:.2f} Mo ({len(pages)} fichiers)"
    )
    if baseline:
        worst = max(pages, key=lambda i: pages[i] / baseline.get(i, pages[i]))
        growth = pages[worst] / baseline.get(worst, pages[worst])
        verdict = "ok" if growth <= MAX_GROWTH else "TROP"
        print(
            f"  par rapport au contenu livré : au plus ×{growth:.2f} ({worst}.pdf, "
            f"{baseline.get(worst)} → {pages[worst]} pages ; cible ≤ ×{MAX_GROWTH}) {verdict}"
        )
        for pdf_id in sorted(pages):
            print(f"    {pdf_id:<40} {baseline.get(pdf_id, '?'):>5} → {pages[pdf_id]:>5}")
    return {"seconds": seconds, "bare": bare_seconds, "peak": peak, "pages": pages, "size": size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[0, 1000], help="territoires")
    parser.add_argument("--commit", help="mesurer ce commit plutôt que l'arbre de travail")
    parser.add_argument(
        "--avant", metavar="COMMIT", help="mesurer d'abord ce commit, puis afficher avant → après"
    )
    parser.add_argument(
        "--sans-modification", action="store_true", help="sans l'étape 4 (une modification)"
    )
    args = parser.parse_args()
    commit = resolve(args.commit) if args.commit else None
    before = resolve(args.avant) if args.avant else None
    rows = []
    with tempfile.TemporaryDirectory(prefix="rv-pdf-") as tmp:
        baseline = None
        for n in args.n:
            edit = not args.sans_modification
            old = measure(n, Path(tmp), before, baseline, edit) if before else None
            row = measure(n, Path(tmp), commit, baseline, edit)
            if old:
                print(
                    f"  avant → après : {old['seconds']:.1f} → {row['seconds']:.1f} s, rapport "
                    f"×{old['seconds'] / old['bare']:.2f} → ×{row['seconds'] / row['bare']:.2f}, "
                    f"mémoire (PSS) {old['peak'][1] / 1e6:.0f} → {row['peak'][1] / 1e6:.0f} Mo, "
                    f"(RSS additionnés) {old['peak'][0] / 1e6:.0f} → {row['peak'][0] / 1e6:.0f} Mo"
                )
            if n == 0:
                baseline = row["pages"]
            rows.append((n, row))
    sized = [(n, row) for n, row in rows if n > 0]
    if len(sized) > 1:
        (n1, r1), (n2, r2) = sized[0], sized[-1]
        print(
            f"\nCroissance : ×{r2['seconds'] / r1['seconds']:.2f} pour ×{n2 / n1:.1f} "
            f"territoires (site nu : ×{r2['bare'] / r1['bare']:.2f})"
        )
    return 0


if __name__ == "__main__":
    run(main, browser=False)
