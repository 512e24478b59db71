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
    data, _ = read_yaml(line + "\n")
    assert isinstance(data, dict)
    assert list(data.values()) == [expected]


def test_empty_plain_values_are_null_but_quoted_empty_strings_are_not() -> None:
    data, _ = read_yaml('a:\nb: ~\nc: ""\nd: null\n')
    assert data == {"a": None, "b": None, "c": "", "d": None}


def test_lines_of_nested_values() -> None:
    text = "nom: X\nexperiences:\n  - id: a\n    balises:\n      - b1\n      - b2\n"
    _, lines = read_yaml(text)
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
        ('nom: "A\n', 1, 'guillemet « " » ouvert ici (colonne 6) et jamais refermé : ajoutez'),
        ("a: 1\ntitre: 'L'eau\nb: 2\nc: 3\n", 2, "doublez l'apostrophe (« 'L''eau' »)"),
        ("a: 1\ntitre: 'L''eau\nb: 2\nc: 3\n", 2, "guillemet « ' » ouvert ici (colonne 8)"),
        ("a: 1\nbalises: [a, b\nc: 3\nd: 4\n", 2, "crochet « [ » ouvert ici (colonne 10)"),
        ("a: {x: 1\nb: 2\n", 1, "accolade « { » ouverte ici (colonne 4) et jamais refermée"),
        ('a: "C:\\dossier"\n', 1, "séquence « \\ » inconnue entre guillemets doubles"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", 1, "valeurs imbriquées sur plus de 12 niveaux"),
        ('a: 1\nb: "x\\u202ey"\n', 2, "U+202E (forçage de direction) (écrit comme séquence"),
        ('a: 1\nb: "x\\0y"\n', 2, "caractère de contrôle U+0000 (écrit comme séquence"),
        ("liste:\n  - a\n - b\n", 3, "syntaxe YAML invalide"),
    ],
)
def test_refused_documents(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml(text)
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
        (b"nom: A\ntitre: x\x00y\n", 2, "caractère de contrôle U+0000, colonne 9"),
        (b"nom: A\r\n\r\ntitre: x\x1by\r\n", 3, "caractère de contrôle U+001B"),
        (b"a: 1\rb: 2\rtitre: x\x7f\r", 3, "caractère de contrôle U+007F"),
        ("a: 1\ntitre: x\u2028y\n".encode(), 2, "U+2028 (séparateur de ligne)"),
        ("a: 1\nsite: evil\u202egpj.exe\n".encode(), 2, "U+202E (forçage de direction)"),
        ("a: 1\nid: recit\u200b\n".encode(), 2, "U+200B (espace sans largeur)"),
        ("a: 1\nid: re\u200dcit\n".encode(), 2, "U+200D (liant sans largeur, hors d'un emoji)"),
        ("nom: A\u00e9\n".encode("utf-16"), 1, "fichier enregistré en UTF-16"),
    ],
)
def test_refused_bytes(raw: bytes, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        decode(raw)
    assert caught.value.line == line
    assert message in caught.value.message


def test_utf8_with_bom_is_accepted() -> None:
    assert decode("\ufeffnom: Mené\n".encode()) == "nom: Mené\n"


def test_crlf_cr_emoji_and_combining_accents_are_accepted_with_the_right_lines() -> None:
    text = "nom: Le Me\u0301ne\u0301 🌱\r\n\r\ntitre: Agricultrice 👩\u200d🌾\r\n"
    data, lines = read_yaml(decode(text.encode()))
    assert data == {"nom": "Le Me\u0301ne\u0301 🌱", "titre": "Agricultrice 👩\u200d🌾"}
    assert lines.line_of(("titre",)) == 3
    _, lines = read_yaml(decode(b"a: 1\rb: 2\r"))
    assert lines.line_of(("b",)) == 2
