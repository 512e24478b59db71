"""YAML is read without YAML 1.1 surprises, and unsafe or ambiguous files are refused."""

from __future__ import annotations

import pytest

from schemas.yamlfile import MAX_BYTES, YamlError, decode, read_yaml


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("departement: 01", "01"),
        ("pays: NO", "NO"),
        ("titre: yes", "yes"),
        ("titre: off", "off"),
        ("periode: 2014", "2014"),
        ("periode: 2014-05-01", "2014-05-01"),
        ("population: 0x1F", "0x1F"),
        ("titre: 1e3", "1e3"),
        ("code_insee: 01234", "01234"),
    ],
)
def test_scalars_stay_text(line: str, expected: str) -> None:
    data, _ = read_yaml(line + "\n", "t.yml")
    assert isinstance(data, dict)
    assert list(data.values()) == [expected]


def test_empty_plain_values_are_null_but_quoted_empty_strings_are_not() -> None:
    data, _ = read_yaml('a:\nb: ~\nc: ""\nd: null\n', "t.yml")
    assert data == {"a": None, "b": None, "c": "", "d": None}


def test_lines_of_nested_values() -> None:
    text = "nom: X\nexperiences:\n  - id: a\n    balises:\n      - b1\n      - b2\n"
    _, lines = read_yaml(text, "t.yml")
    assert lines.line_of(("experiences", 0, "balises", 1)) == 6
    assert lines.line_of(("experiences", 0, "absent")) == 3  # a missing field: its parent


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("nom: A\nnom: B\n", 2, "clé « nom » en double (déjà présente ligne 1)"),
        ("a: &x 1\nb: *x\n", 1, "ancres et alias YAML (& et *) interdits"),
        ("a: [1]\nb: !!python/object:os.system 1\n", 2, "étiquette YAML"),
        ("a: 1\n---\nb: 2\n", 2, "un seul document par fichier"),
        ("nom: A\ntitre: a: b\n", 2, "syntaxe YAML invalide : deux-points inattendu"),
        ('nom: "A\n', 2, "syntaxe YAML invalide : guillemet ou crochet jamais refermé"),
        ("liste:\n  - a\n - b\n", 3, "syntaxe YAML invalide"),
    ],
)
def test_refused_documents(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml(text, "t.yml")
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        (b"nom: A\n\ttype: commune\n", 2, "tabulation dans l'indentation"),
        (b"nom: A\ntitre: caf\xe9\n", 2, "octet 0xe9 invalide en UTF-8"),
        (b"", 1, "fichier vide"),
        (b"# seulement un commentaire\n\n", 1, "fichier vide"),
        (b"a: " + b"x" * (MAX_BYTES + 1), 1, "fichier trop volumineux"),
    ],
)
def test_refused_bytes(raw: bytes, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        decode(raw, "t.yml")
    assert caught.value.line == line
    assert message in caught.value.message


def test_utf8_with_bom_is_accepted() -> None:
    assert decode("\ufeffnom: Mené\n".encode(), "t.yml") == "nom: Mené\n"
