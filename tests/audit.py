"""Accessibility measurements of a built site, in headless Chromium driven by Playwright.

Shared by ``tests/test_accessibility.py`` (which asserts what they find) and
``benchmarks/accessibilite.py`` (which writes them into ``qualite/accessibilite.json``, the
source of the « Déclaration d'accessibilité »): both measure exactly the same thing.

    with serve(site) as url, browser() as (context, _):
        found = measure(context, url, site)
    found["pages"][0]["violations"]["375"]  # [] or [{"regle": "color-contrast", …}]

Four kinds of measurement:

- :func:`violations`: axe-core's rules for WCAG 2.1 levels A and AA, on the example page of
  every kind of :data:`hooks.page_kinds.PAGE_KINDS` and the few :data:`STATES` of a page
  that its script shows (all in :data:`PAGES`), at each width of :data:`WIDTHS`;
- :func:`heading_problems`: one ``h1`` and no skipped heading level, in the page as shown
  (after its scripts ran: search results and the explorer add headings and links);
- :func:`keyboard`: the keyboard alone, from the top of a record page: the skip link, the
  header's search field, the first link of the content, a visible focus on every stop;
- :func:`static_problems`: every HTML page of the site, read as written: ``lang="fr"``, a
  skip link, one ``h1``, heading levels in order, header cells in tables, link texts that
  make sense alone.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hooks.page_kinds import KIND_BY_KEY, PAGE_KINDS

from .depot import ROOT

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # measured only where Playwright is installed
    PlaywrightTimeout = TimeoutError  # type: ignore[misc, assignment]

AXE = ROOT / "node_modules" / "axe-core"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")  # WCAG 2.1, levels A and AA
WIDTHS = (1280, 375)  # a laptop, a phone
HEIGHT = 800
KEYBOARD_PAGE = KIND_BY_KEY["enjeu"].path  # header, sidebar, table of contents, content, footer
SKIP_TEXT = "Aller au contenu"
MAX_TABS = 400  # more stops than any page has: the walk ends when the focus wraps around


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

# Link texts that say nothing out of their sentence (RGAA 6.1), whole or as a start.
VAGUE_LINK = re.compile(
    r"^(ici|là|clic|cliquez|cliquer|lien|ce lien|plus|en savoir plus|lire la suite|suite"
    r"|voir|voir plus|page|télécharger|download|here|click here|more|read more)\W*$"
    r"|\bcliquez\b|\bcliquer\b",
    re.IGNORECASE,
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
        tab.click(MENU)  # as a mouse does: the keyboard has its own test (_menu)
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
    await Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null)));
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
        tab.wait_for_function("document.getElementById('rv-pr-statut').textContent !== ''")


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


HEADINGS_JS = """() => {
    const problems = [];
    const shown = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter(h => h.getClientRects().length > 0 || h.closest('details'));
    const h1 = shown.filter(h => h.tagName === 'H1').length;
    if (h1 !== 1) problems.push(`${h1} titres de niveau 1 au lieu d'un seul`);
    let previous = 0;
    for (const h of shown) {
        const level = Number(h.tagName[1]);
        if (level > previous + 1) {
            const text = h.textContent.replace('¶', '').trim().slice(0, 60);
            problems.push(`titre de niveau ${level} après un niveau ${previous} : « ${text} »`);
        }
        previous = level;
    }
    return problems;
}"""


def heading_problems(tab: Any) -> list[str]:
    """One ``h1``, no level skipped (``h2`` then ``h4``), in the page as shown."""
    return tab.evaluate(HEADINGS_JS)


# Transitions of the element that has the focus and what holds it (a link fading in, a
# menu sliding in), ended, for at most half a second; colour changes hide nothing.
SETTLED = """async () => {
    const el = document.activeElement;
    const ends = document.getAnimations()
        .filter(a => a.effect && a.effect.target && a.effect.target.contains(el))
        .filter(a => !/color/.test(a.transitionProperty || ''))
        .map(a => a.finished.catch(() => null));
    await Promise.race([Promise.all(ends), new Promise(done => setTimeout(done, 500))]);
}"""
FOCUS_JS = """async () => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    await (SETTLED)();
    const style = getComputedStyle(el);
    const rect = el.getClientRects()[0] || el.getBoundingClientRect();  // a link's first line
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    let opaque = true;
    for (let n = el; n; n = n.parentElement) opaque &&= getComputedStyle(n).opacity !== '0';
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);  // not covered by another element
    const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
        && rect.top < innerHeight && rect.left < innerWidth && style.visibility !== 'hidden'
        && opaque && !!hit && (hit === el || el.contains(hit));
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 40);
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const content = document.querySelector('article.md-content__inner');
    const firstLink = content && [...content.querySelectorAll('a[href]')]
        .find(a => a.getClientRects().length > 0 && a.tabIndex >= 0);
    const seen = window.rvSeen || (window.rvSeen = new WeakSet());
    const again = seen.has(el);
    seen.add(el);
    return {
        element: text ? `${name} « ${text} »` : name,
        visible: (outline || shadow) && onScreen,
        skip: el.matches('a.md-skip'),
        search: el.id === 'rv-entete-q',
        firstLink: el === firstLink,
        inContent: !!(content && content.contains(el)),
        again,
    };
}""".replace("(SETTLED)", f"({SETTLED})")


def _focused(tab: Any) -> dict[str, Any] | None:
    """What has the focus, whether a reader can see it has, and whether it had it before
    since the page was opened (``again``)."""
    return tab.evaluate(FOCUS_JS)


def keyboard(context: Any, url: str, width: int) -> dict[str, object]:
    """The keyboard alone on :data:`KEYBOARD_PAGE`, at ``width``:

    - ``lien_d_evitement``: the first Tab reaches « Aller au contenu », shown; Enter on it
      takes the next Tab into the content;
    - ``champ_de_recherche`` and ``premier_lien_du_contenu``: Tab after Tab from the top of
      the page reaches the header's search field, then the first link of the content;
    - ``focus_invisible``: the stops of that walk, to the end of the page, where the focus
      is not visible (no outline or shadow, or off the screen);
    - ``menu``: where the header shows « Menu » (narrow screens), the menu works with the
      keyboard alone (see :func:`_menu`); ``None`` where the navigation is always shown.
    """
    tab = context.new_page()
    tab.set_viewport_size({"width": width, "height": HEIGHT})
    found: dict[str, object] = {"lien_d_evitement": _skip_link(tab, url + KEYBOARD_PAGE)}
    found.update(_walk(tab, url + KEYBOARD_PAGE))
    found["menu"] = _menu(tab, url + KEYBOARD_PAGE)
    tab.close()
    return found


def _skip_link(tab: Any, address: str) -> bool:
    """The first Tab shows « Aller au contenu »; Enter on it, then Tab: in the content."""
    tab.goto(address)
    tab.keyboard.press("Tab")
    first = _focused(tab)  # once it has faded in
    if not (first and first["skip"] and first["visible"]):
        return False
    text = tab.evaluate("document.activeElement.textContent.trim()")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    after = _focused(tab)
    return text == SKIP_TEXT and bool(after and after["inContent"])


def _walk(tab: Any, address: str) -> dict[str, object]:
    """Tab from the top of the page until the focus comes back to a stop it has seen."""
    tab.goto(address)
    reached = {"search": False, "firstLink": False}
    hidden: list[str] = []
    for _ in range(MAX_TABS):
        tab.keyboard.press("Tab")
        stop = _focused(tab)
        if stop is None or stop["again"]:
            break  # past the last stop, or around the whole page
        for key in reached:
            reached[key] = reached[key] or bool(stop[key])
        if not stop["visible"]:
            hidden.append(stop["element"])
    return {
        "champ_de_recherche": reached["search"],
        "premier_lien_du_contenu": reached["firstLink"],
        "focus_invisible": hidden,
    }


MENU = '.md-header label[for="__drawer"]'
IN_MENU = """() => document.getElementById('__drawer').checked
    && document.querySelector('.md-sidebar--primary').contains(document.activeElement)"""
MENU_CLOSED = f"""() => !document.getElementById('__drawer').checked
    && document.activeElement === document.querySelector('{MENU}')"""
BACK = "document.activeElement.matches('.md-nav__title[tabindex]')"
UP_A_LEVEL = """() => document.activeElement.matches('label.md-nav__link[for^="__nav"]')"""


def _menu(tab: Any, address: str) -> bool | None:
    """Enter on « Menu » opens it, the focus on the level shown (the current page's
    section); every Tab stop in it is visible; Enter on the section's title goes up a
    level, the focus following; Escape closes the menu, the focus back on the button."""
    tab.goto(address)
    if not tab.locator(MENU).is_visible():
        return None
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"document.activeElement.matches('{MENU}')"):
            break
    else:
        return False
    try:
        tab.keyboard.press("Enter")
        tab.wait_for_function(IN_MENU, timeout=2000)
        stops = [_focused(tab)]
        if not tab.evaluate(BACK):  # the menu opens on the current page's section
            return False
        while len(stops) < MAX_TABS:
            tab.keyboard.press("Tab")
            if not tab.evaluate(IN_MENU):
                break
            stops.append(_focused(tab))
        if not all(stop and stop["visible"] for stop in stops):
            return False
        tab.wait_for_function("!document.getElementById('__drawer').checked", timeout=2000)
        tab.focus(MENU)  # the menu closed when the focus left it: open it again
        tab.keyboard.press("Enter")
        tab.wait_for_function(IN_MENU, timeout=2000)
        tab.keyboard.press("Enter")  # « ← Section »: up a level
        tab.wait_for_function(UP_A_LEVEL, timeout=2000)
        up = _focused(tab)
        tab.keyboard.press("Escape")
        tab.wait_for_function(MENU_CLOSED, timeout=2000)
    except PlaywrightTimeout:
        return False
    return bool(up and up["visible"])


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
        "clavier": {str(width): keyboard(context, url, width) for width in WIDTHS},
        "structure": static_problems(site),
    }


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


class _Page(HTMLParser):
    """What :func:`static_problems` needs from a page: its language, headings, tables and
    link texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[int] = []
        self.tables = 0
        self.header_cells = 0
        self.links: list[str] = []
        self.skip_link = False
        self._link: list[str] | None = None
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "th":
            self.header_cells += 1
        elif tag == "a" and values.get("href"):
            self._link, self._label = [], values.get("aria-label")
            self.skip_link = self.skip_link or "md-skip" in (values.get("class") or "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append(self._label or " ".join("".join(self._link).split()))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)


def page_problems(html: str) -> list[str]:
    """What a page breaks among the rules :func:`static_problems` checks, in French.

    >>> page_problems('<html lang="fr"><h1>A</h1><h3>B</h3><a href="x">cliquez ici</a>')[1:]
    ['titre de niveau 3 après un niveau 1', 'lien peu explicite : « cliquez ici »']
    """
    page = _Page()
    page.feed(html)
    problems = []
    if page.lang != "fr":
        problems.append(f'langue de la page : lang="{page.lang}" au lieu de "fr"')
    if not page.skip_link:
        problems.append("pas de lien « Aller au contenu »")
    if page.headings.count(1) != 1:
        problems.append(f"{page.headings.count(1)} titres de niveau 1 au lieu d'un seul")
    previous = 0
    for level in page.headings:
        if level > previous + 1:
            problems.append(f"titre de niveau {level} après un niveau {previous}")
        previous = level
    if page.tables > page.header_cells:
        problems.append("tableau sans cellule d'en-tête")
    problems += [
        f"lien peu explicite : « {text} »" for text in page.links if VAGUE_LINK.search(text)
    ]
    return problems


def static_problems(site: Path) -> dict[str, list[str]]:
    """``{"balises/x/index.html": ["…"]}`` for every page of ``site`` that breaks a rule of
    :func:`page_problems`; empty when none does."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        problems = page_problems(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    return found


def summary(found: Iterable[dict[str, object]]) -> dict[str, int]:
    """Violations counted by rule over every page and width: ``{"color-contrast": 41}``."""
    counts: dict[str, int] = {}
    for page in found:
        for rules in page["violations"].values():  # type: ignore[attr-defined]
            for rule in rules:
                counts[rule["regle"]] = counts.get(rule["regle"], 0) + rule["nombre"]
    return dict(sorted(counts.items()))
