"""One experience, one file (issue 25): ``territoires/<territoire>/<experience>.yml`` read,
merged and checked; ``new experience``; ``recevoir`` in a throw-away git repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hooks.contribuer.recevoir import receive
from hooks.site import generate_site
from schemas.errors import ErreursDeValidation
from schemas.index import Index, load_index
from schemas.slug import slugify

from .depot import ROOT, copy_referentiel

FIXTURES = ROOT / "tests" / "fixtures"
LOOS = "territoires/loos-en-gohelle"
MOVED = "anges-gardens-et-club-elemiah"
AUTHOR = {"GIT_AUTHOR_NAME": "Équipe", "GIT_AUTHOR_EMAIL": "equipe@example.org"}
COMMITTER = {"GIT_COMMITTER_NAME": "Équipe", "GIT_COMMITTER_EMAIL": "equipe@example.org"}


def depot(tmp_path: Path, *territories: str) -> Path:
    """The référentiel and the named territories of the repository (with their folders)."""
    root = copy_referentiel(tmp_path / "depot")
    for name in territories:
        shutil.copy(ROOT / "territoires" / f"{name}.yml", root / "territoires")
        if (ROOT / "territoires" / name).is_dir():
            shutil.copytree(ROOT / "territoires" / name, root / "territoires" / name)
    return root


def write(root: Path, path: str, text: str) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def errors_for(root: Path) -> list[str]:
    with pytest.raises(ErreursDeValidation) as caught:
        load_index(root)
    return [str(e) for e in caught.value.erreurs]


EXPERIENCE = (
    "territoire: {t}\ntitre: Le jardin\nresume: Un jardin.\nbalises: [construire-le-recit]\n"
)


# --- The repository's own example ------------------------------------------------------------


def test_the_moved_experience_comes_last_and_knows_its_file() -> None:
    index = load_index(ROOT)
    experiences = [x.id for x in index["loos-en-gohelle"].data.experiences]
    assert experiences[-1] == MOVED and len(experiences) == 6
    assert index.origines["loos-en-gohelle", MOVED] == (f"{LOOS}/{MOVED}.yml", 1)
    assert index.origines["loos-en-gohelle", "fifty-fifty"][0] == f"{LOOS}.yml"
    cited = [b.experience.id for b in index.cited_by("creer-des-clubs") if b.experience]
    assert MOVED in cited


def _inline_again(root: Path) -> None:
    """Put the moved experience back inside its territory file, as it was written before."""
    own = root / LOOS / f"{MOVED}.yml"
    lines = own.read_text(encoding="utf-8").splitlines()[2:]  # schema line, territoire:
    block = [f"  - id: {MOVED}"] + [f"    {x}" if x else "" for x in lines]
    territory = root / f"{LOOS}.yml"
    text = territory.read_text(encoding="utf-8")
    head, tail = text.split("\nsources:\n", 1)
    territory.write_text(head + "\n" + "\n".join(block) + "\nsources:\n" + tail, "utf-8")
    shutil.rmtree(root / LOOS)


def test_moving_an_experience_to_its_own_file_changes_no_page(tmp_path: Path) -> None:
    """Its anchor, its place on the territory page and the balises' backlinks stay; only the
    edit link of what it is written in may differ."""
    own = generate_site(load_index(depot(tmp_path / "a", "loos-en-gohelle"))).pages
    inline_root = depot(tmp_path / "b", "loos-en-gohelle")
    _inline_again(inline_root)
    assert not (inline_root / LOOS).exists()
    inline = {p.src_uri: p.markdown for p in generate_site(load_index(inline_root)).pages}
    pages = {p.src_uri: p.markdown for p in own}
    territory = pages["territoires/loos-en-gohelle.md"]
    assert f"### Les Anges Gardins et le club ELEMIAH {{ #{MOVED} }}\n" in territory
    assert pages.keys() == inline.keys()
    assert [uri for uri in pages if pages[uri] != inline[uri]] == []


def test_an_experience_file_has_the_fields_of_an_experience_but_id_and_names_its_schema() -> None:
    from schemas.experience import ExperienceFichier
    from schemas.territoire import Experience

    assert list(ExperienceFichier.model_fields) == [
        "territoire",
        *(name for name in Experience.model_fields if name != "id"),
    ]
    files = sorted((ROOT / "territoires").glob("*/*.yml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/experience.schema.json"


# --- check ------------------------------------------------------------------------------------


def test_an_experience_file_is_read_like_an_inline_one(tmp_path: Path) -> None:
    root = depot(tmp_path, "malaunay")
    write(root, "territoires/malaunay/le-jardin.yml", EXPERIENCE.format(t="malaunay"))
    index = load_index(root)
    last = index["malaunay"].data.experiences[-1]
    assert (last.id, last.titre, list(last.balises)) == (
        "le-jardin",
        "Le jardin",
        ["construire-le-recit"],
    )
    assert any(b.experience is last for b in index.cited_by("construire-le-recit"))


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "territoires/malaunay/jardin.yml",
            EXPERIENCE.format(t="le-mene"),
            "territoires/malaunay/jardin.yml:1: territoire: ce fichier dit « territoire: le-mene » "
            "mais il est dans le dossier territoires/malaunay/ : déplacez-le dans "
            "territoires/le-mene/, ou corrigez ce champ",
        ),
        (
            "territoires/malaunay/jardin.yml",
            EXPERIENCE.format(t="malaunai"),
            "territoires/malaunay/jardin.yml:1: territoire: « malaunai » n'est aucun territoire "
            "— vouliez-vous dire « malaunay » ? : ce fichier est dans le dossier "
            "territoires/malaunay/, écrivez « territoire: malaunay »",
        ),
        (
            "territoires/malaunai/jardin.yml",
            EXPERIENCE.format(t="malaunai"),
            "territoires/malaunai/jardin.yml:1: le dossier territoires/malaunai/ n'est celui "
            "d'aucun territoire (il n'y a pas de fichier territoires/malaunai.yml) — vouliez-vous "
            "dire « malaunay » ? : placez ce fichier dans le dossier de son territoire, ou "
            "proposez d'abord le territoire lui-même (territoires/malaunai.yml)",
        ),
        (
            "territoires/malaunay/amap-et-marche.yml",
            EXPERIENCE.format(t="malaunay"),
            "territoires/malaunay/amap-et-marche.yml:1: l'expérience « amap-et-marche » est déjà "
            "écrite dans territoires/malaunay.yml (ligne 17) : un identifiant ne sert qu'une fois "
            "par territoire ; renommez ce fichier (son nom est l'identifiant), ou retirez "
            "l'expérience du fichier du territoire si vous l'avez déplacée ici",
        ),
        (
            "territoires/malaunay/jardin.yml",
            "id: jardin\n" + EXPERIENCE.format(t="malaunay"),
            "territoires/malaunay/jardin.yml:1: id: pas de champ « id » ici : l'identifiant de "
            "l'expérience est le nom du fichier (« jardin ») ; retirez cette ligne, ou renommez "
            "le fichier",
        ),
        (
            "territoires/malaunay/jardin.yml",
            EXPERIENCE.replace("territoire: {t}\n", ""),
            "territoires/malaunay/jardin.yml:1: territoire: champ obligatoire manquant : ajoutez "
            "en première ligne « territoire: malaunay » (le dossier du fichier)",
        ),
        (
            "territoires/malaunay/jardin.yml",
            EXPERIENCE.format(t="malaunay").replace("construire-le-recit", "construire-le-recti"),
            "territoires/malaunay/jardin.yml:4: balises: « construire-le-recti » n'existe pas "
            "parmi les balises — vouliez-vous dire « construire-le-recit » ?",
        ),
    ],
    ids=[
        "mauvais-dossier",
        "territoire-inconnu",
        "dossier-sans-territoire",
        "id-en-double",
        "champ-id",
        "sans-territoire",
        "balise-inconnue",
    ],
)
def test_check_explains_a_misplaced_experience_file(
    tmp_path: Path, path: str, text: str, expected: str
) -> None:
    root = depot(tmp_path, "malaunay", "le-mene")
    write(root, path, text)
    assert errors_for(root) == [expected]


def test_links_hidden_files_other_extensions_and_nested_folders_are_refused(
    tmp_path: Path,
) -> None:
    root = depot(tmp_path, "malaunay")
    folder = root / "territoires" / "malaunay"
    write(root, "territoires/malaunay/bon.yml", EXPERIENCE.format(t="malaunay"))
    (folder / "lien.yml").symlink_to(ROOT / "pyproject.toml")
    write(root, "territoires/malaunay/.cache.yml", EXPERIENCE.format(t="malaunay"))
    write(root, "territoires/malaunay/notes.yaml", EXPERIENCE.format(t="malaunay"))
    write(root, "territoires/malaunay/plus/loin.yml", EXPERIENCE.format(t="malaunay"))
    (root / "territoires" / "ailleurs").symlink_to(folder)
    errors = errors_for(root)
    assert not [e for e in errors if "build-system" in e]
    assert [e.split(": ", 1)[0] for e in errors] == [
        "territoires/ailleurs:1",
        "territoires/malaunay/.cache.yml:1",
        "territoires/malaunay/lien.yml:1",
        "territoires/malaunay/notes.yaml:1",
        "territoires/malaunay/plus:1",
    ]
    assert "lien symbolique refusé" in errors[0] and "lien symbolique refusé" in errors[2]
    assert "renommez le fichier en notes.yml" in errors[3]
    assert "dossier inattendu" in errors[4]


def test_a_territory_needs_one_experience_in_either_place(tmp_path: Path) -> None:
    root = depot(tmp_path)
    write(root, "territoires/ville.yml", "nom: Ville\ntype: autre\npays: BE\nresume: Une ville.\n")
    assert errors_for(root) == [
        "territoires/ville.yml:1: experiences: aucune expérience : écrivez-en au moins une ici "
        "(experiences:), ou dans son propre fichier, territoires/ville/<titre-de-l-experience>.yml "
        '(python build.py new experience ville "Titre")'
    ]
    write(root, "territoires/ville/le-jardin.yml", EXPERIENCE.format(t="ville"))
    assert [x.id for x in load_index(root)["ville"].data.experiences] == ["le-jardin"]


def test_two_files_for_one_commune_or_one_epci_name_both(tmp_path: Path) -> None:
    root = depot(tmp_path, "loos-en-gohelle", "brest-metropole")
    write(
        root,
        "territoires/loos.yml",
        'nom: Loos\ntype: commune\ncode_insee: "62528"\nresume: Encore Loos.\n',
    )
    write(
        root,
        "territoires/brest.yml",
        'nom: Brest\ntype: metropole\nsiren: "242900314"\nresume: Encore Brest.\n',
    )
    errors = errors_for(root)
    rule = (
        " : une commune n'a qu'un fichier ; gardez celui qui est publié, ajoutez-y les "
        "expériences de l'autre (chacune dans son propre fichier, "
        "territoires/<territoire>/<titre>.yml), puis retirez l'autre (ou corrigez le code)"
    )
    assert (
        "territoires/loos.yml:3: code_insee: code INSEE « 62528 » aussi donné par "
        "territoires/loos-en-gohelle.yml (ligne 4)" + rule
    ) in errors
    assert (
        "territoires/loos-en-gohelle.yml:4: code_insee: code INSEE « 62528 » aussi donné "
        "par territoires/loos.yml (ligne 3)" + rule
    ) in errors
    assert any(
        e.startswith(
            "territoires/brest.yml:3: siren: SIREN « 242900314 » aussi donné "
            "par territoires/brest-metropole.yml (ligne 4)"
        )
        for e in errors
    )


def test_a_name_unlike_its_code_is_a_warning_that_check_prints(tmp_path: Path) -> None:
    root = depot(tmp_path)
    write(
        root,
        "territoires/ville-de-loos.yml",
        'nom: Ville de Loos-en-Gohelle\ntype: commune\ncode_insee: "68343"\nresume: Une ville.\n',
    )
    write(root, "territoires/ville-de-loos/jardin.yml", EXPERIENCE.format(t="ville-de-loos"))
    index = load_index(root)
    expected = (
        "territoires/ville-de-loos.yml:1: nom: avertissement : « Ville de Loos-en-Gohelle » ne "
        "ressemble pas au nom de la commune du code_insee 68343, Ungersheim (Haut-Rhin) : "
        "vérifiez le code, ou le nom"
    )
    assert [str(w) for w in index.avertissements] == [expected]
    shutil.copy(ROOT / "build.py", root / "build.py")
    for name in ("schemas", "hooks", "geo"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stderr.splitlines() == [expected]
    assert load_index(ROOT).avertissements == []  # the repository's names match their codes


# --- new experience ---------------------------------------------------------------------------


def test_file_names_transliterate_ligatures_and_accents() -> None:
    assert slugify("Œting") == "oeting"
    assert slugify("L'Œuvre d'Ærø à Straße") == "l-oeuvre-d-aero-a-strasse"


def test_new_experience_writes_a_template_with_nothing_chosen(tmp_path: Path) -> None:
    from hooks.contribuer.nouveau import new_record

    root = depot(tmp_path, "malaunay")
    assert new_record(root, "experience", "malaunay", "Œting, le « jardin »", None) == 0
    path = root / "territoires" / "malaunay" / "oeting-le-jardin.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/experience.schema.json")
    assert 'titre: "Œting, le « jardin »"' in text
    assert "\nbalises:\n  - À compléter\n" in text  # no balise chosen for the contributor
    assert f'\ndecrite: "{date.today().isoformat()[:7]}"\n' in text  # the review delay starts
    assert [e.split(": ")[1] for e in errors_for(root)] == ["resume", "balises"]
    path.write_text(
        text.replace("  - À compléter", "  - elargir-le-regard").replace("À compléter : ", ""),
        encoding="utf-8",
    )
    assert load_index(root)["malaunay"].data.experiences[-1].id == "oeting-le-jardin"
    assert new_record(root, "experience", "malaunay", "Œting, le jardin", None) == 1  # exists
    assert new_record(root, "experience", "nulle-part", "Titre", None) == 1


# --- recevoir ---------------------------------------------------------------------------------


@pytest.fixture
def git_depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository of the référentiel and three territories, one commit."""
    root = depot(tmp_path, "malaunay", "loos-en-gohelle", "le-mene")
    for key, value in COMMITTER.items():
        monkeypatch.setenv(key, value)
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Départ"]):
        subprocess.run(["git", *args], cwd=root, check=True, env={**_env(), **AUTHOR})
    return root


