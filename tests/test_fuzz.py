"""Fuzzing `check`: whatever a territory file holds, it ends with exit 0 or 1 and located errors.

Hypothesis mutates valid territory files (random bytes, deleted or duplicated lines,
shifted indentation, random Unicode, truncation) and runs the real ``check`` command on a
copy of the repository. It must never raise, print a traceback, take long or use much
memory, and every error line must name ``file:line``.

The default run is short, and the same on every machine (derandomised) so that CI is
stable; ``FUZZ_EXEMPLES=5000 python -m pytest tests/test_fuzz.py`` explores further, with
fresh random examples each time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import shutil
import tracemalloc
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .depot import ROOT, copy_referentiel, copy_repository

EXAMPLES = int(os.environ.get("FUZZ_EXEMPLES", "0"))
SEEDS = [
    ROOT / "territoires" / "malaunay.yml",
    ROOT / "territoires" / "le-mene.yml",
    ROOT / "tests" / "cas" / "valides" / "hostile.yml",
]
ERROR_LINE = re.compile(r"^territoires/fuzz\.yml:\d+: \S")
SUMMARY = re.compile(r"^\d+ erreurs? dans 1 fichier\.$")
MAX_MEMORY = 200 * 1024 * 1024  # bytes allocated at the peak of one check


def _load_build_module():
    spec = importlib.util.spec_from_file_location("build_cli", ROOT / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_cli = _load_build_module()


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("fuzz") / "depot")
    for name in ("territoires", "referentiel", "balises"):
        shutil.rmtree(root / name)
    return copy_referentiel(root)  # no territory, so no villes pairs either


def _mutate(data: bytes, draw: st.DrawFn) -> bytes:
    """One random change of the kind a copy-paste, an editor or an attacker makes."""
    lines = data.split(b"\n")
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.sampled_from(["bytes", "text", "delete", "duplicate", "indent", "cut"]))
    if kind == "bytes":
        pos = draw(st.integers(0, len(data)))
        return data[:pos] + draw(st.binary(min_size=1, max_size=8)) + data[pos:]
    if kind == "text":
        pos = draw(st.integers(0, len(data)))
        noise = draw(st.text(min_size=1, max_size=12)).encode("utf-8", "surrogatepass")
        return data[:pos] + noise + data[pos:]
    if kind == "delete":
        count = draw(st.integers(1, 4))
        del lines[at : at + count]
    elif kind == "duplicate":
        lines[at:at] = lines[at : at + draw(st.integers(1, 6))]
    elif kind == "indent":
        shift = draw(st.sampled_from([b" ", b"  ", b"\t", b"- "]))
        if draw(st.booleans()):
            lines[at] = shift + lines[at]
        else:
            lines[at] = lines[at].lstrip(b" ")
    else:
        return data[: draw(st.integers(0, len(data)))]
    return b"\n".join(lines)


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SEEDS)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        data = _mutate(data, draw)
    return data


@settings(
    max_examples=EXAMPLES or 150,
    derandomize=not EXAMPLES,
    database=None,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=mutated_files())
def test_check_never_crashes_and_always_names_file_and_line(depot: Path, content: bytes) -> None:
    (depot / "territoires" / "fuzz.yml").write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = build_cli.check(depot)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if code == 0:
        assert out.getvalue().startswith("Tout est valide")
        return
    assert code == 1
    *errors, summary = err.getvalue().splitlines()
    assert errors
    assert SUMMARY.match(summary), summary
    assert all(ERROR_LINE.match(line) for line in errors), errors


LARGEST = [
    b"nom: X\nbalises: [" + b"a, " * 85_000 + b"]\n",  # the longest list that fits
    b"nom: X\n" + b"".join(b"k%d: v\n" % i for i in range(25_000)),  # many unknown fields
    b"nom: X\nexperiences:\n" + b"  - {id: a, balises: [b]}\n" * 9_000,
    b"nom: X\ntitre: " + b"\xc3\xa9" * 130_000 + b"\n",  # one 130,000-character value
]


@pytest.mark.parametrize("content", LARGEST, ids=["liste", "champs", "experiences", "texte"])
def test_the_largest_files_stay_small_in_memory(depot: Path, content: bytes) -> None:
    """Files just under the size limit, shaped to cost the most: memory stays bounded."""
    assert len(content) < 256 * 1024
    (depot / "territoires" / "fuzz.yml").write_bytes(content)
    tracemalloc.start()
    try:
        with contextlib.redirect_stderr(io.StringIO()) as err:
            assert build_cli.check(depot) == 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_MEMORY, f"{peak / 1e6:.0f} Mo"
    assert len(err.getvalue()) < 4 * 1024 * 1024  # and the report stays readable
    assert all(ERROR_LINE.match(line) for line in err.getvalue().splitlines()[:-1])


def test_the_fuzzer_does_reach_errors(depot: Path) -> None:
    """A seed cut before its experiences must be reported, or the fuzz test proves nothing."""
    seed = SEEDS[0].read_bytes()
    (depot / "territoires" / "fuzz.yml").write_bytes(seed.split(b"\nexperiences:")[0])
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert build_cli.check(depot) == 1
    assert ERROR_LINE.match(err.getvalue())
