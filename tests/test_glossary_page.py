"""The glossary (concepts/index.md): a light page whatever the number of territories. Each
concept keeps its heading and anchor (other pages and hooks/glossary.py link to
``concepts/#<id>``); « Utilisé dans » is one paragraph of inline links, with every fiche
of the référentiel but only the number of experiences and the first three of them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

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
SHOWN = 3


class _Elements(HTMLParser):
    """Every start tag of a page, in order, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = copy_repository(tmp_path_factory.mktemp("glossaire") / "depot")
    for n in range(30):
        (root / "territoires" / f"commune-{n:03d}.yml").write_text(
            TERRITORY.format(n=n, concept=CONCEPT), encoding="utf-8"
        )
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return root, (root / "site" / "concepts" / "index.html").read_text(encoding="utf-8")


def _section(page: str, concept: str) -> str:
    """The HTML of one concept, from its heading to the next one."""
    start = page.index(f'<h2 id="{concept}"')
    end = page.find("<h2", start + 1)
    return page[start : end if end != -1 else page.index("</article>", start)]


def test_many_experiences_are_counted_and_only_the_first_three_linked(
    built: tuple[Path, str],
) -> None:
    root, page = built
    index = load_index(root)
    cited = [b for b in index.cited_by(CONCEPT) if b.experience]
    assert len(cited) >= 30
    section = _section(page, CONCEPT)
    used = re.findall(r"<p>Utilisé dans.*?</p>", section, re.DOTALL)
    assert len(used) == 1, section
    assert "<ul>" not in section and "<li>" not in section
    experience_links = re.findall(r'href="\.\./territoires/[^"]*#[^"]*"', used[0])
    assert len(experience_links) == SHOWN
    assert f"{len(cited)} expériences" in used[0]
    assert f"et {len(cited) - SHOWN} autres expériences" in used[0]
    # every fiche of the référentiel that uses the concept is still linked
    for b in index.cited_by(CONCEPT):
        if not b.experience and b.entry.kind.name != "concept":
            assert f'/{b.entry.id}/"' in used[0], b.entry.id


def test_every_concept_keeps_its_heading_and_anchor(built: tuple[Path, str]) -> None:
    root, page = built
    parser = _Elements()
    parser.feed(page)
    headings = {attrs.get("id") for tag, attrs in parser.tags if tag == "h2"}
    concepts = {e.id for e in load_index(root).of_kind("concept")}
    assert concepts <= headings


def test_the_page_stays_light_and_its_links_lead_somewhere(built: tuple[Path, str]) -> None:
    root, page = built
    parser = _Elements()
    parser.feed(page)
    # 937 elements before the lists were made paragraphs, with the shipped territories only
    assert len(parser.tags) < 850, len(parser.tags)
    broken, _ = check_links(root / "site")
    assert not broken, "\n".join(broken)
