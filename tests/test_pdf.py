"""The PDFs as a reader sees them: text, contents page numbers, QR codes, page sizes, cards.

Needs poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) and zbar-tools (zbarimg).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from hooks.core.render import pages as page_range
from hooks.pdf import pdf_ids, write_pdfs
from hooks.pdf.cards import cards, cards_html, sheets
from hooks.pdf.documents import documents
from hooks.pdf.html import document_html
from schemas.index import Index, load_index

from .depot import ROOT
from .pdfbuild import SITE, built_pdfs
from .pdftools import normal, pages, plain, run, text

CARD_W, CARD_H = 297.64, 420.94  # an A6 card (105 × 148.5 mm) in points
FIRST_SHEET = 3  # cover, contents, then the sheets


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


@pytest.fixture(scope="module")
def out() -> Path:
    return built_pdfs()


def test_every_pdf_is_written(index: Index, out: Path) -> None:
    expected = {e.id for e in index.of_kind("enjeu") + index.of_kind("chapitre")}
    expected |= {"referentiel", "cartes-balises", "grille"}
    expected |= {f"grille-{e.id}" for e in index.of_kind("enjeu")}
    expected |= {f"cartes-balises-{e.id}" for e in index.of_kind("enjeu")}
    assert {p.stem for p in out.glob("*.pdf")} == expected == set(pdf_ids(index))


@pytest.mark.parametrize("enjeu", ["engagement", "approche-systemique", "cooperation", "valeur"])
def test_enjeu_pdf_shows_its_balises_and_practices(index: Index, out: Path, enjeu: str) -> None:
    whole = normal(text(out / f"{enjeu}.pdf"))
    records = [
        e
        for kind in ("balise", "mode_de_faire", "dispositif")
        for e in index.of_kind(kind)
        if e.data.enjeu == enjeu
    ]
    assert records
    for record in records:
        assert normal(record.data.titre) in whole, record.id
        assert normal(plain(record.data.resume)) in whole, record.id


def contents(pdf: Path) -> str:
    """The text of the contents: from page 2 to the page before the first entry's page."""
    first = text(pdf, 2)
    assert first.startswith("Sommaire"), first[:100]
    start = int(re.search(r"\.\s*(\d+)\s", first).group(1))  # after the first leader
    return " ".join(text(pdf, page) for page in range(2, start))


def page_of(toc: str, title: str) -> int:
    """The page number the contents give for ``title``."""
    pattern = re.escape(" ".join(title.split())).replace(r"\ ", r"\s+")
    match = re.search(pattern + r"[\s.]*?(\d+)\s", toc)
    assert match, f"« {title} » absent du sommaire"
    return int(match.group(1))


@pytest.mark.parametrize("pdf_id", ["engagement", "valeur", "referentiel"])
def test_contents_give_the_pages_of_the_balises(index: Index, out: Path, pdf_id: str) -> None:
    pdf = out / f"{pdf_id}.pdf"
    toc = contents(pdf)
    balises = [b for b in index.of_kind("balise") if pdf_id in (b.data.enjeu, "referentiel")]
    assert balises
    for balise in balises:
        number = page_of(toc, f"{balise.data.numero}. {balise.data.titre}")
        heading = normal(f"Balise {balise.data.numero} {balise.data.titre}")
        assert heading in normal(text(pdf, number)), (balise.id, number)
        assert heading not in normal(text(pdf, number + 1)), (balise.id, number)


def test_contents_give_the_pages_of_the_chapters(index: Index, out: Path) -> None:
    pdf = out / "referentiel.pdf"
    toc = contents(pdf)
    numbers = []
    for chapter in index.of_kind("chapitre"):
        number = page_of(toc, chapter.data.titre)
        numbers.append(number)
        assert normal(f"Chapitre {chapter.data.numero}") in normal(text(pdf, number))
    enjeux = [
        page_of(toc, f"Enjeu {e.data.numero} : {e.data.titre_court}")
        for e in index.of_kind("enjeu")
    ]
    # The order of the 2019 document: chapters 1 to 6, the four enjeux, chapters 7 to 9.
    assert numbers[:6] == sorted(numbers[:6]) and numbers[5] < min(enjeux)
    assert enjeux == sorted(enjeux) and max(enjeux) < numbers[6] < numbers[7] < numbers[8]


