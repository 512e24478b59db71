"""The list of territories in pages: each territory once, pages that link to each other,
and a page that weighs the same whatever the number of territories."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.site import generate_site
from hooks.territoires.liste import PER_PAGE
from schemas.index import load_index

from .depot import copy_repository
from .test_links import check_links
from .test_site import build

TERRITORY = """nom: Commune {n:03d}
type: commune
resume: Une commune pour les tests.
experiences:
  - id: une-experience
    titre: Une expérience
    resume: Ce qui a été fait.
    balises: [construire-le-recit]
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("liste") / "depot")
    for n in range(230):
        (root / "territoires" / f"commune-{n:03d}.yml").write_text(
            TERRITORY.format(n=n), encoding="utf-8"
        )
    return root


def test_each_territory_is_listed_once_in_pages(root: Path) -> None:
    index = load_index(root)
    total = len(index.of_kind("territoire"))
    count = -(-total // PER_PAGE)
    pages = {p.src_uri: p.markdown for p in generate_site(index).pages}
    uris = ["territoires/index.md"] + [f"territoires/page/{n}.md" for n in range(2, count + 1)]
    listed = [pages[uri] for uri in uris]
    assert f"territoires/page/{count + 1}.md" not in pages
    opening = '<ul class="rv-territoires" data-pagefind-ignore>'  # not in the search index
    lists = [markdown.split(opening)[1].split("</ul>")[0] for markdown in listed]
    links = [re.findall(r'<li><a href="([^"]+)">', found) for found in lists]
    assert [len(found) for found in links] == [PER_PAGE] * (count - 1) + [total % PER_PAGE]
    names = [href.strip("./").split("/")[-1] for found in links for href in found]
    assert sorted(names) == sorted(t.id for t in index.of_kind("territoire"))
    # Where, and what was done: these communes give no code nor département.
    assert "</a> (France, sans département précisé) : Une expérience</li>" in lists[1]
    assert f"Territoires {PER_PAGE + 1} à {2 * PER_PAGE} sur {total}" in listed[1]
    assert "rv_indexer: false" in listed[1] and "rv_indexer" not in listed[0]


def test_the_pages_of_the_list_link_to_each_other_in_the_built_site(root: Path) -> None:
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    second = (site / "territoires" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert 'aria-current="page">2</strong>' in second
    assert 'href="../../">1</a>' in second and 'href="../3/">Suivante →</a>' in second
    assert len(second) < 40_000  # a page of the list, not all 244 territories
    broken, _ = check_links(site)
    assert not broken, "\n".join(broken)


def test_record_pages_show_the_first_territories_and_link_to_the_rest(root: Path) -> None:
    index = load_index(root)
    pages = {p.src_uri: p.markdown for p in generate_site(index).pages}
    cited = len({b.entry.id for b in index.cited_by("construire-le-recit") if b.experience})
    balise = pages["balises/construire-le-recit.md"]
    assert balise.count("<li><strong>") == 20
    assert f"… et {cited - 20} autres territoires" in balise
    assert 'href="../../explorer/?balise=construire-le-recit">toutes les expériences' in balise
    enjeu = pages["enjeux/engagement.md"]
    assert enjeu.count("expérience") >= 50 and 'href="../../explorer/?enjeu=engagement"' in enjeu
