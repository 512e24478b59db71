"""The second process of the generation step: same results, errors surface, safe fallback."""

from __future__ import annotations

import os
import threading

import pytest

from hooks.core.parallel import Background, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="un seul cœur ou pas de os.fork")


def pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@needs_fork
def test_the_loop_runs_in_another_process_and_keeps_the_order() -> None:
    with Background(pid_and_square, range(300)) as background:
        here = os.getpid()  # work done meanwhile
        results = background.result()
    assert [square for _, square in results] == [n * n for n in range(300)]
    assert {pid for pid, _ in results} - {here}  # computed elsewhere


def test_a_short_loop_stays_in_this_process() -> None:
    with Background(pid_and_square, range(3)) as background:
        results = background.result()
    assert results == [(os.getpid(), n * n) for n in range(3)]


@needs_fork
def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with Background(pid_and_square, range(300)) as background:
            results = background.result()
    finally:
        stop.set()
        thread.join()
    assert {pid for pid, _ in results} == {os.getpid()}


def fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("le septième élément est invalide")
    return n


@needs_fork
def test_an_error_in_the_other_process_is_raised_here_with_its_traceback() -> None:
    failing = Background(fails_on_seven, range(300))
    with pytest.raises(RuntimeError, match="le septième élément est invalide"), failing:
        failing.result()


@needs_fork
def test_an_error_here_still_waits_for_the_other_process() -> None:
    with pytest.raises(KeyError), Background(pid_and_square, range(300)):
        raise KeyError("pendant le travail fait en même temps")
    with pytest.raises(ChildProcessError):  # already waited for: no child left
        os.waitpid(-1, os.WNOHANG)
