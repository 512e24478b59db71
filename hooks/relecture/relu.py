"""``python build.py relu <territoire> <expérience> [--date AAAA-MM-JJ]``: record that an
editor reviewed an experience, by writing the day in its ``relue:`` line.

Only that line changes: an existing ``relue:`` line is rewritten in place (its indentation
and comment kept), or a new one is inserted under ``decrite:`` if there is one, else under
the experience's ``id:`` (inside ``territoires/<territoire>.yml``) or its ``territoire:``
(in ``territoires/<territoire>/<expérience>.yml``). The file is read back before it is
written: if anything but ``relue`` would differ, nothing is written. Such a change does not
count as a change of content (:func:`schemas.relecture.review_only`).

>>> _edit(["- id: x\\n", "  titre: X\\n"], None, 1, "2026-03-14")
['- id: x\\n', '  relue: 2026-03-14\\n', '  titre: X\\n']
>>> _edit(["relue: 2020-01-01  # à vérifier\\r\\n"], 1, 1, "2026-03-14")
['relue: 2026-03-14  # à vérifier\\r\\n']
"""

from __future__ import annotations

import copy
import re
import sys
from datetime import date
from pathlib import Path

from schemas.errors import suggestion
from schemas.relecture import RELUE_PATTERN, start_of
from schemas.yamlfile import YamlError, decode, read_yaml

FOLDER = "territoires"
_KEY = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_]+)[ \t]*:")
_RELUE = re.compile(
    r"^(?P<head>[ \t]*relue[ \t]*:[ \t]*)(?P<value>[^#\r\n]*?)"
    r"(?P<tail>[ \t]*(#.*)?)(?P<end>\r?\n?)$"
)


class Refus(Exception):
    """Why ``relu`` writes nothing, in French, with the file and line if there is one."""


def _edit(lines: list[str], relue_line: int | None, after: int, day: str) -> list[str]:
    """``lines`` with ``relue: day`` written at ``relue_line`` (1-based) if there is one, else
    inserted after line ``after``, at the column of that line's key."""
    lines = list(lines)
    if relue_line is not None:
        found = _RELUE.match(lines[relue_line - 1])
        if found is None:
            raise Refus(f"la ligne {relue_line} ne s'écrit pas « relue: AAAA-MM-JJ »")
        lines[relue_line - 1] = found["head"] + day + found["tail"] + found["end"]
        return lines
    line = lines[after - 1]
    key = _KEY.match(line)
    if key is None:
        raise Refus(f"la ligne {after} n'est pas de la forme « champ: valeur »")
    column = len(key["indent"])
    end = "\r\n" if line.endswith("\r\n") else "\n"
    if not line.endswith("\n"):
        lines[after - 1] = line + end
    lines.insert(after, " " * column + f"relue: {day}{end}")
    return lines


def _day(given: str | None, today: date) -> str:
    if given is None:
        return today.isoformat()
    try:
        if not re.match(RELUE_PATTERN, given):
            raise ValueError
        day = start_of(given)
    except ValueError:
        raise Refus(
            f"date « {given} » illisible : écrivez-la AAAA-MM-JJ, par exemple 2026-03-14"
        ) from None
    if day > today:
        raise Refus(
            f"date « {given} » dans le futur : une relecture se note le jour où elle est faite "
            f"ou après, au plus tard aujourd'hui ({today.isoformat()})"
        )
    return given


def _locate(root: Path, territoire: str, experience: str) -> tuple[Path, bool]:
    """The file that holds the experience, and whether it is the experience's own file."""
    own = root / FOLDER / territoire / f"{experience}.yml"
    if own.is_file():
        return own, True
    path = root / FOLDER / f"{territoire}.yml"
    if not path.is_file():
        known = [p.stem for p in (root / FOLDER).glob("*.yml")]
        raise Refus(
            f"territoire « {territoire} » inconnu{suggestion(territoire, known)} : donnez "
            f"le nom de son fichier dans {FOLDER}/, sans .yml"
        )
    return path, False


def record_review(
    root: Path, territoire: str, experience: str, given: str | None, today: date
) -> tuple[str, int, str]:
    """Write the review; return the file (from ``root``), the line written and the day."""
    day = _day(given, today)
    path, own = _locate(root, territoire, experience)
    name = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    try:
        data, lines = read_yaml(decode(raw))
    except YamlError as error:
        raise Refus(f"{name}:{error.line}: {error.message} ; corrigez le fichier d'abord") from None
    if not isinstance(data, dict):
        raise Refus(f"{name}:1: la fiche n'est pas un bloc de champs")
    if own:
        where, item = (), data
        anchor = ("territoire",) if "territoire" in data else ()
    else:
        items = data.get("experiences") if isinstance(data.get("experiences"), list) else []
        ids = [x.get("id") if isinstance(x, dict) else None for x in items]
        if experience not in ids:
            known = [str(i) for i in ids if i]
            raise Refus(
                f"{name}: aucune expérience « {experience} »{suggestion(experience, known)} "
                f"— expériences de ce territoire : {', '.join(known) or 'aucune'}"
            )
        where = ("experiences", ids.index(experience))
        item, anchor = items[ids.index(experience)], ("experiences", ids.index(experience), "id")
    if "decrite" in item and item.get("decrite") and start_of(day) < start_of(str(item["decrite"])):
        raise Refus(f"relue le {day}, avant d'avoir été décrite ({item['decrite']}) : impossible")
    relue_line = lines.by_path.get((*where, "relue")) if "relue" in item else None
    after = lines.by_path.get((*where, "decrite") if "decrite" in item else anchor)
    if relue_line is None and after is None:
        raise Refus(f"{name}:1: ajoutez d'abord « territoire: {territoire} » en tête du fichier")
    try:
        # The file's own line endings kept: decode() has checked it is UTF-8.
        written_lines = raw.decode("utf-8-sig").splitlines(keepends=True)
        edited = "".join(_edit(written_lines, relue_line, after or 1, day))
        expected = copy.deepcopy(data)
        target = expected
        for part in where:
            target = target[part]
        target["relue"] = day
        if read_yaml(decode(edited.encode("utf-8")))[0] != expected:
            raise Refus("la ligne écrite changerait autre chose")
    except (Refus, YamlError) as error:
        where_line = relue_line or after or 1
        raise Refus(
            f"{name}:{where_line}: impossible d'écrire la date sans toucher au reste "
            f"({error}) : ajoutez « relue: {day} » à la main dans l'expérience"
        ) from None
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    path.write_bytes((bom + edited).encode("utf-8"))
    written = relue_line or (after or 1) + 1
    return name, written, day


def relu(root: Path, territoire: str, experience: str, given: str | None = None) -> int:
    """The command: 0 once written, 1 with the reason otherwise."""
    try:
        name, line, day = record_review(root, territoire, experience, given, date.today())
    except Refus as refus:
        print(f"Rien n'est écrit : {refus}", file=sys.stderr)
        return 1
    print(
        f"{name}:{line}: relue: {day}. Enregistrez la fiche dans le dépôt (git commit) : "
        "cette date ne compte pas comme une modification du contenu."
    )
    return 0
