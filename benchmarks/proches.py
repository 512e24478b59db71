"""How long does « Territoires proches » take for every territory at N? Prints figures.

    python benchmarks/proches.py                    # 1,000, 5,000 and 10,000 territories
    python benchmarks/proches.py --n 2000 20000     # other sizes

For each N it copies the repository into a temporary folder, adds N synthetic territories
(those of ``benchmarks/scale.py``: two experiences of two balises each, an INSEE code, so a
population and a size band), loads the index, then times
:func:`hooks.territoires.proches.proches` for every territory at once (the fastest of
``--repetitions`` runs, the garbage collector paused, as ``timeit`` does) and prints the
time per 1,000 territories: about the same at every N if the growth is linear (comparing
every pair would multiply it by 10 from 1,000 to 10,000).

Measured on 30 November 2026 (a shared 2-core machine): 0.12 s at 1,000 territories,
0.56 s at 5,000, 1.17 s at 10,000 (×9.6 for ×9.9 territories).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.depot, below

from benchmarks.scale import add_territories
from hooks.territoires.proches import proches
from schemas.index import load_index
from tests.depot import copy_repository


def measure(n: int, work: Path, repetitions: int) -> tuple[int, float, int]:
    """(territories, fastest seconds, pairs compared at most) for ``n`` synthetic ones."""
    repo = copy_repository(work / f"depot-{n}")
    add_territories(repo, n)
    index = load_index(repo)
    times = []
    for _ in range(repetitions):
        gc.collect()
        gc.disable()  # as timeit does: the collector's passes over the index are noise
        start = time.perf_counter()
        found = proches(index)
        times.append(time.perf_counter() - start)
        gc.enable()
    return len(found), min(times), sum(len(near) for near in found.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    print(f"{'N':>7} {'territoires':>12} {'proches':>9} {'par 1000':>9} {'proposés':>9}")
    with tempfile.TemporaryDirectory(prefix="rv-proches-") as tmp:
        rows = []
        for n in args.n:
            print(f"… {n} territoires", file=sys.stderr, flush=True)
            count, seconds, proposed = measure(n, Path(tmp), args.repetitions)
            rows.append((count, seconds))
            print(
                f"{n:>7} {count:>12} {seconds:>8.2f}s {seconds * 1000 / count:>8.3f}s "
                f"{proposed:>9}",
                flush=True,
            )
    if len(rows) > 1:
        (n1, t1), (n2, t2) = rows[0], rows[-1]
        print(
            f"Croissance : ×{t2 / t1:.2f} quand le nombre de territoires "
            f"est multiplié par ×{n2 / n1:.2f}"
        )


if __name__ == "__main__":
    main()
