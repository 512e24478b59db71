"""Build the real site from a copy of the repository and read the HTML a reader gets."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks.core.render import pdf_facts
from hooks.pdf import pdf_ids
from hooks.recherche.records import search_records, standin_page
from hooks.site import generate_site
from hooks.urls import NEAR_FOLDER
from schemas.index import Index, load_index

from .depot import ROOT, copy_repository
from .pdftools import pages as pdf_pages

VALID = ROOT / "tests" / "cas" / "valides"
FORGE = "https://github.com/referentiel-vivant/referentiel-vivant/edit/main/"


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h1:
            self.h1[-1] += data


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def build(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "build.py", "build", *options]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index]:
    """The site built once with two extra territories: an ordinary one and a hostile one."""
    root = copy_repository(tmp_path_factory.mktemp("site") / "depot")
    for case in VALID.iterdir():
        shutil.copy(case, root / "territoires" / case.name)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site", load_index(root)


def page(site: Path, path: str) -> Path:
    return site / path / "index.html"


def test_new_territory_has_its_page_and_appears_on_each_balise_it_cites(built) -> None:
    site, _ = built
    territory = page(site, "territoires/ville-test").read_text(encoding="utf-8")
    assert 'id="jardin-partage"' in territory
    assert 'href="../../balises/construire-le-recit/"' in territory
    for balise in ("construire-le-recit", "elargir-le-regard"):
        html = page(site, f"balises/{balise}").read_text(encoding="utf-8")
        assert 'href="../../territoires/ville-test/#jardin-partage">Le jardin partagé</a>' in html
    mode = page(site, "modes-de-faire/conduire-en-cooperation").read_text(encoding="utf-8")
    assert "../../territoires/ville-test/#jardin-partage" in mode
    listing = page(site, "territoires").read_text(encoding="utf-8")
    assert 'href="ville-test/"' in listing


def test_enjeu_page_gathers_its_territories(built) -> None:
    site, _ = built
    html = page(site, "enjeux/engagement").read_text(encoding="utf-8")
    assert 'href="../../territoires/ville-test/">Ville Test</a> (1 expérience)' in html
    assert "../../balises/construire-le-recit/" in html


def sidebar(path: Path) -> str:
    """The HTML of a page's navigation sidebar (the table of contents is the other one)."""
    html = path.read_text(encoding="utf-8")
    return html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]


def test_sidebar_lists_the_sections_and_opens_only_the_current_one(built) -> None:
    site, index = built
    on_territory = sidebar(page(site, "territoires/ville-test"))
    assert 'href="../../balises/"' in on_territory
    assert "construire-le-recit/" not in on_territory  # closed sections are not in the page
    on_balise = sidebar(page(site, "balises/construire-le-recit"))
    same_enjeu = [b.id for b in index.of_kind("balise") if b.data.enjeu == "engagement"]
    assert all(f'"../{b}/"' in on_balise for b in same_enjeu if b != "construire-le-recit")
    assert not [m for m in index.of_kind("mode_de_faire") if f"/{m.id}/" in on_balise]


def test_every_title_of_the_2019_table_of_contents_is_the_h1_of_its_page(built) -> None:
    site, _ = built
    lines = (ROOT / "tests" / "cas" / "titres-2019.txt").read_text(encoding="utf-8").splitlines()
    expected = dict(line.split("\t") for line in lines if not line.startswith("#"))
    assert len(expected) == 4 + 23 + 13 + 11
    for path, title in expected.items():
        h1 = [h.removesuffix("¶").strip() for h in parse(page(site, path)).h1]  # permalink
        assert h1 == [title], path


def test_edit_link_opens_the_yaml_source_on_the_forge(built) -> None:
    site, _ = built
    cases = {
        "balises/construire-le-recit": "balises/construire-le-recit.yml",
        "territoires/ville-test": "territoires/ville-test.yml",
        "enjeux/valeur": "referentiel/enjeux/valeur.yml",
        "modes-de-faire/tirer-la-ficelle": "referentiel/modes-de-faire/tirer-la-ficelle.yml",
        "": "referentiel/referentiel.yml",
    }
    # pages made by a template or from a whole folder: no pencil (it opened hooks/…/*.md.j2)
    for path in ("territoires", "contribuer", "contribuer/proposer", "ecoconception"):
        tags = parse(page(site, path)).tags
        assert [a for t, a in tags if t == "a" and a.get("rel") == "edit"] == [], path
    # « Contribuer »'s file boxes wrap their long lines (referentiel.css) instead of scrolling
    boxes = [a for t, a in parse(page(site, "contribuer")).tags if t == "pre"]
    assert len(boxes) == 5 and all(a.get("class") == "rv-a-la-ligne" for a in boxes)
    for path, source in cases.items():
        edits = [a for t, a in parse(page(site, path)).tags if t == "a" and a.get("rel") == "edit"]
        assert [a["href"] for a in edits] == [FORGE + source]
        assert edits[0]["title"] == "Proposer une correction sur GitHub (compte nécessaire)"
        footer = " ".join("".join(parse(page(site, path)).text).split())
        assert "sans compte à créer" in footer, path  # the way without GitHub: contribuer/
        if path:  # a record's footer (the home page has none)
            assert "Pour citer dans un logiciel de bibliographie (Zotero…)" in footer
        assert "Toutes ses modifications" not in footer


