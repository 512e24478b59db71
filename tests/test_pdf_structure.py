"""Every PDF of a build as assistive technology and archives read it: tagged PDF/UA-1 and
PDF/A-2a (hooks/pdf/conformance.py), read back with pikepdf, since WeasyPrint does not
guarantee its output. What a screen reader needs: the language, the title, a structure tree
whose headings follow the contents, alternative text on every figure (the QR codes: what
they open), links tied to their text; what a reader types: printed web addresses never
hyphenated, broken only after a « / ».

veraPDF, the reference checker, needs Java and is not packaged for Debian or PyPI; the
checks below are the machine-checkable ones it would make on these points.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pikepdf
import pytest

from hooks.pdf.cards import decks
from hooks.pdf.documents import documents
from hooks.pdf.html import document_html
from hooks.pdf.selection import Ranking
from hooks.pdf.write import _write, jobs
from schemas.index import Index, load_index

from .depot import ROOT
from .pdfbuild import SITE, built_pdfs
from .pdftools import run

HEADINGS = {f"/H{n}": n for n in range(1, 7)}


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


@pytest.fixture(scope="module")
def out() -> Path:
    return built_pdfs()


def every_pdf(out: Path) -> list[Path]:
    found = sorted(out.glob("*.pdf"))
    assert len(found) >= 20, found
    return found


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in the order of the tree (the reading order)."""
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") != "/OBJR":
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def marked_content(element: pikepdf.Object) -> bool:
    """Whether a structure element holds page content (a marked-content id), itself or below."""
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    return any(
        isinstance(kid, int)
        or (isinstance(kid, pikepdf.Dictionary) and "/S" in kid and marked_content(kid))
        for kid in kids
    )


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The bookmarks as ``(level, title)``, in order."""
    flat: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            flat.append((level, " ".join(item.title.split())))
            walk(item.children, level + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 1)
    return flat


def contents(page: str) -> list[tuple[int, str]]:
    """The contents page of a print HTML document as ``(level, text)``, in order."""
    items = re.findall(r'<li class="n(\d)">(.*?)</li>', page, re.S)
    return [(int(n), " ".join(html.unescape(re.sub(r"<[^>]+>", "", t)).split())) for n, t in items]


def test_every_pdf_declares_pdf_ua_and_pdf_a(out: Path) -> None:
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert root.MarkInfo.Marked is True, path.name
            assert str(root.Lang) == "fr", path.name
            assert "/StructTreeRoot" in root and len(struct_elements(pdf)) > 20, path.name
            assert root.ViewerPreferences.DisplayDocTitle is True, path.name
            assert "Référentiel vivant" in str(pdf.docinfo.Title), path.name
            xmp = root.Metadata.read_bytes().decode("utf-8")
            assert 'pdfuaid:part="1"' in xmp, path.name
            assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp, path.name
            assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp, path.name
            assert str(root.OutputIntents[0].S) == "/GTS_PDFA1", path.name
        info = run("pdfinfo", path)
        assert re.search(r"^Tagged:\s+yes$", info, re.M), path.name


def test_every_figure_says_what_it_opens(index: Index, out: Path) -> None:
    cards = len(index.of_kind("balise"))
    expected = {"cartes-balises": cards, "grille": 1}
    expected |= {f"grille-{e.id}": 1 for e in index.of_kind("enjeu")}
    for pdf_id, enjeu in decks(index)[1:]:
        expected[pdf_id] = sum(b.data.enjeu == enjeu.id for b in index.of_kind("balise"))
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            figures = [e for e in struct_elements(pdf) if e.S == "/Figure"]
            alts = [str(f.get("/Alt", "")) for f in figures]
        assert len(figures) == expected.get(path.stem, 0), path.name
        assert all(alt.startswith("Code QR : ouvre la ") for alt in alts), (path.name, alts)


def test_bookmarks_are_the_contents_and_follow_the_headings(index: Index, out: Path) -> None:
    pages = {job.id: job.html for job in jobs(index, SITE, Ranking(index))}
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            marks = outline(pdf)
            levels = [HEADINGS[str(e.S)] for e in struct_elements(pdf) if str(e.S) in HEADINGS]
        assert marks, path.name
        if path.stem.startswith("grille"):  # no contents page: title, enjeux, balises
            assert marks[0] == (1, "Où en est notre territoire ?"), path.name
        else:
            assert marks == contents(pages[path.stem]), path.name
        # Heading tags: the first is H1, none skips a level going down...
        assert levels[0] == 1, path.name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), path.name
        # ...and the bookmarks' levels are theirs, in order (cards: enjeux are bands).
        wanted = [level for level, _ in marks if not path.stem.startswith("cartes")]
        remaining = iter(levels)
        assert all(level in remaining for level in wanted), path.name


def test_list_items_hold_a_label_and_a_body(out: Path) -> None:
    """Each list item holds a body (LBody), beside at most its number or bullet (Lbl): a
    card's numbered questions too (a marker set « inside » left the text loose)."""
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            items = [e for e in struct_elements(pdf) if e.S == "/LI"]
        assert items, path.name
        for item in items:
            kids = item.K if isinstance(item.K, pikepdf.Array) else [item.K]
            tags = [str(k.S) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            assert "/LBody" in tags and set(tags) <= {"/Lbl", "/LBody"}, (path.name, tags)


def test_links_are_tagged_with_their_text(out: Path) -> None:
    """Every Link element holds words: no piece of a link over a page number alone (a
    contents line whose number wrapped, or whose leader had no room for dots)."""
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            parents = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))
            links = [
                a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"
            ]
            assert links, path.name
            for annotation in links:
                element = parents[int(annotation.StructParent)]
                assert element.S == "/Link" and marked_content(element), path.name
            wordless = [
                e.K for e in struct_elements(pdf) if e.S == "/Link" and not marked_content(e)
            ]
        assert not wordless, (path.name, wordless)


