"""What changed in the référentiel lately, day by day, in French: « Nouveautés » and its feed.

A reader wants to know that a balise was rewritten or a territory added, not what the
developers wrote in a commit message (often English, about code). So a day of the history
says which records its commits added, changed (which fields), renamed, withdrew or deleted,
compared field by field as the revision notes of a version are (:func:`~hooks.core.revisions
.compare`); a commit that touched no record, or only the layout of a file, says nothing.

Git is read once for the whole history (:func:`schemas.history.read_history`, which keeps the
blobs before and after each change), then once more for the contents of the days shown: one
``git cat-file --batch`` call for all of them (another only when days hold no change a reader
would see, so that the page still shows ``limit`` days). A territory added on a day whose
file is still there is told from the index, without reading its blob.

>>> [day.summary for day in recent_changes(index, history)]          # doctest: +SKIP
['1 territoire modifié', '2 territoires ajoutés, 1 balise modifiée']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from hooks.core.field_changes import field_name, split_path
from hooks.core.revisions import FieldChange, Revision, compare, field_changes
from schemas.history import Commit, History, read_blobs
from schemas.index import Entry, Index
from schemas.kinds import KIND_BY_NAME, KINDS, METADATA_FILE
from schemas.versions import both_sides
from schemas.yamlfile import YamlError, decode, read_yaml

FOLDERS = tuple(f"{kind.folder}/" for kind in KINDS)
LIMIT = 30  # days shown: the page and the feed weigh the same whatever the history's length
STATUSES = ("ajout", "renommage", "modification", "retrait", "suppression")
PARTICIPLES = {
    "ajout": "ajouté",
    "renommage": "renommé",
    "modification": "modifié",
    "retrait": "retiré",
    "suppression": "supprimé",
}
METADATA = "referentiel"  # the kind name given to referentiel.yml's changes


def is_record(path: str | None) -> bool:
    """A record's file, or ``referentiel.yml``: what « Nouveautés » tells about."""
    if not path or not path.endswith(".yml"):
        return False
    return path.startswith(FOLDERS) or path == METADATA_FILE


def agree(participle: str, feminine: bool, plural: bool) -> str:
    """``agree("ajouté", True, True)`` → ``ajoutées``."""
    return participle + ("e" if feminine else "") + ("s" if plural else "")


def _words(kind: str) -> tuple[str, str, bool]:
    """A kind's name, plural and gender; ``referentiel.yml`` is « la présentation »."""
    if kind == METADATA:
        return "présentation du référentiel", "présentations du référentiel", True
    known = KIND_BY_NAME[kind]
    return known.label, known.plural, known.feminine


@dataclass(frozen=True)
class NewsItem:
    """One record in a day's news, with its page today (None: it has none any more)."""

    revision: Revision
    entry: Entry | None

    @property
    def title(self) -> str:
        """Its title today, or the one it had when it was deleted."""
        return self.entry.title if self.entry else self.revision.title

    @property
    def tail(self) -> str:
        """What follows its title: ``, territoire modifié : résumé``."""
        return (" " if self.revision.kind == METADATA else ", ") + self.what

    @property
    def what(self) -> str:
        """``territoire modifié : résumé ; expérience « Le jardin » ajoutée``."""
        r = self.revision
        label, _, feminine = _words(r.kind)
        said = f"{label} {agree(PARTICIPLES[r.status], feminine, False)}"
        if r.kind == METADATA:
            said = f"{agree(PARTICIPLES[r.status], feminine, False)}"
        if r.old_id:
            said += f" (son ancien identifiant : « {r.old_id} »)"
        details = describe(r.fields) if r.status in ("modification", "renommage") else []
        return said + (" : " + " ; ".join(details) if details else "")