def test_every_page_states_the_licence_and_summaries_cite_the_2019_source(built) -> None:
    site, _ = built
    pages = list(site.rglob("*.html"))
    assert len(pages) > 60
    for html_file in pages:
        assert "CC BY-SA 4.0" in html_file.read_text(encoding="utf-8"), html_file
    for path in (
        "balises/construire-le-recit",
        "enjeux/cooperation",
        "dispositifs/creer-des-clubs",
        "chapitres/changer-d-echelle",
    ):
        html = page(site, path).read_text(encoding="utf-8")
        assert "CC BY-NC-ND 4.0" in html
        assert (
            "Référentiel de l'atelier Villes pairs" in html
            or "Référentiel de l&#39;atelier" in html
        )


def test_french_interface_and_no_third_party_request(built) -> None:
    site, _ = built
    html = page(site, "").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    loading = {"stylesheet", "preload", "preconnect", "icon", "modulepreload", "dns-prefetch"}
    for html_file in site.rglob("*.html"):
        for tag, attrs in parse(html_file).tags:
            value = attrs.get("src") or ""
            if tag == "link" and attrs.get("rel") in loading:
                value = attrs.get("href") or ""
            assert not value.startswith(("http:", "https:", "//")), (html_file, tag, value)
    assert not (site / "search" / "search_index.json").exists()  # Pagefind instead
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["fr"]


def test_search_records_hold_each_page_own_text_and_filters_and_nothing_else(built) -> None:
    """Search reads records built from the data (hooks/recherche/records.py), never the sidebar, the
    footer or the citations of a page: one per record, territory and experience."""
    site, index = built
    records = {r.url: r for r in search_records(index, {})}
    balise = records["../balises/construire-le-recit/"]
    assert balise.title == "Construire le récit" and "Pour citer" not in balise.html
    assert balise.filters == {
        "rubrique": ["Balise"],
        "enjeu": ["L'engagement des acteurs du territoire comme ressource"],
    }
    territory = records["../territoires/ville-test/"]
    assert territory.filters["type"] == ["Commune"]
    assert territory.filters["balise"] == ["Construire le récit", "Élargir le regard"]
    experience = records["../territoires/ville-test/#jardin-partage"]
    assert experience.title == "Le jardin partagé" and "au pied des immeubles" in experience.html
    assert experience.meta == {
        "rubrique": "Expérience",
        "territoire": "Ville Test",
        "population": "1200",
    }
    hostile = next(r for r in records.values() if r.url.startswith("../territoires/hostile/"))
    assert "<script" not in standin_page(hostile)  # escaped, as in every output
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    others = entry["languages"]["fr"]["page_count"] - len(search_records(index, {}))
    assert 10 <= others <= 30  # home, lists, help pages… (not the search page, not explorer/2/)


def test_hostile_text_leaves_no_script_handler_url_inclusion_or_template(built) -> None:
    site, _ = built
    for html_file in site.rglob("*.html"):
        tags = parse(html_file)
        for tag, attrs in tags.tags:
            assert tag not in ("iframe", "object", "embed", "style"), (html_file, tag)
            if tag == "script" and attrs.get("src"):  # only the theme's scripts, and ours
                src = attrs["src"].removeprefix("/referentiel-vivant/")
                script = (html_file.parent / src) if src.startswith(".") else site / src
                assert "assets/" in src and script.resolve().is_file(), (html_file, attrs)
            for name, value in attrs.items():
                assert not name.startswith("on"), (html_file, tag, name)
                assert "javascript:" not in (value or "").lower(), (html_file, tag, value)
                assert not (value or "").lower().startswith(("data:", "file:")), (html_file, value)
        text = "".join(tags.text)
        assert "root:x:0:0" not in text
        scripts = html_file.read_text(encoding="utf-8").split("<script")[1:]
        assert not [s for s in scripts if "alert(" in s.split("</script>")[0]], html_file
    hostile = page(site, "territoires/hostile")
    html = hostile.read_text(encoding="utf-8")
    text = "".join(parse(hostile).text)
    assert "{{ 7*7 }}" in text and "{{ config.site_name }}" in text  # shown, not evaluated
    assert '<script>alert("resume")</script>' in text  # visible as text, not as a tag
    assert "<!-- /rv:html -->" in text  # cannot close a block of generated HTML early
    name = "Hostile *ville* {{ 7*7 }} [x](javascript:alert(1))"  # plain text, stays plain
    assert f"<title>{name} - Référentiel vivant</title>" in html
    assert [h.removesuffix("¶") for h in parse(hostile).h1] == [name]