def test_links_say_where_they_go_in_words(index: Index, out: Path) -> None:
    """A link annotation's /Contents (what a screen reader says of it) names its target in
    French words, never the bare anchor (« fiche-valeur-balise »)."""
    slug = re.compile(r"[a-z0-9_-]+")  # an anchor or an address's last part
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                for link in (a for a in page.get("/Annots", []) if a.Subtype == "/Link"):
                    said = str(link.Contents)
                    assert not slug.fullmatch(said), (path.name, said)
                    if "/Dest" in link:
                        assert said.startswith("Aller à : "), (path.name, said)
                        assert not slug.fullmatch(said.removeprefix("Aller à : ")), said
                        assert str(link.Dest) not in said, (path.name, said)
                    else:
                        assert re.search(r"(^O|: o)uvre " + re.escape(str(link.A.URI)), said)
    valeur = index["valeur"].data
    with pikepdf.open(out / "valeur.pdf") as pdf:
        said = {
            str(a.Dest): str(a.Contents)
            for page in pdf.pages
            for a in page.get("/Annots", [])
            if "/Dest" in a
        }
    assert said["fiche-valeur"] == f"Aller à : Enjeu {valeur.numero} : {valeur.titre_court}"
    assert said["fiche-valeur-balise"] == "Aller à : Balises"


def test_every_marked_content_is_in_the_tree_the_margins_are_artifacts(
    out: Path, tmp_path: Path
) -> None:
    """Each marked-content id painted on a page is held by an element of the structure tree;
    the running heads and page numbers (the page's margin boxes) are pagination artifacts,
    which a reader skips: without the artifacts, « page 3 / 22 » is no longer on the page."""
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            held: set[tuple[int, int]] = set()
            for element in struct_elements(pdf):
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                numbers = [kid for kid in kids if isinstance(kid, int)]
                held |= {(element.Pg.objgen, number) for number in numbers}
            artifacts = 0
            for page in pdf.pages:
                for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
                    if operands[0] == "/Artifact":
                        artifacts += operands[1].Type == "/Pagination"
                    elif "/MCID" in operands[1]:
                        assert (page.objgen, int(operands[1].MCID)) in held, path.name
            assert artifacts, path.name
            for page in pdf.pages:  # what a screen reader reads
                kept, skipping = [], 0
                for operands, operator in pikepdf.parse_content_stream(page):
                    if str(operator) in ("BDC", "BMC"):
                        skipping += skipping > 0 or operands[0] == "/Artifact"
                    if not skipping:
                        kept.append(pikepdf.ContentStreamInstruction(operands, operator))
                    if str(operator) == "EMC" and skipping:
                        skipping -= 1
                page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
            pdf.save(tmp_path / path.name)
        assert re.search(r"page \d+ / \d+", run("pdftotext", path, "-")), path.name
        read = run("pdftotext", tmp_path / path.name, "-")
        assert not re.search(r"page \d+ / \d+", read) and len(read) > 500, path.name


