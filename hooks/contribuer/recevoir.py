"""``python build.py recevoir FICHIER… [--auteur "Nom <courriel>"]``: what an editor runs on
a proposal received by mail (or downloaded from the form).

Every record is checked as ``check`` would check it once in place: the repository's records
and the proposed files are copied into a temporary folder and indexed there, so the messages
are ``check``'s own, each followed by the received file's line. Anything wrong, or a file
that already exists, and nothing is written. Otherwise each file is written where it
belongs and one git commit records them, its author the person credited by the proposal
(the editor stays the committer): « Proposition de Marie Dupont : 2 expériences pour
Ungersheim ».
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from schemas.errors import Erreur, ErreursDeValidation
from schemas.index import Index, load_index
from schemas.loader import read_regular_file
from schemas.permanence import conflicting_ids
from schemas.proposition import SCHEMA_LINE, Document, Enveloppe, read_text
from schemas.yamlfile import YamlError, decode

# The address of a person credited without one: reserved for examples, never delivered.
NO_ADDRESS = "sans-adresse@referentiel-vivant.invalid"
COPIED = ("referentiel", "balises", "territoires")


def receive(root: Path, files: list[Path], author: str | None = None) -> int:
    """Check, place and commit the proposals in ``files``; 0 if done, 1 if refused."""
    documents, envelope, problems = _read(files)
    if not problems:
        problems = _clashes(root, documents)
    index = None
    if not problems:
        index, problems = _checked(root, documents)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(
            "Rien n'a été écrit : corrigez la proposition (ou demandez à son auteur), puis "
            "relancez la commande.",
            file=sys.stderr,
        )
        return 1
    assert index is not None
    for warning in index.avertissements:
        print(warning, file=sys.stderr)
    if (identity := author or _identity(envelope)) and not _valid_identity(identity):
        print(
            f"--auteur « {identity} » : écrivez « Prénom Nom <adresse@exemple.fr> ».",
            file=sys.stderr,
        )
        return 1
    message = commit_message(documents, index, envelope.credit if envelope else None, author)
    written = [root / d.target for d in documents]
    for document, path in zip(documents, written, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(placed_text(document)[0], encoding="utf-8")
    if (problem := _commit(root, written, message, identity)) is not None:
        for path in written:
            path.unlink()
            if path.parent.name != "territoires" and not any(path.parent.iterdir()):
                path.parent.rmdir()
        print(f"Le commit a échoué, rien n'est gardé : {problem}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Placé : {path.relative_to(root)}")
    print(f"Commit : {message}" + (f" (auteur : {identity})" if identity else ""))
    return 0


def _read(files: list[Path]) -> tuple[list[Document], Enveloppe | None, list[str]]:
    """Every document of every received file, the envelope, and what is wrong."""
    documents: list[Document] = []
    envelope: Enveloppe | None = None
    problems: list[str] = []
    for file in files:
        try:
            text = decode(read_regular_file(file))
        except YamlError as err:
            problems.append(f"{file}:{err.line}: {err.message}")
            continue
        found, said, notes, wrong = read_text(text, str(file))
        for note in notes:
            print(note, file=sys.stderr)
        documents += found
        envelope = envelope or said
        problems += [str(e) for e in wrong]
    return documents, envelope, problems


def _clashes(root: Path, documents: list[Document]) -> list[str]:
    """A file that exists already, or two documents for one file: never overwritten."""
    problems = []
    seen: dict[str, Document] = {}
    for d in documents:
        where = f"{d.source}:{d.first_line}"
        if (root / d.target).exists() and d.target.count("/") == 1:
            problems.append(
                f"{where}: {d.target} existe déjà : ce territoire est dans le référentiel, rien "
                "n'est remplacé ; pour lui ajouter des expériences, envoyez-les seules, chacune "
                f"avec « territoire: {d.target.split('/')[1].removesuffix('.yml')} »"
            )
        elif (root / d.target).exists():
            problems.append(
                f"{where}: {d.target} existe déjà : une expérience de ce titre est publiée, "
                "rien n'est remplacé ; donnez un autre titre à la nouvelle (ou, pour modifier "
                "celle-ci, modifiez son fichier)"
            )
        elif d.target in seen:
            problems.append(
                f"{where}: même fichier ({d.target}) que la partie ligne "
                f"{seen[d.target].first_line} : changez l'un des deux titres"
            )
        seen.setdefault(d.target, d)
    return problems


def placed_text(document: Document) -> tuple[str, int]:
    """The document as written under the schema line that names its model (leading blank
    and schema lines left out), and how many lines that moves it down (placed line =
    document line + shift)."""
    lines = document.text.split("\n")
    skipped = 0
    while lines and (not lines[0].strip() or lines[0].startswith(SCHEMA_LINE)):
        lines.pop(0)
        skipped += 1
    depth = document.target.count("/")
    name = "territoire" if depth == 1 else "experience"
    header = f"{SCHEMA_LINE}{'../' * depth}schemas/{name}.schema.json"
    return header + "\n" + "\n".join(lines).rstrip("\n") + "\n", 1 - skipped


def _checked(root: Path, documents: list[Document]) -> tuple[Index | None, list[str]]:
    """The index of the repository as it would be with the documents in place, or the
    errors ``check`` would print then (each proposed file's with the received line)."""
    with tempfile.TemporaryDirectory(prefix="rv-recevoir-") as folder:
        copy = Path(folder)
        for name in COPIED:
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name, symlinks=True)
        for document in documents:
            target = copy / document.target
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(placed_text(document)[0], encoding="utf-8")
        try:
            index = load_index(copy)
            if wrong := conflicting_ids(index):
                raise ErreursDeValidation(wrong)
        except ErreursDeValidation as errors:
            by_target = {d.target: d for d in documents}
            return None, [_located(e, by_target) for e in errors.erreurs]
        index.root = root
        return index, []


