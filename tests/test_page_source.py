"""A page's front matter is written as ``yaml.safe_dump`` wrote it, character for character,
without its slow emitter (:func:`hooks.engine.export.page_source`)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.engine.export import _quoted, page_source
from hooks.site import generate_site
from schemas.index import load_index
from tests.depot import ROOT


def dumped(fields: dict[str, str]) -> str:
    """What ``page_source`` wrote before: PyYAML's own emitter."""
    return yaml.safe_dump(fields, allow_unicode=True, default_style='"', width=1 << 30)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_any_text_is_quoted_as_pyyaml_quotes_it(text: str) -> None:
    assert f"{_quoted('k')}: {_quoted(text)}\n" == dumped({"k": text})


def test_every_page_of_the_site_has_the_same_front_matter() -> None:
    index = load_index(ROOT)
    pages = generate_site(index).pages
    meta = index.referentiel
    for page in pages:
        source = page_source(page, meta)
        line = next((x for x in source.splitlines() if x.startswith('"rv_edit_url": ')), "")
        fields = {"rv_edit_url": yaml.safe_load(line)["rv_edit_url"]} if line else {}
        if page.footer:
            fields["rv_footer"] = page.footer
        if fields:
            assert dumped(fields) in source, page.src_uri
