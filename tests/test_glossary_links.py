"""Where a concept's link may land: in the running prose of a record's text only (the
``rv-texte`` block the templates write around it), never in a title, a table, a label, a
list of links or the sentences a template writes around the records."""

from __future__ import annotations

from hooks.core.glossary import Glossary

TERMS = Glossary(
    {
        "territoire": ("territoire", "Un territoire."),
        "mutualiser": ("mutualisation", "Mettre en commun."),
        "code source loossois": ("code-source-loossois", "Une manière de faire."),
    }
)


def links(html: str) -> int:
    return TERMS.link(html, "territoires/x.md").count('class="rv-concept"')


def test_a_record_text_links_its_first_mention_in_a_paragraph() -> None:
    html = '<div class="rv-texte">\n<p>Le territoire a su mutualiser. Un territoire.</p>\n</div>'
    linked = TERMS.link(html, "territoires/x.md")
    assert linked.count('class="rv-concept"') == 2
    assert linked.count(">territoire</a>") == 1


def test_titles_tables_labels_and_template_sentences_are_left_alone() -> None:
    assert links("<h3>Mutualiser les tranchées</h3>") == 0
    assert links('<li><a href="x/">Loos</a> : Le code source loossois · Mutualiser</li>') == 0
    assert links('<tr><th scope="row">Pays (territoire de projet)</th><td>2</td></tr>') == 0
    assert links("<p>Le détail territoire par territoire.</p>") == 0
    assert links('<ul><li><a href="b/">Brest</a>, territoire modifié.</li></ul>') == 0
    table = "<table><tr><th>Territoire</th></tr><tr><td>territoire</td></tr></table>"
    assert links(f'<div class="rv-texte">{table}</div>') == 0
    heading = '<div class="rv-texte"><h2>Le territoire</h2><p>Du texte.</p></div>'
    assert links(heading) == 0


def test_prose_after_a_nested_block_is_still_the_record_text() -> None:
    html = (
        '<p>territoire</p><div class="rv-texte"><div class="admonition note">'
        '<p class="admonition-title">Territoire</p><p>a</p></div><p>Un territoire.</p></div>'
        "<p>Mutualiser</p>"
    )
    linked = TERMS.link(html, "territoires/x.md")
    assert linked.count('class="rv-concept"') == 1
    assert "Un <a " in linked and linked.startswith("<p>territoire</p>")
