"""PDFs at scale: a few experiences per record, page counts that do not grow with the number
of territories, and a PDF laid out again only when what it shows has changed.

Needs poppler-utils (pdftotext, pdfinfo).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.scale import add_territories
from hooks.pdf import cache as pdf_cache
from hooks.pdf import write_pdfs
from hooks.pdf.cache import MANIFEST, pdf_key
from hooks.pdf.cards import cards
from hooks.pdf.documents import documents
from hooks.pdf.html import document_html
from hooks.pdf.selection import Ranking, experiences_citing, featured, territories
from schemas.fields import PRINTED_EXAMPLES
from schemas.history import FileHistory, History
from schemas.index import Index, load_index

from .depot import ROOT, copy_repository
from .pdftools import normal, pages, text

SITE = "https://exemple.org/rv/"
SYNTHETIC = 400  # enough for every balise to be cited by dozens of experiences


@pytest.fixture(scope="module")
def shipped() -> Index:
    return load_index(ROOT)


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Index:
    repo = copy_repository(tmp_path_factory.mktemp("depot"))
    add_territories(repo, SYNTHETIC)
    return load_index(repo)


# -- the rule ---------------------------------------------------------------------------


def test_villes_pairs_come_first_then_the_most_recently_changed(grown: Index) -> None:
    balise = grown["construire-le-recit"]
    citing = experiences_citing(grown, balise.id)
    pairs = [t for t in grown.referentiel.villes_pairs if t in citing]
    others = sorted(t for t in citing if t not in pairs)
    newest, older = others[-1], others[0]
    history = History(
        [],
        {
            grown[newest].path: FileHistory("2020-01-01", "2026-11-29T10:00:00+00:00"),
            grown[older].path: FileHistory("2020-01-01", "2021-03-01T10:00:00+00:00"),
        },
    )
    ranking = Ranking(grown, history)
    order = sorted(citing, key=lambda t: ranking.key(grown[t]))
    assert order[: len(pairs)] == pairs
    assert order[len(pairs) : len(pairs) + 2] == [newest, older]  # dated ones, newest first
    shown = featured(grown, balise, ranking, limit=10).shown
    territories = list(dict.fromkeys(link.entry.id for link in shown))
    assert territories == order[: len(territories)]


def test_a_record_chooses_its_examples(grown: Index) -> None:
    balise = grown["construire-le-recit"]
    citing = experiences_citing(grown, balise.id)
    # Two territories with one experience each citing the balise: they fill two places.
    chosen = sorted(t for t in citing if t.startswith("territoire-") and len(citing[t]) == 1)[:2]
    chosen_balise = balise.data.model_copy(update={"exemples": chosen})
    record = type(balise)(balise.kind, balise.id, balise.path, chosen_balise, balise.lines)
    shown = featured(grown, record, Ranking(grown)).shown
    assert [link.entry.id for link in shown][:2] == chosen
    total = sum(len(links) for links in citing.values())
    assert featured(grown, record, Ranking(grown)).others == total - PRINTED_EXAMPLES


def test_check_refuses_an_example_that_does_not_cite_the_record(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    path = repo / "balises" / "construire-le-recit.yml"
    path.write_text(path.read_text(encoding="utf-8") + "exemples: [namur]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "balises/construire-le-recit.yml:" in result.stdout + result.stderr
    assert "aucune expérience de « namur » ne cite cette fiche" in result.stdout + result.stderr


# -- bounded documents -------------------------------------------------------------------


def test_each_record_prints_a_few_experiences_and_counts_the_others(grown: Index) -> None:
    doc = next(d for d in documents(grown, SITE) if d.id == "engagement")
    [section] = doc.sections
    printed = sum(len(found) for _, found in section.examples)
    records = [e for entries in section.records.values() for e in entries]
    assert printed <= PRINTED_EXAMPLES * len(records)
    html = normal(document_html(grown, doc, SITE))
    balise = grown["construire-le-recit"]
    citing = experiences_citing(grown, balise.id)
    total = sum(len(links) for links in citing.values())
    shown_here = sum(1 for _, found in section.examples for x in found if balise.id in x.cites)
    more = total - shown_here
    assert more > 50, "the fixture should give this balise many experiences"
    assert section.others[balise.id] == more
    expected = f"{more:,}".replace(",", "\u202f") + " autres expériences sur le site"
    assert normal(expected) in html
    assert f"{SITE}balises/{balise.id}/" in html


def test_page_counts_do_not_grow_with_the_territories(
    shipped: Index, grown: Index, tmp_path: Path
) -> None:
    before = {f.id: f.pages for f in write_pdfs(shipped, tmp_path / "avant", SITE)}
    after = {f.id: f.pages for f in write_pdfs(grown, tmp_path / "apres", SITE)}
    assert before.keys() == after.keys()
    # The same number of examples per balise, and the same one-line « N autres expériences »:
    # a few more lines only where the synthetic towns' names (« Allerey ») and titles are
    # longer than those they replace, never a page per territory (400 here).
    grown_too_much = {i: (before[i], after[i]) for i in before if after[i] > before[i] * 1.15}
    assert not grown_too_much, grown_too_much
    for pdf_id, count in after.items():  # what write_pdfs says is what the file holds
        assert pages(tmp_path / "apres" / f"{pdf_id}.pdf") == count


@pytest.mark.parametrize("which", ["shipped", "grown"])
def test_no_town_on_more_than_a_quarter_of_the_cards(which: str, request) -> None:
    index = request.getfixturevalue(which)
    every = cards(index, SITE)
    towns = [card.example[0].id for card in every if card.example]
    assert len(towns) == len(every)
    # Every balise is cited by several territories here: none needs a town already on a
    # quarter of the cards.
    assert max(towns.count(town) for town in towns) <= len(every) // 4, sorted(towns)


@pytest.mark.parametrize("which", ["shipped", "grown"])
def test_an_enjeu_s_deck_repeats_a_town_only_when_no_other_is_available(
    which: str, request
) -> None:
    """Printed for one enjeu (cartes-balises-<enjeu>.pdf), a card repeats a town of its deck
    only when every other town it could show (its first five) is on the deck already or on
    a quarter of all the cards: Loos-en-Gohelle twice among the five cards of « Approche
    systémique » (two balises only it illustrates), not three times."""
    index = request.getfixturevalue(which)
    every, ranking = cards(index, SITE), Ranking(index)
    overall = Counter(card.example[0].id for card in every)
    for enjeu in index.of_kind("enjeu"):
        deck = [card for card in every if card.enjeu.id == enjeu.id]
        towns = Counter(card.example[0].id for card in deck)
        for card in deck:
            if towns[card.example[0].id] > 1:
                citing = experiences_citing(index, card.balise.id)
                others = territories(index, card.balise, ranking, citing, 5)
                free = [t for t in others if not towns[t] and overall[t] < len(every) // 4]
                assert not free, (enjeu.id, card.balise.id, card.example[0].id, free)
    if which == "shipped":
        deck = [card for card in every if card.enjeu.id == "approche-systemique"]
        assert [card.example[0].id for card in deck].count("loos-en-gohelle") == 2


# -- the cache ---------------------------------------------------------------------------


def test_the_key_changes_with_the_standards_written_to(monkeypatch) -> None:
    before = pdf_key("<p>x</p>", [])
    monkeypatch.setattr(pdf_cache, "SIGNATURE", "pdf/ua-2")
    assert pdf_key("<p>x</p>", []) != before


def test_the_key_changes_with_the_code_that_finishes_the_pdf(monkeypatch, tmp_path) -> None:
    """hooks/pdf/tagging.py rewrites each PDF once written: editing it makes them again."""
    assert {code.name for code in pdf_cache.FINISHING} == {"conformance.py", "tagging.py"}
    before = pdf_key("<p>x</p>", [])
    edited = tmp_path / "tagging.py"
    edited.write_text(pdf_cache.FINISHING[-1].read_text(encoding="utf-8") + "\n# edited\n")
    monkeypatch.setattr(pdf_cache, "FINISHING", (*pdf_cache.FINISHING[:-1], edited))
    assert pdf_key("<p>x</p>", []) != before


def test_only_the_pdfs_that_show_an_edited_territory_are_written_again(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "depot")
    cache, out = tmp_path / "cache", tmp_path / "site-pdf"
    first = write_pdfs(load_index(repo), out, SITE, cache_dir=cache)
    assert not any(f.reused for f in first)
    assert {f.id for f in write_pdfs(load_index(repo), out, SITE, cache_dir=cache) if f.reused} == {
        f.id for f in first
    }

    path = repo / "territoires" / "malaunay.yml"
    index = load_index(repo)
    experience = index["malaunay"].data.experiences[0]
    new_title = "Une expérience au titre changé pour le test"
    path.write_text(
        path.read_text(encoding="utf-8").replace(experience.titre, new_title, 1), encoding="utf-8"
    )
    index = load_index(repo)
    showing = {d.id for d in documents(index, SITE) if new_title in document_html(index, d, SITE)}
    assert showing and len(showing) < len(first)

    again = write_pdfs(index, out, SITE, cache_dir=cache)
    rewritten = {f.id for f in again if not f.reused}
    # The cards may show it too (one experience per card): the whole deck and its enjeu's.
    cards = {f for f in rewritten if f.startswith("cartes-balises")}
    assert rewritten - cards == showing and len(cards) in (0, 2)
    for pdf_id in showing:
        assert normal(new_title) in normal(text(out / f"{pdf_id}.pdf"))


def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path: Path, shipped: Index) -> None:
    cache, out = tmp_path / "cache", tmp_path / "pdf"
    write_pdfs(shipped, out, SITE, only="participants", cache_dir=cache)
    (cache / "participants.pdf").write_bytes(b"%PDF-1.7 tronqu")
    [again] = write_pdfs(shipped, out, SITE, only="participants", cache_dir=cache)
    assert not again.reused and pages(out / "participants.pdf") == again.pages
    (cache / MANIFEST).write_text("{pas du json", encoding="utf-8")
    [third] = write_pdfs(shipped, out, SITE, only="participants", cache_dir=cache)
    assert not third.reused


def test_build_says_how_many_pdfs_it_wrote_and_reused(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path / "depot")
    command = [sys.executable, "build.py", "pdf", "--dossier", str(tmp_path / "pdf")]
    first = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True)
    count = len(list((tmp_path / "pdf").glob("*.pdf")))
    assert f"{count} PDF : {count} écrits, 0 repris" in first.stdout
    second = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True)
    assert f"{count} PDF : 0 écrit, {count} repris" in second.stdout
    assert (repo / ".cache" / "pdf" / MANIFEST).is_file()
