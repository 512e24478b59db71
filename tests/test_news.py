"""« Nouveautés », its feed and « Versions » as a reader meets them: what changed in the
records, in French, from a throw-away git repository whose commit messages are English and
whose maintainers commit under a technical identity (mapped to the team by ``.mailmap``).

The pages are made by the generation step itself (no ProperDocs build): the Markdown of a
page is what the reader gets, less the theme."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from hooks.core.context import BuildContext
from hooks.core.field_changes import FIELD_LABELS, field_changes
from hooks.core.news import describe, recent_changes
from hooks.core.render import render
from hooks.core.versions import read_versions
from hooks.projet.nouveautes import ATOM, atom_feed, nouveautes_pages
from hooks.projet.versions import version_pages
from schemas.fields import nested_model
from schemas.history import read_history
from schemas.index import load_index
from schemas.kinds import KINDS
from schemas.referentiel import Referentiel
from schemas.versions import records

from .depot import ROOT, copy_repository
from .test_living import git

TEAM = "L'équipe du Référentiel vivant"
MAINTAINERS = "Seed 5d433209 maintainers"
ENGLISH = "Refactor: justified links may carry a sentence (why the balise applies)"
CODE_ONLY = "Speed up the build by caching the templates"


def commit(
    root: Path, message: str, date: str, author: str = MAINTAINERS, email: str = "a@example.org"
) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, author=author, date=date, email=email)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def context(root: Path) -> BuildContext:
    index, history = load_index(root), read_history(root)
    return BuildContext(index, history, versions=read_versions(index, history))


def maintainers_email(root: Path) -> str:
    """Copy the repository's own .mailmap; the e-mail its maintainers commit with."""
    shutil.copy2(ROOT / ".mailmap", root / ".mailmap")
    email = re.search(r"<([^>]+)>\s*$", (ROOT / ".mailmap").read_text("utf-8"), re.MULTILINE)
    assert email is not None
    return email.group(1)


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Day 1: the records, by the maintainers. Day 2: Malaunay's summary rewritten by Bruno
    Petit, with an English message. Day 3: only code. Day 4: a YAML comment in a record."""
    root = copy_repository(tmp_path_factory.mktemp("news") / "depot")
    git(root, "init", "-q", "-b", "main")
    team = maintainers_email(root)
    commit(root, "Initial import of the 2019 text", "2026-01-10", email=team)
    malaunay = root / "territoires" / "malaunay.yml"
    first = malaunay.read_text(encoding="utf-8").split("resume: |\n", 1)[1].splitlines()[0]
    edit(malaunay, first, first + " Une phrase ajoutée.")
    commit(root, ENGLISH, "2026-02-03", author="Bruno Petit", email="bruno@example.org")
    (root / "hooks" / "projet" / "nouveautes.py").write_text("# code\n", encoding="utf-8")
    (root / "CHANGELOG.md").write_text("Code only.\n", encoding="utf-8")
    commit(root, CODE_ONLY, "2026-02-10", email=team)
    shutil.copy2(ROOT / "hooks" / "projet" / "nouveautes.py", root / "hooks" / "projet")
    edit(malaunay, "nom:", "# A comment a reader never sees.\nnom:")
    commit(root, "Comment in a record", "2026-02-20", email=team)
    return root


def test_a_record_change_is_told_in_french_without_its_commit_message(depot: Path) -> None:
    ctx = context(depot)
    days = ctx.versions.news
    assert [d.day for d in days] == ["2026-02-03", "2026-01-10"]  # not the code, nor a comment
    day = days[0]
    assert day.summary == "1 territoire modifié"
    assert day.authors == ["Bruno Petit"]
    [item] = day.items
    assert item.title == "Malaunay" and item.tail == ", territoire modifié : résumé"
    page = nouveautes_pages(ctx)[0].markdown
    assert "## 3 février 2026 : 1 territoire modifié" in page
    assert "[Malaunay](/territoires/malaunay.md), territoire modifié : résumé." in page
    assert "Par Bruno Petit." in page
    first = days[1]
    assert first.summary.endswith("fiches ajoutées") and first.authors == [TEAM]
    assert "Par l'équipe du Référentiel vivant." in page  # the team, inside the sentence
    for text in (ENGLISH, CODE_ONLY, "Initial import", "Comment in a record", "10 février"):
        assert text not in page
    assert "20 février" not in page and MAINTAINERS not in page


def test_the_feed_says_the_same_in_french(depot: Path) -> None:
    ctx = context(depot)
    feed = atom_feed(ctx.versions.news, ctx.index, "https://exemple.fr/rv/")
    root = ET.fromstring(feed)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entries = root.findall(f"{{{ATOM}}}entry")
    assert [e.findtext(f"{{{ATOM}}}title") for e in entries] == [
        "3 février 2026 : 1 territoire modifié",
        f"10 janvier 2026 : {len(ctx.index.entries)} fiches ajoutées",
    ]
    latest = entries[0]
    assert latest.findtext(f"{{{ATOM}}}id") == "https://exemple.fr/rv/nouveautes/#jour-2026-02-03"
    assert latest.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == "Bruno Petit"
    assert latest.findtext(f"{{{ATOM}}}summary") == (
        "Malaunay, territoire modifié : résumé (https://exemple.fr/rv/territoires/malaunay/)"
    )
    assert entries[1].findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == TEAM
    for text in (ENGLISH, CODE_ONLY, "Initial import", MAINTAINERS):
        assert text not in feed


def test_mailmap_credits_the_team_and_keeps_other_names(depot: Path) -> None:
    ctx = context(depot)
    assert ctx.history is not None
    malaunay = ctx.history.of("territoires/malaunay.yml")
    assert malaunay is not None and malaunay.contributors == [TEAM, "Bruno Petit"]
    balise = ctx.history.of("balises/construire-le-recit.yml")
    assert balise is not None and balise.contributors == [TEAM]
    entry = ctx.index["malaunay"]
    footer = render(
        "core/pied.html.j2",
        **ctx.template_values(),
        entry=entry,
        citation=type("C", (), {"authors": [], "text": str, "bibtex": str, "csl_json": str})(),
    )
    assert "Contributions : l&#39;équipe du Référentiel vivant, Bruno Petit" in footer
    assert MAINTAINERS not in footer


def test_versions_lists_are_lists_and_nothing_existing_is_said_deleted(depot: Path) -> None:
    ctx = context(depot)
    versions = version_pages(ctx)[0].markdown
    assert "???" not in versions and "supprimée" not in versions
    assert "Aucune version du référentiel n'a encore été publiée" in versions
    # One date for the working version: its last change to a record, on both pages.
    assert "modifiée pour la dernière fois le 3 février 2026" in versions
    # What the working version holds is counted from the start, not « on » its last date.
    assert (
        "Depuis le début du référentiel : "
        f"{len(ctx.index.entries)} fiches ajoutées. Dernière modification d'une fiche le 3 "
        "février 2026." in versions
    )
    assert ctx.referentiel.date not in versions  # referentiel.yml's date is a tag's, not this
    details = re.findall(
        r"<details[^>]*>\n<summary>(.*?)</summary>\n<ul>\n(.*?)</ul>", versions, re.S
    )
    records = len(ctx.index.entries)
    assert [summary for summary, _ in details] == [f"Fiches ajoutées ({records})"]
    items = re.findall(r"^<li>.*</li>$", details[0][1], re.MULTILINE)
    assert len(items) == records
    assert '<li><a href="../territoires/malaunay/">Malaunay</a> (territoire)</li>' in items
    assert not any("referentiel.yml" in item for item in items)
    notes = version_pages(ctx)[1].markdown
    assert "Dernière modification le 3 février 2026" in notes
    assert "par Bruno Petit" in notes and ENGLISH not in notes


def test_a_day_of_renames_and_withdrawals_is_told_as_such(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Import", "2026-01-10")
    git(root, "mv", "territoires/luc-sur-aude.yml", "territoires/luc.yml")
    edit(root / "territoires" / "luc.yml", "nom:", "anciens_ids: [luc-sur-aude]\nnom:")
    edit(
        root / "territoires" / "namur.yml",
        "nom:",
        'retrait:\n  version: "0.2.0"\n  motif: "Contribution retirée."\nnom:',
    )
    commit(root, "Rename Luc, withdraw Namur", "2026-03-01")
    (root / "referentiel" / "sources" / "institut-des-territoires-cooperatifs.yml").unlink()
    edit(root / "referentiel" / "referentiel.yml", 'version: "0.1.0"', 'version: "0.2.0"')
    commit(root, "Drop a concept, bump the version", "2026-03-01")
    index, history = load_index(root), read_history(root)
    day = recent_changes(index, history)[0]
    said = {item.title: item.tail for item in day.items}
    assert said == {
        "Luc-sur-Aude": ", territoire renommé (son ancien identifiant : « luc-sur-aude »)",
        "Namur": ", territoire retiré",
        "Présentation du référentiel": " modifiée : version",
        "Institut des Territoires Coopératifs": ", source supprimée",
    }
    assert day.summary == (
        "1 territoire renommé, présentation du référentiel modifiée, 1 territoire retiré, "
        "1 source supprimée"
    )
    deleted = next(item for item in day.items if item.title.startswith("Institut"))
    assert deleted.entry is None  # no link to a page that is gone


def test_every_field_of_the_models_has_a_french_label() -> None:
    fields: set[str] = set()

    def walk(model: type) -> None:
        for name, info in model.model_fields.items():  # type: ignore[attr-defined]
            fields.add(name)
            inner = nested_model(info.annotation)
            if inner is not None and inner is not model:
                walk(inner)

    for model in [kind.model for kind in KINDS] + [Referentiel]:
        walk(model)
    assert sorted(fields - set(FIELD_LABELS)) == []


def test_quick_reading_of_blobs_reads_as_read_yaml_and_never_expands_an_alias() -> None:
    """« Nouveautés » reads hundreds of blobs with PyYAML's C parser; a file that may hold an
    alias goes through read_yaml, which refuses it (no « billion laughs » in a comparison)."""
    level = '["x","x","x","x","x","x","x","x","x"]'
    pairs = zip("abcdefg", "bcdefgh", strict=True)
    lines = [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in pairs]
    bomb = f"a: &a {level}\n" + "".join(lines)
    assert records({"balises/bombe.yml": bomb.encode()}, quick=True) == {}
    text = b"titre: Un titre\nnumero: 3\nvide:\nrien: ~\nresume: |\n  Du *gras*.\n"
    quick = records({"balises/x.yml": text}, quick=True)["balise", "x"].raw
    assert quick == records({"balises/x.yml": text})["balise", "x"].raw
    assert quick == {"titre": "Un titre", "numero": "3", "vide": None, "rien": None,
                     "resume": "Du *gras*.\n"}  # fmt: skip
    plain = b"titre: Sans alias\nnumero: 3\nvide:\n"
    assert records({"balises/y.yml": plain}, quick=True) == records({"balises/y.yml": plain})


def test_a_change_is_described_by_fields_and_experiences() -> None:
    old = {
        "nom": "Malaunay",
        "resume": "Avant.",
        "experiences": [{"id": "amap", "titre": "L'AMAP", "balises": ["construire-le-recit"]}],
    }
    new = {
        "nom": "Malaunay",
        "resume": "Après.",
        "departement": "76",
        "experiences": [
            {"id": "amap", "titre": "L'AMAP", "balises": ["construire-le-recit", "elargir"]},
            {"id": "marche", "titre": "Le marché", "balises": ["elargir"]},
        ],
    }
    assert describe(field_changes(old, new)) == [
        "résumé, département",
        "expérience « L'AMAP » : balises",
        "expérience « Le marché » ajoutée",
    ]
    assert describe(field_changes(new, old))[-1] == "expérience « Le marché » supprimée"
