"""Accessibility measurements of a built site, in headless Chromium driven by Playwright.

Shared by ``tests/test_accessibility.py`` (which asserts what they find) and
``benchmarks/accessibilite.py`` (which writes them into ``qualite/accessibilite.json``, the
source of the « Déclaration d'accessibilité »): both measure exactly the same thing.

    with serve(site) as url, browser() as (context, _):
        found = measure(context, url, site)
    found["pages"][0]["violations"]["375"]  # [] or [{"regle": "color-contrast", …}]

Four kinds of measurement, the last three in modules of their own:

- :func:`violations`: axe-core's rules for WCAG 2.1 levels A and AA, on the example page of
  every kind of :data:`hooks.page_kinds.PAGE_KINDS` and the few :data:`STATES` of a page
  that its script shows (all in :data:`PAGES`), at each width of :data:`WIDTHS`;
- :func:`heading_problems` (``tests/audit_structure.py``): one ``h1`` and no skipped
  heading level, in the page as shown (after its scripts ran: search results and the
  explorer add headings and links);
- :func:`keyboard` (``tests/audit_clavier.py``): the keyboard alone, from the top of a
  record page: the skip link, the header's search field, the first link of the content, a
  visible focus on every stop;
- :func:`static_problems` (``tests/audit_structure.py``): every HTML page of the site, read
  as written: ``lang="fr"``, a skip link, one ``h1``, heading levels in order, header cells
  in tables, link texts that make sense alone.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.page_kinds import KIND_BY_KEY, PAGE_KINDS

from .audit_clavier import KEYBOARD_PAGE, MENU, keyboard
from .audit_structure import heading_problems, static_problems
from .depot import ROOT

AXE = ROOT / "node_modules" / "axe-core"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")  # WCAG 2.1, levels A and AA
WIDTHS = (1280, 375)  # a laptop, a phone
HEIGHT = 800


@dataclass(frozen=True)
class Audited:
    """One page as the audit opens it: ``Audited("enjeu", "Un enjeu", "enjeux/engagement/")``,
    written as ``sorte``, ``nom`` and ``adresse`` into ``qualite/accessibilite.json``."""

    kind: str
    label: str
    path: str


@dataclass(frozen=True)
class State:
    """A state of the example page of the kind ``of`` (its key in
    :data:`hooks.page_kinds.PAGE_KINDS`) that the audit opens too; ``adds``: what the address
    adds to the example's. A state under its kind's own key stands for the example: the audit
    opens that page in this state only."""

    key: str
    of: str
    label: str
    adds: str = ""

    @property
    def audited(self) -> Audited:
        return Audited(self.key, self.label, KIND_BY_KEY[self.of].path + self.adds)


# What :func:`show` does to a page beyond opening it; states, not kinds of page.
STATES = (
    State("proposer", "proposer", "Proposer une expérience, formulaire vide"),
    State("proposer_erreurs", "proposer", "Proposer une expérience, erreurs affichées"),
    State("proposer_fichier", "proposer", "Proposer une expérience, fichier prêt"),
    State("recherche", "recherche", "Recherche, avec des résultats", "?q=confiance"),
    State("explorer", "explorer", "Explorer les expériences, filtres ouverts"),
    State("introuvable", "accueil", "Page introuvable (404)", "404.html"),  # at the root
    State("menu", "enjeu", "Le menu, ouvert sur petit écran (un enjeu)"),
)
INSTEAD = {state.key: state for state in STATES if state.key == state.of}
# The example page of every kind (or the state that stands for it), then the other states.
PAGES: tuple[Audited, ...] = (
    *(
        INSTEAD[kind.key].audited
        if kind.key in INSTEAD
        else Audited(kind.key, kind.label, kind.path)
        for kind in PAGE_KINDS
    ),
    *(state.audited for state in STATES if state.key != state.of),
)


def axe_available() -> bool:
    """Whether ``npm ci`` has put axe-core in ``node_modules/``."""
    return (AXE / "axe.min.js").is_file()


def axe_version() -> str:
    return json.loads((AXE / "package.json").read_text(encoding="utf-8"))["version"]


def new_tab(context: Any, width: int) -> Any:
    """A tab at ``width``, for every page measured at that width in turn."""
    tab = context.new_page()
    tab.set_viewport_size({"width": width, "height": HEIGHT})
    return tab


def show(tab: Any, url: str, page: Audited) -> None:
    """Open ``page`` in ``tab`` as a reader finds it: search results written, the
    explorer's filters shown and open."""
    tab.goto(url + page.path)
    if page.kind == "recherche":
        tab.wait_for_selector("#rv-resultats li h3 a")
    if page.kind == "menu" and tab.locator(MENU).is_visible():  # narrow screens only
        tab.click(MENU)  # as a mouse does: the keyboard has its own test (audit_clavier)
        tab.wait_for_function("document.getElementById('__drawer').checked")
        tab.wait_for_timeout(300)  # the menu slides in (0.25 s)
    if page.kind.startswith("proposer"):
        _proposer(tab, page.kind)
    if page.kind == "explorer":
        tab.wait_for_selector("#rv-explorer:not([hidden])")
        if not tab.evaluate("document.querySelector('details.rv-ex-filtres').open"):
            tab.click("details.rv-ex-filtres > summary")
    tab.evaluate(SETTLED)


SETTLED = """async () => {
    // What a reader sees once the page is still: the scroll ended (the form scrolls to its
    // first error, which shows Material's « back to top » button) and every transition over
    // (a button half faded in has no contrast to speak of).
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    let y = -1;
    for (let i = 0; i < 60 && y !== window.scrollY; i++) {
        y = window.scrollY;
        await frame();
        await frame();
    }
    for (let i = 0; i < 5; i++) await frame();  // the button reacts to the last scroll
    const ends = document.getAnimations()
        .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null));
    // at most two seconds: an animation paused by the page would never finish
    await Promise.race([Promise.all(ends), new Promise(done => setTimeout(done, 2000))]);
}"""


