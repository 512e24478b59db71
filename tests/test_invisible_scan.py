"""One scan per file finds what one scan per line found: same line, same message.

``decode`` searches a whole file once for an invisible character and once for a tab in an
indentation, where it searched each line; ``read_yaml`` searches only the double-quoted
values (the only ones an escape can fill). The line-by-line reading is kept here as the
reference, and fed texts dense in what it refuses.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.invisible import forbidden_character
from schemas.yamlfile import YamlError, decode, read_yaml

TAB_MESSAGE = "tabulation dans l'indentation : indentez avec des espaces"


def reference(text: str) -> tuple[int, str] | None:
    """The first fault, line by line, as ``decode`` found it before."""
    for number, line in enumerate(text.split("\n"), start=1):
        if (bad := forbidden_character(line)) is not None:
            return number, bad
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number, TAB_MESSAGE
    return None


PIECES = st.sampled_from(
    [
        "a",
        "é",
        " ",
        "  ",
        "\t",
        "\n",
        ": ",
        "- ",
        "👩",
        "🌾",
        "\u200d",
        "\ufe0f",
        "\u200b",
        "\u202e",
        "\x00",
        "\x85",
        "\u2028",
        "#",
        '"',
        "x\ty",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_one_scan_finds_the_same_first_fault(text: str) -> None:
    expected = reference(text.replace("\r", ""))
    try:
        decode(("nom: A\n" + text.replace("\r", "")).encode())
    except YamlError as error:
        if expected is None:  # the only other refusal: nothing but comments and blanks
            assert error.message.startswith("fichier vide")
        else:
            assert (error.line, error.message) == (expected[0] + 1, expected[1])
    else:
        assert expected is None


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ("a: 1\n\tb: 2\nc: x\u200by\n", 2, "tabulation"),  # the tab's line comes first
        ("a: 1\nb: x\u200by\n\tc: 2\n", 2, "caractère invisible U+200B"),
        ("a: x\u200b\n\tb: 2\n", 1, "caractère invisible U+200B"),
        ("\ta: x\u200b\n", 1, "caractère invisible U+200B"),  # same line: the character
        ("a: 👩\u200d🌾\n\tb: 1\n", 2, "tabulation"),  # a joiner between emoji is allowed
    ],
)
def test_first_line_first(text: str, line: int, start: str) -> None:
    with pytest.raises(YamlError) as caught:
        decode(text.encode())
    assert caught.value.line == line
    assert caught.value.message.startswith(start)


@pytest.mark.parametrize(
    "text", ['a: "x\\u200by"\n', 'a: ["ok", "x\\x1by"]\n', 'a:\n  b: "\\u202e"\n']
)
def test_an_escape_in_double_quotes_is_still_refused(text: str) -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml(decode(text.encode()))
    assert "écrit comme séquence d'échappement" in caught.value.message


def test_single_quotes_and_blocks_hold_no_escape() -> None:
    data, _ = read_yaml(decode(b"a: 'x\\u200by'\nb: |\n  \\u202e\n"))
    assert data == {"a": "x\\u200by", "b": "\\u202e\n"}
