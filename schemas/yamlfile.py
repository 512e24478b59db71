"""Strict YAML reading: every scalar stays text, and every value remembers its line.

PyYAML's usual loaders follow YAML 1.1, where ``01`` becomes the integer 1, ``NO`` becomes
``False`` and ``2014-05-01`` a date; they also keep only the last of two duplicate keys.
Here the C parser only produces *events*, and :func:`read_yaml` builds plain Python
values from them itself, so that:

- every scalar is a ``str`` (Pydantic then turns ``"6132"`` into an int where a field
  asks for one, and ``departement: 01`` stays ``"01"``);
- an empty plain value (``site_web:``), ``~`` or ``null`` becomes ``None``;
- duplicate keys, anchors, aliases, tags and multiple documents are refused;
- :class:`Lines` maps each path (``("experiences", 0, "balises", 1)``) to its line.

>>> data, lines = read_yaml("nom: Le Mené\\ndepartement: 22\\n")
>>> data, lines.line_of(("departement",))
({'nom': 'Le Mené', 'departement': '22'}, 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .invisible import find_forbidden, forbidden_character
from .yamlsyntax import key_of, syntax_error

# The C parser is much faster; only its events are used, so the loader's resolver never runs.
_EVENTS_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12  # a territory needs 5 levels (experiences → 0 → sources → 0 → titre)
NULLS = {"", "~", "null", "Null", "NULL"}
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)  # a tab among a line's leading blanks

Path = tuple[str | int, ...]


class YamlError(Exception):
    """A file that cannot be read as a record, with the line to look at."""

    def __init__(self, line: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field  # the key concerned, when there is one: "experiences.titre"


@dataclass
class Lines:
    """Line numbers of every key and value of a document (1-based)."""

    by_path: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Line of ``path``, or of its closest parent that exists (for a missing field)."""
        while path not in self.by_path and path:
            path = path[:-1]
        return self.by_path.get(path, 1)


def too_big(size: int) -> YamlError:
    """The error for a file of ``size`` bytes, over :data:`MAX_BYTES`."""
    return YamlError(
        1,
        f"fichier trop volumineux ({size // 1024} Ko, maximum {MAX_BYTES // 1024} Ko) : "
        "découpez-le ou raccourcissez les textes",
    )


def decode(raw: bytes) -> str:
    """Decode UTF-8 bytes, refusing other encodings, oversized or empty files and invisible
    or control characters; line endings become ``\\n`` (CRLF and CR files are welcome)."""
    if len(raw) > MAX_BYTES:
        raise too_big(len(raw))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise YamlError(1, "fichier enregistré en UTF-16 ou UTF-32 : enregistrez-le en UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlError(
            line,
            f"octet {raw[err.start]:#04x} invalide en UTF-8 : enregistrez le fichier "
            "en UTF-8 (dans l'éditeur : « Enregistrer avec l'encodage UTF-8 »)",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")  # not splitlines(): it also breaks on \v, \x1c, U+2028…
    # One search of the whole file for each fault, the first line's fault reported first.
    invisible, tab = find_forbidden(text), _TAB_INDENT.search(text)
    faults = [(text.count("\n", 0, m.start()), i) for i, m in enumerate((invisible, tab)) if m]
    if faults:
        number, kind = min(faults)
        line_text = lines[number]
        if kind == 0:
            raise YamlError(number + 1, forbidden_character(line_text) or "", key_of(line_text))
        raise YamlError(
            number + 1,
            "tabulation dans l'indentation : indentez avec des espaces",
            key_of(line_text),
        )
    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in lines):
        raise YamlError(1, "fichier vide : il doit contenir au moins les champs obligatoires")
    return text


def read_yaml(text: str) -> tuple[object, Lines]:
    """Parse one YAML document into plain values (dict, list, str, None) and their lines."""
    lines = Lines()
    try:
        events = _events(text)
    except yaml.MarkedYAMLError as err:
        raise YamlError(*syntax_error(err, text.split("\n"))) from None
    except yaml.YAMLError as err:  # a reader error: decode() lets none through, but never crash
        raise YamlError(1, f"fichier illisible comme YAML ({err})") from None
    documents = [e for e in events if isinstance(e, yaml.DocumentStartEvent)]
    if len(documents) > 1:
        line = documents[1].start_mark.line + 1
        raise YamlError(line, "un seul document par fichier : retirez la ligne « --- »")
    position = 2  # skip StreamStart and DocumentStart
    value, _ = _build(events, position, (), lines)
    return value, lines


