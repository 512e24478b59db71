"""Justified links: an experience may say, in one sentence, why it illustrates a balise.

``balises: [a, {id: b, pourquoi: "…"}]``: both forms, even mixed, are read into the same
blocks; ids are checked with the same errors in either form (the golden case
``tests/cas/invalides/balise-justifiee.yml`` holds them word for word); the sentence is shown
on the territory page and on the balise page, as text, and exported CSV-safe.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from hooks.core.opendata import experiences_csv, links_csv, record
from schemas.errors import ErreursDeValidation
from schemas.index import Index, load_index
from schemas.territoire import Experience

from .depot import ROOT, copy_referentiel, copy_repository

URL = "https://exemple.fr/"
# A sentence a contributor may write: plain text, but hostile to Markdown, HTML and spreadsheets.
HOSTILE = '=HYPERLINK("x";"y") & *pas* de [lien](https://x.fr), « guillemets » et "quotes"'
TERRITORY = f"""\
nom: Ville Justifiée
type: commune
resume: Une commune qui dit pourquoi ses expériences illustrent leurs balises.
experiences:
  - id: journal
    titre: Le journal des chantiers
    resume: Chaque mois, le journal raconte un chantier mené avec les habitants.
    balises:
      - id: construire-le-recit
        pourquoi: Le journal raconte chaque chantier, et les habitants s'y reconnaissent.
      - elargir-le-regard
  - id: hostile
    titre: Une phrase hostile
    resume: Une expérience.
    balises: [{{id: construire-le-recit, pourquoi: {json.dumps(HOSTILE, ensure_ascii=False)}}}]
  - id: simple
    titre: Une liste simple
    resume: Une expérience.
    balises: [elargir-le-regard]
