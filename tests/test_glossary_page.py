"""The glossary: a page per concept (``concepts/<id>/``) and a light index (``concepts/``).

The index gives each concept its title, linked to the concept's page, and the first
sentence of its definition; each entry keeps the concept's id, so that links made before
concepts had pages (``concepts/#<id>``) still land one click from the concept. A concept's
page shows every fiche of the référentiel that uses it, but the experiences of the first
territories only: it weighs about the same whatever the number of territories.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest

from hooks.core.glossary import prose_spans
from schemas.index import load_index

from .depot import copy_repository
from .test_links import check_links
from .test_site import build

CONCEPT = "communs"
TERRITORY = """nom: Commune {n:03d}
type: commune
resume: Une commune pour les tests.
experiences:
  - id: une-experience
    titre: Une expérience {n:03d}
    resume: Ce qui a été fait.
    balises: [construire-le-recit]
    concepts: [{concept}]
"""
ADDED = 30
SHOWN = 20  # territories on a concept's page (m.experiences in hooks/core/_macros.j2)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Elements(HTMLParser):
    """Every start tag of a page, in order, and the links inside each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.links_in: dict[str, list[str]] = defaultdict(list)
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "a" and found.get("href"):
            for _, element_id in self._open:
                if element_id:
                    self.links_in[element_id].append(found["href"] or "")
        if tag not in _VOID:
            self._open.append((tag, found.get("id")))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass


def _parse(path: Path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with ``ADDED`` more territories, each with an experience citing ``CONCEPT``."""
    root = copy_repository(tmp_path_factory.mktemp("glossaire") / "depot")
    for n in range(ADDED):
        (root / "territoires" / f"commune-{n:03d}.yml").write_text(
            TERRITORY.format(n=n, concept=CONCEPT), encoding="utf-8"
        )
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _lands(page: Path, href: str) -> Path:
    """The file a relative link of ``page`` (``site/x/index.html``) leads to."""
    target = PurePosixPath(page.parent.as_posix()) / href.split("#")[0]
    return Path(target.as_posix()) / "index.html"


def test_old_anchors_of_the_glossary_lead_to_the_concept_pages(site: Path) -> None:
    index = load_index(site.parent)
    glossary = site / "concepts" / "index.html"
    elements = _parse(glossary)
    ids = {a.get("id") for _, a in elements.tags}
    for concept in index.of_kind("concept"):
        assert concept.id in ids, f"concepts/#{concept.id} ne mène plus nulle part"
        assert elements.links_in[concept.id] == [f"{concept.id}/"], concept.id
        page = _lands(glossary, f"{concept.id}/")
        h1 = re.search(r"<h1[^>]*>(.*?)<", page.read_text(encoding="utf-8"))
        assert h1 and html.unescape(h1.group(1)) == concept.title, concept.id


def test_the_glossary_index_gives_the_first_sentence_only(site: Path) -> None:
    html = (site / "concepts" / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'<dt id="saut-systemique">.*?</dt>\s*<dd>(.*?)</dd>', html, re.DOTALL)
    assert entry, "pas d'entrée pour saut-systemique"
    assert entry.group(1).startswith("Un saut systémique est le moment où une action")
    assert entry.group(1).endswith("nouveaux acteurs.")
    assert "Archipel nourricier" not in html  # the rest of the definition is on its page
    assert "Archipel nourricier" in (
        site / "concepts" / "saut-systemique" / "index.html"
    ).read_text(encoding="utf-8")


def test_a_glossary_link_leads_to_the_concept_page_never_to_itself(site: Path) -> None:
    balise = site / "balises" / "construire-le-recit" / "index.html"
    links = [a for t, a in _parse(balise).tags if t == "a" and a.get("class") == "rv-concept"]
    hrefs = [a["href"] or "" for a in links]
    assert "../../concepts/mise-en-recit/" in hrefs
    for href in hrefs:
        assert re.fullmatch(r"\.\./\.\./concepts/[a-z0-9-]+/", href), href
        assert _lands(balise, href).is_file(), href
    concept = site / "concepts" / "saut-systemique" / "index.html"
    own = [
        a["href"] for t, a in _parse(concept).tags if t == "a" and a.get("class") == "rv-concept"
    ]
    assert own, "la définition cite d'autres concepts : ils sont liés"
    assert all(href != "./" and "saut-systemique" not in (href or "") for href in own), own


def test_a_concept_page_counts_its_experiences_and_links_the_first_territories(
    site: Path,
) -> None:
    index = load_index(site.parent)
    cited = [b for b in index.cited_by(CONCEPT) if b.experience]
    territories = {b.entry.id for b in cited}
    assert len(territories) > SHOWN
    page = site / "concepts" / CONCEPT / "index.html"
    html = page.read_text(encoding="utf-8")
    assert (
        f"{len(cited)} expériences citent ce concept, dans {len(territories)} territoires" in html
    )
    experience_links = re.findall(r'href="\.\./\.\./territoires/[^"/]+/#[^"]*"', html)
    assert len(experience_links) <= len(cited) and len(experience_links) >= SHOWN
    shown = {re.search(r"territoires/([^/]+)/", h).group(1) for h in experience_links}  # type: ignore[union-attr]
    assert len(shown) == SHOWN
    rest = len(territories) - SHOWN
    assert f"… et {rest} autres territoires" in html
    # every fiche of the référentiel that uses the concept is linked
    for b in index.cited_by(CONCEPT):
        if not b.experience and b.entry.kind.name != "concept":
            assert f'/{b.entry.id}/"' in html, b.entry.id


def test_the_pages_stay_light_and_their_links_lead_somewhere(site: Path) -> None:
    glossary = _parse(site / "concepts" / "index.html")
    # 937 elements when every definition and its links were on this page, 781 measured
    # by benchmarks/ecoconception.py (then ecoindex.py) before concepts had pages of their own
    assert len(glossary.tags) < 300, len(glossary.tags)
    concept = _parse(site / "concepts" / CONCEPT / "index.html")
    assert len(concept.tags) < 400, len(concept.tags)
    broken, _ = check_links(site)
    assert not broken, "\n".join(broken)


def test_concept_links_are_only_in_the_records_text(site: Path) -> None:
    """Never in a generated page's tables and sentences (chiffres, matrice, nouveautés), a
    territory list's experience titles or the accessibility statement: only inside the
    ``rv-texte`` block of a record's text, and still there on the fiches."""
    linked = 0
    for path in site.rglob("*.html"):
        page_html = path.read_text(encoding="utf-8")
        spans = prose_spans(page_html)
        for found in re.finditer('class="rv-concept"', page_html):
            assert any(s <= found.start() < e for s, e in spans), (path, found.start())
            linked += 1
    for generated in ("chiffres", "matrice", "nouveautes", "accessibilite", "territoires"):
        assert 'class="rv-concept"' not in (site / generated / "index.html").read_text("utf-8")
    assert linked > 100
