"""« Déclaration d'accessibilité »: the statement French public sites publish (RGAA 4.1),
written from what ``benchmarks/accessibilite.py`` measured into ``qualite/accessibilite.json``
(the same measurements as ``tests/test_accessibility.py``, in ``tests/audit.py``).

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
from hooks.urls import ACCESSIBILITY_PAGE

PAGE = ACCESSIBILITY_PAGE
TEMPLATE = "projet/accessibilite.md.j2"
MEASURES = Path("qualite") / "accessibilite.json"
# What each keyboard check of tests/audit.py verifies, as the statement words it.
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


@dataclass(frozen=True)
class Finding:
    """One non-conformity: where it is, what it is, and when or why it stays."""

    where: str
    what: str
    fix: str


def status(measures: dict[str, Any] | None) -> str:
    """The RGAA's word for the site: never « totalement conforme », which only a full audit
    of every criterion could support; « non conforme » without any result."""
    return "non conforme" if measures is None else "partiellement conforme"


def findings(measures: dict[str, Any]) -> list[Finding]:
    """Every problem the measurements found, in the statement's words."""
    found = []
    for page in measures["pages"]:
        for width, rules in page["violations"].items():
            for rule in rules:
                impact = IMPACTS.get(rule["impact"], rule["impact"])
                what = f"{rule['description']} (règle axe-core {rule['regle']}, {impact}, "
                what += f"{rule['nombre']} élément{'s' if rule['nombre'] > 1 else ''})"
                found.append(Finding(f"{page['nom']}, à {width} px", what, FIX))
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
            found.append(Finding(where, f"le validateur signale « {message} » ({count} fois)", FIX))
        for known in html["connues"]:
            what = f"le validateur signale « {known['message']} » ({known['nombre']} fois), "
            found.append(Finding(where, what + "dans le code du thème", known["raison"]))
    return found


def keyboard_rows(measures: dict[str, Any]) -> list[tuple[str, list[bool | None]]]:
    """The keyboard checks as the statement's table shows them: one row per check, one
    value per width (None where the check does not apply)."""
    widths = measures["clavier"].values()
    rows = [(text, [w.get(name) for w in widths]) for name, text in KEYBOARD_CHECKS.items()]
    rows.append((VISIBLE_FOCUS, [not w["focus_invisible"] for w in widths]))
    return rows


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
        findings=findings(measures) if measures else [],
        keyboard=keyboard_rows(measures) if measures else [],
    )


def declaration_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The page, from the measurements found beside the records."""
    markdown = declaration_markdown(read_measures(Path(ctx.index.root)), ctx.referentiel)
    return [GeneratedPage(PAGE, markdown, template_source(TEMPLATE))]
