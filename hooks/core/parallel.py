"""Run a long loop in a second process while this one does other work, given a spare core.

MkDocs builds a site on one core. Before it starts, our generation renders one page per
territory: a plain loop of independent renders that grows with every contribution.
:class:`Background` hands such a loop to a copy of this process (``os.fork``: the copy
already holds the index and the compiled templates, nothing is sent to it) while this
process renders everything else; the copy sends its results back, pickled, through a
pipe. Results come in the order of the items, and an error in the copy is raised here,
with its traceback.

It runs the loop in this process instead, when :meth:`Background.result` is called,
wherever forking is not safe or not worth it: no ``os.fork`` (Windows), a single core,
another thread running (``python build.py serve``: the copy of a threaded process may
inherit a lock held by another thread), or a short loop.

>>> with Background(lambda n: n * n, range(6), at_least=2) as squares:
...     other_work = sum(range(10))  # done meanwhile, here
...     print(squares.result())
[0, 1, 4, 9, 16, 25]
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Background(Generic[R]):
    """``[function(item) for item in items]``, computed by a forked copy of this process if
    there are ``at_least`` items (or if the caller says ``fork``) and a core to spare. Use
    it in a ``with`` block, so that the copy is waited for even if the work done meanwhile fails."""

    def __init__(
        self,
        function: Callable[[T], R],
        items: Iterable[T],
        at_least: int = 200,
        fork: bool | None = None,
    ):
        self._function = function
        self._items = list(items)
        self._pid = 0
        self._pipe = -1
        worth_it = len(self._items) >= at_least if fork is None else fork and bool(self._items)
        if worth_it and can_fork():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the copy: compute, send, leave without any cleanup
            try:  # whatever happens, the copy must never go on with the caller's work
                os.close(read_end)
                try:
                    payload = pickle.dumps((True, [self._function(i) for i in self._items]))
                except BaseException:
                    payload = pickle.dumps((False, traceback.format_exc()))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(write_end)
        self._pipe = read_end

    def result(self) -> list[R]:
        """The results, in the order of the items (waits for the copy, if there is one)."""
        if not self._pid:
            return [self._function(item) for item in self._items]
        payload = self._wait()
        done, value = pickle.loads(payload) if payload else (False, "arrêt sans résultat")
        if not done:
            raise RuntimeError(f"Échec dans le second processus :\n{value}")
        return value

    def _wait(self) -> bytes:
        """Everything the copy sent, once it has exited."""
        with os.fdopen(self._pipe, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(self._pid, 0)
        self._pid = 0
        return payload

    def __enter__(self) -> Background[R]:
        return self

    def __exit__(self, *error: object) -> None:
        if self._pid:  # result() was not reached: do not leave the copy behind
            self._wait()


def can_fork() -> bool:
    """A second core, ``os.fork``, and no other thread that could hold a lock."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return hasattr(os, "fork") and cores > 1 and threading.active_count() == 1
