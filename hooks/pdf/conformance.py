"""What every PDF claims to be: tagged PDF/UA-1 (accessible) and PDF/A-2a (archival), at once.

WeasyPrint writes one variant at a time. ``pdf/a-2a`` already gives what PDF/UA-1 asks of
the file itself: a structure tree made from the HTML (headings, lists, tables with their
headers, figures with their ``alt``, links), ``/MarkInfo``, ``/Lang`` from ``<html lang>``,
the title shown by the viewer (``/ViewerPreferences /DisplayDocTitle``) and bookmarks from
the headings; PDF/A adds the embedded sRGB profile and file identifiers. What it lacks is the
PDF/UA identification in the XMP metadata: :func:`declare_ua` adds it, with the extension
schema PDF/A requires for any namespace it does not predefine (as the PDF Association's
guide on conforming to both describes).

WeasyPrint says itself that its output is not guaranteed to conform: ``tests/
test_pdf_structure.py`` reads every PDF's structure back with ``pikepdf``.

>>> VARIANT, UA_PART
('pdf/a-2a', 1)
"""

from __future__ import annotations

VARIANT = "pdf/a-2a"  # WeasyPrint's pdf_variant: tagged, PDF/A-2 level « a » (accessible)
UA_PART = 1  # ISO 14289-1, PDF/UA-1
# Part of each PDF's cache key (hooks/pdf/cache.py): change it when what is claimed changes.
SIGNATURE = f"{VARIANT} + pdf/ua-{UA_PART}"

_UA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"
_UA_DESCRIPTION = f"""<rdf:Description rdf:about="" xmlns:pdfuaid="{_UA_NAMESPACE}"
 pdfuaid:part="{UA_PART}"/><rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility \
Schema</pdfaSchema:schema><pdfaSchema:namespaceURI>{_UA_NAMESPACE}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>Part of \
ISO 14289 (PDF/UA) the file conforms to</pdfaProperty:description></rdf:li></rdf:Seq>
</pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"""


def with_ua(packet: bytes) -> bytes:
    """The XMP packet ``packet`` with the PDF/UA identification and its extension schema.

    >>> xmp = b'<x:xmpmeta><rdf:RDF><rdf:Description pdfaid:part="2"/></rdf:RDF></x:xmpmeta>'
    >>> b'pdfuaid:part="1"' in with_ua(xmp) and with_ua(xmp).count(b"</rdf:RDF>") == 1
    True
    """
    end = packet.rindex(b"</rdf:RDF>")
    return packet[:end] + _UA_DESCRIPTION.encode("utf-8") + packet[end:]


def declare_ua(document, pdf) -> None:  # WeasyPrint's finisher: (Document, pydyf.PDF)
    """Add the PDF/UA identification to the XMP metadata WeasyPrint wrote for PDF/A."""
    del document  # the finisher's signature; everything needed is in ``pdf``
    reference = pdf.catalog["Metadata"]  # b"12 0 R"
    if isinstance(reference, bytes):
        reference = reference.decode("ascii")
    stream = pdf.objects[int(reference.split()[0])]
    stream.stream = [with_ua(b"".join(stream.stream))]