def _located(erreur: Erreur, by_target: dict[str, Document]) -> str:
    """``check``'s line, and where it is in the received file."""
    document = by_target.get(erreur.fichier)
    if document is None:
        return str(erreur)
    line = document.received_line(max(1, erreur.ligne - placed_text(document)[1]))
    return f"{erreur} (reçu : {document.source}, ligne {line})"


def commit_message(
    documents: list[Document], index: Index, credit: str | None, author: str | None = None
) -> str:
    """« Proposition de Marie Dupont : nouveau territoire Ungersheim, 2 expériences »."""
    new = {
        d.target.split("/")[1].removesuffix(".yml") for d in documents if d.target.count("/") == 1
    }
    counts = Counter(d.target.split("/")[1] for d in documents if d.target.count("/") == 2)
    parts = []
    for territory_id in sorted(new | set(counts)):
        name = index[territory_id].title if territory_id in index.entries else territory_id
        n = counts.get(territory_id, 0)
        experiences = f"{n} expérience{'s' * (n > 1)}"
        if territory_id in new:
            parts.append(f"nouveau territoire {name}" + (f", {experiences}" if n else ""))
        else:
            parts.append(f"{experiences} pour {name}")
    who = credit or (author.split("<")[0].strip() if author else None)
    return f"Proposition {f'de {who}' if who else 'reçue'} : {' ; '.join(parts)}"


def _identity(envelope: Enveloppe | None) -> str | None:
    """``Marie Dupont <marie@example.org>``, or None (no credit: the editor is the author)."""
    if envelope is None or envelope.credit is None:
        return None
    return f"{envelope.credit} <{envelope.courriel or NO_ADDRESS}>"


def _valid_identity(identity: str) -> bool:
    name, _, rest = identity.partition("<")
    return bool(name.strip()) and rest.endswith(">") and "<" not in rest and "@" in rest


def _commit(root: Path, paths: list[Path], message: str, identity: str | None) -> str | None:
    """One commit of ``paths`` only (whatever else is staged stays so); None, or git's
    complaint."""
    names = [str(p.relative_to(root)) for p in paths]
    author = ["--author", identity] if identity else []
    for args in (["add", "--", *names], ["commit", "-q", "-m", message, *author, "--", *names]):
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["git", "reset", "-q", "--", *names], cwd=root, capture_output=True)
            return (done.stderr or done.stdout).strip()
    return None
