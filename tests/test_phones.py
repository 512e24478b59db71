"""Phones, in Chromium: no page kind wider than a 320 px screen, wide tables stacked or
scrolling in a frame that says so, the matrix read at 375 px without hovering, and the site's
whole name in the header.

The site is built once (the records and the test territories, without the PDFs) and every
example page of :data:`hooks.page_kinds.PAGE_KINDS` is visited at each width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hooks.page_kinds import KIND_BY_KEY, PAGE_KINDS

from . import audit
from .served import browser, serve, third_party

SITE_NAME = "Référentiel vivant"

# Everything a test below reads from a page, in one visit.
MEASURE = """() => {
  const frameOf = (table) => table.closest(".md-typeset__scrollwrap, .rv-matrice");
  const hint = (frame) => frame ? getComputedStyle(frame, "::before").content : "none";
  return {
    overflow: document.documentElement.scrollWidth - innerWidth,
    tables: [...document.querySelectorAll("article table")].map((table) => {
      const frame = frameOf(table) || table;
      return {
        caption: (table.caption || table.querySelector("th") || table).textContent.slice(0, 60),
        fits: frame.scrollWidth <= frame.clientWidth + 1,
        stacked: table.hasAttribute("data-rv-empile"),
        focusable: frame.tabIndex === 0,
        hint: hint(frameOf(table)),
        right: table.getBoundingClientRect().right - innerWidth,
      };
    }),
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return audit.build_site(tmp_path_factory.mktemp("telephones") / "depot")


@pytest.fixture(scope="module")
def measured(site: Path) -> dict[tuple[str, int, bool], dict[str, Any]]:
    """``(kind, width, javascript)``: what :data:`MEASURE` found on the kind's example."""
    found = {}
    with serve(site) as url:
        for javascript in (True, False):
            with browser(javascript) as (context, requested):
                tab = context.new_page()
                for width in (320, 375):
                    tab.set_viewport_size({"width": width, "height": 700})
                    for kind in PAGE_KINDS:
                        tab.goto(url + kind.path)
                        found[(kind.key, width, javascript)] = tab.evaluate(MEASURE)
            assert not third_party(requested), third_party(requested)
    return found


def test_no_page_kind_is_wider_than_the_screen(measured) -> None:
    wider = [
        f"{kind} à {width} px{'' if js else ' sans JavaScript'} : {found['overflow']} px de trop"
        for (kind, width, js), found in measured.items()
        if found["overflow"] > 0
    ]
    assert not wider, "\n".join(wider)
    assert len(measured) == len(PAGE_KINDS) * 4


def test_a_wide_table_is_stacked_or_scrolls_in_a_frame_that_says_so(measured) -> None:
    problems, stacked, scrolling = [], 0, 0
    for (kind, width, javascript), found in measured.items():
        if not javascript:  # a table scrolls by itself (the theme's style): no overflow above
            continue
        for table in found["tables"]:
            where = f"{kind} à {width} px, tableau « {table['caption'].strip()} »"
            stacked += table["stacked"]
            if table["stacked"]:
                if not table["fits"] or table["right"] > 1:
                    problems.append(f"{where} : empilé mais encore trop large")
            elif not table["fits"]:
                scrolling += 1
                if not table["focusable"]:
                    problems.append(f"{where} : son cadre défile sans être atteint au clavier")
                if "Faites défiler" not in table["hint"]:
                    problems.append(f"{where} : rien ne dit qu'il défile")
    assert not problems, "\n".join(problems)
    assert stacked, "aucun tableau empilé : la référence des champs devrait l'être à 320 px"
    assert scrolling, "aucun cadre qui défile : la matrice d'un enjeu défile à 320 px"


def test_the_field_reference_reads_as_cards_at_320_px(site: Path) -> None:
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        tab.set_viewport_size({"width": 320, "height": 700})
        tab.goto(url + KIND_BY_KEY["reference_fiche"].path)
        table = tab.locator("article table").first
        assert table.get_attribute("data-rv-empile") == ""
        label = table.locator("tbody td:nth-child(2)").first.evaluate(
            "cell => getComputedStyle(cell, '::before').content"
        )
        assert label.startswith('"Type : "'), label  # each cell says its column
        assert table.get_attribute("role") == "table"  # still a table for screen readers
        assert table.locator("tbody td[role=cell]").count() > 10
        tab.set_viewport_size({"width": 1280, "height": 700})  # a wide screen: a table again
        tab.wait_for_function("!document.querySelector('article table[data-rv-empile]')")


def test_the_matrix_names_its_balises_without_hovering_at_375_px(site: Path) -> None:
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        tab.set_viewport_size({"width": 375, "height": 700})
        tab.goto(url + KIND_BY_KEY["matrice"].path)
        names = tab.locator("article tbody th[scope=row] a")
        assert names.count() > 20  # every balise
        for i in range(names.count()):
            box = names.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert "1.2 Construire le récit" in names.all_inner_texts()
        tab.goto(url + KIND_BY_KEY["matrice_enjeu"].path)
        legend = tab.locator("article .rv-matrice__legende li")
        assert legend.count() == tab.locator("article thead th[scope=col] a").count() > 0
        assert "1.2 Construire le récit" in legend.all_inner_texts()
        assert legend.first.is_visible()
        frame = tab.locator("article .rv-matrice")
        assert frame.evaluate("f => f.scrollWidth <= f.clientWidth + 1"), "la matrice déborde"
        header = tab.locator("article thead th[scope=col] a").nth(1)
        box = header.bounding_box()  # the number in sight, the name for screen readers
        assert box and box["width"] < 40, box
        assert header.evaluate("a => a.textContent") == "1.2 Construire le récit"


@pytest.mark.parametrize("width", [320, 375])
def test_the_site_name_is_whole_in_the_header(site: Path, width: int) -> None:
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        tab.set_viewport_size({"width": width, "height": 700})
        tab.goto(url + KIND_BY_KEY["matrice_enjeu"].path)
        for moment in ("en haut de la page", "après défilement"):
            name = tab.locator(".md-header__topic").first
            assert name.inner_text().split() == SITE_NAME.split(), moment
            assert name.evaluate(
                """topic => {
                  const text = topic.querySelector(".md-ellipsis");
                  const style = getComputedStyle(topic);
                  return text.scrollWidth <= text.clientWidth
                    && text.scrollHeight <= text.clientHeight
                    && style.opacity === "1"
                    && text.getBoundingClientRect().right <= innerWidth;
                }"""
            ), f"nom du site coupé ou caché à {width} px, {moment}"
            tab.mouse.wheel(0, 800)
            tab.wait_for_timeout(500)  # Material swaps the header's title as the page scrolls
