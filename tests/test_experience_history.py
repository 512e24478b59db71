"""An experience in its own file (``territoires/<t>/<e>.yml``) is part of its territory for the
history: moving one out of its territory's file changes nothing in the revision notes nor in
« Nouveautés »; adding or editing one is a change of its territory (its page's « Dernière mise
à jour », its contributors, the feed). Checked in a throw-away git repository, built once.

Its days: 10 January, Loos-en-Gohelle's « Anges Gardins » written inside the territory's file
(tag v0.1.0); 3 February, Bruno Petit moves it to its own file; 5 March, Chloé Durand adds an
experience to Malaunay in a file of its own; 20 March, she rewrites its summary; 25 March, an
editor only records its review (``relue``), which changes nothing a reader sees."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.core.news import recent_changes
from hooks.core.versions import read_versions, untagged
from schemas.history import read_history, territory_file
from schemas.index import load_index
from schemas.versions import archive, records, working_tree

from .depot import ROOT, copy_repository
from .test_living import git

MOVED = "anges-gardens-et-club-elemiah"
ADDED = "jardin-des-ecoles"
NEW_EXPERIENCE = """# yaml-language-server: $schema=../../schemas/experience.schema.json
territoire: malaunay
titre: Le jardin des écoles
resume: |
  Les écoliers de Malaunay cultivent un jardin avec les habitants du quartier.
balises:
  - construire-le-recit
