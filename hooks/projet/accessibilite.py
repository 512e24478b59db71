"""« Déclaration d'accessibilité »: the statement French public sites publish (RGAA 4.1),
written for a reader who is not a developer, from what ``benchmarks/accessibilite.py``
measured into ``qualite/accessibilite.json`` (the same measurements as
``tests/test_accessibility.py``, in ``tests/audit.py``).

The page says in plain words what works (:func:`working`), what does not yet and what is
done about it (:func:`not_yet`), and how to reach the team (the address of
``referentiel.yml``, no account needed); the tools, versions and every finding are folded
away under « Détail technique des mesures ». Its per-page results are summed up in a few
sentences, never a row per page: the page must stay light (EcoIndex A).

The build never measures anything: it only reads that file. Without it, the page says that
no result is available, and the site is then « non conforme » in the RGAA's words.

>>> status(None), status({"pages": []})
('non conforme', 'partiellement conforme')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.render import render, template_source
from hooks.generated import GeneratedPage
from hooks.projet.limites import KNOWN_LIMITS, PDF_SENTENCE, Problem
from hooks.urls import ACCESSIBILITY_PAGE
from schemas.fields import thousands

PAGE = ACCESSIBILITY_PAGE
TEMPLATE = "projet/accessibilite.md.j2"
MEASURES = Path("qualite") / "accessibilite.json"
# What each keyboard check of tests/audit_clavier.py verifies, as the statement words it.
KEYBOARD_CHECKS = {
    "lien_d_evitement": "Le premier appui sur Tab fait paraître le lien « Aller au contenu », "
    "qui mène au contenu de la page",
    "champ_de_recherche": "La touche Tab atteint le champ de recherche de l'en-tête",
    "premier_lien_du_contenu": "La touche Tab atteint le premier lien du contenu",
    "menu": "Le bouton « Menu » s'ouvre avec Entrée, y place le focus, et se referme avec Échap",
}
VISIBLE_FOCUS = "Le focus est visible à chaque arrêt de la touche Tab"
IMPACTS = {"minor": "mineur", "moderate": "modéré", "serious": "grave", "critical": "critique"}
FIX = "à corriger avant la prochaine publication : le test du projet échoue tant qu'il reste"
# What the team does about a problem that the measures find, in the words of the page.
BLOCKING = (
    "Nos vérifications automatiques échouent tant qu'il en reste : nous les corrigeons avant "
    "de publier toute autre modification du site."
)


@dataclass(frozen=True)
class Finding:
    """One non-conformity: where it is, what it is, and when or why it stays (the
    technical detail, in the measures' own terms). ``quote``: the tool's own message, in
    English, shown as a quotation in that language before ``what``; ``rule``: the name of
    the axe-core rule, shown as code."""

    where: str
    what: str
    fix: str
    quote: str = ""
    rule: str = ""


def status(measures: dict[str, Any] | None) -> str:
    """The RGAA's word for the site: never « totalement conforme », which only a full audit
    of every criterion could support; « non conforme » without any result."""
    return "non conforme" if measures is None else "partiellement conforme"


def _plural(count: int, word: str) -> str:
    """``1 erreur``, ``2 erreurs``, ``1 234 erreurs`` (French figures).

    >>> _plural(1, "page"), _plural(1234, "erreur")
    ('1 page', '1\u202f234 erreurs')
    """
    return f"{thousands(count)} {word}{'s' if count > 1 else ''}"


def _page_errors(measures: dict[str, Any]) -> tuple[int, list[str]]:
    """How many elements axe-core found at fault, and on which pages (by their names)."""
    total, pages = 0, []
    for page in measures["pages"]:
        count = sum(rule["nombre"] for rules in page["violations"].values() for rule in rules)
        total += count
        if count or page["titres"]:
            pages.append(page["nom"])
    return total + sum(len(page["titres"]) for page in measures["pages"]), pages


def _keyboard_failures(measures: dict[str, Any]) -> list[str]:
    """Each keyboard check that failed at some width, and the invisible focus, once each."""
    failed: dict[str, None] = {}
    for checks in measures["clavier"].values():
        for name, text in KEYBOARD_CHECKS.items():
            if checks.get(name) is False:
                failed[text] = None
        if checks["focus_invisible"]:
            failed["Le focus n'est pas toujours visible quand on avance avec la touche Tab"] = None
    return list(failed)


def working(measures: dict[str, Any]) -> list[str]:
    """What the measures show to work, one plain sentence each (nothing that failed)."""
    found = []
    errors, _ = _page_errors(measures)
    if not errors:
        found.append(
            f"Sur ordinateur comme sur téléphone, les {len(measures['pages'])} pages vérifiées "
            "(une de chaque sorte : accueil, fiches, territoires, recherche, formulaire…) "
            "respectent toutes les règles que le contrôle automatique sait vérifier : "
            "contraste des couleurs, nom de chaque lien, bouton et champ, langue, titres."
        )
    if not _keyboard_failures(measures):
        found.append(
            "Tout le site se parcourt au clavier seul, et l'on voit toujours où l'on se "
            "trouve ; un lien « Aller au contenu » permet de passer l'en-tête, et le menu "
            "s'ouvre et se referme au clavier."
        )
    if not measures["structure"]:
        found.append(
            "Chaque page du site dit qu'elle est en français, a un seul titre principal et des "
            "intertitres dans l'ordre ; chaque tableau a ses en-têtes, et chaque lien dit où il "
            "mène."
        )
    html = measures.get("html")
    if html and not html["par_origine"]["ours"] and not html["par_origine"]["theme"]:
        found.append(
            f"Le code des pages du site est valide : le validateur du W3C, l'organisme qui écrit "
            f"les normes du Web, ne trouve aucune erreur dans les {thousands(html['pages'])} "
            "pages vérifiées (celles du site et de territoires d'essai ajoutés pour la mesure)."
        )
    found.append(
        "Tout le contenu se lit sans JavaScript : seuls la recherche, les filtres et quelques "
        "commodités en ont besoin."
    )
    found.append(PDF_SENTENCE)
    return found


def not_yet(measures: dict[str, Any] | None) -> list[Problem]:
    """What the measures find not to work, then what is known not to work yet."""
    found = []
    if measures:
        errors, pages = _page_errors(measures)
        if errors:
            found.append(
                Problem(
                    f"Le contrôle automatique relève {_plural(errors, 'erreur')} sur "
                    f"{_plural(len(pages), 'page')} : {', '.join(pages)}.",
                    BLOCKING,
                )
            )
        for failure in _keyboard_failures(measures):
            found.append(Problem(f"Au clavier : {failure[0].lower()}{failure[1:]}.", BLOCKING))
        if measures["structure"]:
            count = len(measures["structure"])
            verb = "ont" if count > 1 else "a"
            found.append(
                Problem(
                    f"{_plural(count, 'page')} du site {verb} un défaut de structure (langue, "
                    "titres, tableaux ou liens).",
                    BLOCKING,
                )
            )
        html = measures.get("html")
        if html and html["par_origine"]["ours"]:
            found.append(
                Problem(
                    f"Le validateur du W3C relève {_plural(html['par_origine']['ours'], 'erreur')}"
                    " dans le code des pages.",
                    BLOCKING,
                )
            )
        if html and html["par_origine"]["theme"]:
            count = _plural(html["par_origine"]["theme"], "erreur")
            found.append(
                Problem(
                    f"L'outil de contrôle du code des pages web (le validateur du W3C) relève "
                    f"{count} dans le code du thème, la mise en page commune à toutes les "
                    "pages, sans effet connu sur la lecture ni sur les aides techniques.",
                    "Leur raison est donnée dans le détail technique, plus bas.",
                )
            )
    return found + KNOWN_LIMITS


def findings(measures: dict[str, Any]) -> list[Finding]:
    """Every problem the measurements found, in their own terms (the technical detail)."""
    found = []
    for page in measures["pages"]:
        for width, rules in page["violations"].items():
            for rule in rules:
                impact = IMPACTS.get(rule["impact"], rule["impact"])
                what = f"{impact}, {_plural(rule['nombre'], 'élément')}"
                where = f"{page['nom']}, à {width} px"
                found.append(Finding(where, what, FIX, rule["description"], rule["regle"]))
        for problem in page["titres"]:
            found.append(Finding(page["nom"], f"titres : {problem}", FIX))
    for width, checks in measures["clavier"].items():
        where = f"Clavier, à {width} px"
        for name, text in KEYBOARD_CHECKS.items():
            if checks.get(name) is False:
                found.append(Finding(where, f"non : {text[0].lower()}{text[1:]}", FIX))
        for element in checks["focus_invisible"]:
            found.append(Finding(where, f"focus invisible sur {element}", FIX))
    for path, problems in measures["structure"].items():
        found += [Finding(path, problem, FIX) for problem in problems]
    html = measures.get("html")
    if html:
        where = "Code HTML (critère 8.2 du RGAA)"
        for message, count in html["a_corriger"].items():
            found.append(Finding(where, f"({count} fois)", FIX, message))
        for known in html["connues"]:
            what = f"({known['nombre']} fois, dans le code du thème)"
            found.append(Finding(where, what, known["raison"].rstrip("."), known["message"]))
    return found


def keyboard_rows(measures: dict[str, Any]) -> list[tuple[str, list[bool | None]]]:
    """The keyboard checks as the technical detail shows them: one row per check, one
    value per width (None where the check does not apply)."""
    widths = measures["clavier"].values()
    rows = [(text, [w.get(name) for w in widths]) for name, text in KEYBOARD_CHECKS.items()]
    rows.append((VISIBLE_FOCUS, [not w["focus_invisible"] for w in widths]))
    return rows


def keyboard_page(measures: dict[str, Any]) -> str:
    """The name of the page walked with the keyboard alone (its address if not audited)."""
    walked = measures["page_clavier"]
    return next((p["nom"] for p in measures["pages"] if p["adresse"] == walked), walked)


def read_measures(root: Path) -> dict[str, Any] | None:
    """``qualite/accessibilite.json`` under ``root``, or None if it was never written."""
    path = root / MEASURES
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def declaration_markdown(measures: dict[str, Any] | None, referentiel: Any) -> str:
    """The page's Markdown; :func:`hooks.core.render.render` escapes every value."""
    return render(
        TEMPLATE,
        measures=measures,
        referentiel=referentiel,
        status=status(measures),
        working=working(measures) if measures else [],
        not_yet=not_yet(measures),
        findings=findings(measures) if measures else [],
        keyboard=keyboard_rows(measures) if measures else [],
        keyboard_page=keyboard_page(measures) if measures else "",
        results=f"{referentiel.depot}/blob/{referentiel.branche}/{MEASURES.as_posix()}",
    )


def declaration_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The page, from the measurements found beside the records."""
    markdown = declaration_markdown(read_measures(Path(ctx.index.root)), ctx.referentiel)
    return [GeneratedPage(PAGE, markdown, template_source(TEMPLATE))]
