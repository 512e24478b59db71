"""« Proposer une expérience »: every error the form can show, read as an élu reads the list
under « Vérifier ». Each field is filled with each kind of wrong value (a form, a length, a
missing value, a number out of range, a code unknown or already on the site, a name taken…),
in a few sittings of the page; every item of the list must then read as one sentence (the
field's name, « : », its message: no second « : », no sentence inside, no phrase said twice
such as « (5 caractères) : 5 caractères »), look like the others, and lead to its field.
The summary is said once: the status line stays silent when the list shows."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from .test_proposer import (  # noqa: F401 (fixtures: a site of this module, its form)
    browser_needed,
    depot,
    experience,
    form,
    ready,
    spaces,
    submit,
)

# Words too common for a pair of them to be a repetition (« de la », « à la »).
COMMON = {"à", "au", "aux", "ce", "de", "des", "du", "en", "et", "il", "la", "le", "les", "ou"}
COMMON |= {"par", "sa", "se", "ses", "son", "un", "une"}
RECIT = "Construire le récit"  # the title of the balise construire-le-recit


def repeated_phrases(text: str) -> list[tuple[str, str]]:
    """The pairs of words said twice, quotations aside: « Code INSEE (5 caractères) :
    5 caractères » → ``[("5", "caractères")]``."""
    words = re.findall(r"[\w'-]+", re.sub(r"«[^»]*»", "«»", text).lower())
    pairs = Counter(pairwise(words))
    return [p for p, n in pairs.items() if n > 1 and not set(p) <= COMMON]


def one_sentence(text: str) -> list[str]:
    """What keeps ``text`` (« Nom du champ : message. ») from reading as one sentence."""
    bare = re.sub(r"«[^»]*»", "«»", spaces(text))
    problems = []
    if bare.count(":") != 1 or " : " not in bare:
        problems.append("un seul « : », après le nom du champ")
    else:
        message = bare.split(" : ")[1]
        if message[:1] != message[:1].lower():
            problems.append("une minuscule après « : »")
    if not bare.endswith(".") or re.search(r"[.?!;,] ?[.?!]|[.?!] ", bare[:-1]):
        problems.append("une seule phrase, finie par un point")
    if repeated_phrases(bare):
        problems.append(f"redit : {repeated_phrases(bare)}")
    return problems


def test_the_checks_of_this_module_catch_what_the_review_found() -> None:
    said_twice = (
        "Code INSEE de la commune (5 caractères) : 5 caractères : des chiffres (2A ou 2B "
        "pour la Corse), par exemple 76402."
    )
    assert one_sentence(said_twice) == [
        "un seul « : », après le nom du champ",
        "redit : [('5', 'caractères')]",
    ]
    assert one_sentence("Balises : Cochez au moins une balise.") == ["une minuscule après « : »"]
    assert one_sentence("Titre : trop long. Raccourcissez-le.") == [
        "une seule phrase, finie par un point"
    ]
    assert one_sentence("Territoire : choisissez « Oui : un territoire » plus haut.") == []


# --- In a browser --------------------------------------------------------------------------


def reload(page, query: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(page.site + "contribuer/proposer/" + query)
    page.wait_for_selector("#rv-proposer:not([hidden])")


def add_experience(page, title: str, balise: str = "construire-le-recit"):  # type: ignore[no-untyped-def]
    page.click("[data-action=ajouter-experience]")
    block = page.locator("[data-bloc=experience]").last
    block.locator("[data-champ=titre]").fill(title)
    block.locator("[data-champ=resume]").fill("Ce qui a été fait.")
    if balise:
        block.locator(f"input[name=balises][value={balise}]").check()
    return block


def add_source(scope, title: str, url: str = "", pages: str = "") -> None:  # type: ignore[no-untyped-def]
    scope.locator("[data-action=ajouter-source]").click()
    source = scope.locator("[data-bloc=source]").last
    source.locator("[data-champ=titre]").fill(title)
    source.locator("[data-champ=url]").fill(url)
    source.locator("[data-champ=pages]").fill(pages)


def forms_and_lengths(page) -> None:  # type: ignore[no-untyped-def]
    """A commune: every field of the wrong form or too long, the required ones left empty."""
    page.fill("#rv-pr-t-nom", "<b>Ville</b>")
    page.fill("#rv-pr-t-code_insee", "7654")
    page.fill("#rv-pr-t-site_web", "pas une adresse")
    territory = page.locator("[data-mode=nouveau] .rv-pr-sources")
    add_source(territory, "", pages="12")  # neither a document of the list nor a title
    add_source(territory, "<i>Rapport</i>", "mal formée", "x" * 51)
    first = experience(page, 1)
    first.locator("[data-champ=titre]").fill("T" * 151)
    first.locator("[data-champ=periode]").fill("<2019>")
    first.locator("summary", has_text="Options avancées").click()
    first.locator("[data-champ=id]").fill("Mon Id !")
    second = add_experience(page, "Le jardin")
    second.locator(".rv-pr-pourquoi input").fill("p" * 301)
    third = add_experience(page, "Le jardin")  # the same short name as the second
    third.locator(".rv-pr-pourquoi input").fill("<b>parce que</b>")
    add_experience(page, "!!!")  # a title without a letter gives no short name
    page.fill("#rv-pr-credit", "<moi>")


def numbers_and_long_names(page) -> None:  # type: ignore[no-untyped-def]
    """A parc (no code): département, population and its year wrong; names too long."""
    page.fill("#rv-pr-t-nom", "Parc " + "des collines et des vallées " * 4)  # a file name > 80
    page.select_option("#rv-pr-t-type", "pnr")
    page.click("summary:has-text('Ni code INSEE ni SIREN')")
    page.fill("#rv-pr-t-departement", "7A")
    page.fill("#rv-pr-t-population", "beaucoup")
    page.fill("#rv-pr-t-population_annee", "3000")
    page.fill("#rv-pr-t-resume", "Un parc.")
    first = experience(page, 1)
    first.locator("[data-champ=periode]").fill("x" * 301)
    first.locator("[data-champ=resume]").fill("r" * 20001)
    page.fill("#rv-pr-credit", "c" * 121)


def taken(page) -> None:  # type: ignore[no-untyped-def]
    """A commune already on the site, with the code of another one already there."""
    page.fill("#rv-pr-t-nom", "Malaunay")
    page.fill("#rv-pr-t-code_insee", "62528")  # Loos-en-Gohelle's
    page.fill("#rv-pr-t-resume", "Une commune.")


def unknown_insee(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#rv-pr-t-nom", "!!!")
    page.fill("#rv-pr-t-code_insee", "76999")
    page.fill("#rv-pr-t-resume", "Une commune.")


def siren_form(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#rv-pr-t-nom", "Communauté de communes du Test")
    page.select_option("#rv-pr-t-type", "intercommunalite")
    page.fill("#rv-pr-t-siren", "123")
    page.fill("#rv-pr-t-resume", "Une intercommunalité.")


def unknown_siren(page) -> None:  # type: ignore[no-untyped-def]
    siren_form(page)
    page.fill("#rv-pr-t-siren", "123456789")


def existing_without_choice(page) -> None:  # type: ignore[no-untyped-def]
    """A territory already there, none chosen; two experiences of almost the same title."""
    page.check("#rv-pr-mode-existant")
    page.fill("#rv-pr-filtre", "zzz")  # no territory left in the list
    for title in ("La fête", "La fête !"):
        add_experience(page, title)


def existing_title(page) -> None:  # type: ignore[no-untyped-def]
    """Loos-en-Gohelle chosen from its page, an experience it has already."""
    add_experience(page, "Festival des Gohéliades")


B = f"pourquoi « {RECIT} »"
# Each sitting: how the page is opened, how it is filled, the fields named in the list.
SITTINGS = (
    ("", forms_and_lengths, [
        "Nom du territoire", "Code INSEE de la commune", "Site web",
        "Présentation du territoire", "Source 1, titre du document",
        "Source 2, titre du document", "Source 2, adresse web du document", "Source 2, pages",
        "Expérience 1, titre", "Expérience 1, période", "Expérience 1, ce qui a été fait",
        "Expérience 1, balises", "Expérience 1, nom court", f"Expérience 2, {B}",
        f"Expérience 3, {B}", "Expérience 3, nom court", "Expérience 4, titre",
        "Nom à créditer",
    ]),
    ("", numbers_and_long_names, [
        "Nom du territoire", "Département", "Population", "Année de la population",
        "Expérience 1, titre", "Expérience 1, période", "Expérience 1, ce qui a été fait",
        "Expérience 1, balises", "Nom à créditer",
    ]),
    ("", taken, [
        "Nom du territoire", "Code INSEE de la commune", "Expérience 1, titre",
        "Expérience 1, ce qui a été fait", "Expérience 1, balises",
    ]),
    ("", unknown_insee, [
        "Nom du territoire", "Code INSEE de la commune", "Expérience 1, titre",
        "Expérience 1, ce qui a été fait", "Expérience 1, balises",
    ]),
    ("", siren_form, [
        "Numéro SIREN de l'intercommunalité", "Expérience 1, titre",
        "Expérience 1, ce qui a été fait", "Expérience 1, balises",
    ]),
    ("", unknown_siren, [
        "Numéro SIREN de l'intercommunalité", "Expérience 1, titre",
        "Expérience 1, ce qui a été fait", "Expérience 1, balises",
    ]),
    ("", existing_without_choice, [
        "Territoire", "Expérience 1, titre", "Expérience 1, ce qui a été fait",
        "Expérience 1, balises", "Expérience 3, titre",
    ]),
    ("?territoire=loos-en-gohelle", existing_title, [
        "Expérience 1, titre", "Expérience 1, ce qui a été fait", "Expérience 1, balises",
        "Expérience 2, titre",
    ]),
)  # fmt: skip


@browser_needed
def test_every_error_reads_as_one_sentence_looks_the_same_and_leads_to_its_field(
    form,  # noqa: F811
) -> None:
    seen: dict[str, str] = {}  # every item read, by its text: which sitting showed it
    for query, fill, names in SITTINGS:
        reload(form, query)
        if query:
            form.wait_for_selector("#rv-pr-territoire option:checked")
        fill(form)
        submit(form)
        form.wait_for_selector("#rv-pr-bilan:not([hidden])")
        assert form.evaluate("document.activeElement.id") == "rv-pr-bilan"
        form.wait_for_timeout(100)  # an announcement would be written 50 ms after
        assert form.inner_text("#rv-pr-statut") == "", fill.__name__  # said once: the list
        links = form.locator("#rv-pr-bilan a")
        texts = [spaces(t) for t in links.all_inner_texts()]
        title = spaces(form.inner_text("#rv-pr-bilan-titre"))
        assert title == f"{len(texts)} erreurs à corriger :", fill.__name__
        assert [t.split(" : ")[0] for t in texts] == names, (fill.__name__, texts)
        for text in texts:
            assert not one_sentence(text), (fill.__name__, text, one_sentence(text))
            seen[text] = fill.__name__
        # The same look, even under the pointer left where « Vérifier » was
        links.first.hover()
        looks = links.evaluate_all(
            "links => links.map(a => { const s = getComputedStyle(a);"
            " return [s.color, s.textDecorationLine, s.fontWeight, s.backgroundColor]; })"
        )
        assert len({tuple(look) for look in looks}) == 1, (fill.__name__, looks)
        # Each leads to its field, which takes the focus (the first box of a group)
        for number in range(links.count()):
            link = links.nth(number)
            target = link.get_attribute("href")[1:]
            link.click()
            focused = form.evaluate(
                "id => { const a = document.activeElement, t = document.getElementById(id);"
                " return (a === t || t.contains(a)) && a.matches('input, select, textarea'); }",
                target,
            )
            assert focused, (fill.__name__, texts[number])
    # At the field, the message alone is a sentence too, begun with a capital
    reload(form, "?territoire=nulle-part")
    message = spaces(form.inner_text("#rv-pr-territoire-erreur"))
    assert message == "Le site n'a pas de territoire « nulle-part » ; choisissez-le dans la liste."
    assert not one_sentence("Territoire : " + message[0].lower() + message[1:])
    said = "\n".join(seen)
    for expected in (  # one of each kind of message, as written
        "Code INSEE de la commune : 5 chiffres (en Corse, 2A ou 2B puis 3 chiffres), "
        "par exemple 76402.",
        "Expérience 1, titre : ce texte a 151 caractères ; raccourcissez-le à 150 au plus.",
        "Nom du territoire : la page de Malaunay existe déjà sur le site ; pour y ajouter vos "
        "expériences, choisissez plus haut « Oui : un territoire déjà présent ».",
        "Code INSEE de la commune : ce code est celui de Loos-en-Gohelle, dont la page existe",
        "Code INSEE de la commune : aucune commune n'a le code « 76999 » ; vérifiez-le, il "
        "diffère du code postal.",
        "Numéro SIREN de l'intercommunalité : 9 chiffres, par exemple 200066041.",
        "Numéro SIREN de l'intercommunalité : aucune intercommunalité n'a le numéro « 123456789 »",
        "Population : écrivez un nombre entier de 0 à 100 000 000.",
        "Année de la population : de 1800 à 2100, en chiffres.",
        "Département : son numéro, par exemple 76, 01, 2A ou 971.",
        "Site web : une adresse comme www.malaunay.fr, sans espace.",
        "Source 1, titre du document : choisissez un document de la bibliographie, ou écrivez "
        "son titre.",
        "Expérience 3, nom court : déjà pris par une autre expérience ; changez-le.",
        "Expérience 4, titre : écrivez-le avec des lettres, sans quoi il ne donne aucun nom court.",
        "Nom du territoire : écrivez-le avec des lettres, sans quoi il ne donne aucun nom de "
        "fichier.",
        "Nom du territoire : raccourcissez-le ; le nom de fichier qui en est tiré dépasserait "
        "80 caractères.",
        "Territoire : choisissez-le dans la liste.",
        "Expérience 3, titre : une autre de vos expériences a presque le même titre",
        "Expérience 2, titre : une expérience de Loos-en-Gohelle porte déjà ce titre",
        "Expérience 1, balises : cochez au moins une balise.",
        "Présentation du territoire : ce champ est obligatoire.",
        f"Expérience 2, {B} : ce texte a 301 caractères ; raccourcissez-le à 300 au plus.",
        f"Expérience 3, {B} : du texte sur une ligne, sans les signes < et >.",
    ):
        assert expected in said, expected


# --- French spaces ---------------------------------------------------------------------------
# A plain space where French typography puts a no-break one (hooks/core/typography.py): on a
# phone, « : » or a lone « » » would start a line.
PLAIN = re.compile(r" [:;?!»]|« ")
# Every text the page shows around the form (messages, list, status line, preview), outside
# code: what the build wrote and what the scripts wrote since.
SHOWN = """() => {
  const roots = [...document.querySelectorAll(
    '#rv-proposer, #rv-pr-statut, #rv-pr-bilan, #rv-pr-resultat')];
  const texts = [];
  for (const root of roots.filter((r) => !roots.some((o) => o !== r && o.contains(r)))) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest('code, pre, textarea, script, style')) texts.push(n.data);
    }
  }
  return texts;
}"""


def shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [" ".join(text.split(" ")) for text in page.evaluate(SHOWN) if text.strip()]


@browser_needed
def test_no_message_has_a_plain_space_before_a_colon_or_inside_quotes_on_a_phone(
    form,  # noqa: F811
) -> None:
    form.set_viewport_size({"width": 375, "height": 800})
    reload(form)
    forms_and_lengths(form)  # every kind of wrong value, then « Vérifier »
    submit(form)
    form.wait_for_selector("#rv-pr-bilan:not([hidden])")
    wrong = shown(form)
    said = spaces("\n".join(wrong))
    assert "18 erreurs à corriger :" in said and "Ce texte a 151 caractères ; " in said
    assert f"Expérience 2, {B} : ce texte a 301 caractères" in said
    assert [t for t in wrong if PLAIN.search(t)] == []

    reload(form)  # then a good filling, with the marks a contributor types
    form.fill("#rv-pr-t-code_insee", "68343")
    form.wait_for_selector("#rv-pr-t-code_insee-reconnu")
    form.fill("#rv-pr-t-nom", "Ville de Loos-en-Gohelle")  # not the code's: a warning
    form.fill("#rv-pr-t-resume", "Une commune « en transition » : oui ; vraiment ? Oui !")
    block = experience(form, 1)
    block.locator("[data-champ=titre]").fill("Le jardin : « partagé » ?")
    block.locator("[data-champ=resume]").fill("Ce qui a été fait : tout !")
    block.locator("input[name=balises][value=construire-le-recit]").check()
    form.locator(".rv-pr-pourquoi input").fill("Parce que « tout » ; le quartier !")
    ready(form)
    good = shown(form)
    said = spaces("\n".join(good))
    assert "Votre proposition est prête : relisez-la, puis envoyez-la." in said
    assert "pas de « Ville de Loos-en-Gohelle » : vérifiez" in said
    assert f"{RECIT} : Parce que « tout » ; le quartier !" in said  # the preview
    assert [t for t in good if PLAIN.search(t)] == []
