"""The other commands, run as a contributor would: `new territoire` and `serve`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .depot import copy_repository


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "build.py", *args], cwd=root, capture_output=True, text=True, check=False
    )


def test_new_territory_writes_a_template_that_checks_once_filled_in(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    created = run(root, "new", "territoire", "Saint-Étienne-du-Rouvray")
    assert created.returncode == 0, created.stderr
    path = root / "territoires" / "saint-etienne-du-rouvray.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/territoire.schema.json")
    assert 'nom: "Saint-Étienne-du-Rouvray"' in text
    assert 'code_insee: "76575"' in text  # one commune of that name: its code is written
    assert "#   construire-le-recit : Construire le récit" in text
    # comments fit « Contribuer »'s boxes: none over 72 characters, but a command to copy
    comments = [x for x in text.splitlines() if x.lstrip().startswith("#")]
    assert max(len(x) for x in comments if "python build.py new" not in x) <= 72
    unfilled = run(root, "check")  # the template as written must not be publishable
    assert unfilled.returncode == 1
    left = [line.split(": ")[:2] for line in unfilled.stderr.splitlines()[:-1]]
    lines = text.splitlines()
    expected = [
        (lines.index("resume: |") + 1, "resume"),
        (
            next(i for i, x in enumerate(lines) if x.startswith("    titre:")) + 1,
            "experiences.titre",
        ),
        (lines.index("    resume: |") + 1, "experiences.resume"),
        (lines.index("      - À compléter") + 1, "experiences.balises"),  # no balise chosen
    ]
    assert left == [[f"territoires/saint-etienne-du-rouvray.yml:{n}", f] for n, f in expected]
    assert all(
        "« À compléter » laissé tel quel" in line for line in unfilled.stderr.splitlines()[:-1]
    )
    text = text.replace("      - À compléter", "      - construire-le-recit")
    text = text.replace("À compléter : ", "Texte du territoire. ")
    path.write_text(text, encoding="utf-8")
    assert run(root, "check").returncode == 0
    again = run(root, "new", "territoire", "Saint Etienne du Rouvray")
    assert again.returncode == 1
    assert "territoires/saint-etienne-du-rouvray.yml existe déjà" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_yaml_file_changes(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "depot")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--adresse", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/referentiel-vivant/territoires/malaunay/"
        assert _wait_for(url, "<h1", 90), "le serveur n'a pas démarré"
        source = root / "territoires" / "malaunay.yml"
        source.write_text(
            source.read_text(encoding="utf-8").replace("nom: Malaunay", "nom: Malaunay-sur-Cailly"),
            encoding="utf-8",
        )
        assert _wait_for(url, "Malaunay-sur-Cailly", 90), "la page n'a pas été reconstruite"
    finally:
        server.terminate()
        server.wait(timeout=30)
