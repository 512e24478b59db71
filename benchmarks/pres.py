"""« Près de chez moi »: how many bytes (gzip) does one lookup download at N territories, and
how long does answering take? Prints figures.

    python benchmarks/pres.py              # 5,000 territories
    python benchmarks/pres.py --n 1000     # other sizes

For each N it copies the repository into a temporary folder, adds N synthetic territories
(``benchmarks/scale.py``), loads the index and makes the page's files
(:func:`hooks.territoires.pres.near_files`). The bytes of the worst lookup: the index, every slice
of names read while typing the name that reads the most, the territories of the largest
région and the fallback list; the bytes of opening a shared address (``?commune=…``): the
index, the largest file of codes, the largest région and the fallback; and the time to
write the files. With ``--chromium``, it also builds the site (without PDF), serves it, and
times in headless Chromium, for a few communes, from typing the name to the results shown
(the list of names, a pick with the keyboard, the results drawn), with the bytes downloaded.

Measured on 6 December 2026 (a shared 2-core machine), at 5,000 territories: 51.2 KB gzip for
the worst lookup by name, 52.1 KB for the worst shared address (limit 60 KB); files written in
1.5 s; an answer in about 100 ms in Chromium (the repository's territories).
Then (7 December 2026), with the approximate positions of territories known by their
départements and the rule's factor in the files: 51.2 → 51.6 KB by name, 52.1 → 52.6 KB by
shared address; files written in 2.8 s (a busier machine); in Chromium at 5,000 territories,
from typing « quimperle », « die », « vierzon », « bastia » or « mende » (one key at a time)
to the results shown: 210 to 320 ms, 97 to 351 KB read uncompressed (the test server does
not compress; the same files gzip to at most 52.6 KB).
Then (8 December 2026), names found by any word of them (« Aix-Marseille »), each place in
the slice of each word: 57.8 → 58.7 KB by name (worst slice of names 15.2 → 16.6 KB, index
4.8 → 4.4 KB: its prefixes without file names), 58.5 → 58.0 KB by shared address; all the
slices of names 933 → 1,638 KB gzip on the server (559 → 909 files); files written in
1.2 → 2.2 s, once a process while the names of the référentiel's places do not change.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.depot, below

from benchmarks.scale import add_territories
from hooks.core.context import BuildContext
from hooks.territoires.pres import near_files
from hooks.territoires.pres_noms import file_name, word_keys
from hooks.urls import NEAR_FOLDER
from schemas.geo import GEO, name_key
from schemas.index import load_index
from tests.depot import copy_repository

TYPED = ("quimperle", "die", "vierzon", "bastia", "mende")  # typed, then the first picked

LIMIT = 60_000  # bytes (gzip) of one lookup at most


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9))


def lookup_bytes(files: dict[str, str]) -> dict[str, int]:
    """The bytes of the worst lookup by name, and of the worst shared address."""
    size = {name.removeprefix(NEAR_FOLDER): gzipped(text) for name, text in files.items()}
    index = json.loads(files[NEAR_FOLDER + "index.json"])
    prefixes = {p: file_name(p) for p in index["noms"]}
    worst_typing = 0
    for name_file in set(prefixes.values()):
        rows = json.loads(files[f"{NEAR_FOLDER}noms/{name_file}.json"])
        for row in rows:
            names = [row[1], *row[8:]]  # a territory's own name, then the one of geo/
            for key in {k for name in names for k in word_keys(name_key(name))}:
                read = sum(size[f"noms/{f}.json"] for p, f in prefixes.items() if key.startswith(p))
                worst_typing = max(worst_typing, read)
    regions = max((v for k, v in size.items() if k.startswith("regions/")), default=0)
    codes = max(v for k, v in size.items() if k.startswith("codes/"))
    common = size["index.json"] + size["repli.json"] + regions
    return {
        "index": size["index.json"],
        "noms (pire saisie)": worst_typing,
        "codes (le plus gros)": codes,
        "région (la plus grosse)": regions,
        "repli": size["repli.json"],
        "recherche par nom": common + worst_typing,
        "adresse partagée": common + codes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[5000])
    parser.add_argument("--chromium", action="store_true", help="time answers in Chromium")
    args = parser.parse_args()
    GEO.commune("01001")  # read geo/ before timing
    worst = 0
    with tempfile.TemporaryDirectory() as work:
        for n in args.n:
            repo = copy_repository(Path(work) / f"depot-{n}")
            add_territories(repo, n)
            index = load_index(repo)
            start = time.perf_counter()
            files = near_files(BuildContext(index))
            seconds = time.perf_counter() - start
            measured = lookup_bytes(files)
            print(f"{n} territoires : {len(files)} fichiers écrits en {seconds:.1f} s")
            for label, value in measured.items():
                print(f"  {label} : {value / 1000:.1f} ko gzip")
            worst = max(worst, measured["recherche par nom"], measured["adresse partagée"])
            if args.chromium:
                answers(repo)
    print(f"Pire recherche : {worst / 1000:.1f} ko gzip (limite {LIMIT / 1000:.0f} ko)")
    return 0 if worst <= LIMIT else 1


def answers(repo: Path) -> None:
    """Build ``repo``'s site, then print, for each of :data:`TYPED`, the time from typing
    its name to the results shown, and the bytes (as sent, uncompressed by the server)."""
    import subprocess

    from tests.served import browser, serve

    command = [sys.executable, "build.py", "build", "--sans-pdf"]
    subprocess.run(command, cwd=repo, check=True, capture_output=True)
    with serve(repo / "site") as url, browser() as (context, _):
        for name in TYPED:
            tab = context.new_page()
            tab.goto(url + "pres-de-chez-moi/")
            before = tab.evaluate("performance.getEntriesByType('resource').length")
            start = time.perf_counter()
            tab.type("#rv-pres-nom", name)
            tab.wait_for_selector("#rv-pres-liste li")
            tab.keyboard.press("ArrowDown")
            tab.keyboard.press("Enter")
            tab.wait_for_selector("#rv-pres-titre")
            seconds = time.perf_counter() - start
            read = tab.evaluate(
                "n => performance.getEntriesByType('resource').slice(n)"
                ".reduce((s, r) => s + r.decodedBodySize, 0)",
                before,
            )
            shown = tab.input_value("#rv-pres-nom")
            print(f"  « {name} » → {shown} : {seconds * 1000:.0f} ms, {read / 1000:.0f} ko lus")
            tab.close()


if __name__ == "__main__":
    sys.exit(main())