def describe(fields: list[FieldChange], shown: int = 6) -> list[str]:
    """The changed fields in a few words, the record's own first, then each item of a list (an
    experience) as one part: ``["résumé, département", "expérience « Le jardin » ajoutée",
    "expérience « La ferme » : balises"]``."""
    parts: dict[str, list[str]] = {}
    for change in fields:
        names = parts.setdefault(change.item, [])
        item = split_path(change.path)[0]
        name = field_name(change.path)
        if split_path(change.path)[1] in ("id", "fiche") and item is not None:
            name = "+" if not change.old else "-" if not change.new else name
        if name not in names:
            names.append(name)
    said = [", ".join(parts.pop(""))] if "" in parts else []
    for whole, names in parts.items():
        if "+" in names or "-" in names:
            said.append(f"{whole} {'ajoutée' if '+' in names else 'supprimée'}")
        else:
            said.append(f"{whole} : {', '.join(names)}")
    if len(said) > shown:
        more = len(said) - shown
        said = [*said[:shown], f"et {more} autre{'s' if more > 1 else ''}"]
    return said


def summary(items: list[NewsItem]) -> str:
    """``2 territoires ajoutés, 1 balise modifiée``: a day's changes, by what was done."""
    parts = []
    for status in STATUSES:
        counts = Counter(i.revision.kind for i in items if i.revision.status == status)
        participle = PARTICIPLES[status]
        if counts.pop(METADATA, 0):
            parts.append(f"présentation du référentiel {agree(participle, True, False)}")
        if not counts:
            continue
        total = sum(counts.values())
        named = [(n, *_words(kind)) for kind, n in counts.most_common()]
        if len(named) > 2:
            parts.append(f"{total} fiches {agree(participle, True, total > 1)}")
            continue
        words = " et ".join(f"{n} {label if n == 1 else plural}" for n, label, plural, _ in named)
        feminine = all(f for *_, f in named)
        parts.append(f"{words} {agree(participle, feminine, total > 1)}")
    return ", ".join(parts)


@dataclass
class NewsDay:
    """A day of changes: its date, its last commit's time, who made them, what they did."""

    day: str  # 2026-11-30
    updated: str  # ISO 8601 date and time of its last commit
    authors: list[str] = field(default_factory=list)
    items: list[NewsItem] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"jour-{self.day}"

    @property
    def summary(self) -> str:
        return summary(self.items)


# A record file over one day: its path before the day's first change and its blob then
# (None: added that day), its blob after the day's last change (None: deleted that day).
Net = dict[str, tuple[str, str | None, str | None]]  # path at the end of the day → …


def net_changes(commits: list[Commit]) -> Net:
    """What a day's commits (newest first) did to record files, from its start to its end."""
    net: Net = {}
    for commit in reversed(commits):  # oldest first
        for c in commit.changes:
            if not (is_record(c.path) or is_record(c.old_path)):
                continue
            before = net.pop(c.old_path, None) if c.old_path else net.get(c.path)
            origin, old_blob = before[:2] if before else (c.old_path or c.path, c.old_blob)
            net[c.path] = (origin, old_blob, c.new_blob)
    return {path: n for path, n in net.items() if n[1] or n[2]}  # not added then deleted


def _days(history: History) -> list[tuple[str, list[Commit]]]:
    """The days whose commits touched a record file, newest first, with those commits."""
    days: dict[str, list[Commit]] = {}
    for commit in history.commits:
        if any(is_record(c.path) or is_record(c.old_path) for c in commit.changes):
            days.setdefault(commit.date[:10], []).append(commit)
    return sorted(days.items(), key=lambda day: day[0], reverse=True)


def _metadata(old: bytes | None, new: bytes | None) -> list[Revision]:
    """``referentiel.yml`` changed: its fields that differ, if it could be read both times."""
    try:
        before, _ = read_yaml(decode(old or b""))
        after, _ = read_yaml(decode(new or b""))
    except YamlError:
        return []
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    changes = field_changes(before, after)
    title = "Présentation du référentiel"
    return [Revision(METADATA, METADATA, title, "modification", None, changes)] if changes else []


