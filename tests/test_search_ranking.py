"""Search that ranks like a reader expects: the référentiel's records and the territories
before the bibliography, readers' words (« mots_cles ») found, filters before the results
on a phone, and nothing that moves when the results arrive.

The site is built once from the repository as it is (no test territory: the ranking is that
of the shipped content); ``benchmarks/recherche.py`` measures many more queries.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from benchmarks.recherche import CLS, SEARCH, STATUS
from hooks.recherche.classement import RANKING
from hooks.recherche.records import search_records, standin_page
from schemas.errors import ErreursDeValidation
from schemas.fields import MAX_MOT_CLE, MAX_MOTS_CLES
from schemas.index import load_index

from .depot import ROOT, copy_referentiel, copy_repository
from .served import browser, serve, third_party
from .test_site import build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = copy_repository(tmp_path_factory.mktemp("classement") / "depot")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url, root / "site"


@pytest.fixture(scope="module")
def chromium(site):
    """One browser for the module's tests (Playwright's synchronous API allows one at a
    time); nothing it requests may leave this machine."""
    with browser() as (context, requested):
        yield context
        assert not third_party(requested), third_party(requested)


@pytest.fixture(scope="module")
def ranked(site, chromium):
    """``ranked("mots")``: the first pages search gives, from the site's root, as the search
    page ranks them (its own Pagefind options)."""
    url, _ = site
    tab = chromium.new_page()
    tab.goto(url + "recherche/?q=territoire")
    tab.wait_for_function(STATUS)
    return lambda words: [page for page, _ in tab.evaluate(SEARCH, [words, 10, None])]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("coopération", "enjeux/cooperation/"),  # 17th before: sources came first
        ("cooperation", "enjeux/cooperation/"),  # typed without its accent
        ("monnaie locale", "balises/circulation-monetaire-endogene/"),  # a keyword only
        ("clubs d'entreprises", "dispositifs/creer-des-clubs/"),
        ("circuits courts", "balises/valeur-sociale-environnementale-economique/"),
        ("budget participatif", "balises/pas-seulement-participer-cooperer/"),
        ("rénovation énergétique", "modes-de-faire/couts-de-l-inaction/"),
        ("Loos-en-Gohelle", "territoires/loos-en-gohelle/"),
    ],
)
def test_a_reader_s_words_find_the_record_in_the_first_three(ranked, words, expected) -> None:
    assert expected in ranked(words)[:3], ranked(words)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # a question: « comment » is on no page that answers it
        ("comment mobiliser les habitants", "modes-de-faire/conditions-engagement-habitants/"),
        ("transision", "concepts/transition/"),  # misspelt: on no page
        ("panneaux solaires", "territoires/luc-sur-aude/#parc-solaire-citoyen"),  # no page has both
        ("Clermont-Ferrand", "territoires/petr-grand-clermont/"),  # « Clermont » only
        ("Auvergne", "territoires/petr-grand-clermont/"),  # its région, not in its text
        ("finistere", "territoires/pays-centre-ouest-bretagne/"),  # one of its départements
        # « c'est », « un » : words of a question, on every page but « Les communs »' own
        ("c'est quoi un commun", "concepts/communs/"),
        # on no page: Pagefind silently took « à » instead, so it was never shortened
        ("agriculteurs", "territoires/grand-besancon/#solidarites-agricole-et-urbaine"),
    ],
)
def test_words_no_page_has_all_of_still_find_what_a_reader_wants(ranked, words, expected) -> None:
    assert expected in ranked(words)[:5], ranked(words)


def test_the_status_says_when_results_have_only_part_of_the_words(site, chromium) -> None:
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=%C3%A9olien+solaire", 375)
    said = tab.inner_text("#rv-statut")
    # (the list of territories had both, in two experiences' titles: no longer searched)
    assert said.startswith("Aucune page n'a tous les mots de «\xa0éolien solaire\xa0»\xa0: ")
    assert said.endswith(" qui en ont une partie."), said
    # « transision » is on no page: shortened, and said
    tab = tab_at(chromium, url + "recherche/?q=transision", 375)
    said = tab.inner_text("#rv-statut")
    assert said.startswith("Aucune page n'a les mots de «\xa0transision\xa0» tels quels\xa0: ")
    assert said.endswith("résultats pour des mots proches.")
    tab = tab_at(chromium, url + "recherche/?q=coop%C3%A9ration", 375)
    assert tab.inner_text("#rv-statut").endswith("résultats pour «\xa0coopération\xa0».")


# Where the status line breaks: each « with the character after it, each » with the one
# before it, on the same line (their boxes' tops), at the page's width.
BREAKS = """() => {
  const node = document.getElementById("rv-statut").firstChild;
  const top = (i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return Math.round(range.getClientRects()[0].top);
  };
  const text = node.textContent;
  const apart = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "«" && top(i) !== top(i + 2)) apart.push(text.slice(i, i + 12));
    if (text[i] === "»" && top(i) !== top(i - 2)) apart.push(text.slice(i - 12, i + 1));
  }
  return apart;
}"""


@pytest.mark.parametrize("words", ["emploi+jeunes", "%C3%A9olien+solaire", "eau+potable"])
def test_the_status_never_breaks_inside_the_quotes_on_a_phone(site, chromium, words) -> None:
    """« ont tous les mots de « / emploi jeunes » » broke after « at 375 px."""
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=" + words, 375)
    said = tab.inner_text("#rv-statut")
    assert "« " not in said and " »" not in said and " :" not in said, said
    assert tab.evaluate(BREAKS) == []


def test_a_word_on_no_page_is_left_out_and_said(site, chromium) -> None:
    """« eau potable »: « potable » was shortened to « p », which matched every « (p. 24) »:
    « Aucune page n'a les mots… : 40 résultats pour des mots proches »."""
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=eau+potable", 1280)
    said = tab.inner_text("#rv-statut")
    assert re.fullmatch(
        "Aucune page n'a le mot «\xa0potable\xa0», ni un mot proche\u202f; "
        "\\d+ résultats? pour «\xa0eau\xa0».",
        said,
    ), said
    marks = tab.locator("#rv-resultats mark").all_inner_texts()
    assert marks and all("eau" in mark for mark in marks), marks
    tab = tab_at(chromium, url + "recherche/?q=potable", 1280)
    assert tab.inner_text("#rv-statut") == (
        "Aucune page n'a le mot «\xa0potable\xa0», ni un mot proche."
    )
    assert tab.locator("#rv-resultats li").count() == 0


