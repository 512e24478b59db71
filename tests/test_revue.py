"""``python build.py revue``: a proposal's review summary, from a throw-away git repository
made as a contributor's branch would be (a new territory, a new experience that looks like an
existing one, a balise's text changed, a Python file touched), then hostile titles, records
that fail the check, and the changed pages copied for an editor.

The summary is compared with ``tests/golden/revue.md``; to write it again after a deliberate
change of the summary: ``python -m tests.test_revue`` (then read the diff before committing).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from .depot import ROOT, copy_repository
from .test_living import git

GOLDEN = ROOT / "tests" / "golden" / "revue.md"
BALISE = "balises/construire-le-recit.yml"
TEXTE_AVANT = (
    "Le récit partagé relie le passé du territoire à son avenir. Il se construit avec les "
    "habitants, à partir des moments forts de la vie locale, et se raconte dans le journal "
    "municipal, les fêtes et les chantiers ouverts au public."
)
TEXTE_APRES = TEXTE_AVANT.replace("dans le journal municipal", "dans la presse locale").replace(
    "Il se construit", "Il se construit patiemment"
)
SAINT_ESSAI = {
    "nom": "Saint-Essai",
    "type": "commune",
    "departement": "76",
    "population": 1200,
    "resume": "Une commune de test.",
    "experiences": [
        {
            "id": "jardins-partages-du-centre",
            "titre": "Les jardins partagés du centre",
            "resume": "Des jardins cultivés par les habitants.",
            "balises": ["construire-le-recit"],
        }
    ],
}
VILLENEUVE = {
    "nom": "Villeneuve-Témoin",
    "type": "commune",
    "departement": "62",
    "population": 5400,
    "resume": "Une commune qui propose sa première expérience.",
    "experiences": [
        {
            "id": "monnaie-du-marche",
            "titre": "La monnaie locale du marché",
            "resume": "Les commerçants du marché acceptent une monnaie locale.",
            "balises": [
                {
                    "id": "articuler-monetaire-et-symbolique",
                    "pourquoi": "La monnaie récompense aussi le bénévolat.",
                },
                "construire-le-recit",
            ],
        }
    ],
}
# A title the check accepts (no < or >) and that would be a link, a table cell, bold, an image,
# a mention, a formula, code and strikethrough if it were read as Markdown.
HOSTILE = (
    "[clic](javascript:alert(1)) | **gras** ![x](https://x.test/x.png) @quelqu-un $x$ `code` "
    "~~barré~~"
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # the records refuse YAML aliases
        return True


def write_yaml(root: Path, path: str, data: dict) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    (root / path).write_text(text, encoding="utf-8")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "build.py", "revue", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def make_repository(target: Path) -> Path:
    """``main``: the référentiel, plus Saint-Essai and a balise text to change; the working
    tree (branch ``proposition``, committed): the contributor's proposal."""
    root = copy_repository(target)
    balise = yaml.safe_load((root / BALISE).read_text(encoding="utf-8"))
    write_yaml(root, BALISE, {**balise, "texte": TEXTE_AVANT})
    write_yaml(root, "territoires/saint-essai.yml", SAINT_ESSAI)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Base")
    git(root, "checkout", "-q", "-b", "proposition")
    write_yaml(root, BALISE, {**balise, "texte": TEXTE_APRES})
    write_yaml(root, "territoires/villeneuve-temoin.yml", VILLENEUVE)
    # An experience in its own file (territoires/<territoire>/<experience>.yml), whose title
    # is close to one already written in its territory's file.
    (root / "territoires" / "saint-essai").mkdir()
    duplicate = {"territoire": "saint-essai", **SAINT_ESSAI["experiences"][0]}
    del duplicate["id"]
    duplicate["titre"] = "Jardins partagés"
    write_yaml(root, "territoires/saint-essai/jardins-partages.yml", duplicate)
    with (root / "hooks" / "urls.py").open("a", encoding="utf-8") as file:
        file.write("# a contributor's stray line\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Proposal")
    return root


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("revue") / "depot")