def _events(text: str) -> list[yaml.Event]:
    """The parser's events, asked for one by one: what ``yaml.parse`` yields, at a third of
    its cost (it asks the parser twice an event, through a generator)."""
    loader, events = _EVENTS_LOADER(text), []
    try:
        while (event := loader.get_event()) is not None:
            events.append(event)
    finally:
        loader.dispose()
    return events


_ESCAPED = " (écrit comme séquence d'échappement entre guillemets) : supprimez-le"


def field_path(path: Path) -> str:
    """``("experiences", 0, "balises", 1)`` → ``"experiences.balises"``: names, not indexes,
    as errors, backlinks and open data name a field."""
    return ".".join(str(part) for part in path if isinstance(part, str))


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1


# Events told apart by their exact class: the parser makes no subclasses.
_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
_SEQUENCE_END, _MAPPING_END = yaml.SequenceEndEvent, yaml.MappingEndEvent


def _refuse(event: yaml.Event, path: Path) -> None:
    """Raise for what no record needs: deep nesting, anchors and aliases, tags."""
    if len(path) > MAX_DEPTH:
        raise YamlError(
            _line(event),
            f"valeurs imbriquées sur plus de {MAX_DEPTH} niveaux : aucune fiche n'en a besoin, "
            "vérifiez l'indentation et les crochets",
            field_path(path),
        )
    if getattr(event, "anchor", None) or type(event) is yaml.AliasEvent:
        raise YamlError(
            _line(event),
            "ancres et alias YAML (& et *) interdits : écrivez chaque valeur en entier",
            field_path(path),
        )
    if (tag := getattr(event, "tag", None)) not in (None, "!"):
        raise YamlError(
            _line(event), f"étiquette YAML « {tag} » interdite : retirez-la", field_path(path)
        )


def _scalar(event: yaml.ScalarEvent, path: Path) -> str | None:
    """A scalar's text, or None for a plain empty value, ``~`` or ``null``."""
    # decode() found none in the file: only an escape (« "\u202e" ») can make one
    if event.style == '"' and (bad := forbidden_character(event.value)) is not None:
        raise YamlError(_line(event), bad.split(", colonne")[0] + _ESCAPED, field_path(path))
    if event.implicit[0] and event.value in NULLS:  # plain (unquoted) empty or null
        return None
    return event.value


def _build(events: list[yaml.Event], i: int, path: Path, lines: Lines) -> tuple[object, int]:
    """Build the value starting at ``events[i]``; return it and the index after it. A scalar,
    the most frequent value by far, is read without a recursive call."""
    event = events[i]
    _refuse(event, path)
    lines.by_path.setdefault(path, event.start_mark.line + 1)
    kind = type(event)
    if kind is _SCALAR:
        return _scalar(event, path), i + 1
    if kind is _SEQUENCE:
        items: list[object] = []
        i += 1
        while type(event := events[i]) is not _SEQUENCE_END:
            where = (*path, len(items))
            if type(event) is _SCALAR:
                _refuse(event, where)
                lines.by_path.setdefault(where, event.start_mark.line + 1)
                items.append(_scalar(event, where))
                i += 1
            else:
                item, i = _build(events, i, where, lines)
                items.append(item)
        return items, i + 1
    if kind is _MAPPING:
        mapping: dict[str, object] = {}
        i += 1
        while type(key_event := events[i]) is not _MAPPING_END:
            if type(key_event) is not _SCALAR:
                raise YamlError(_line(key_event), "clé invalide : une clé est un simple mot")
            key = key_event.value
            where = (*path, key)
            if key in mapping:
                first = lines.by_path[where]
                raise YamlError(
                    _line(key_event),
                    f"clé « {key} » en double (déjà présente ligne {first}) : "
                    "gardez-en une seule, sinon l'une des deux valeurs serait perdue",
                    field_path(where),
                )
            lines.by_path[where] = key_event.start_mark.line + 1
            if type(event := events[i + 1]) is _SCALAR:
                _refuse(event, where)
                mapping[key] = _scalar(event, where)
                i += 2
            else:
                mapping[key], i = _build(events, i + 1, where, lines)
        return mapping, i + 1
    raise YamlError(_line(event), "structure YAML inattendue")  # pragma: no cover
