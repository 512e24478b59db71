"""``python build.py revue BASE [HEAD]``: what a proposal changes, in readers' terms, as
Markdown in French for the editors (printed, and in CI written to the job summary).

From the records at ``BASE`` to those at ``HEAD`` (None: the working tree): the check's
errors at ``HEAD`` with file and line; the files outside the record folders, which call for a
technical review; new records that look like existing ones; then territories, experiences
and other records added, changed (each field as a word-level diff, as the revision notes
show it: :func:`hooks.core.revisions.compare`), renamed, withdrawn or deleted. Everything a
contributor wrote passes through :mod:`hooks.relecture.markdown` and stays text.
"""

from __future__ import annotations

from dataclasses import dataclass

from hooks.core.revisions import Revision, compare
from hooks.relecture.etat import EXPERIENCE, REFERENTIEL, Etat, hors_des_fiches
from hooks.relecture.markdown import borner, code, diff, texte
from hooks.relecture.ressemblances import ressemblances
from schemas.kinds import KIND_BY_NAME

STATUTS = {  # a revision's status → how the summary says it, masculine and feminine
    "ajout": ("nouveau", "nouvelle"),
    "modification": ("modifié", "modifiée"),
    "renommage": ("renommé", "renommée"),
    "retrait": ("retiré", "retirée"),
    "suppression": ("supprimé", "supprimée"),
}
ORDRE = ("ajout", "modification", "renommage", "retrait", "suppression")
MAX_CHAMPS = 40  # fields shown per record; the rest are counted
OTHERS = (REFERENTIEL, *(k for k in KIND_BY_NAME if k != "territoire"))
APERCU = 600  # characters of a new record's summary shown


@dataclass
class Revue:
    """Both revisions, the files that differ, and what changed from one to the other."""

    avant: Etat
    apres: Etat
    fichiers: list[tuple[str, str]]  # (git status, path)

    @property
    def revisions(self) -> list[Revision]:
        if self.avant.index is None or self.apres.index is None:
            return []
        return compare(self.avant.fiches, self.apres.fiches, [])

    @property
    def code_de_sortie(self) -> int:
        """1 when the records at HEAD do not pass the check (CI shows red), else 0."""
        return 1 if self.apres.erreurs else 0


def genre_de(kind: str) -> tuple[str, bool]:
    """``("expérience", True)``: a kind's French name and whether it is feminine."""
    if kind == EXPERIENCE:
        return "expérience", True
    if kind == REFERENTIEL:
        return "fiche du référentiel", True
    found = KIND_BY_NAME[kind]
    return found.label, found.feminine


def statut(revision: Revision) -> str:
    masculine, feminine = STATUTS[revision.status]
    return feminine if genre_de(revision.kind)[1] else masculine


def _territoire(revue: Revue, revision: Revision) -> str:
    """« Malaunay »: the territory an experience belongs to, by its name."""
    territory = revision.id.split("/")[0]
    for etat in (revue.apres, revue.avant):
        if etat.index is not None and territory in etat.index.entries:
            return etat.index[territory].title
    return territory


def _ou(etat: Etat, revision: Revision) -> str:
    """« `territoires/malaunay.yml`, ligne 20 »: where the record is written."""
    return _place(etat, (revision.kind, revision.id))


def _place(etat: Etat, key: tuple[str, str]) -> str:
    record = etat.fiches.get(key)
    if record is None:
        return ""
    line = etat.lignes.get(key, 1)
    return f"{code(record.path)}, ligne {line}" if line > 1 else code(record.path)


def _balises(revue: Revue, revision: Revision) -> list[str]:
    """Each balise an experience cites: its title, its id and the sentence that says why."""
    index = revue.apres.index
    territory, _, experience_id = revision.id.partition("/")
    assert index is not None
    experience = next((x for x in index[territory].data.experiences if x.id == experience_id), None)
    lines = []
    for balise in getattr(experience, "balises", []):
        title = index[balise].title if balise in index.entries else balise
        why = (
            f" : « {texte(balise.pourquoi)} »" if balise.pourquoi else " (sans phrase « pourquoi »)"
        )
        lines.append(f"  - « {texte(title)} » ({code(balise)}){why}")
    return lines


def _fiche(revue: Revue, revision: Revision) -> list[str]:
    """One record's entry: what it is, where, and what changed."""
    genre = genre_de(revision.kind)[0]
    head = f"### {genre.capitalize()} {statut(revision)} : « {texte(revision.title)} »"
    lines = [head, ""]
    if revision.kind == EXPERIENCE:
        lines.append(f"- territoire : « {texte(_territoire(revue, revision))} »")
    etat = revue.avant if revision.status == "suppression" else revue.apres
    if where := _ou(etat, revision):
        lines.append(f"- fichier : {where}")
    if revision.old_id:
        lines.append(f"- ancien identifiant : {code(revision.old_id)} → {code(revision.id)}")
    if revision.status == "ajout" and (resume := etat.fiches[revision.kind, revision.id].raw):
        lines.append(f"- résumé : {texte(resume.get('resume', ''), APERCU)}")
    if revision.kind == EXPERIENCE and revision.status == "ajout":
        lines.append("- balises citées :")
        lines += _balises(revue, revision)
    for change in revision.fields[:MAX_CHAMPS]:
        lines.append(f"- **{texte(change.label)}** : {diff(change.old, change.new)}")
    if len(revision.fields) > MAX_CHAMPS:
        lines.append(f"- … et {len(revision.fields) - MAX_CHAMPS} autres champs modifiés")
    return [*lines, ""]