def test_summary_of_a_contributors_branch_matches_the_golden_file(depot: Path) -> None:
    result = run(depot, "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    # The same proposal named by its branch instead of the working tree: the same summary.
    named = run(depot, "main", "proposition")
    assert named.returncode == 0, named.stderr
    working_tree = "l'arbre de travail (fichiers non enregistrés compris)"
    assert named.stdout.replace("`proposition`", working_tree) == result.stdout


def test_a_duplicate_looking_experience_is_flagged_and_a_different_one_is_not(depot) -> None:
    summary = run(depot, "main").stdout
    section = summary.split("## Ressemblances à vérifier")[1].split("\n## ")[0]
    assert "« Jardins partagés »" in section and "« Les jardins partagés du centre »" in section
    assert "monnaie" not in section  # a new territory's experience, alike to nothing


def branch(root: Path, name: str, path: str, data: dict) -> str:
    """A branch from ``main`` that writes ``data`` into ``path``; the working tree unchanged."""
    git(root, "checkout", "-q", "-b", name, "main")
    write_yaml(root, path, data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", name)
    git(root, "checkout", "-q", "proposition")
    return name


def rendered(markdown: str) -> str:
    """The summary as GitHub would read it: tables, strikethrough, raw HTML let through (GitHub
    also links bare addresses, which show their own text)."""
    return (
        MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    )


def assert_inert(page: str) -> None:
    for markup in ("<script", "<img", "<table", "<a ", "<strong>", "<code>x", "<s>", "<b>"):
        assert markup not in page, markup


def test_hostile_titles_print_inert(depot: Path) -> None:
    experience = {
        **VILLENEUVE["experiences"][0],
        "titre": HOSTILE,
        "balises": [{"id": "construire-le-recit", "pourquoi": HOSTILE}],
    }
    data = {**VILLENEUVE, "nom": HOSTILE, "experiences": [experience]}
    result = run(depot, "main", branch(depot, "hostile", "territoires/hostile.yml", data))
    assert result.returncode == 0, result.stderr
    page = rendered(result.stdout)
    assert_inert(page)
    assert page.count("[clic](javascript:alert(1)) | **gras** ![x](https://x.test/x.png)") == 4
    assert "@quelqu-un $x$ `code` ~~barré~~" in page  # shown as written, as text
    # What the check refuses (markup in a title, in an id) is quoted in its errors, inert too.
    data = {**SAINT_ESSAI, "nom": "<script>alert(1)</script>"}
    data["experiences"] = [{**SAINT_ESSAI["experiences"][0], "balises": [HOSTILE]}]
    refused = run(depot, "main", branch(depot, "balisage", "territoires/saint-essai.yml", data))
    assert refused.returncode == 1
    page = rendered(refused.stdout)
    assert_inert(page)
    assert "« [clic](javascript:alert(1)) | **gras** ![x](https://x.test/" in page


def test_records_that_fail_the_check_are_listed_with_file_and_line_and_exit_1(depot) -> None:
    broken = {
        **SAINT_ESSAI,
        "experiences": [{**SAINT_ESSAI["experiences"][0], "balises": ["recit"]}],
    }
    result = run(depot, "main", branch(depot, "erreur", "territoires/saint-essai.yml", broken))
    assert result.returncode == 1
    assert "## Vérification : à corriger" in result.stdout
    assert (
        "- `territoires/saint-essai.yml`, ligne 11, champ `experiences.balises` : « recit » "
        "n'existe pas parmi les balises" in result.stdout
    )
    assert "- `territoires/saint-essai.yml`" in result.stdout.split("## Fichiers de fiches")[1]


def test_an_unknown_revision_is_named_without_a_traceback(depot: Path) -> None:
    result = run(depot, "nulle-part")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("révision « nulle-part » inconnue de git")


@pytest.fixture(scope="module")
def artifact(depot: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``revue main --pages``: the working tree built once, its changed pages copied."""
    folder = depot.parent / "pages"
    return run(depot, "main", "--pages", str(folder)), folder


def test_the_artifact_holds_the_changed_pages_only_and_their_assets(artifact) -> None:
    result, folder = artifact
    assert result.returncode == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")  # the summary, untouched
    assert "4 pages changées copiées" in result.stderr
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert pages == [
        "balises/articuler-monetaire-et-symbolique/index.html",  # cited by the new experience
        "balises/construire-le-recit/index.html",  # its text changed
        "index.html",
        "territoires/saint-essai/index.html",  # a new experience
        "territoires/villeneuve-temoin/index.html",  # a new territory
    ]
    listing = (folder / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="territoires/villeneuve-temoin/index.html">Villeneuve-Témoin</a> : expérience '
        "nouvelle « La monnaie locale du marché »" in listing
    )
    assert "Construire le récit</a> : balise modifiée" in listing
    assert (folder / "assets" / "referentiel.css").is_file()


def test_the_artifacts_links_work_from_a_plain_folder(artifact) -> None:
    _, folder = artifact
    page = folder / "territoires" / "villeneuve-temoin" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert 'href="../../balises/construire-le-recit/index.html"' in text  # a copied page
    assert 'href="https://referentiel-vivant.github.io/referentiel-vivant/balises/"' in text
    broken = []
    for html_file in folder.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="([^"#?]+)[^"]*"', html_file.read_text("utf-8")):
            local = ":" not in url.split("/")[0] and not url.startswith("//")
            if local and not (html_file.parent / url).resolve().is_file():
                broken.append(f"{html_file.relative_to(folder)}: {url}")
    assert not broken, broken


def write_golden() -> None:
    """Write ``tests/golden/revue.md`` again from a fresh repository."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = make_repository(Path(folder) / "depot")
        result = run(root, "main")
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(result.stdout, encoding="utf-8")
        print(result.stderr, file=sys.stderr)


if __name__ == "__main__":
    write_golden()