def test_listing_pages_are_not_found_by_the_records_they_list(site, chromium, ranked) -> None:
    """« emploi jeunes »: the two results with all the words were « Explorer les expériences »
    and « Territoires », by the experiences' titles they list."""
    found = ranked("emploi jeunes")
    assert "explorer/" not in found and "territoires/" not in found, found
    assert found[0].startswith("territoires/"), found  # an experience
    assert ranked("explorer les expériences")[0] == "explorer/"  # by its title and its words


def test_sources_come_after_the_records_that_share_their_words(ranked) -> None:
    found = ranked("coopération")
    assert found[0] == "enjeux/cooperation/"
    assert not [page for page in found[:5] if page.startswith("sources/")], found


def tab_at(chromium, url: str, width: int):
    tab = chromium.new_page()
    tab.set_viewport_size({"width": width, "height": 812})
    tab.goto(url)
    tab.wait_for_function(STATUS)
    return tab


def test_keywords_that_explain_a_result_are_shown_under_its_title(site, chromium) -> None:
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=monnaie+locale", 1280)
    result = tab.locator(".rv-resultat").filter(has_text="circulation monétaire")
    line = result.locator(".rv-resultat__mots").inner_text()
    assert line.startswith("Mots-clés\xa0: monnaie locale")
    assert "tourisme durable" not in line  # a keyword the query does not share
    tab.goto(url + "recherche/?q=saut+syst%C3%A9mique")  # found by its text: no keyword line
    tab.wait_for_function(STATUS)
    first = tab.locator(".rv-resultat").first
    assert first.locator("h3").inner_text() == "Saut systémique"
    assert first.locator(".rv-resultat__mots").count() == 0