"""


def experience(balises: object) -> Experience:
    return Experience.model_validate({"id": "x", "titre": "X", "resume": "…", "balises": balises})


def test_both_forms_even_mixed_give_the_ids_with_their_sentences() -> None:
    mixed = experience(["elargir-le-regard", {"id": "construire-le-recit", "pourquoi": "Oui."}])
    assert mixed.balises == ["elargir-le-regard", "construire-le-recit"]  # ids, as before
    assert [b.pourquoi for b in mixed.balises] == [None, "Oui."]
    assert mixed.pourquoi("construire-le-recit") == "Oui."
    assert mixed.pourquoi("elargir-le-regard") is None
    block = experience([{"id": "elargir-le-regard"}]).balises[0]
    assert (block, block.pourquoi) == ("elargir-le-regard", None)
    assert repr(mixed.balises[1]) == "BaliseId('construire-le-recit', pourquoi='Oui.')"


def test_exports_write_each_balise_as_a_contributor_may() -> None:
    """An id alone stays an id: the data of territories without sentences is unchanged."""
    written = ["elargir-le-regard", {"id": "construire-le-recit", "pourquoi": "Oui."}]
    mixed = experience(written)
    assert mixed.model_dump(mode="json")["balises"] == written
    again = experience(mixed.model_dump()["balises"])  # read back as written
    assert [(b, b.pourquoi) for b in again.balises] == [(b, b.pourquoi) for b in mixed.balises]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = copy_referentiel(tmp_path_factory.mktemp("justifie") / "depot")
    (root / "territoires" / "ville-justifiee.yml").write_text(TERRITORY, encoding="utf-8")
    return load_index(root)


def test_backlinks_and_references_see_both_forms(index: Index) -> None:
    citing = {
        (b.entry.id, b.experience.id)
        for b in index.cited_by("construire-le-recit")
        if b.experience is not None
    }
    assert {("ville-justifiee", "journal"), ("ville-justifiee", "hostile")} <= citing
    regard = {b.experience.id for b in index.cited_by("elargir-le-regard") if b.experience}
    assert {"journal", "simple"} <= regard
    links = record(index, index["ville-justifiee"], URL)["liens"]
    assert {"champ": "experiences.balises.id", "id": "construire-le-recit"}.items() <= links[
        0
    ].items()
    assert links[1]["champ"] == "experiences.balises" and links[1]["id"] == "elargir-le-regard"


def check_errors(tmp_path: Path, balises: str) -> list[str]:
    """The errors ``check`` reports for a territory whose one experience cites ``balises``."""
    root = copy_referentiel(tmp_path / "depot")
    text = TERRITORY.split("experiences:")[0] + (
        "experiences:\n  - id: un\n    titre: Un\n    resume: Une expérience.\n" + balises
    )
    (root / "territoires" / "faute.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ErreursDeValidation) as caught:
        load_index(root)
    return [str(e) for e in caught.value.erreurs]


UNKNOWN = (
    "« construire-le-recti » n'existe pas parmi les balises — "
    "vouliez-vous dire « construire-le-recit » ?"
)


def test_a_bad_id_has_the_same_error_in_either_form_at_its_own_line(tmp_path: Path) -> None:
    plain = check_errors(
        tmp_path / "a", "    balises:\n      - elargir-le-regard\n      - construire-le-recti\n"
    )
    assert plain == [f"territoires/faute.yml:10: experiences.balises: {UNKNOWN}"]
    justified = check_errors(
        tmp_path / "b",
        "    balises:\n      - elargir-le-regard\n"
        "      - pourquoi: Une phrase.\n        id: construire-le-recti\n",
    )
    assert justified == [f"territoires/faute.yml:11: experiences.balises.id: {UNKNOWN}"]


def test_the_sentence_is_plain_text_of_one_line_and_limited(tmp_path: Path) -> None:
    errors = check_errors(
        tmp_path,
        "    balises:\n"
        f"      - {{id: elargir-le-regard, pourquoi: {'x' * 301}}}\n"
        "      - {id: construire-le-recit, pourquoi: '&amp;'}\n",
    )
    assert errors == [
        "territoires/faute.yml:9: experiences.balises.pourquoi: texte trop long : 301 caractères, "
        "300 au plus — raccourcissez-le",
        "territoires/faute.yml:10: experiences.balises.pourquoi: entité HTML interdite dans un "
        "texte simple : écrivez le caractère lui-même",
    ]


def test_the_json_schema_accepts_both_forms_and_refuses_a_block_without_id() -> None:
    schema = json.loads((ROOT / "schemas" / "territoire.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    territory = {"nom": "X", "type": "commune", "resume": "…", "experiences": []}

    def valid(balises: list[object]) -> bool:
        one = {"id": "x", "titre": "X", "resume": "…", "balises": balises}
        return validator.is_valid({**territory, "experiences": [one]})

    assert valid(["construire-le-recit"])
    assert valid([{"id": "construire-le-recit", "pourquoi": "Une phrase."}])
    assert valid(["elargir-le-regard", {"id": "construire-le-recit"}])
    assert not valid([{"pourquoi": "Sans identifiant."}])
    assert not valid([{"id": "construire-le-recit", "pourqoi": "Faute de frappe."}])
    assert not valid([{"id": "construire-le-recit", "pourquoi": "x" * 301}])


def test_csv_exports_keep_the_sentence_as_safe_text(index: Index) -> None:
    rows = list(csv.DictReader(io.StringIO(links_csv(index))))
    mine = [r for r in rows if r["territoire_id"] == "ville-justifiee"]
    assert [(r["experience_id"], r["balise_id"]) for r in mine] == [
        ("journal", "construire-le-recit"),
        ("journal", "elargir-le-regard"),
        ("hostile", "construire-le-recit"),
        ("simple", "elargir-le-regard"),
    ]
    assert mine[0]["pourquoi"].startswith("Le journal raconte") and mine[1]["pourquoi"] == ""
    assert mine[2]["pourquoi"] == "'" + HOSTILE  # a spreadsheet will not run it
    assert mine[0]["balise"] == "Construire le récit"
    experiences = list(csv.DictReader(io.StringIO(experiences_csv(index, URL))))
    journal = next(r for r in experiences if r["experience_id"] == "journal")
    assert journal["balises_ids"] == "construire-le-recit elargir-le-regard"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("site") / "depot")
    (root / "territoires" / "ville-justifiee.yml").write_text(TERRITORY, encoding="utf-8")
    shutil.rmtree(root / "site", ignore_errors=True)
    command = [sys.executable, "build.py", "build", "--sans-pdf"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return root / "site"


ESCAPED = (
    "=HYPERLINK(&quot;x&quot;;&quot;y&quot;) &amp; *pas* de [lien](https://x.fr), "
    "« guillemets » et &quot;quotes&quot;"
)


def read(page: Path) -> str:
    """A built page, its no-break spaces (French typography, added by the build) as spaces."""
    return page.read_text("utf-8").replace("\u00a0", " ").replace("\u202f", " ")


def text_of(html: str) -> str:
    """The page with the quotes escaped as in the expected text (the site leaves them)."""
    return html.replace('"', "&quot;")


def test_the_territory_page_shows_each_sentence_next_to_its_balise(site: Path) -> None:
    html = read(site / "territoires" / "ville-justifiee" / "index.html")
    assert (
        '<li><a href="../../balises/construire-le-recit/">Construire le récit</a> : Le journal '
        "raconte chaque chantier, et les habitants s'y reconnaissent.</li>"
    ) in html
    assert '<li><a href="../../balises/elargir-le-regard/">Élargir le regard</a></li>' in html
    assert ESCAPED in text_of(html)
    assert "<em>pas</em>" not in html and 'href="https://x.fr"' not in html
    # an experience without sentences keeps its one line of links
    assert (
        '<p><strong>Balises illustrées</strong> : <a href="../../balises/elargir-le-regard/">'
        "Élargir le regard</a></p>"
    ) in html


def test_the_balise_page_shows_the_sentence_after_the_experience(site: Path) -> None:
    html = read(site / "balises" / "construire-le-recit" / "index.html")
    assert (
        '<a href="../../territoires/ville-justifiee/#journal">Le journal des chantiers</a> : '
        "Le journal raconte chaque chantier, et les habitants s'y reconnaissent."
    ) in html
    assert ESCAPED in text_of(html)
    regard = read(site / "balises" / "elargir-le-regard" / "index.html")
    assert '#journal">Le journal des chantiers</a> · <a' in regard  # no sentence for this one
