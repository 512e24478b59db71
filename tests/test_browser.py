"""Pages as a reader's browser shows and prints them (Debian chromium, headless)."""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

import pytest

from .depot import copy_repository
from .outils import require
from .pdftools import run
from .served import needs_chromium

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The built site served on localhost under its base path, as GitHub Pages serves it."""
    root = copy_repository(tmp_path_factory.mktemp("navigateur") / "depot")
    result = subprocess.run(
        ["python", "build.py", "build", "--sans-pdf"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    public = root / "public"
    public.mkdir()
    (public / "referentiel-vivant").symlink_to(root / "site")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/referentiel-vivant/", root
    server.shutdown()


def chromium(profile: Path, *args: str) -> None:
    subprocess.run(
        [require("chromium"), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
        check=True,
    )


def test_printing_a_page_keeps_the_content_and_shows_link_addresses(served, tmp_path) -> None:
    url, _ = served
    pdf = tmp_path / "page.pdf"
    chromium(
        tmp_path / "profil",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        url + "territoires/malaunay/",
    )
    text = run("pdftotext", pdf, "-")
    assert "L'AMAP et le projet de marché" in text
    assert "Parcours de lecture" not in text  # no sidebar
    assert "Rechercher" not in text  # no search box
    assert "(https://creativecommons.org/licenses/by-sa/4.0/deed.fr)" in text


def test_screenshot_of_a_balise_page_is_not_blank(served, tmp_path) -> None:
    from PIL import Image

    url, _ = served
    png = tmp_path / "balise.png"
    chromium(
        tmp_path / "profil",
        "--window-size=1280,1600",
        f"--screenshot={png}",
        url + "balises/construire-le-recit/",
    )
    image = Image.open(png).convert("L")
    assert image.size == (1280, 1600)
    histogram = image.histogram()
    dark = sum(histogram[:100]) / sum(histogram)
    assert 0.005 < dark < 0.5  # text is drawn: neither an empty page nor an error screen