def test_pages_are_a4_and_fonts_embedded(out: Path) -> None:
    for pdf in (out / "engagement.pdf", out / "participants.pdf", out / "cartes-balises.pdf"):
        sizes = run("pdfinfo", "-f", "1", "-l", str(pages(pdf)), pdf)
        found = re.findall(r"Page\s+\d+ size:.*", sizes)
        assert len(found) == pages(pdf) and all("(A4)" in line for line in found), found
        fonts = run("pdffonts", pdf).splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def card_box(slot: int) -> tuple[float, float, float, float]:
    """Where slot 0-3 of a sheet is: two columns, two rows."""
    return (slot % 2) * CARD_W, (slot // 2) * CARD_H, CARD_W, CARD_H


def test_card_text_equals_the_balise_record(index: Index, out: Path) -> None:
    pdf = out / "cartes-balises.pdf"
    every = cards(index, SITE)
    assert len(every) == len(index.of_kind("balise"))
    assert pages(pdf) == FIRST_SHEET - 1 + len(sheets(every))
    for i, card in enumerate(every):
        sheet, slot = FIRST_SHEET + 2 * (i // 4), i % 4
        b, enjeu = card.balise.data, card.enjeu.data
        front = (
            f"Enjeu {enjeu.numero} : {enjeu.titre_court} Balise {b.numero} {b.titre} "
            f"{plain(b.resume)} {index.referentiel.titre} · référentiel 2019, "
            f"{page_range(b.pages)}"
        )
        assert normal(text(pdf, sheet, card_box(slot))) == normal(front), card.balise.id
        territoire, experience = card.example
        questions = " ".join(f"{n}. {q}" for n, q in enumerate(b.questions, 1))
        back = (  # « ENGAGEMENT · BALISE 3 »: which enjeu, which number, on a mixed sheet
            f"{enjeu.titre_court.upper()} · BALISE {b.numero} {b.titre} "
            f"Questions pour en débattre {questions} "
            f"Un exemple {territoire.title} : {experience.titre} "
            f"La balise en ligne, avec toutes ses expériences : {SITE}balises/{card.balise.id}/"
        )
        mirror = slot ^ 1  # flip along the long edge: left and right swap
        assert normal(text(pdf, sheet + 1, card_box(mirror))) == normal(back), card.balise.id


def test_qr_codes_lead_to_the_balise_pages(index: Index, out: Path, tmp_path: Path) -> None:
    pdf = out / "cartes-balises.pdf"
    every = cards(index, SITE)
    for n in range(len(sheets(every)) // 2):
        back = FIRST_SHEET + 2 * n + 1
        png = tmp_path / "verso"
        run("pdftoppm", "-r", "200", "-png", "-singlefile", "-f", back, "-l", back, pdf, png)
        image = Image.open(tmp_path / "verso.png")
        scale = image.width / (2 * CARD_W)
        for slot, card in enumerate(every[4 * n : 4 * n + 4]):
            x, y, w, h = (round(v * scale) for v in card_box(slot ^ 1))
            image.crop((x, y, x + w, y + h)).save(tmp_path / "carte.png")
            decoded = run("zbarimg", "--quiet", "--raw", tmp_path / "carte.png").split()
            assert decoded == [f"{SITE}balises/{card.balise.id}/"], (back, slot)


def test_internal_links_have_targets(index: Index) -> None:
    for doc in documents(index, SITE):
        page = document_html(index, doc, SITE)
        targets = set(re.findall(r'href="#([^"]+)"', page))
        ids = set(re.findall(r' id="([^"]+)"', page))
        assert targets and targets <= ids, (doc.id, targets - ids)


def test_contributor_text_is_escaped(index: Index) -> None:
    balise = index["construire-le-recit"]
    original = balise.data
    balise.data = original.model_copy(
        update={"resume": "Un <script>alert(1)</script> **fort**", "questions": ["<b>x</b> ?"]}
    )
    try:
        doc = next(d for d in documents(index, SITE) if d.id == "engagement")
        pages_html = [document_html(index, doc, SITE), cards_html(index, SITE)]
    finally:
        balise.data = original
    for page in pages_html:
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        # escaped, then French spaces: a narrow no-break space before « ? »
        assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;\u202f?" in page
        assert "<strong>fort</strong>" in page


def test_only_writes_one_pdf(index: Index, tmp_path: Path) -> None:
    [written] = write_pdfs(index, tmp_path, SITE, only="participants")
    assert [p.name for p in tmp_path.iterdir()] == ["participants.pdf"]
    pdf = tmp_path / "participants.pdf"
    assert (written.id, written.pages, written.size) == (
        "participants",
        pages(pdf),
        pdf.stat().st_size,
    )
    assert normal("Chapitre 6") in normal(text(tmp_path / "participants.pdf"))
    with pytest.raises(ValueError, match="n'est pas un PDF"):
        write_pdfs(index, tmp_path, SITE, only="inconnu")