def _env() -> dict[str, str]:
    import os

    return {**os.environ, **COMMITTER}


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_recevoir_places_and_commits_as_the_contributor(git_depot: Path) -> None:
    assert receive(git_depot, [FIXTURES / "proposition-ungersheim.yml"]) == 0
    assert _git(git_depot, "log", "-1", "--format=%an <%ae>|%cn|%s") == (
        "Marie Dupont <marie.dupont@example.org>|Équipe|Proposition de Marie Dupont : nouveau "
        "territoire Ungersheim, 2 expériences"
    )
    assert _git(git_depot, "show", "--name-only", "--format=", "HEAD").splitlines() == [
        "territoires/ungersheim.yml",
        "territoires/ungersheim/la-regie-agricole-et-la-cantine-bio.yml",
        "territoires/ungersheim/oeuvrer-ensemble-la-monnaie-locale-le-radis.yml",
    ]
    assert _git(git_depot, "status", "--porcelain") == ""
    index: Index = load_index(git_depot)
    assert [x.id for x in index["ungersheim"].data.experiences] == [
        "la-regie-agricole-et-la-cantine-bio",
        "oeuvrer-ensemble-la-monnaie-locale-le-radis",
    ]
    assert (
        receive(git_depot, [FIXTURES / "proposition-loos.yml"], "Jean Martin <jm@example.org>") == 0
    )
    assert _git(git_depot, "log", "-1", "--format=%an <%ae>|%s") == (
        "Jean Martin <jm@example.org>|Proposition de Jean Martin : 1 expérience pour "
        "Loos-en-Gohelle"
    )


