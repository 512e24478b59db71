"""A page per département (hooks/territoires/departements.py): the right territories on each
département's pages, in bounded pages, a page for every département of France (none without
territories at all), the nearest territories outside each, and links to it from its
région's page and from each of its territories' pages; then the pages of the built site,
whose every link leads somewhere."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest

from benchmarks.scale import add_territories
from hooks.core.context import BuildContext
from hooks.core.facets import region
from hooks.core.ressemblance import FAR, centre, km, position
from hooks.site import generate_site
from hooks.territoires.departements import NEAR, PER_PAGE, departement_pages, departements
from hooks.territoires.regions import region_pages
from hooks.urls import departement_page, page_for, region_page
from schemas.facts import departements_of
from schemas.geo import GEO
from schemas.index import Entry, Index, load_index
from schemas.territoire import TYPE_LABELS, Territoire

from .depot import ROOT, copy_referentiel, copy_repository
from .test_links import check_links
from .test_site import build

SYNTHETIC = 300  # communes drawn from geo/: several in the larger départements
SMALL = 2  # territories a page, so that several départements have several pages


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = copy_repository(tmp_path_factory.mktemp("departements") / "depot")
    add_territories(root, SYNTHETIC)
    return load_index(root)


def by_departement(index: Index) -> dict[str, list[Entry[Territoire]]]:
    """The territories of France whose département is known (hence its région), by code; a
    territory across several départements under each."""
    found: dict[str, list[Entry[Territoire]]] = {}
    for t in index.of_kind("territoire"):
        for code in departements_of(t.data):
            if GEO.region_code_of(code):
                found.setdefault(code, []).append(t)
    return found


def listed(src_uri: str, markdown: str) -> list[str]:
    """The ids of the territories linked from the table of a département's page."""
    hrefs = re.findall(r'<td><a href="([^"]+)">', markdown)
    return [resolve(src_uri, href).removeprefix("territoires/").rstrip("/") for href in hrefs]


def resolve(src_uri: str, href: str) -> str:
    """Where a relative link of the page ``src_uri`` leads, as a path from the site's root:
    ``("territoires/ville.md", "../departements/62/")`` → ``territoires/departements/62/``."""
    folder = src_uri.removesuffix(".md").removesuffix("index")
    return posixpath.normpath(posixpath.join(folder, href)) + "/"


def directory(src_uri: str) -> str:
    """The folder of a page in the built site: ``territoires/departements/62/``."""
    return resolve(src_uri, ".")