def _from_index(net: Net, by_path: dict[str, Entry]) -> set[str]:
    """The files a day added that are still there, told from the index without their blob,
    unless the day deleted a file (whose id an added one may declare in ``anciens_ids``)."""
    if any(new is None for _, _, new in net.values()):
        return set()
    return {final for final, (_, old, _) in net.items() if old is None and final in by_path}


def _blobs_needed(net: Net, by_path: dict[str, Entry]) -> list[str]:
    told = _from_index(net, by_path)
    return [b for final, (_, *blobs) in net.items() if final not in told for b in blobs if b]


def day_revisions(net: Net, blobs: dict[str, bytes], by_path: dict[str, Entry]) -> list[Revision]:
    """What a day did to its records, field by field (:func:`~hooks.core.revisions.compare`)."""
    found: list[Revision] = []
    old_files, new_files, pairs = {}, {}, []
    told = _from_index(net, by_path)
    for final, (origin, old_blob, new_blob) in net.items():
        if METADATA_FILE in (origin, final):
            found += _metadata(blobs.get(old_blob or ""), blobs.get(new_blob or ""))
        elif final in told:
            entry = by_path[final]
            found.append(Revision(entry.kind.name, entry.id, entry.title, "ajout"))
        elif (old_blob and old_blob not in blobs) or (new_blob and new_blob not in blobs):
            continue  # git could not give it back: say nothing rather than something false
        else:
            if old_blob:
                old_files[origin] = blobs[old_blob]
            if new_blob:
                new_files[final] = blobs[new_blob]
            pairs.append((origin if old_blob else None, final if new_blob else None))
    touched = {p for final, (origin, *_) in net.items() for p in (final, origin)}
    old, new = both_sides(old_files, new_files, touched)
    key_of = {p: k for side in (old, new) for k, r in side.items() for p in r.paths}
    for origin, final in pairs:  # a file unreadable on one side (broken YAML): left out
        if origin and final and (origin not in key_of or final not in key_of):
            old.pop(key_of.get(origin), None)  # type: ignore[arg-type]
            new.pop(key_of.get(final), None)  # type: ignore[arg-type]
    moved = {
        key_of[o]: key_of[f] for o, f in pairs if o and f and o != f and o in key_of and f in key_of
    }
    return found + compare(old, new, [], moved)


def _entries(index: Index) -> dict[tuple[str, str], Entry]:
    """``(kind, id)`` → its entry today, also under the ids it had before (``anciens_ids``)."""
    found = {}
    for entry in index.entries.values():
        for old in getattr(entry.data, "anciens_ids", None) or []:
            found[entry.kind.name, old] = entry
    found.update({(e.kind.name, e.id): e for e in index.entries.values()})
    return found


def _order(revision: Revision) -> tuple[int, int, str]:
    kinds = [k.name for k in KINDS]
    kind = kinds.index(revision.kind) if revision.kind in kinds else -1
    return STATUSES.index(revision.status), kind, revision.title.casefold()


def recent_changes(index: Index, history: History | None, limit: int = LIMIT) -> list[NewsDay]:
    """The last ``limit`` days that changed the référentiel, newest first."""
    if history is None:
        return []
    entries = _entries(index)
    by_path = {e.path: e for e in index.entries.values()}
    found: list[NewsDay] = []
    days = _days(history)
    while days and len(found) < limit:
        batch, days = days[: limit - len(found)], days[limit - len(found) :]
        nets = [net_changes(commits) for _, commits in batch]
        blobs = read_blobs(index.root, [b for net in nets for b in _blobs_needed(net, by_path)])
        for (day, commits), net in zip(batch, nets, strict=True):
            revisions = sorted(day_revisions(net, blobs, by_path), key=_order)
            if not revisions:
                continue  # only code, or only the layout of a file: nothing for a reader
            authors = list(dict.fromkeys(c.author for c in reversed(commits)))
            items = [
                NewsItem(r, None if r.status == "suppression" else entries.get((r.kind, r.id)))
                for r in revisions
            ]
            found.append(NewsDay(day, max(c.date for c in commits), authors, items))
    return found
