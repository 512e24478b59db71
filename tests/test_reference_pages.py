"""The « Référence des champs »: a short index, then a page per kind of record (territories
first), each light enough on its own; and the contribution path walked with the keyboard
alone, from the home page to the fields of a territory."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks.contribuer.reference import REFERENCE_ORDER
from hooks.urls import reference_page

from .depot import copy_repository
from .served import browser, needs_chromium, serve
from .test_site import build, parse

KINDS = [k.replace("_", "-") for k in REFERENCE_ORDER] + ["referentiel"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("reference") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root / "site"


class Rows(HTMLParser):
    """The table rows of a page, each as its cells' text, under the last h2 seen."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self.header_cells = 0
        self._h2: str = ""
        self._in: str | None = None
        self._cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._h2, self._in = "", "h2"
        elif tag == "tr":
            self._cells = []
        elif tag in ("td", "th"):
            self.header_cells += tag == "th"
            self._cells.append("")
            self._in = "cell"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "td", "th"):
            self._in = None
        elif tag == "tr":
            self.rows.append((self._h2, self._cells))

    def handle_data(self, data: str) -> None:
        if self._in == "h2":
            self._h2 += data
        elif self._in == "cell":
            self._cells[-1] += data


def rows(site: Path, kind: str) -> Rows:
    found = Rows()
    found.feed((site / "contribuer" / "reference" / kind / "index.html").read_text("utf-8"))
    return found


def test_each_kind_has_its_page_with_header_cells(site: Path) -> None:
    for kind in KINDS:
        assert reference_page(kind) == f"contribuer/reference/{kind}.md"
        page = rows(site, kind)
        assert page.header_cells >= 5, kind
        fields = [cells for _, cells in page.rows if len(cells) == 5 and cells[0] != "Champ"]
        assert fields and all(cells[2] in ("oui", "non") for cells in fields), kind


def test_the_territory_page_holds_its_nested_blocks_and_their_limits(site: Path) -> None:
    page = rows(site, "territoire")
    titre = [c for h2, c in page.rows if "dans experiences" in h2 and c and c[0] == "titre"]
    assert titre and "150 caractères au plus" in " ".join(titre[0][1].split())
    assert any("dans sources" in h2 for h2, _ in page.rows)


def test_the_index_links_to_every_kind_page_territories_first(site: Path) -> None:
    tags = parse(site / "contribuer" / "reference" / "index.html")
    links = [a["href"] for t, a in tags.tags if t == "a" and a.get("href", "").rstrip("/") in KINDS]
    assert [link.rstrip("/") for link in links] == KINDS
    # no table on the index: every field is on its kind's page
    assert "table" not in [t for t, _ in tags.tags]


def test_contribuer_links_to_the_territory_reference(site: Path) -> None:
    tags = parse(site / "contribuer" / "index.html")
    hrefs = [a.get("href") for t, a in tags.tags if t == "a"]
    assert "reference/territoire/" in hrefs
    assert "reference/" in hrefs


FOCUSED = """() => {
    const e = document.activeElement, s = getComputedStyle(e);
    return {href: e.getAttribute('href') || '', text: e.textContent.trim().slice(0, 60),
            visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                     || s.boxShadow !== 'none'};
}"""


def tab_to(tab, wanted: re.Pattern[str], limit: int = 200) -> dict:  # type: ignore[no-untyped-def]
    """Press Tab until the focused link's href matches ``wanted``; every element focused
    on the way must show a focus ring."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        assert focused["visible"], f"focus invisible : {focused}"
        if wanted.search(focused["href"]):
            return focused
    raise AssertionError(f"{wanted.pattern} jamais atteint en {limit} appuis sur Tab")


@needs_chromium
def test_keyboard_alone_goes_from_home_to_the_territory_reference(site: Path) -> None:
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        tab.set_viewport_size({"width": 1280, "height": 900})
        tab.goto(url)
        focused = tab_to(tab, re.compile(r"^(\./)?contribuer/$"))
        assert focused["text"] == "Contribuer"
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert tab.url == url + "contribuer/"
        focused = tab_to(tab, re.compile(r"^reference/territoire/$"))
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert tab.url == url + "contribuer/reference/territoire/"
        h1 = tab.inner_text("h1").replace("\xa0", " ").replace("\u202f", " ")
        assert h1.startswith("Territoire : référence des champs")
