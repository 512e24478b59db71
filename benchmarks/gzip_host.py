"""A built site served on 127.0.0.1 as a static host serves it, for the benchmarks that
visit it in Chromium (``benchmarks/weight.py``, ``benchmarks/ecoconception.py``).

Under its base path ``/referentiel-vivant/`` (folder → ``index.html``, ``404.html`` for what
does not exist), text gzip-compressed at level 6 with ``Content-Encoding: gzip``; images and
Pagefind's own gzip files as they are. Every response is remembered (:class:`Hit`): what a
page cost is the responses it caused.

    with serving(site) as host:
        mark = len(host.since(0))
        …  # open a page at host.url + "balises/"
        host.settle()
        spent = sum(hit.sent for hit in host.since(mark))
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE = "/referentiel-vivant/"  # site_url's path, as GitHub Pages serves the site
GZIP_LEVEL = 6  # gzip's and nginx's usual level
# what a static host compresses: text, by its type (images, fonts, archives and Pagefind's
# files, gzip-compressed already, go as they are)
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
    "application/wasm",
)


@dataclass
class Hit:
    path: str
    status: int
    raw: int  # bytes of the file
    sent: int  # bytes of the body sent: gzip if the client accepts it


class StaticHost(http.server.ThreadingHTTPServer):
    """Serves ``site`` under ``BASE`` as GitHub Pages would: folder → index.html, 404.html
    for what does not exist, text gzip-compressed; remembers every response."""

    daemon_threads = True

    def __init__(self, site: Path) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.site = site.resolve()
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self._gzipped: dict[Path, bytes] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{BASE}"

    def gzipped(self, path: Path, data: bytes) -> bytes:
        with self.lock:
            if path not in self._gzipped:
                self._gzipped[path] = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
            return self._gzipped[path]

    def record(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def since(self, mark: int) -> list[Hit]:
        with self.lock:
            return self.hits[mark:]

    def settle(self, quiet: float = 0.5, limit: float = 15.0) -> None:
        """Wait until no request has come for ``quiet`` seconds."""
        end = time.monotonic() + limit
        count = -1
        while time.monotonic() < end:
            with self.lock:
                now = len(self.hits)
            if now == count:
                return
            count = now
            time.sleep(quiet)

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-response
            super().handle_error(request, client_address)


class Handler(http.server.BaseHTTPRequestHandler):
    server: StaticHost

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        file, status = self._resolve(path)
        if file is None:  # a folder without its final slash
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.record(Hit(path, 301, 0, 0))
            return
        data = file.read_bytes()
        body = data
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        if kind.startswith("text/") or kind in ("application/json", "application/javascript"):
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        compressible = kind.startswith(COMPRESSIBLE) and data[:2] != b"\x1f\x8b"  # not gzip
        if compressible and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.server.gzipped(file, data)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' header
        self.end_headers()
        self.wfile.write(body)
        self.server.record(Hit(path, status, len(data), len(body)))

    def _resolve(self, path: str) -> tuple[Path | None, int]:
        site = self.server.site
        missing = site / "404.html", 404
        if not path.startswith(BASE):
            return missing
        file = (site / path[len(BASE) :]).resolve()
        if not file.is_relative_to(site):
            return missing
        if file.is_dir():
            if not path.endswith("/"):
                return None, 301
            file = file / "index.html"
        return (file, 200) if file.is_file() else missing

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: every response is in server.hits


@contextmanager
def serving(site: Path) -> Iterator[StaticHost]:
    """``site`` served on 127.0.0.1 (in a thread) for as long as the block lasts."""
    host = StaticHost(site)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    try:
        yield host
    finally:
        host.shutdown()
        host.server_close()