@pytest.mark.parametrize("per_page", [SMALL, PER_PAGE])
def test_each_departement_lists_its_territories_in_bounded_pages(
    index: Index, per_page: int
) -> None:
    pages = {
        p.src_uri: p.markdown for p in departement_pages(BuildContext(index), per_page=per_page)
    }
    expected = by_departement(index)
    assert sum(len(ts) for ts in expected.values()) > SYNTHETIC
    several = False
    for code, territories in expected.items():
        count = -(-len(territories) // per_page)
        uris = [departement_page(code, n) for n in range(1, count + 1)]
        found = [listed(uri, pages[uri]) for uri in uris]
        assert all(0 < len(f) <= per_page for f in found), code
        assert [x for f in found for x in f] == [t.id for t in territories], code
        assert departement_page(code, count + 1) not in pages
        name = GEO.departement(code)
        assert f"# {name} ({code})".replace("-", "\\-") in pages[uris[0]]
        assert f'title: "{name} ({code})"' in pages[uris[0]]
        for t in territories[:per_page]:
            row = re.search(rf'<td><a href="\.\./\.\./{t.id}/">.*?</tr>', pages[uris[0]], re.S)
            assert row, t.id
            assert f"<td>{TYPE_LABELS[t.data.type]}</td>" in row.group()
            population = t.data.population
            people = f"{population:,}".replace(",", "\u202f") if population else "inconnu"
            assert f"<td>{people}</td>" in row.group()
        several = several or count > 1
    # Every département of France (metropolitan and overseas: 101) has its first page, and
    # only the pages its territories fill beyond it.
    firsts = {uri for uri in pages if "/page/" not in uri}
    metropolitan = {c for c, (_, r) in GEO.departements().items() if len(r) == 2}
    assert len(metropolitan) == 101
    assert firsts == {departement_page(code) for code in metropolitan | set(expected)}
    assert len(pages) <= len(firsts) + sum(len(ts) for ts in expected.values()) // per_page
    assert several or per_page == PER_PAGE, "no département with several pages"


def test_the_nearest_territories_outside_each_departement(index: Index) -> None:
    """At most NEAR, none inside, nearest to the département's centre first, and no other
    territory with a position nearer than the last one shown; none said near past FAR km
    (Guadeloupe: « Brest métropole (Finistère) : à 6453 km du centre du département »)."""
    placed = [(position(t.data), t) for t in index.of_kind("territoire")]
    far = 0
    for d in departements(index):
        here = centre(d.code)
        outside = [
            (km(here, p[0]), t) for p, t in placed if p and d.code not in departements_of(t.data)
        ]
        assert len(d.near) == min(NEAR, len(outside)), d.code
        assert d.loin == (min(x for x, _ in outside) > FAR), d.code
        if d.loin:  # the most alike, without distance: départements, then most experiences
            far += 1
            kinds = [
                (p.territoire.data.type != "departement", -len(p.territoire.data.experiences))
                for p in d.near
            ]
            assert kinds == sorted(kinds), d.code
            assert not [p.raison for p in d.near if "km" in p.raison], d.code
            continue
        distances = [next(x for x, t in outside if t is p.territoire) for p in d.near]
        assert distances == sorted(x for x, _ in outside)[: len(d.near)], d.code
        for p in d.near:
            assert re.fullmatch(
                "à (environ )?\\d{1,3}(\u202f\\d{3})*\xa0km du centre du département"
                "(, dans la même région)?",
                p.raison,
            ), p.raison
    assert far  # overseas, at least


def test_a_name_with_brackets_is_not_followed_by_more_brackets() -> None:
    """Pas-de-Calais: « Initiatives et Cités (Lille), Nord », not « (Lille) (Nord) »."""
    pages = departement_pages(BuildContext(load_index(ROOT)))
    page = next(p for p in pages if p.src_uri == "territoires/departements/62.md")
    near = re.sub(r"<[^>]+>", "", page.markdown.split("## Territoires proches")[1])
    assert "Initiatives et Cités (Lille), Nord : à environ" in near
    assert ") (" not in near
    assert re.search(r"^Brest métropole \(Finistère\) : à", near, re.M) or "Brest" not in near


def test_the_pages_link_to_their_region_and_its_explorer(index: Index) -> None:
    """A région with territories: links to its page and its explorer; a région without
    (the Centre-Val de Loire): no link to an empty page or an explorer showing everything."""
    pages = departement_pages(BuildContext(index), SMALL)
    filled = {d.code for d in departements(index) if d.region.territories}
    assert filled  # every région here; the Cher without any: test_the_pages_in_the_built_site
    for page in pages:
        code = page.src_uri.split("/")[2].removesuffix(".md")
        slug = region("FR", code).key
        hrefs = re.findall(r'<a href="([^"]+)">([^<]+)</a>', page.markdown)
        targets = {resolve(page.src_uri, href): text for href, text in hrefs}
        if code not in filled:
            assert directory(region_page(slug)) not in targets, page.src_uri
            assert not [h for h, _ in hrefs if "explorer/" in h], page.src_uri
            assert "qui n'a pas encore de territoire dans le référentiel" in page.markdown
            continue
        assert (
            targets[directory(region_page(slug))]
            == f"tous les territoires de la région {GEO.region_of(code)}"
        )
        explorer = [h for h, _ in hrefs if "?" in h]
        assert [h.split("?")[1] for h in explorer] == [f"region={slug}"], page.src_uri
        assert resolve(page.src_uri, explorer[0].split("?")[0]) == "explorer/"
        assert page.edit_path == "territoires/"


def test_no_territories_no_pages(tmp_path: Path) -> None:
    empty = load_index(copy_referentiel(tmp_path / "depot"))
    assert departement_pages(BuildContext(empty)) == []


def test_each_region_page_links_to_its_departements(index: Index) -> None:
    pages = {p.src_uri: p.markdown for p in region_pages(BuildContext(index))}
    for code, territories in by_departement(index).items():
        page = region_page(region("FR", code).key)
        line = next(x for x in pages[page].splitlines() if x.startswith("<p>Départements"))
        hrefs = re.findall(r'<a href="([^"]+)">([^<]+)</a> \((\d+) territoire', line)
        targets = {resolve(page, href): (name, int(k)) for href, name, k in hrefs}
        expected = (GEO.departement(code), len(territories))
        assert targets[directory(departement_page(code))] == expected, code


def test_each_territory_page_links_to_its_departement(index: Index) -> None:
    site = {p.src_uri: p.markdown for p in generate_site(index).pages}
    placed = {t.id for ts in by_departement(index).values() for t in ts}
    for t in index.of_kind("territoire"):
        page = page_for(t)
        label = re.search(r'<p class="rv-etiquette">.*?</p>', site[page])
        assert label, t.id
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', label.group())
        if t.id in placed:
            codes = departements_of(t.data)
            assert codes and len(links) == len(codes), t.id
            for code, (href, text) in zip(codes, links, strict=True):
                assert resolve(page, href) == directory(departement_page(code)), t.id
                assert text == f"{GEO.departement(code)} ({code})"
                assert departement_page(code) in site
        else:  # abroad, or no département: no page to link to
            assert not links, t.id


def test_the_pages_in_the_built_site(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ATTENTION" not in result.stderr, result.stderr[-3000:]  # a warning, in French
    site = root / "site"
    page = (site / "territoires" / "departements" / "62" / "index.html").read_text("utf-8")
    assert "<h1" in page and "Pas-de-Calais (62)" in page
    assert 'href="../../loos-en-gohelle/"' in page
    assert 'href="../../../regions/hauts-de-france/"' in page
    assert 'href="../../../explorer/?region=hauts-de-france"' in page
    loos = (site / "territoires" / "loos-en-gohelle" / "index.html").read_text("utf-8")
    assert 'href="../departements/62/"' in loos
    region = (site / "regions" / "hauts-de-france" / "index.html").read_text("utf-8")
    assert 'href="../../territoires/departements/62/"' in region
    # The Cher has no territory: its page says so and gives the nearest, with their distance.
    cher = (site / "territoires" / "departements" / "18" / "index.html").read_text("utf-8")
    cher = re.sub("[\u00a0\u202f]", " ", cher)  # the French spaces before « : »
    assert "pas encore de territoire dans ce département" in re.sub(r"<[^>]+>", "", cher)
    assert "Voici, plus bas, les territoires les plus proches ;" in cher
    assert "?region=" not in cher and "regions/centre-val-de-loire" not in cher
    near = [  # « Brest métropole (Finistère) », « Initiatives et Cités (Lille), Nord »
        (slug, lieu or after, why)
        for slug, lieu, after, why in re.findall(
            r'<li><a href="\.\./\.\./([^/"]+)/">[^<]+</a>(?: \(([^)]+)\)|, ([^:]+)) : ([^<]+)</li>',
            cher,
        )
    ]
    assert len(near) == NEAR
    assert near[0][0] == "petr-grand-clermont"
    assert near[0][1:] == ("Puy-de-Dôme", "à environ 150 km du centre du département")
    assert ("grand-besancon", "Doubs", "à 265 km du centre du département") in near
    # The Finistère: Brest métropole in its table, Le Mené the nearest outside it.
    finistere = (site / "territoires" / "departements" / "29" / "index.html").read_text("utf-8")
    finistere = re.sub("[\u00a0\u202f]", " ", finistere)
    assert 'href="../../brest-metropole/"' in finistere.split('id="territoires-proches"')[0]
    assert (
        '<a href="../../le-mene/">Le Mené</a> (Côtes-d\'Armor) : à 118 km du centre du '
        "département, dans la même région" in finistere
    )
    # Guadeloupe: no territory within FAR km, so none said near, and no distance.
    guadeloupe = (site / "territoires" / "departements" / "971" / "index.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", guadeloupe))
    assert "Voici, plus bas, d'autres territoires du référentiel\u202f;" in text
    assert "Autres territoires du référentiel" in text and "Territoires proches" not in text
    assert (
        "Aucun territoire du référentiel n'est proche de ce département\xa0: le plus proche est "
        "à plus de 300\xa0km." in text
    )
    assert " km du centre" not in text.replace("\xa0", " ")
    broken, _ = check_links(site)
    assert not broken, "\n".join(broken)
