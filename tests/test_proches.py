"""« Territoires proches »: stable, explained (which of balises, nature, size and distance
apply), only territories that share a balise; and the size band as a search filter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hooks.core.facets import SIZES
from hooks.core.render import render
from hooks.core.ressemblance import comparable
from hooks.recherche.records import filter_values, standin_page, territory_records
from hooks.site import generate_site
from hooks.territoires.proches import Proche, proches
from schemas.index import Index, load_index

from .depot import ROOT, copy_referentiel

# name → (type, population, balises of each experience)
TERRITORIES = {
    "alpha": (
        "commune",
        1_500,
        [["construire-le-recit", "elargir-le-regard"], ["piloter-par-le-sens"]],
    ),
    "beta": (
        "commune",
        1_800,
        [["construire-le-recit", "elargir-le-regard", "piloter-par-le-sens"]],
    ),
    "gamma": ("commune", 60_000, [["construire-le-recit", "elargir-le-regard"]]),
    "delta": ("pnr", 1_200, [["construire-le-recit"], ["elargir-le-regard"]]),
    "epsilon": ("commune", 1_000, [["construire-le-recit"]]),
    "zeta": ("commune", 1_100, [["piloter-par-le-sens"]]),
    "seule": ("commune", 1_500, [["multiplicite-des-valeurs"]]),  # no balise in common
}


def write(root: Path, name: str, kind: str, population: int, experiences: list[list[str]]) -> None:
    lines = [f"nom: Ville {name.capitalize()}", f"type: {kind}", f"population: {population}"]
    lines += ["resume: Un territoire pour les tests.", "experiences:"]
    for n, balises in enumerate(experiences):
        lines += [
            f"  - id: experience-{n}",
            f"    titre: Expérience {n}",
            "    resume: Ce qui a été fait.",
            f"    balises: [{', '.join(balises)}]",
        ]
    (root / "territoires" / f"{name}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = copy_referentiel(tmp_path_factory.mktemp("proches") / "depot")
    for name, (kind, population, experiences) in TERRITORIES.items():
        write(root, name, kind, population, experiences)
    return load_index(root)


def shown(found: dict[str, tuple[Proche, ...]]) -> dict[str, list[tuple[str, str]]]:
    return {tid: [(p.territoire.id, p.raison) for p in near] for tid, near in found.items()}


def test_closest_first_with_the_reason_and_ties_by_name(index: Index) -> None:
    found = shown(proches(index))
    # One point per balise in common, one for the same nature, one for a population within
    # a factor of 2; ties to more balises, then the name.
    assert found["alpha"] == [
        ("beta", "même nature, taille comparable, 3 balises en commun"),  # 5 points
        ("delta", "taille comparable, 2 balises en commun"),  # 3, more balises than epsilon
        ("gamma", "même nature, 2 balises en commun"),  # 3, by name after delta
        ("epsilon", "même nature, taille comparable, 1 balise en commun"),  # 3
        ("zeta", "même nature, taille comparable, 1 balise en commun"),  # 3, by name
    ]
    assert [tid for tid, _ in found["epsilon"]] == ["alpha", "beta", "delta", "gamma"]


def test_a_territory_that_shares_no_balise_is_never_proposed(index: Index) -> None:
    found = proches(index)
    assert found["seule"] == ()
    assert all(p.territoire.id != "seule" for near in found.values() for p in near)


def test_stable_and_independent_of_the_order_of_the_files(index: Index) -> None:
    reordered = Index(
        index.root,
        index.referentiel,
        dict(reversed(list(index.entries.items()))),
        index.backlinks,
    )
    assert shown(proches(index)) == shown(proches(index)) == shown(proches(reordered))


def balises_of(path: Path) -> set[str]:
    """A territory's balises, read from its file (not through the index)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {b if isinstance(b, str) else b["id"] for x in data["experiences"] for b in x["balises"]}


@pytest.mark.parametrize("cap", [1, 2, 200])
def test_every_reason_matches_the_files_and_is_symmetric(index: Index, cap: int) -> None:
    files = {path.stem: path for path in (index.root / "territoires").glob("*.yml")}
    found = proches(index, cap=cap)
    for tid, near in found.items():
        me = index[tid].data
        for p in near:
            other = p.territoire.data
            shared = len(balises_of(files[tid]) & balises_of(files[p.territoire.id]))
            assert shared >= 1 and p.balises == shared
            assert p.meme_type == (me.type == other.type)
            assert p.meme_taille == comparable(me.population, other.population)
            assert re.match(
                rf"(même nature, )?(taille comparable, )?{shared} balises? en commun$", p.raison
            )
            # the same pair seen from the other side says the same thing
            back = {q.territoire.id: q.raison for q in found[p.territoire.id]}
            assert back.get(tid, p.raison) == p.raison


def test_the_repository_territories_each_get_neighbours_that_share_balises() -> None:
    index = load_index(ROOT)
    found = proches(index)
    assert set(found) == {t.id for t in index.of_kind("territoire")}
    for tid, near in found.items():
        assert 0 < len(near) <= 5 and tid not in {p.territoire.id for p in near}
    # Nearness said when it applies: Loos-en-Gohelle and Grande-Synthe, 71 km apart.
    assert ("grande-synthe", "même nature, à 71\xa0km, 2 balises en commun") in [
        (p.territoire.id, p.raison) for p in found["loos-en-gohelle"]
    ]
    # A pays known by its départements only: its distance is approximate, and says so.
    reasons = {p.territoire.id: p.raison for p in found["petr-grand-clermont"]}
    assert reasons["pnr-livradois-forez"].startswith("à environ 50\xa0km, ")


def test_the_territory_page_lists_them(index: Index) -> None:
    pages = {p.src_uri: p.markdown for p in generate_site(index).pages}
    alpha = pages["territoires/alpha.md"]
    # None within 100 km (none has a position here): alike, not near; the same anchor.
    assert "## Territoires semblables { #territoires-proches }" in alpha
    assert (
        '<a href="../beta/">Ville Beta</a> : même nature, taille comparable, 3 balises en commun'
        in alpha
    )
    assert "Territoires proches" not in pages["territoires/seule.md"]
    assert "Territoires semblables" not in pages["territoires/seule.md"]


def test_the_heading_says_near_only_when_every_one_is_near(index: Index) -> None:
    """« Territoires proches » listed territories 500 km away: then they are alike."""
    beta, gamma = index["beta"], index["gamma"]

    def heading(*distances: float | None) -> str:
        pairs = zip((beta, gamma), distances, strict=True)
        near = tuple(Proche(t, 2, True, True, d) for t, d in pairs)
        markdown = render(
            "territoires/proches.md.j2", proches={"alpha": near}, entry=index["alpha"], page=""
        )
        return re.findall(r"^## .*", markdown, re.M)[0]

    assert heading(12.0, 71.4) == "## Territoires proches"
    assert heading(12.0, None) == "## Territoires semblables { #territoires-proches }"
    assert "à 71\xa0km" in render(  # never « à 71 / km » at the end of a line
        "territoires/proches.md.j2",
        proches={"alpha": (Proche(gamma, 2, True, True, 71.4),)},
        entry=index["alpha"],
        page="",
    )


def test_the_size_band_is_a_search_filter(index: Index) -> None:
    records = territory_records(index, index["alpha"])
    assert len(records) == 3  # the territory and its two experiences
    band = 'data-pagefind-filter="taille[data-v]" data-v="Moins de 2\u00a0000 hab."'
    assert all(band in standin_page(r) for r in records)
    labels = [b.label for _, b in SIZES]
    assert filter_values(index)["taille"] == [labels[0], labels[3]]  # in band order
