"""The engine's live-reload server, as ``serve`` drives it (:mod:`hooks.engine.serve`).

Three additions to ProperDocs' server, through its attributes (ProperDocs 1.6, pinned):
the site may be shown (and the browsers reloaded) in the middle of a rebuild, once the
edited page is written; a rebuild can see that another edit is waiting; the référentiel's
errors are written at the top of every page served while there are some.
"""

from __future__ import annotations

import os
from typing import Any

from markupsafe import escape
from mkdocs.livereload import LiveReloadServer, _timestamp
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

WRITES = {"created", "modified", "deleted", "moved", "closed"}  # not "opened", "closed_no_write"


class Server(LiveReloadServer):
    """The engine's server, told when the site may be shown before the build ends, and
    showing the référentiel's errors at the top of each page while there are some."""

    errors = ""  # the report, while the records hold errors

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Told of a change at once by the system (inotify on Linux), where the engine polls
        # every file every half second; watchdog falls back to polling where it must.
        self.observer = Observer()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """The engine's ``watch``, with the system's notices: only writes count (our own
        reads of the records are notices too), and not Python's cache."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def changed(event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in WRITES:
                return
            if "__pycache__" in str(event.src_path):
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def publish(self) -> None:
        """The site on disk is whole: serve it, and reload the browsers."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def begin_writes(self) -> None:
        """Pages are about to be written: requests wait until the build ends."""
        with self._epoch_cond:
            self._wanted_epoch = _timestamp()

    def pending(self) -> bool:
        """A file changed since this build started."""
        return self._want_rebuild

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.errors:
            return content
        body = content.find(b">", content.find(b"<body")) + 1
        return content[:body] + error_banner(self.errors).encode() + content[body:]


def error_banner(report: str) -> str:
    """The errors, at the top of a served page (escaped: the text comes from the files).

    >>> "nom: &lt;b&gt;" in error_banner("territoires/a.yml:2: nom: <b>")
    True
    """
    return (
        '<div role="alert" style="position:sticky;top:0;z-index:10;margin:0;padding:1em;'
        "background:#fff3e0;color:#4a1a00;border-bottom:4px solid #bf360c;font:1rem/1.5 "
        'sans-serif;white-space:pre-wrap;max-height:40vh;overflow:auto"><strong>Cette page '
        "montre le site d'avant votre modification : le référentiel contient des erreurs. "
        "Corrigez-les ; la page se mettra à jour d'elle-même.</strong>\n"
        f"{escape(report)}</div>"
    )
