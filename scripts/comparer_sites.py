"""Compare two built sites file by file, to check that a move of code changed nothing a
reader gets: ``python scripts/comparer_sites.py AVANT APRES``.

Prints how many files are identical, which exist on one side only, and for each file that
differs its changed lines (the first ones); ``--ignorer pagefind/`` (the default) leaves out
the search index, whose file names change at every build whatever the code.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path


def files(root: Path, ignored: tuple[str, ...]) -> dict[str, bytes]:
    """Every file under ``root`` by its path from there, but those under ``ignored``."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_file() and not name.startswith(ignored):
            found[name] = path.read_bytes()
    return found


def changed_lines(before: bytes, after: bytes, most: int) -> list[str]:
    """The lines removed (-) and added (+), at most ``most`` of them; a binary file (a PDF)
    is only said to differ, and so are files that differ only by blanks or by the order of
    their lines (a sitemap listing the same pages in another order)."""
    try:
        old, new = before.decode().splitlines(), after.decode().splitlines()
    except UnicodeDecodeError:
        return [f"  (fichier binaire : {len(before)} → {len(after)} octets)"]
    if old != new and " ".join(before.decode().split()) == " ".join(after.decode().split()):
        return ["  (blancs seulement : le même texte, espaces ou lignes vides ailleurs)"]
    if sorted(old) == sorted(new):
        return ["  (les mêmes lignes, dans un autre ordre)"]
    diff = [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    shown = [f"  {line[:200]}" for line in diff[:most]]
    if len(diff) > most:
        shown.append(f"  … et {len(diff) - most} autres lignes")
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("avant", type=Path)
    parser.add_argument("apres", type=Path)
    parser.add_argument("--ignorer", nargs="*", default=["pagefind/"])
    parser.add_argument("--lignes", type=int, default=6, help="lignes montrées par fichier")
    args = parser.parse_args()
    for folder in (args.avant, args.apres):
        if not folder.is_dir():
            print(f"{folder} n'est pas un dossier : construisez d'abord le site.", file=sys.stderr)
            return 2
    ignored = tuple(args.ignorer)
    before, after = files(args.avant, ignored), files(args.apres, ignored)
    same = [n for n in before if after.get(n) == before[n]]
    differ = [n for n in before if n in after and after[n] != before[n]]
    print(
        f"{len(same)} fichiers identiques, {len(differ)} différents, "
        f"{len(before.keys() - after.keys())} seulement avant, "
        f"{len(after.keys() - before.keys())} seulement après (sans {', '.join(ignored)})."
    )
    for name in sorted(before.keys() - after.keys()):
        print(f"seulement avant : {name}")
    for name in sorted(after.keys() - before.keys()):
        print(f"seulement après : {name}")
    for name in differ:
        print(f"différent : {name}")
        print("\n".join(changed_lines(before[name], after[name], args.lignes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