"""


def commit(root: Path, message: str, date: str, author: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, author=author, date=date)


def written_inline(root: Path) -> None:
    """Put Loos-en-Gohelle's experience file back inside the territory's file, last."""
    own = root / "territoires" / "loos-en-gohelle" / f"{MOVED}.yml"
    lines = [
        line
        for line in own.read_text("utf-8").splitlines()
        if not line.startswith(("#", "territoire:"))
    ]
    item = [f"  - id: {MOVED}"] + [f"    {line}" if line else "" for line in lines]
    territory = root / "territoires" / "loos-en-gohelle.yml"
    head, sources = territory.read_text("utf-8").split("\nsources:\n", 1)
    territory.write_text(head + "\n" + "\n".join(item) + "\nsources:\n" + sources, "utf-8")
    own.unlink()
    own.parent.rmdir()


def words(html: str) -> str:
    text = re.sub(r"<[^>]+>", "", html)
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("&#39;", "'")


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("histoire") / "depot")
    git(root, "init", "-q", "-b", "main")
    moved = (root / "territoires" / "loos-en-gohelle" / f"{MOVED}.yml").read_text("utf-8")
    loos = (root / "territoires" / "loos-en-gohelle.yml").read_text("utf-8")
    written_inline(root)
    commit(root, "Initial import", "2026-01-10", "Alice Martin")
    git(root, "tag", "v0.1.0")
    (root / "territoires" / "loos-en-gohelle").mkdir()
    (root / "territoires" / "loos-en-gohelle" / f"{MOVED}.yml").write_text(moved, "utf-8")
    (root / "territoires" / "loos-en-gohelle.yml").write_text(loos, "utf-8")
    commit(root, "Move an experience to its own file", "2026-02-03", "Bruno Petit")
    added = root / "territoires" / "malaunay" / f"{ADDED}.yml"
    added.parent.mkdir()
    added.write_text(NEW_EXPERIENCE, "utf-8")
    commit(root, "Add an experience", "2026-03-05", "Chloé Durand")
    added.write_text(NEW_EXPERIENCE.replace("un jardin", "un grand jardin"), "utf-8")
    commit(root, "Reword", "2026-03-20", "Chloé Durand")
    reviewed = added.read_text("utf-8").replace("balises:", "relue: 2026-03-25\nbalises:")
    added.write_text(reviewed, "utf-8")
    commit(root, "Reviewed", "2026-03-25", "Dana Editrice")
    return root


@pytest.fixture(scope="module")
def site(depot: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "build.py", "build", "--sans-pdf"],
        cwd=depot,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return depot / "site"


def test_experience_files_are_folded_in_their_territory_in_the_index_order() -> None:
    found = records(working_tree(ROOT))
    loos = found["territoire", "loos-en-gohelle"]
    ids = [x["id"] for x in loos.raw["experiences"]]
    assert ids == [x.id for x in load_index(ROOT)["loos-en-gohelle"].data.experiences]
    assert ids[-1] == MOVED and "territoire" not in loos.raw["experiences"][-1]
    assert loos.paths == {
        "territoires/loos-en-gohelle.yml",
        f"territoires/loos-en-gohelle/{MOVED}.yml",
    }
    assert ("territoire", MOVED) not in found
    files = {  # by file name, as the page: « a » before « a-b » (not « a-b.yml » < « a.yml »)
        "territoires/t.yml": b"nom: T\nexperiences:\n  - id: z\n    titre: Z\n",
        "territoires/t/a-b.yml": b"territoire: t\ntitre: AB\n",
        "territoires/t/a.yml": b"territoire: t\ntitre: A\n",
        "territoires/u/x.yml": b"territoire: u\ntitre: X\n",  # no territory: left out
    }
    assert [x["id"] for x in records(files)["territoire", "t"].raw["experiences"]] == [
        "z",
        "a",
        "a-b",
    ]
    assert ("territoire", "u") not in records(files)
    without_tag = untagged(load_index(ROOT))["territoire", "loos-en-gohelle"]  # no tag yet
    assert without_tag.paths == loos.paths
    assert territory_file("territoires/t/a.yml") == "territoires/t.yml"
    assert territory_file("territoires/t.yml") is None


def test_moving_an_experience_to_its_own_file_is_no_change(depot: Path) -> None:
    tagged, moved = archive(depot, "v0.1.0"), archive(depot, "HEAD~3")
    assert f"territoires/loos-en-gohelle/{MOVED}.yml" not in tagged
    assert f"territoires/loos-en-gohelle/{MOVED}.yml" in moved
    before, after = records(tagged), records(moved)
    assert before.keys() == after.keys()
    key = ("territoire", "loos-en-gohelle")
    assert before[key].raw == after[key].raw and before[key].paths != after[key].paths
    index, history = load_index(depot), read_history(depot)
    working = read_versions(index, history).working
    assert working is not None
    changed = {(r.kind, r.id): r for r in working.revisions}
    assert ("territoire", "loos-en-gohelle") not in changed  # neither removed nor modified
    assert ("territoire", MOVED) not in changed
    malaunay = changed["territoire", "malaunay"]
    assert malaunay.status == "modification"
    assert [f.path for f in malaunay.fields][:2] == [
        f"experiences[{ADDED}].id",
        f"experiences[{ADDED}].titre",
    ]
    assert {c.author for c in malaunay.commits} == {"Chloé Durand"}  # the review is no change


def test_news_tell_an_added_experience_as_its_territory_s(depot: Path) -> None:
    days = recent_changes(load_index(depot), read_history(depot))
    said = {day.day: [f"{i.title}{i.tail}" for i in day.items] for day in days}
    assert "2026-02-03" not in said  # the move: nothing a reader would see
    assert "2026-03-25" not in said  # a review only
    assert said["2026-03-05"] == [
        "Malaunay, territoire modifié : expérience « Le jardin des écoles » ajoutée"
    ]
    assert said["2026-03-20"] == [
        "Malaunay, territoire modifié : expérience « Le jardin des écoles » : résumé"
    ]
    assert [day.authors for day in days if day.day.startswith("2026-03")] == [
        ["Chloé Durand"],
        ["Chloé Durand"],
    ]


def test_the_territory_page_credits_its_experience_files(site: Path) -> None:
    malaunay = (site / "territoires" / "malaunay" / "index.html").read_text("utf-8")
    footer = words(malaunay.split('class="rv-pied"')[1].split("</p>")[0])
    assert "Dernière mise à jour : 20 mars 2026" in footer
    assert "Contributions : Alice Martin, Chloé Durand" in footer
    assert "Dana" not in footer
    assert "sur le site GitHub, et l'historique de ses expériences" in footer  # no file jargon
    assert '/commits/main/territoires/malaunay"' in malaunay
    assert f'id="{ADDED}"' in malaunay
    loos = (site / "territoires" / "loos-en-gohelle" / "index.html").read_text("utf-8")
    footer = words(loos.split('class="rv-pied"')[1].split("</p>")[0])
    assert "Dernière mise à jour : 3 février 2026" in footer
    assert "Contributions : Alice Martin, Bruno Petit" in footer
    mene = (site / "territoires" / "le-mene" / "index.html").read_text("utf-8")
    assert "historique de ses expériences" not in mene  # no experience file, no second link


def test_nouveautes_feed_and_versions_pages(site: Path) -> None:
    news = words((site / "nouveautes" / "index.html").read_text("utf-8"))
    assert "Malaunay, territoire modifié : expérience « Le jardin des écoles » ajoutée" in news
    assert "3 février 2026" not in news
    feed = (site / "nouveautes.xml").read_text("utf-8")
    assert "<name>Chloé Durand</name>" in feed and "Bruno Petit" not in feed
    versions = words((site / "versions" / "en-cours" / "index.html").read_text("utf-8"))
    assert "Malaunay" in versions
    assert "Loos-en-Gohelle" not in versions and "supprim" not in versions