def test_on_a_phone_the_filters_come_before_the_results(site, chromium) -> None:
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=%C3%A9nergie", 375)
    summary = tab.locator("#rv-filtres summary").bounding_box()
    first = tab.locator("#rv-resultats li").first.bounding_box()
    assert summary and first and summary["y"] < first["y"]
    assert summary["y"] + summary["height"] <= 812  # seen without scrolling
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    # Applied from the box, the filters fold away and the results follow the summary.
    tab.locator("#rv-filtres summary").click()
    tab.get_by_role("group", name="Rubrique").get_by_label("Expérience").check()
    tab.wait_for_url("**rubrique=*")
    tab.get_by_role("button", name="Appliquer les filtres").click()
    assert not tab.locator("#rv-filtres").evaluate("d => d.open")
    assert tab.inner_text("#rv-actifs") == "(1 filtre actif)"
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_on_a_wide_screen_open_filters_stand_beside_the_results(site, chromium) -> None:
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=%C3%A9nergie&rubrique=Exp%C3%A9rience", 1280)
    filters = tab.locator("#rv-filtres").bounding_box()
    first = tab.locator("#rv-resultats li").first.bounding_box()
    assert tab.locator("#rv-filtres").evaluate("d => d.open")  # the address has a filter
    assert filters and first and first["x"] + first["width"] <= filters["x"]
    assert first["y"] < filters["y"] + 200  # beside them, not pushed below them


@pytest.mark.parametrize("width", [1024, 1280])
def test_on_a_wide_screen_closed_filters_leave_the_whole_width_to_the_results(
    site, chromium, width: int
) -> None:
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=jardin+partag%C3%A9", width)
    field = tab.locator("#rv-recherche").bounding_box()
    found = tab.locator("#rv-resultats").bounding_box()
    assert field and found and found["width"] >= field["width"] - 1  # half of it before
    assert not tab.locator(".md-sidebar--secondary").is_visible()  # no empty contents column


# Each result's whole indexed text (Pagefind's « content »), as the page's own search finds it.
CONTENTS = """async (words) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const page = await import(document.querySelector("script[src*='recherche.js']").src);
  const search = await page.chercher(pagefind, words);
  const datas = await Promise.all(search.results.map((r) => r.data()));
  return datas.map((d) => [d.meta.title || d.meta.nom, d.content]);
}"""


def test_a_page_s_text_in_the_index_is_what_its_reader_reads(site, chromium) -> None:
    """« jardin partagé » found « Contribuer » by its YAML model, shown as raw text
    (« .rv-a-la-ligne } yaml-language-server: $schema=… »); « budget participatif » found
    the grid by its data script, shown as raw JSON."""
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=jardin", 1280)
    texts = {}
    for words in ("jardin partagé", "budget participatif", "vos réponses restent"):
        texts.update(dict(tab.evaluate(CONTENTS, words)))
    # (an example in a sentence stays: `{"lat": 49.52, "lon": 1.04}` in the field reference)
    code = re.compile(r"yaml-language-server|\$schema|rv-a-la-ligne|\{ ?\.|\"cle\"|\]\]")
    assert not {title: code.findall(text) for title, text in texts.items() if code.search(text)}
    assert "Collez le modèle" in texts["Contribuer"]  # its prose stays
    assert "Vos réponses restent dans ce navigateur" in texts["Où en est notre territoire ?"]


def test_a_page_s_record_leaves_out_code_scripts_and_what_is_hidden() -> None:
    from hooks.recherche.records import page_record

    source = """---
title: Aide
---
# Aide { .rv-titre }

Un paragraphe lisible, avec `python build.py check` et **Add file**{lang=en}.
{: .rv-x }

```{ .yaml .rv-a-la-ligne }
titre: Le jardin partagé
```

```{.sh}
git clone modele
```

<!-- rv:html -->
<div hidden><p>Bouton caché</p></div>
<p aria-hidden="true">Décor</p>
<script type="application/json">{"cle": "grille", "niveaux": [["acquis", "acquis"]]}</script>
<style>.rv { color: red }</style>
<template><p>Modèle de formulaire</p></template>
<pre>exemple: brut</pre>
<noscript><p>Sans JavaScript, voyez la liste.</p></noscript>
<!-- /rv:html -->

Fin.
"""
    record = page_record("aide/index.md", source)
    assert record.title == "Aide"
    assert html.unescape(record.html) == (
        "<p>Aide Un paragraphe lisible, avec python build.py check et Add file. "
        "Sans JavaScript, voyez la liste. Fin.</p>"
    )


