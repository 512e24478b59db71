"""The form's script names files as ``build.py recevoir`` and ``new`` do.

A proposal received by mail is placed by :func:`schemas.slug.slugify`; the form shows the
contributor the file name its own ``slugify``/``shortSlug`` (docs/assets/proposer.js) make.
Both run here on the same titles — ligatures, accents, punctuation, and titles long enough to
be cut — in headless Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from schemas.fields import MAX_SLUG
from schemas.slug import LIGATURES, slugify

from .depot import ROOT
from .served import browser, needs_chromium, serve

pytestmark = needs_chromium

TITLES = [
    "Œting",
    "« Le Mené » : l'énergie d'abord",
    "L'Haÿ-les-Roses",
    "Straße 2026 — Łódź, Ærø",
    "Çà et là : ıle, ŒUVRE, ẞ",
    "<script>alert(1)</script>",
    "Un titre qui n'en finit pas de décrire le jardin partagé, la cantine bio et la régie "
    "agricole communale d'un village",
    "a" * 79 + " bc",
    "x " + "a" * 78 + " bc",  # the 81st character is a hyphen: the cut keeps 80
    "a" * 80 + " bc",
    "b" * 120,
    *LIGATURES,
]


def test_the_form_names_files_as_the_editors_command_does(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "docs" / "assets", site / "assets")
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    script = """async ([titles, max]) => {
        const m = await import('./assets/proposer.js');
        return titles.map(t => [m.slugify(t), m.shortSlug(t, max)]);
    }"""
    with serve(site) as url, browser() as (context, _):
        tab = context.new_page()
        tab.goto(url)
        in_browser = tab.evaluate(script, [TITLES, MAX_SLUG])
    expected = [[slugify(t, limit=10_000), slugify(t)] for t in TITLES]
    assert in_browser == expected
