"""The living document: history from git, recent changes, versions, citation, open data."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from hooks.core.citation import date_fr

from .depot import ROOT, copy_repository

SCHEMAS = ROOT / "schemas"


def git(
    root: Path,
    *args: str,
    author: str = "Alice Martin",
    date: str = "2026-01-15",
    email: str = "a@example.org",
) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": f"{date}T10:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{date}T10:00:00+00:00",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "build.py", "build", "--sans-pdf"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_history_dates_contributors_changes_and_versions(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Première version")
    git(root, "tag", "v0.1.0")
    source = root / "territoires" / "malaunay.yml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("nom: Malaunay", "nom: Malaunay (76)"),
        encoding="utf-8",
    )
    git(
        root,
        "commit",
        "-q",
        "-am",
        "Malaunay : précise le nom",
        author="Bruno Petit",
        date="2026-03-02",
    )
    build(root)
    page = (root / "site" / "territoires" / "malaunay" / "index.html").read_text("utf-8")
    assert "Dernière mise à jour\u00a0: 2 mars 2026" in page
    assert "Contributions\u00a0: Alice Martin, Bruno Petit" in page
    untouched = (root / "site" / "balises" / "elargir-le-regard" / "index.html").read_text("utf-8")
    assert "Dernière mise à jour\u00a0: 15 janvier 2026" in untouched
    assert "Bruno Petit" not in untouched
    news = (root / "site" / "nouveautes" / "index.html").read_text("utf-8").split("<article")[1]
    words = re.sub(r"<[^>]+>", "", news).replace("\u00a0", " ").replace("\u202f", " ")
    assert words.index("2 mars 2026 : 1 territoire modifié") < words.index("15 janvier 2026 :")
    assert "Malaunay (76), territoire modifié : nom." in words
    assert "précise le nom" not in words and "Première version" not in words  # the messages
    feed = (root / "site" / "nouveautes.xml").read_text("utf-8")
    assert "<name>Bruno Petit</name>" in feed and "précise le nom" not in feed
    assert "Malaunay (76), territoire modifié : nom (https://" in feed
    versions = (root / "site" / "versions" / "index.html").read_text("utf-8")
    words = re.sub(r"<[^>]+>", "", versions).replace("\u00a0", " ").replace("\u202f", " ")
    tagged = yaml.safe_load((root / "referentiel" / "referentiel.yml").read_text("utf-8"))
    published = f"est la {tagged['version']}, du {date_fr(tagged['date'])}"  # as the tag said
    assert f"La dernière version publiée du référentiel {published}" in words
    assert "Prochaine version (après la 0.1.0)" in words  # referentiel.yml still says 0.1.0
    assert "modifiée pour la dernière fois le 2 mars 2026" in words
    assert "???" not in versions and "supprimée" not in words
    assert '<details class="rv-version-liste">\n<summary>Fiches modifiées (1)</summary>' in versions


def test_without_git_the_build_works_and_says_so(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    build(root)
    page = (root / "site" / "balises" / "construire-le-recit" / "index.html").read_text("utf-8")
    assert "Historique indisponible\u00a0: ce site a été construit hors d’un dépôt git" in (
        page.replace("'", "’")
    )
    assert not (root / "site" / "nouveautes.xml").exists()
    bibtex, csl = page.split("<pre><code>")[-2:]  # the page's own citation, to copy
    assert bibtex.startswith("@misc{referentiel-vivant-construire-le-recit,")
    assert json.loads(html.unescape(csl.split("</code>")[0]))[0]["title"] == "Construire le récit"
    data = root / "site" / "donnees"
    document = json.loads((data / "referentiel.json").read_text("utf-8"))
    kinds = {}
    for record in document["fiches"]:
        schema = json.loads((data / "schemas" / f"{record['type']}.schema.json").read_text())
        jsonschema.validate(record["donnees"], schema)
        kinds[record["type"]] = kinds.get(record["type"], 0) + 1
        for link in record["liens"]:
            assert link["url"].startswith("https://")
    assert kinds["balise"] == 23 and kinds["enjeu"] == 4
    balise = next(r for r in document["fiches"] if r["id"] == "construire-le-recit")
    assert balise["url"].endswith("/balises/construire-le-recit/")
    assert any(c["type"] == "territoire" and c["experience"] for c in balise["cite_par"])
    rows = list(csv.DictReader((data / "experiences.csv").open(encoding="utf-8")))
    assert len(rows) >= 30
    malaunay = [r for r in rows if r["territoire_id"] == "malaunay"]
    assert malaunay and all(
        r["url"].endswith("/territoires/malaunay/#" + r["experience_id"]) for r in malaunay
    )
    assert all(r["balises_ids"] for r in rows)
    with_page = {f"referentiel-vivant-{r['id']}" for r in document["fiches"] if "#" not in r["url"]}
    bib = (data / "citations.bib").read_text("utf-8")
    assert set(re.findall(r"^@misc\{([^,]+),$", bib, re.MULTILINE)) == with_page
    csl = {item["id"]: item for item in json.loads((data / "citations.json").read_text("utf-8"))}
    assert set(csl) == with_page
    item = csl["referentiel-vivant-construire-le-recit"]
    assert item["title"] == "Construire le récit" and item["type"] == "webpage"


def test_citation_file_matches_the_referentiel_metadata() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    meta = yaml.safe_load((ROOT / "referentiel" / "referentiel.yml").read_text("utf-8"))
    assert cff["version"] == meta["version"]
    assert cff["date-released"] == meta["date"]
    assert cff["url"] == meta["url"]
    assert cff["license"] == meta["licence_contenu"]["nom"].replace(" ", "-")
    assert cff["references"][0]["isbn"] == "978-2-490995-00-4"