def test_the_count_says_how_many_results_have_all_the_words(site, chromium) -> None:
    """« 63 résultats pour « jardin partagé » » when 2 had all the words: each its number,
    the others in a list of their own, and the filters say why they have no count."""
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=jardin+partag%C3%A9", 375)
    said = tab.inner_text("#rv-statut")
    words = r"tous les mots de «\xa0jardin partagé\xa0»\u202f;"
    shape = r"(\d+) résultats? (?:a|ont) " + words + r" (\d+) autres? en"
    found = re.match(shape + r" (?:a|ont) une partie\.$", said)
    assert found, said
    lists = tab.locator("#rv-resultats ol")
    assert lists.count() == 2
    assert lists.first.locator("li").count() == int(found.group(1))
    assert tab.inner_text(".rv-resultats__partie") == (
        "Les résultats suivants n'ont qu'une partie des mots cherchés."
    )
    tab.locator("#rv-filtres summary").click()
    assert tab.locator("#rv-sans-compte").is_visible()
    tab = tab_at(chromium, url + "recherche/?q=coop%C3%A9ration&rubrique=Balise", 375)
    tab.locator("#rv-filtres summary").click()
    assert not tab.locator("#rv-sans-compte").is_visible()  # every result has the word
    assert [count for count in tab.locator(".rv-compte").all_inner_texts() if count]
    assert tab.locator("#rv-resultats ol").count() == 1


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_moves_when_the_results_arrive(site, chromium, width: int) -> None:
    url, _ = site
    tab = tab_at(chromium, url + "recherche/?q=coop%C3%A9ration", width)
    assert tab.evaluate(CLS) < 0.01  # Lighthouse said 0.14 at 375 px before


def test_the_field_reference_shows_the_keywords_field(site) -> None:
    _, folder = site
    page = (folder / "contribuer" / "reference" / "balise" / "index.html").read_text("utf-8")
    assert "mots_cles" in page
    assert "Mots que les lecteurs tapent dans la recherche" in html.unescape(page)


def test_every_meta_field_of_the_index_has_a_ranking_weight() -> None:
    """A meta field Pagefind indexes without a weight would rank pages by accident (every
    meta field is searchable): its address, its rubrique."""
    index = load_index(ROOT)
    names = set()
    for record in search_records(index, {"aide/index.md": "---\ntitle: Aide\n---\n# Aide\n"}):
        names |= set(re.findall(r'data-pagefind-meta="(\w+)', standin_page(record)))
    names.add("title")  # Pagefind's own, from the <h1>
    assert names == set(RANKING["metaWeights"])
    assert RANKING["metaWeights"]["url"] == RANKING["metaWeights"]["rubrique"] == 0


def test_a_source_s_title_and_text_weigh_less_than_a_record_s() -> None:
    index = load_index(ROOT)
    records = {r.url: r for r in search_records(index, {})}
    source = standin_page(records["../sources/#referentiel-2019"])
    balise = standin_page(records["../balises/circulation-monetaire-endogene/"])
    assert "<h1>" not in source and 'data-pagefind-meta="nom"' in source
    assert "<h1>Favoriser / valoriser une circulation" in balise
    assert 'data-pagefind-meta="mots_cles[data-v]" data-v="monnaie locale, ' in balise


def test_keywords_are_short_plain_text_and_few(tmp_path: Path) -> None:
    root = copy_referentiel(tmp_path / "depot")
    balise = root / "balises" / "construire-le-recit.yml"
    text = balise.read_text(encoding="utf-8")
    text = text[: text.index("mots_cles:")]
    many = "".join(f"  - mot {n}\n" for n in range(MAX_MOTS_CLES + 1))
    balise.write_text(f"{text}mots_cles:\n{many}", encoding="utf-8")
    line = text.count("\n") + 1
    cle = root / "referentiel" / "concepts" / "communs.yml"
    long = "x" * (MAX_MOT_CLE + 1)
    cle.write_text(
        cle.read_text(encoding="utf-8").split("mots_cles:")[0]
        + f"mots_cles:\n  - <b>gras</b>\n  - {long}\n",
        encoding="utf-8",
    )
    with pytest.raises(ErreursDeValidation) as caught:
        load_index(root)
    errors = [str(e) for e in caught.value.erreurs]
    first = cle.read_text(encoding="utf-8").splitlines().index("mots_cles:") + 2
    assert errors == [
        f"balises/construire-le-recit.yml:{line}: mots_cles: liste trop longue : 16 éléments, "
        "15 au plus",
        f"referentiel/concepts/communs.yml:{first}: mots_cles: les signes < et > sont interdits "
        "dans un texte simple (pas de HTML) : écrivez le texte sans balise",
        f"referentiel/concepts/communs.yml:{first + 1}: mots_cles: texte trop long : 61 "
        "caractères, 60 au plus — raccourcissez-le",
    ]
