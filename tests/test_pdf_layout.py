"""The PDFs as a trainer reads them on paper: French spaces, nothing cut where it should not
be, no heading alone at a page's foot, running heads naming what is read at a page's top.

Needs poppler-utils (pdftotext). Reads the PDFs laid out once for every test module
(tests/pdfbuild.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from hooks.pdf.html import TEMPLATES

from .pdfbuild import built_pdfs
from .pdftools import run

FOOTER = re.compile(r"page \d+ / \d+$")
# A letter glued to « : ; ! ? » (French puts a space before them); not « https: ».
GLUED = re.compile(r"[^\W\d_][:;!?](?:\s|$)", re.M)
# What a part of a document starts with (its label line) and what its running head says.
PART = re.compile(r"^(Chapitre \d+|Enjeu \d+)\b")


@pytest.fixture(scope="module")
def out() -> Path:
    return built_pdfs()


@cache
def layout(pdf: Path) -> list[list[str]]:
    """The non-empty lines of each page, as laid out (``pdftotext -layout``), stripped."""
    pages = run("pdftotext", "-layout", pdf, "-").split("\f")[:-1]
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def body(page: list[str]) -> list[str]:
    """A page's lines without its running head and page number."""
    return [line for line in page[1:] if not FOOTER.match(line)]


def documents(out: Path) -> list[Path]:
    """Chapters, enjeux and the whole référentiel (not the cards nor the grids)."""
    return [p for p in sorted(out.glob("*.pdf")) if not p.stem.startswith(("cartes", "grille"))]


def test_a_space_before_colons_semicolons_and_question_marks(out: Path) -> None:
    for pdf in sorted(out.glob("*.pdf")):
        glued = GLUED.findall(run("pdftotext", "-raw", pdf, "-"))
        assert not glued, (pdf.name, glued[:5])


def test_page_numbers_slashes_and_proper_names_are_never_cut(out: Path) -> None:
    for pdf in sorted(out.glob("*.pdf")):
        for number, page in enumerate(layout(pdf), 1):
            for line in page:
                assert not re.search(r"\bpp?\.$", line), (pdf.name, number, line)
                assert not re.search(r"\w /$|^/ \w", line), (pdf.name, number, line)
                # « Loos-en-Go‐ » / « helle »: a name hyphenated (U+2010 at a line's end)
                assert not re.search(r"\b[A-ZÀ-Ý]\w*(?:-\w+)+\u2010$", line), (pdf.name, line)
        text = run("pdftotext", "-raw", pdf, "-")
        assert not re.search(r"\bpp?\. \d+-\d", text), pdf.name  # a range takes an en dash


def test_no_heading_alone_at_the_foot_of_a_page(out: Path) -> None:
    for pdf in documents(out):
        for number, page in enumerate(layout(pdf), 1):
            foot = " ".join(body(page)[-3:])
            alone = re.search(
                r"Fiche du territoire|Points d'attention$|Questions pour en débattre$", foot
            )
            assert not alone, (pdf.name, number, foot)
            # « Voir aussi » and the 2019 pages of a concept stay with its definition
            assert not body(page) or not body(page)[0].startswith("Voir aussi"), (pdf, number)
    for page in layout(out / "grille.pdf"):
        assert not any(line.startswith("Enjeu ") for line in body(page)[-3:]), page[-4:]


@pytest.mark.parametrize("pdf_id", ["referentiel", "grille"])
def test_running_heads_name_the_part_read_at_the_top_of_the_page(out: Path, pdf_id: str) -> None:
    read = None  # the part read so far
    checked = 0
    for number, page in enumerate(layout(out / f"{pdf_id}.pdf"), 1):
        lines = body(page)
        if lines and PART.match(lines[0]):  # a part starting at the top: its own head
            read = PART.match(lines[0])[1]
        head = re.search(r"(Chapitre \d+|Enjeu \d+)\b", page[0])
        if head and read:
            assert head[1] == read, (pdf_id, number, page[0], read)
            checked += 1
        for line in lines:
            if found := PART.match(line):
                read = found[1]
    assert checked > 5


def test_a_long_running_head_holds_on_one_line_without_hyphenation(out: Path) -> None:
    chapter = [
        page
        for page in layout(out / "management-cooperatif.pdf")
        if "Chapitre 7" in page[0] + page[1]
    ]
    assert chapter
    for page in chapter:  # « Chapitre 7 · … ma‐ » above, « nagement … rôles » beside the title
        assert "Référentiel vivant" in page[0] and "Chapitre 7" in page[0], page[:2]
        assert page[0].endswith("…") and "\u2010" not in page[0], page[0]


def test_one_way_to_name_an_enjeu(out: Path) -> None:
    for pdf in sorted(out.glob("*.pdf")):
        assert not re.search(r"Enjeu \d+ ·", run("pdftotext", "-raw", pdf, "-")), pdf.name


def test_the_kit_promises_qr_codes_only_where_there_are() -> None:
    kit = (TEMPLATES.parent / "atelier" / "kit.md.j2").read_text(encoding="utf-8")
    chapters = re.search(
        r"\*\*Les chapitres et le référentiel complet\*\*.*?(?=\n- |\n\n)", kit, re.S
    )
    has_codes = "qr_code(" in (TEMPLATES / "document.html.j2").read_text(encoding="utf-8")
    said = chapters[0]
    assert ("sans code QR" in said) != has_codes and ("leurs codes" in said) == has_codes, said