def test_no_element_is_empty(out: Path) -> None:
    """No Span or Div without content (a grid's tick boxes and lines to write on are drawn
    by their borders alone, artifacts): assistive technology would announce nothing."""
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            empty = [
                str(e.S)
                for e in struct_elements(pdf)
                if str(e.S) in ("/Span", "/Div", "/NonStruct") and not marked_content(e)
            ]
        assert not empty, (path.name, empty)


def test_printed_addresses_type_as_they_read(out: Path) -> None:
    for path in every_pdf(out):
        with pikepdf.open(path) as pdf:
            addresses = {
                str(a.A.URI)
                for page in pdf.pages
                for a in page.get("/Annots", [])
                if a.Subtype == "/Link" and "/A" in a and "/URI" in a.A
            }
        printed = run("pdftotext", "-raw", path, "-")
        assert "\u2010" not in "".join(re.findall(r"https?://\S+", printed)), path.name
        # A line may end inside an address only after a « / ».
        joined = re.sub(r"(?<=/)\n", "", printed)
        missing = [url for url in addresses if url not in joined]
        assert addresses and not missing, (path.name, missing)


def test_the_whole_referentiel_has_no_page_of_spilled_lines(out: Path) -> None:
    pdf = out / "referentiel.pdf"
    count = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf))[1])
    for page in range(3, count):  # after the cover and the contents; the last may be short
        lines = [
            line
            for line in run("pdftotext", "-layout", "-f", page, "-l", page, pdf, "-").splitlines()
            if line.strip()
        ]
        assert len(lines) - 2 >= 8, (page, lines)  # without the running head and page number


def test_a_table_in_a_contributor_text_is_tagged_with_its_headers(
    index: Index, tmp_path: Path
) -> None:
    """No shipped text has a table yet; Markdown allows one. Its header cells become TH
    with an ID, and every data cell names its column's header (/Headers: what PDF/UA asks
    of a table without /Scope)."""
    chapter = index["participants"]
    original = chapter.data
    table = "| Niveau | Ce qu'on voit |\n|---|---|\n| 1 | Rien |\n| 2 | Un projet |\n"
    chapter.data = original.model_copy(update={"texte": f"Avant.\n\n{table}"})
    try:
        doc = next(d for d in documents(index, SITE) if d.id == "participants")
        page = document_html(index, doc, SITE)
    finally:
        chapter.data = original
    _write(page, "document", tmp_path / "t.pdf")
    with pikepdf.open(tmp_path / "t.pdf") as pdf:
        cells = [e for e in struct_elements(pdf) if str(e.S) in ("/TH", "/TD")]
        headers = [str(e.ID) for e in cells if e.S == "/TH"]
        data = [[str(h) for h in e.A.Headers] for e in cells if e.S == "/TD"]
    # Two rows of two cells, each under its own column's header.
    assert len(headers) == 2 and data == [[h] for h in headers] * 2, (headers, data)


def test_headings_in_contributor_texts_never_skip_a_level(index: Index) -> None:
    balise = index["construire-le-recit"]
    original = balise.data
    balise.data = original.model_copy(update={"texte": "## Un titre\n\n### Un sous-titre\n\nT."})
    try:
        doc = next(d for d in documents(index, SITE) if d.id == "engagement")
        page = document_html(index, doc, SITE)
    finally:
        balise.data = original
    # The balise is an <h3>: its text's headings come below it.
    assert "<h4>Un titre</h4>" in page and "<h5>Un sous-titre</h5>" in page
