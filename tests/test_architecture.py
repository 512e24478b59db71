"""The house rules of ``hooks/`` (README, « Architecture »), checked on the code itself:
imports only go down, sections never import each other, every feature's pages are either in
the sidebar or hidden by that feature, and the table of page kinds covers every feature."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pathspec
import pytest

from hooks.core.context import BuildContext
from hooks.navigation import listed, navigation
from hooks.page_kinds import PAGE_KINDS
from hooks.site import FEATURES
from schemas.index import Index, load_index

from .depot import ROOT

HOOKS = ROOT / "hooks"
SECTIONS = (
    *("accueil", "fiches", "territoires", "atelier", "contribuer", "projet", "recherche"),
    "relecture",  # the editors' tools: the review summary, the review dates
)
# What each layer may import, besides itself and schemas/ (top to bottom).
MAY_IMPORT = {
    "engine": {"site", "navigation", "generated", "urls", "core", *SECTIONS, "pdf"},
    "site": {"navigation", "generated", "urls", "core", *SECTIONS},
    "navigation": {"urls", *SECTIONS},
    "page_kinds": {"urls"},
    **{section: {"generated", "urls", "core", "pdf"} for section in SECTIONS},
    "pdf": {"generated", "urls", "core"},
    "core": {"generated", "urls"},
    "generated": set(),
    "urls": set(),
}


def hooks_imports(path: Path) -> set[str]:
    """The units of ``hooks/`` that a module imports (``core``, ``fiches``, ``urls``…)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hooks."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("hooks.")}
        elif isinstance(node, ast.ImportFrom) and node.level > 1:  # level 1: its own package
            raise AssertionError(f"{path}: import relatif, écrire « from hooks.… import »")
    return found


def unit_of(path: Path) -> str:
    """``hooks/territoires/carte.py`` → ``territoires``; ``hooks/urls.py`` → ``urls``."""
    return path.relative_to(HOOKS).parts[0].removesuffix(".py")


def test_imports_only_go_down_and_sections_never_import_each_other() -> None:
    wrong = []
    for path in sorted(HOOKS.rglob("*.py")):
        unit = unit_of(path)
        if unit == "__init__":
            continue
        for target in hooks_imports(path) - {unit} - MAY_IMPORT[unit]:
            wrong.append(f"{path.relative_to(ROOT)} importe hooks.{target}")
    assert not wrong, "\n".join(wrong)


def test_no_module_over_300_lines() -> None:
    long = [
        f"{p.relative_to(ROOT)}: {n} lignes"
        for p in [
            *HOOKS.rglob("*.py"),
            *(ROOT / "schemas").glob("*.py"),
            *(ROOT / "benchmarks").glob("*.py"),
            *(ROOT / "scripts").glob("*.py"),
            *(p for p in (ROOT / "tests").glob("*.py") if not p.name.startswith("test_")),
            ROOT / "build.py",
        ]
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert not long, "\n".join(long)


def test_no_template_writes_a_page_path() -> None:
    """Links between pages go through hooks/urls.py (``{{ urls.VERSIONS_PAGE|target }}``)."""
    written = [
        f"{t.relative_to(ROOT)}: {found}"
        for t in HOOKS.rglob("*.md.j2")
        for found in re.findall(r"\]\(/[\w./-]+\.md[^)]*\)", t.read_text(encoding="utf-8"))
    ]
    assert not written, "\n".join(written)


def test_templates_live_beside_their_modules() -> None:
    for template in HOOKS.rglob("*.j2"):
        assert list(template.parent.glob("*.py")), f"{template}: aucun module à côté"


@pytest.fixture(scope="module")
def made(index: Index) -> dict[str, list[str]]:
    """Each feature's pages, by feature name."""
    ctx = BuildContext(index)
    return {feature.name: [p.src_uri for p in feature.pages(ctx)] for feature in FEATURES}


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_every_page_is_in_the_sidebar_or_hidden_by_its_feature(index, made) -> None:
    in_nav = listed(navigation(index))
    assert len({f.name for f in FEATURES}) == len(FEATURES)
    for feature in FEATURES:
        hidden = pathspec.GitIgnoreSpec.from_lines(feature.hidden)
        for page in made[feature.name]:
            assert page in in_nav or hidden.match_file(page), f"{feature.name} : {page}"
    every = {page for pages in made.values() for page in pages}
    assert in_nav <= every, f"la barre latérale mène à des pages absentes : {in_nav - every}"


def test_the_table_of_page_kinds_covers_every_feature(made) -> None:
    for kind in PAGE_KINDS:
        assert kind.source in made[kind.feature], f"{kind.key} : {kind.source}"
    covered = {kind.feature for kind in PAGE_KINDS}
    for name, pages in made.items():
        assert not pages or name in covered, f"« {name} » n'a aucune sorte de page décrite"