def test_a_windows_file_with_bom_emoji_and_combining_accents_is_published_intact(built) -> None:
    site, _ = built
    html = page(site, "territoires/windows-bom").read_text(encoding="utf-8")
    assert "Saint-Lé\u0301ger 🌱" in html  # the combining accent is kept, not recomposed
    assert "des emoji 🌍👩\u200d🌾" in html  # the joiner inside an emoji survives
    assert 'id="jardin-des-emoji"' in html and "Le jardin 🌻 des habitant·es" in html
    assert "\r" not in html and "\ufeff" not in html


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    assert build(root, "--sans-pdf").returncode == 0
    before = _fingerprint(root / "site")
    broken = root / "territoires" / "casse.yml"
    broken.write_text(
        "nom: Cassé\ntype: commune\nresume: x\nexperiences:\n"
        "  - id: a\n    titre: A\n    resume: x\n    balises: [inconnue]\n",
        encoding="utf-8",
    )
    result = build(root, "--sans-pdf")
    assert result.returncode == 1
    assert (
        "territoires/casse.yml:8: experiences.balises: « inconnue » n'existe pas" in result.stderr
    )
    assert "site/ n'a pas été modifié" in result.stderr
    assert _fingerprint(root / "site") == before
    assert not list(root.glob(".site-*")) and not list(root.glob(".fichiers-*"))


def test_generated_files_reach_the_site_intact_and_their_temporary_folder_goes(built) -> None:
    """The build writes the generated files to a folder of its own for the engine to copy
    (hooks/engine/memoire.py): each arrives in the site, open data and « Près de chez moi »'s
    slices byte for byte, and the folder is gone."""
    site, index = built
    files = generate_site(index).files
    assert len(files) > 100
    for path, content in files.items():
        assert (site / path).is_file(), path
        if path.startswith(("donnees/", NEAR_FOLDER)):
            assert (site / path).read_text(encoding="utf-8") == content, path
    assert not list(index.root.glob(".fichiers-*"))


def _fingerprint(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_french_spacing_and_concept_links_are_added_by_the_build(built) -> None:
    site, _ = built
    html = page(site, "balises/construire-le-recit").read_text(encoding="utf-8")
    assert "Balises illustrées" not in html  # (territory pages only)
    assert "\u00a0:" in html and " :" not in html.split('<div class="md-content"')[1]
    concept_links = [
        a
        for t, a in parse(page(site, "balises/construire-le-recit")).tags
        if t == "a" and a.get("class") == "rv-concept"
    ]
    hrefs = [a["href"] for a in concept_links]
    assert "../../concepts/mise-en-recit/" in hrefs
    assert len(hrefs) == len(set(hrefs))  # first mention only
    assert all(a["title"] for a in concept_links)  # the tooltip: first sentence of the definition
    glossary = page(site, "concepts").read_text(encoding="utf-8")
    assert 'class="rv-concept"' not in glossary


def test_chapter_pages_link_to_their_pdf_and_the_build_writes_it(built) -> None:
    site, index = built
    for entry in index.of_kind("enjeu") + index.of_kind("chapitre"):
        folder = "enjeux" if entry.kind.name == "enjeu" else "chapitres"
        links = [
            a["href"]
            for t, a in parse(page(site, f"{folder}/{entry.id}")).tags
            if t == "a" and (a.get("href") or "").endswith(".pdf")
        ]
        assert links == [f"../../pdf/{entry.id}.pdf"]
        assert (site / "pdf" / f"{entry.id}.pdf").stat().st_size > 10_000
    assert (site / "pdf" / "cartes-balises.pdf").is_file()


def test_the_kit_lists_every_pdf_with_its_real_pages_and_size(built) -> None:
    """« Kit d'atelier » and the download buttons give what the PDF files hold."""
    site, index = built
    kit = page(site, "atelier").read_text(encoding="utf-8")
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(pdf_ids(index)) > 15
    for pdf in pdfs:
        facts = pdf_facts({"pages": pdf_pages(pdf), "size": pdf.stat().st_size})
        link = re.search(rf'<a href="\.\./pdf/{pdf.name}" download>(.*?)</a> (\S.*?)<br>', kit)
        assert link, f"{pdf.name} absent du kit"
        assert f"({facts})" in link.group(2), (pdf.name, link.group(2))
    engagement = site / "pdf" / "engagement.pdf"
    button = f"(PDF, {pdf_pages(engagement)} pages,"
    assert button in page(site, "enjeux/engagement").read_text(encoding="utf-8")
