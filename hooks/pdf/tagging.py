"""What WeasyPrint's tagged PDF still lacks for PDF/UA, mended once the file is written.

Three things, each read back by ``tests/test_pdf_structure.py``:

- **Running heads and page numbers are artifacts.** WeasyPrint marks the text of the page
  margins (``@top-left``, ``@bottom-center``…) as tagged content but leaves its structure
  elements out of the tree (PDF 1.7 has no place for them there). A marked-content sequence
  whose id no element of the tree holds becomes ``/Artifact <</Type /Pagination>>``; its
  entry in the ``/ParentTree`` is emptied.
- **Each link says where it goes.** WeasyPrint gives a link annotation the anchor itself as
  ``/Contents`` (« fiche-valeur-balise »); a screen reader reads it out. It becomes
  « Aller à : <titre de la cible> » inside the document, « Ouvre <adresse> » (after the
  link's words when they are not the address) for a web page: :func:`link_description`.
- **No empty element.** A tick box or a line to write on (an empty ``<span>`` or ``<div>``,
  drawn by its border alone) gives a structure element without content, which assistive
  technology announces as nothing: it leaves the tree (its border is already an artifact).

This code is part of every PDF's cache key (:mod:`.cache`): changing it makes them again.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# Elements that may go when they hold nothing: never a table cell, a figure or a heading.
PRUNABLE = frozenset({"/Span", "/NonStruct", "/Div"})
PAGINATION = "/Artifact"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})
LONGEST = 120  # characters of a target's title in a link's description


# Where a printed address may break (hooks/pdf/html.py): nothing a reader should hear.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\u00ad"))


def _words(text: str) -> str:
    """``text`` as read: one space between words, without the invisible break hints."""
    return " ".join(text.translate(INVISIBLE).split())


def _shorten(text: str) -> str:
    """``text`` cut at a word before :data:`LONGEST` characters, with « … »."""
    if len(text) <= LONGEST:
        return text
    return text[:LONGEST].rsplit(" ", 1)[0] + " …"


class _Targets(HTMLParser):
    """What a print HTML page says of its anchors: the title of each ``id`` (its first
    heading's ``data-signet`` or words, else its own words) and the words of each link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {}
        # Open elements: tag, id, href, their words, the title their first heading gives.
        self._open: list[tuple[str, str | None, str | None, list[str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        signet = attributes.get("data-signet") if tag in HEADINGS else None
        href = attributes.get("href") if tag == "a" else None
        self._open.append((tag, attributes.get("id"), href, [], [signet] if signet else []))

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element[3].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag not in (element[0] for element in self._open):
            return  # a stray end tag
        while self._open:  # elements left open inside close with it
            open_tag, anchor, href, words, heading = self._open.pop()
            own = _words("".join(words))
            title = _words("".join(heading)) or own
            if href:
                self.texts.setdefault(href, []).append(own)
            named = title if open_tag in HEADINGS else _words("".join(heading))
            if named and self._open and not self._open[-1][4]:
                self._open[-1][4].append(named)  # the first heading inside names them all
            if anchor and anchor not in self.titles:
                self.titles[anchor] = title
            if open_tag == tag:
                break


def link_description(target: str, titles: dict[str, str], texts: dict[str, list[str]]) -> str:
    """What a link annotation says to a screen reader: where it goes, in French words.

    >>> link_description("fiche-x", {"fiche-x": "Balises"}, {})
    'Aller à : Balises'
    >>> link_description("https://a.fr/b/", {}, {"https://a.fr/b/": ["https://a.fr/b/"]})
    'Ouvre https://a.fr/b/'
    >>> link_description("https://a.fr/c/", {}, {"https://a.fr/c/": ["invariant"]})
    'invariant : ouvre https://a.fr/c/'
    """
    if "://" not in target and not target.startswith("mailto:"):
        return f"Aller à : {_shorten(titles.get(target) or 'une autre partie du document')}"
    words = next((w for w in texts.get(target, []) if w and w != target), "")
    return f"{_shorten(words)} : ouvre {target}" if words else f"Ouvre {target}"


def targets(html: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The title of each anchor of ``html`` and the words of each of its links (by href)."""
    parser = _Targets()
    parser.feed(html)
    parser.close()
    return parser.titles, parser.texts


def finish(path: Path, html: str) -> None:
    """Mend the tagged PDF ``path``, made from ``html``, in place (see the module)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.StructTreeRoot
        held: dict[tuple[int, int], set[int]] = {}
        moved: list = []
        _prune(tree, held, moved)
        parents = tree.ParentTree.Nums
        by_key = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        position = {int(parents[i]): i + 1 for i in range(0, len(parents), 2)}
        for annotation, element in moved:
            parents[position[int(annotation.StructParent)]] = element
        for page in pdf.pages:
            mcids = by_key.get(int(page.get("/StructParents", -1)))
            _artifacts(pdf, page, held.get(page.objgen, set()), mcids)
        titles, texts = targets(html)
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                action = annotation.get("/A")
                target = action.URI if action is not None and "/URI" in action else None
                target = str(target if target is not None else annotation.get("/Dest", ""))
                annotation.Contents = pikepdf.String(link_description(target, titles, texts))
        pdf.save(path, fix_metadata_version=False)  # WeasyPrint's XMP, byte for byte


def _prune(node, held: dict[tuple[int, int], set[int]], moved: list, page=None) -> bool:
    """Walk the structure tree under ``node``: note in ``held`` each page's marked-content
    ids the tree holds, drop the empty elements (:data:`PRUNABLE`), and give the link
    annotations of a wordless ``/Link`` inside a ``/Link`` (the leader of a contents line
    with no room for dots) to the outer one, noting them in ``moved``. Whether ``node``
    holds anything."""
    import pikepdf

    page = node.get("/Pg", page) if isinstance(node, pikepdf.Dictionary) else page
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return False
    listed = kids if isinstance(kids, pikepdf.Array) else [kids]
    kept = []
    changed = False
    for kid in listed:
        if isinstance(kid, int) and not isinstance(kid, bool):
            if page is not None:
                held.setdefault(page.objgen, set()).add(int(kid))
            kept.append(kid)
        elif _is(kid, "/MCR"):
            held.setdefault(kid.get("/Pg", page).objgen, set()).add(int(kid.MCID))
            kept.append(kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            full = _prune(kid, held, moved, page)
            if kid.S == node.get("/S") == "/Link" and not _has_words(kid):
                annotations = [k for k in _kids(kid) if _is(k, "/OBJR")]
                kept += annotations
                moved += [(k.Obj, node) for k in annotations]
                changed = True
            elif full or str(kid.S) not in PRUNABLE or "/Alt" in kid or "/ActualText" in kid:
                kept.append(kid)
            else:
                changed = True
        else:  # an annotation (/OBJR)
            kept.append(kid)
    if changed:
        node.K = pikepdf.Array(kept)
    return bool(kept)


def _kids(element) -> list:
    """The kids of a structure element, as a list (``/K`` may be one kid or an array)."""
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is(kid, kind: str) -> bool:
    """Whether ``kid`` is a dictionary of ``/Type`` ``kind`` (``/OBJR``, ``/MCR``)."""
    import pikepdf

    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == kind


def _has_words(element) -> bool:
    """Whether a structure element holds marked content (words), itself or below."""
    import pikepdf

    return any(
        (isinstance(kid, int) and not isinstance(kid, bool))
        or _is(kid, "/MCR")
        or (isinstance(kid, pikepdf.Dictionary) and "/S" in kid and _has_words(kid))
        for kid in _kids(element)
    )


def _artifacts(pdf, page, held: set[int], mcids) -> None:
    """Turn the marked content of ``page`` that the tree does not hold into artifacts."""
    import pikepdf

    instructions = pikepdf.parse_content_stream(page)
    changed = False
    for number, (operands, operator) in enumerate(instructions):
        if str(operator) != "BDC" or len(operands) != 2:
            continue
        properties = operands[1]
        if not isinstance(properties, pikepdf.Dictionary) or "/MCID" not in properties:
            continue
        mcid = int(properties.MCID)
        if mcid in held:
            continue
        pagination = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
        instructions[number] = pikepdf.ContentStreamInstruction(
            [pikepdf.Name(PAGINATION), pagination], pikepdf.Operator("BDC")
        )
        if mcids is not None and mcid < len(mcids):
            mcids[mcid] = None
        changed = True
    if changed:
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
