"""pytest for the whole repository: no test is skipped without saying which one and why.

``--doctest-modules`` (pyproject.toml) also collects the usage examples of docstrings. Those
whose every line is marked ``# doctest: +SKIP`` show a call that needs the loaded records,
the repository's git history or a built site: pytest would count each as « skipped » with a
reason pointing inside pytest itself. Here each one says, with ``-rs``, where it is and what it
is: an example for the reader, not a test.
"""

from __future__ import annotations

import doctest

import pytest
from _pytest.doctest import DoctestItem

EXAMPLE_ONLY = (
    "exemple d'usage dans une docstring, marqué « doctest: +SKIP » : il montre un appel "
    "(fiches chargées, historique git ou site construit) sans l'exécuter ; ce n'est pas un test"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each docstring example made only of ``+SKIP`` lines with its own reason."""
    for item in items:
        if not isinstance(item, DoctestItem) or item.dtest is None:
            continue
        examples = item.dtest.examples
        if examples and all(e.options.get(doctest.SKIP) for e in examples):
            item.add_marker(pytest.mark.skip(reason=EXAMPLE_ONLY))
