"""What ``serve`` makes alone equals what the full generation makes: the page of an edited
territory (made before the rest of the site) and the index read through the cache.

Run on the repository itself, with its git history (dates, contributors, versions in the
footers), which the copies served by ``tests/test_serve.py`` do not have.
"""

from __future__ import annotations

from pathlib import Path

import properdocs.replacement  # noqa: F401  (as build.py: mkdocs.* is ProperDocs)
import pytest

from hooks.engine.incremental import RecordCache, own_pages, site_sources
from hooks.site import generate_site
from hooks.urls import page_for
from schemas.history import History, read_history
from schemas.index import Index, load_index

from .depot import ROOT, copy_repository


@pytest.fixture(scope="module")
def whole() -> tuple[Index, History | None, dict[str, str]]:
    index = load_index(ROOT)
    history = read_history(ROOT)
    return index, history, site_sources(generate_site(index, history), index)


def test_an_edited_territory_page_is_the_one_of_the_full_generation(
    whole: tuple[Index, History | None, dict[str, str]],
) -> None:
    index, history, sources = whole
    territories = index.of_kind("territoire")
    assert history is not None and len(territories) > 3
    ids = [t.id for t in territories]
    made = own_pages(index, history, ids)
    assert set(made) == {page_for(t) for t in territories}
    for path, source in made.items():
        assert source == sources[path], path
    assert own_pages(index, history, ["construire-le-recit", "inconnu"]) == {}  # not territories


def test_the_cache_reads_again_only_the_changed_files(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "depot")
    cache = RecordCache()
    with cache.active():
        first = load_index(repo)
    assert cache.read > 100
    with cache.active():
        again = load_index(repo)
    assert cache.read == 0
    file = repo / "territoires" / "malaunay.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("nom: Malaunay", "nom: Malaunay-Neuf"))
    with cache.active():
        edited = load_index(repo)
    assert cache.read == 1
    plain = load_index(repo)
    assert edited["malaunay"].title == "Malaunay-Neuf" == plain["malaunay"].title
    assert first["malaunay"].title == again["malaunay"].title == "Malaunay"
    for record_id, entry in plain.entries.items():  # facts filled in, experiences merged
        assert edited[record_id].data == entry.data, record_id
    assert edited.backlinks.keys() == plain.backlinks.keys()