def test_recevoir_refuses_an_invalid_proposal_writing_nothing(
    git_depot: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mail = tmp_path / "courriel.txt"
    body = (FIXTURES / "proposition-loos.yml").read_text(encoding="utf-8")
    quoted = "\n".join(f"> {x}" if x else ">" for x in body.splitlines())
    mail.write_text(
        f"Bonjour,\nvoici notre expérience.\n\n{quoted.replace('le-recit', 'le-recti')}\n"
        "-- \nJean Martin\n",
        encoding="utf-8",
    )
    head = _git(git_depot, "rev-parse", "HEAD")
    assert receive(git_depot, [mail]) == 1
    said = capsys.readouterr().err.splitlines()
    received = mail.read_text(encoding="utf-8").splitlines()
    line = next(i for i, x in enumerate(received, 1) if "recti" in x)
    assert said[:3] == [
        f"{mail} : 3 lignes avant le début de la proposition, ignorées",
        f"{mail} : lignes {received.index('-- ') + 1} et suivantes (signature, suite du "
        "message), ignorées",
        f"{mail} : citation « > » retirée devant chaque ligne",
    ]
    assert (
        "territoires/loos-en-gohelle/les-jardins-partages.yml:7: balises.id: "
        "« construire-le-recti » n'existe pas parmi les balises — vouliez-vous dire "
        "« construire-le-recit » ? (reçu : "
        f"{mail}, ligne {line})"
    ) in said
    assert _git(git_depot, "rev-parse", "HEAD") == head
    assert _git(git_depot, "status", "--porcelain") == ""


def test_recevoir_never_overwrites(git_depot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert receive(git_depot, [FIXTURES / "proposition-loos.yml"]) == 0
    before = (git_depot / LOOS / "les-jardins-partages.yml").read_text(encoding="utf-8")
    assert receive(git_depot, [FIXTURES / "proposition-loos.yml"]) == 1
    assert "existe déjà : une expérience de ce titre est publiée" in capsys.readouterr().err
    assert (git_depot / LOOS / "les-jardins-partages.yml").read_text(encoding="utf-8") == before


# --- « Contribuer » ---------------------------------------------------------------------------


def test_the_contribuer_page_shows_what_check_prints_for_its_broken_example(
    tmp_path: Path,
) -> None:
    from hooks.contribuer.guide import EXAMPLE_PATH, EXAMPLE_TEXT, example_error

    root = depot(tmp_path)
    write(
        root,
        "territoires/ma-commune.yml",
        "nom: Ma commune\ntype: autre\npays: BE\nresume: Une commune.\n",
    )
    write(root, EXAMPLE_PATH, EXAMPLE_TEXT)
    printed = errors_for(root)
    assert printed == [example_error(load_index(ROOT))]
    assert "vouliez-vous dire « construire-le-recit » ?" in printed[0]
    pages = {p.src_uri: p.markdown for p in generate_site(load_index(ROOT)).pages}
    guide = pages["contribuer/index.md"]
    assert f"```{{ .text .rv-a-la-ligne }}\n{printed[0]}\n```" in guide
    for section in ("## Sans compte GitHub", "## Ajouter une expérience à un territoire existant"):
        assert section in guide
    assert "Create a new branch" not in guide  # an option outsiders are never offered
    # GitHub's buttons for someone who cannot write to the repository, as the form says them
    steps = guide.split("## Dans votre navigateur", 1)[1].split("\n## ", 1)[0]
    buttons = re.findall(r"\*\*([^*]+)\*\*\{lang=en\}", steps)
    assert buttons == [
        "Add file",
        "Create new file",
        "Fork this repository",
        "Commit changes…",
        "Propose changes",
        "Create pull request",
        "Create pull request",
    ]
    # readers without an account are not told about the team's command
    no_account = guide.split("## Sans compte GitHub", 1)[1].split("\n## ", 1)[0]
    assert "Vérifier" in no_account and "build.py" not in no_account
    assert "python build.py recevoir" in guide.split("## Pour l'équipe éditoriale", 1)[1]
    existing = guide.split("## Ajouter une expérience à un territoire existant", 1)[1]
    assert existing.lstrip().startswith("Le plus simple : sur la page du territoire")