def _erreurs(revue: Revue) -> list[str]:
    if not revue.apres.erreurs:
        return ["## Vérification", "", "Toutes les fiches sont valides.", ""]
    n = len(revue.apres.erreurs)
    lines = [
        "## Vérification : à corriger",
        "",
        f"{n} erreur{'s' * (n > 1)} (celles de « python build.py check ») :",
        "",
    ]
    for e in revue.apres.erreurs:
        champ = f", champ {code(e.champ)}" if e.champ else ""
        lines.append(f"- {code(e.fichier)}, ligne {e.ligne}{champ} : {texte(e.message)}")
    return [*lines, ""]


def _technique(revue: Revue) -> list[str]:
    autres = hors_des_fiches(revue.fichiers)
    if not autres:
        return []
    lines = [
        "## Relecture technique nécessaire",
        "",
        "La proposition change aussi des fichiers hors des dossiers de fiches (code, gabarits, "
        "réglages, automatismes) : une personne qui connaît le code doit les relire avant "
        "l'acceptation.",
        "",
    ]
    words = {"A": "ajouté", "D": "supprimé", "R": "renommé"}
    lines += [f"- {code(path)} ({words.get(status, 'modifié')})" for status, path in autres]
    return [*lines, ""]


def _ressemblances(revue: Revue, revisions: list[Revision]) -> list[str]:
    added = [(r.kind, r.id) for r in revisions if r.status == "ajout"]
    added = [key for key in added if key[0] in (EXPERIENCE, "territoire")]
    found = ressemblances(added, revue.apres.fiches)
    if not found:
        return []
    lines = ["## Ressemblances à vérifier", ""]
    for r in found:
        new, old = revue.apres.fiches[r.nouvelle], revue.apres.fiches[r.existante]
        genre, feminine = genre_de(r.nouvelle[0])
        lines.append(
            f"- {genre.capitalize()} {STATUTS['ajout'][feminine]} « {texte(_nom(new.raw))} » "
            f"({_place(revue.apres, r.nouvelle)}) ressemble à « {texte(_nom(old.raw))} » "
            f"({_place(revue.apres, r.existante)}), proches à {round(r.score * 100)} % : "
            "doublon ?"
        )
    return [*lines, ""]


def _nom(raw: dict) -> str:
    return str(raw.get("titre") or raw.get("nom") or "")


def _bilan(revisions: list[Revision]) -> str:
    counts = []
    for status in ORDRE:
        for kind in ("territoire", EXPERIENCE, *OTHERS):
            n = sum(1 for r in revisions if r.status == status and r.kind == kind)
            if n:
                genre, feminine = genre_de(kind)
                word = STATUTS[status][feminine]
                plural = "s" if n > 1 else ""
                counts.append(f"{n} {genre}{plural if genre[-1] != 's' else ''} {word}{plural}")
    return ", ".join(counts) + "." if counts else "Aucune fiche n'a changé."


def markdown(revue: Revue) -> str:
    """The whole summary, bounded to what a job summary accepts."""
    revisions = revue.revisions
    head = revue.apres.nom
    lines = [
        "# Relecture de la proposition",
        "",
        f"Des fiches de {code(revue.avant.nom)} à celles de "
        + (f"{code(head)}." if head else "l'arbre de travail (fichiers non enregistrés compris)."),
        "",
    ]
    if revue.apres.index is not None:
        lines += [_bilan(revisions), ""]
    lines += _erreurs(revue) + _technique(revue)
    if revue.apres.index is None:
        changed = [
            (s, p) for s, p in revue.fichiers if (s, p) not in hors_des_fiches(revue.fichiers)
        ]
        lines += ["## Fichiers de fiches changés", ""]
        lines += ["Le détail viendra quand les erreurs seront corrigées.", ""]
        lines += [f"- {code(p)}" for _, p in changed] + [""]
        return borner("\n".join(lines))
    lines += _ressemblances(revue, revisions)
    sections = (
        ("Territoires", ["territoire"]),
        ("Expériences", [EXPERIENCE]),
        ("Autres fiches", list(OTHERS)),
    )
    for title, kinds in sections:
        found = [r for r in revisions if r.kind in kinds]
        found.sort(key=lambda r: (ORDRE.index(r.status), kinds.index(r.kind)))
        if found:
            lines += [f"## {title}", ""]
            for revision in found:
                lines += _fiche(revue, revision)
    return borner("\n".join(lines))