def _proposer(tab: Any, kind: str) -> None:
    """The form as its script shows it: empty, sent empty (every required field in error),
    or filled and sent (the file ready, its three ways out)."""
    tab.wait_for_selector("#rv-proposer:not([hidden])")
    if kind == "proposer_fichier":
        tab.fill("#rv-pr-t-nom", "Ville Témoin")
        tab.fill("#rv-pr-t-resume", "Une commune.")
        tab.fill("[data-bloc=experience] [data-champ=titre]", "Le jardin partagé")
        tab.fill("[data-bloc=experience] [data-champ=resume]", "Un jardin.")
        tab.locator("[data-bloc=experience] input[name=balises]").first.check()
    if kind != "proposer":
        tab.click("#rv-proposer button[type=submit]")
        tab.wait_for_function(  # the file ready, said in the status; or the list of errors
            "document.getElementById('rv-pr-statut').textContent !== ''"
            " || !document.getElementById('rv-pr-bilan').hidden"
        )


AXE_RUN = """async ([locale, tags]) => {
    axe.configure({locale});
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
    const result = await axe.run(document, options);
    return result.violations.map(v => ({
        regle: v.id, impact: v.impact, nombre: v.nodes.length, description: v.help,
        cibles: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    }));
}"""


def violations(tab: Any) -> list[dict[str, object]]:
    """axe-core's WCAG 2.1 A and AA violations on the page shown in ``tab`` (axe added to it
    as a script), one entry per rule::

        [{"regle": "color-contrast", "impact": "serious", "nombre": 3,
          "description": "Les éléments doivent avoir un contraste…", "cibles": [selectors]}]

    Descriptions in French, from axe's own translation; ``cibles``: the first five elements.
    """
    tab.add_script_tag(path=str(AXE / "axe.min.js"))
    french = json.loads((AXE / "locales" / "fr.json").read_text(encoding="utf-8"))
    return sorted(tab.evaluate(AXE_RUN, [french, list(TAGS)]), key=lambda v: v["regle"])


def measure(context: Any, url: str, site: Path) -> dict[str, object]:
    """Everything this module measures, on the site served at ``url`` from ``site``; the
    violations keep the elements they were found on (``cibles``), for a failure message."""
    pages = [{"sorte": p.kind, "nom": p.label, "adresse": p.path, "violations": {}} for p in PAGES]
    for width in WIDTHS:
        tab = new_tab(context, width)
        for page, found in zip(PAGES, pages, strict=True):
            show(tab, url, page)
            found["violations"][str(width)] = violations(tab)
            if width == WIDTHS[0]:
                found["titres"] = heading_problems(tab)
        tab.close()
    return {
        "regles": list(TAGS),
        "largeurs": list(WIDTHS),
        "page_clavier": KEYBOARD_PAGE,
        "pages": pages,
        "clavier": {str(width): _keyboard(context, url, width) for width in WIDTHS},
        "structure": static_problems(site),
    }


def _keyboard(context: Any, url: str, width: int) -> dict[str, object]:
    """:func:`tests.audit_clavier.keyboard` in a tab of its own at ``width``."""
    tab = new_tab(context, width)
    try:
        return keyboard(tab, url)
    finally:
        tab.close()


def without_targets(found: dict[str, Any]) -> dict[str, Any]:
    """``found`` as ``qualite/accessibilite.json`` keeps it: the violations without the
    elements they were found on (selectors change with any edit of a page)."""
    pages = [
        {
            **page,
            "violations": {
                width: [{k: v for k, v in rule.items() if k != "cibles"} for rule in rules]
                for width, rules in page["violations"].items()
            },
        }
        for page in found["pages"]
    ]
    return {**found, "pages": pages}


# What changes from one run to the next without the site changing: left out when the test
# compares what it measures with qualite/accessibilite.json. The HTML checker runs in the
# script only (tests/test_html_valid.py checks the HTML).
VOLATILE = ("date", "outils", "html")


def comparable(found: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in without_targets(found).items() if k not in VOLATILE}


def tool_versions(context: Any) -> dict[str, str]:
    """The versions of what measured: ``{"axe-core": "4.14.1", "chromium": …}``."""
    from importlib.metadata import version

    return {
        "axe-core": axe_version(),
        "chromium": context.browser.version,
        "playwright": version("playwright"),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
    }


def build_site(target: Path) -> Path:
    """The site as the test and the script measure it: the repository's records and the
    test territories of ``tests/cas/valides`` (a hostile one among them), without the PDFs.
    Returns the built ``site`` folder."""
    from .depot import copy_repository
    from .test_site import VALID, build

    root = copy_repository(target)
    for case in VALID.iterdir():
        shutil.copy(case, root / "territoires" / case.name)
    result = build(root, "--sans-pdf")
    if result.returncode != 0:
        raise RuntimeError(f"La construction du site a échoué :\n{result.stderr}")
    return root / "site"


def summary(found: Iterable[dict[str, object]]) -> dict[str, int]:
    """Violations counted by rule over every page and width: ``{"color-contrast": 41}``."""
    counts: dict[str, int] = {}
    for page in found:
        for rules in page["violations"].values():  # type: ignore[attr-defined]
            for rule in rules:
                counts[rule["regle"]] = counts.get(rule["regle"], 0) + rule["nombre"]
    return dict(sorted(counts.items()))
