"""The keyboard part of the accessibility audit (:mod:`tests.audit`): the keyboard alone,
from the top of a record page, in headless Chromium driven by Playwright: the skip link, the
header's search field, the first link of the content, a visible focus on every stop, and the
small-screen menu."""

from __future__ import annotations

from typing import Any

from hooks.page_kinds import KIND_BY_KEY

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # measured only where Playwright is installed
    PlaywrightTimeout = TimeoutError  # type: ignore[misc, assignment]

KEYBOARD_PAGE = KIND_BY_KEY["enjeu"].path  # header, sidebar, table of contents, content, footer
SKIP_TEXT = "Aller au contenu"
MAX_TABS = 400  # more stops than any page has: the walk ends when the focus wraps around


# Transitions of the element that has the focus and what holds it (a link fading in, a
# menu sliding in), ended, for at most half a second; colour changes hide nothing.
FOCUS_SETTLED = """async () => {
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
    await (FOCUS_SETTLED)();
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
}""".replace("(FOCUS_SETTLED)", f"({FOCUS_SETTLED})")


def _focused(tab: Any) -> dict[str, Any] | None:
    """What has the focus, whether a reader can see it has, and whether it had it before
    since the page was opened (``again``)."""
    return tab.evaluate(FOCUS_JS)


def keyboard(tab: Any, url: str) -> dict[str, object]:
    """The keyboard alone on :data:`KEYBOARD_PAGE`, in ``tab`` (at its width):

    - ``lien_d_evitement``: the first Tab reaches « Aller au contenu », shown; Enter on it
      takes the next Tab into the content;
    - ``champ_de_recherche`` and ``premier_lien_du_contenu``: Tab after Tab from the top of
      the page reaches the header's search field, then the first link of the content;
    - ``focus_invisible``: the stops of that walk, to the end of the page, where the focus
      is not visible (no outline or shadow, or off the screen);
    - ``menu``: where the header shows « Menu » (narrow screens), the menu works with the
      keyboard alone (see :func:`_menu`); ``None`` where the navigation is always shown.
    """
    found: dict[str, object] = {"lien_d_evitement": _skip_link(tab, url + KEYBOARD_PAGE)}
    found.update(_walk(tab, url + KEYBOARD_PAGE))
    found["menu"] = _menu(tab, url + KEYBOARD_PAGE)
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
