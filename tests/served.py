"""A built site served on localhost under its base path, as GitHub Pages serves it, and a
Playwright browser (Debian chromium) that records every request and blocks any that leaves
this machine.

Without Debian's chromium, a test that opens the browser fails and names the package to install:
mark a test (or a module, ``pytestmark``) with :data:`needs_chromium` to have it fail before its
fixtures build a site.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .outils import require

BASE = "referentiel-vivant"  # the path of site_url in mkdocs.yml
# The fixture (tests/conftest.py) fails at once, naming the package, when chromium is missing.
needs_chromium = pytest.mark.usefixtures("chromium_installed")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # no line per request in the test output
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``http://127.0.0.1:<port>/referentiel-vivant/`` serving ``site``."""
    public = site.parent / "public"
    public.mkdir(exist_ok=True)
    if not (public / BASE).exists():
        (public / BASE).symlink_to(site)
    handler = functools.partial(_Quiet, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{BASE}/"
    finally:
        server.shutdown()


@contextmanager
def browser(javascript: bool = True) -> Iterator[tuple[object, list[str]]]:
    """A Playwright browser context and the list of every URL it requested; requests to
    another host than 127.0.0.1 are aborted (and stay in the list, for the test to fail)."""
    from playwright.sync_api import sync_playwright

    requested: list[str] = []

    def route(route, request) -> None:  # type: ignore[no-untyped-def]
        requested.append(request.url)
        if request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    executable = require("chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        context = chromium.new_context(java_script_enabled=javascript, locale="fr-FR")
        context.route("**/*", route)
        try:
            yield context, requested
        finally:
            chromium.close()


def third_party(requested: list[str]) -> list[str]:
    """The requests that would have left this machine."""
    return [url for url in requested if not url.startswith(("http://127.0.0.1:", "data:"))]
