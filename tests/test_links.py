"""Every internal link of the built site leads somewhere: a page, a file, an anchor.

MkDocs checks the links of the Markdown it converts, but not those of the raw HTML we
write (lists of territories, buttons, the footer) nor those of the theme; this reads every
``href`` and ``src`` of every HTML page the reader gets, in both kinds of build: the full
one (with the PDFs and a git history) and the quick one (``--sans-pdf``, no history).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from .depot import ROOT, copy_repository
from .test_living import git
from .test_site import VALID, build, parse

# Absolute links (the theme's 404 page) start with the path of the published site.
SITE_PATH = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_url"]).path
NO_PDF = "Les PDF sont produits par la construction complète (python build.py build)."


@pytest.fixture(scope="module", params=["complet", "sans-pdf"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, bool]:
    """The site built with the ordinary and the hostile extra territories, and whether the
    build wrote the PDFs: in full from a git repository (history, a version tag, a renamed
    and a withdrawn record), or with ``--sans-pdf`` from an archive."""
    root = copy_repository(tmp_path_factory.mktemp(request.param) / "depot")
    for case in VALID.iterdir():
        shutil.copy(case, root / "territoires" / case.name)
    options: tuple[str, ...] = ("--sans-pdf",)
    if request.param == "complet":
        options = ()
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "Première version")
        git(root, "tag", "v0.1.0")
        # After the tag: a record renamed as ids require (its old address redirects) and one
        # withdrawn (kept, with why): the version in progress has revision notes.
        git(root, "mv", "territoires/hostile.yml", "territoires/hostile-2.yml")
        renamed = root / "territoires" / "hostile-2.yml"
        renamed.write_text(
            "anciens_ids: [hostile]\n" + renamed.read_text(encoding="utf-8"), encoding="utf-8"
        )
        withdrawn = root / "territoires" / "ville-test.yml"
        withdrawn.write_text(
            'retrait: {version: "0.2.0", motif: "Fiche d\'essai.", remplace_par: malaunay}\n'
            + withdrawn.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "Renomme Hostile, retire Ville Test", date="2026-02-01")
    result = build(root, *options)
    assert result.returncode == 0, result.stderr
    return root / "site", not options


def targets(tags: list[tuple[str, dict[str, str | None]]]) -> set[str]:
    """What a ``#fragment`` can point at in a page: any element's id, an ``<a name>``."""
    found = {a["id"] for _, a in tags if a.get("id")}
    return found | {a["name"] for t, a in tags if t == "a" and a.get("name")}


def check_links(site: Path) -> tuple[list[str], Counter[str]]:
    """Every internal link of the site's HTML pages that leads nowhere, and what the others
    lead to: ``(["balises/index.html → ../pdf/cartes.pdf (file missing)"], {".html": …})``.

    Links with a scheme (``https:``, ``mailto:``) or a host leave the site and are skipped;
    the others must lead to a file of the site (``folder/`` means ``folder/index.html``) and
    their ``#fragment``, if any, to an element of the page they lead to.
    """
    site = site.resolve()
    pages = {path: parse(path).tags for path in sorted(site.rglob("*.html"))}
    anchors = {path: targets(tags) for path, tags in pages.items()}
    broken: list[str] = []
    kinds: Counter[str] = Counter()
    for page, tags in pages.items():
        for _, attrs in tags:
            for name in ("href", "src"):
                url = attrs.get(name)
                if url is None:
                    continue
                problem, kind = _follow(site, page, url, anchors)
                if problem:
                    broken.append(f"{page.relative_to(site)} → {url} ({problem})")
                elif kind:
                    kinds[kind] += 1
    return broken, kinds


def _follow(
    site: Path, page: Path, url: str, anchors: dict[Path, set[str]]
) -> tuple[str | None, str | None]:
    """``(problem, None)`` for a broken link, else ``(None, kind)``: ``None`` for a link
    that leaves the site, ``#`` for an anchor of the same page, the target's suffix, or
    ``.html#`` for an anchor of another page."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if path.startswith("/"):
        if not path.startswith(SITE_PATH):
            return "outside the site", None
        target = site / path.removeprefix(SITE_PATH)
    else:
        target = page.parent / path if path else page
    target = target.resolve()
    if not target.is_relative_to(site):
        return "outside the site", None
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "file missing", None
    if not fragment or target.suffix != ".html":
        return None, target.suffix
    if fragment not in anchors[target]:
        return "anchor missing", None
    return None, "#" if target == page else ".html#"


def test_every_internal_href_and_src_leads_to_a_file_and_its_anchor(built) -> None:
    site, with_pdf = built
    broken, kinds = check_links(site)
    assert not broken, f"{len(broken)} liens internes cassés :\n" + "\n".join(broken)
    # links to an experience of a territory (concepts have pages of their own, no anchor)
    assert kinds[".html"] > 2000 and kinds[".html#"] > 300 and kinds["#"] > 1000, kinds
    assert {".css", ".js", ".png", ".json", ".bib", ".csv"} <= set(kinds), kinds
    assert (".pdf" in kinds) == with_pdf, kinds


def test_pages_link_to_the_pdfs_only_when_the_build_writes_them(built) -> None:
    site, with_pdf = built
    home = parse(site / "index.html")
    pdfs = [a["href"] for t, a in home.tags if t == "a" and (a.get("href") or "").endswith(".pdf")]
    notes = {
        path.relative_to(site).parent.as_posix()
        for path in site.rglob("index.html")
        if NO_PDF in " ".join("".join(parse(path).text).split())
    }
    if with_pdf:
        assert pdfs == ["pdf/referentiel.pdf", "pdf/cartes-balises.pdf"]
        assert not notes
    else:
        assert not pdfs and not list(site.rglob("*.pdf"))
        assert {".", "balises", "enjeux/engagement", "chapitres/participants"} <= notes


def test_the_check_finds_every_kind_of_broken_link(tmp_path: Path) -> None:
    """The check itself: it reports all the broken links of a page, and only those."""
    (tmp_path / "a").mkdir()
    (tmp_path / "data.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="ici">Ici</h2>', encoding="utf-8")
    links = [
        "a/",
        "a/#ici",
        "#haut",
        "data.csv",
        f"{SITE_PATH}a/",
        "https://exemple.fr/absent/",
        "mailto:contact@exemple.fr",
        "b/",
        "a/#ailleurs",
        "#nulle-part",
        "pdf/absent.pdf",
        "../hors-du-site/",
        "/autre-site/",
    ]
    page = "".join(f'<a href="{link}">lien</a>' for link in links)
    (tmp_path / "index.html").write_text(f'<h1 id="haut">Titre</h1>{page}', encoding="utf-8")
    broken, kinds = check_links(tmp_path)
    assert broken == [
        "index.html → b/ (file missing)",
        "index.html → a/#ailleurs (anchor missing)",
        "index.html → #nulle-part (anchor missing)",
        "index.html → pdf/absent.pdf (file missing)",
        "index.html → ../hors-du-site/ (outside the site)",
        "index.html → /autre-site/ (outside the site)",
    ]
    assert kinds == {".html": 2, ".html#": 1, "#": 1, ".csv": 1}
