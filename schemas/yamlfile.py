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


# PyYAML's messages are in English; these are the ones contributors actually meet.
_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "deux-points inattendu : mettez la valeur entre guillemets si elle contient « : »"
    ),
    "could not find expected ':'": "il manque « : » après un nom de champ",
    "cannot start any token": "caractère interdit en début de valeur (@, ` ou %) : mettez la "
    "valeur entre guillemets",
    "expected <block end>, but found '-'": "tiret mal aligné : vérifiez l'indentation de la liste",
    "did not find expected key": "indentation incohérente : alignez ce champ sur ses voisins",
    "found unexpected end of stream": "guillemet ou crochet jamais refermé",
    "found unknown escape character": "séquence « \\ » inconnue entre guillemets doubles : "
    "écrivez la valeur entre guillemets simples (') ou doublez la barre oblique (\\\\)",
    "did not find expected '-' indicator": "élément de liste mal aligné : vérifiez l'indentation",
}


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
            raise YamlError(number + 1, forbidden_character(line_text) or "", _key_of(line_text))
        raise YamlError(
            number + 1,
            "tabulation dans l'indentation : indentez avec des espaces",
            _key_of(line_text),
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
        raise _syntax_error(err, text.split("\n")) from None
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
    loader = _EVENTS_LOADER(text)
    events = []
    try:
        while (event := loader.get_event()) is not None:
            events.append(event)
    finally:
        loader.dispose()
    return events


_OPENERS = {
    "quoted scalar": ("guillemet", "", {'"': '"', "'": "'"}),
    "flow sequence": ("crochet", "", {"[": "]"}),
    "flow mapping": ("accolade", "e", {"{": "}"}),
}


def _syntax_error(err: yaml.MarkedYAMLError, text_lines: list[str]) -> YamlError:
    """A French message at the line to look at: where an unclosed quote or bracket was
    opened (the parser's "context mark"), otherwise where the parser gave up."""
    problem = (err.problem or "").strip()
    context, start = err.context or "", err.context_mark
    opener = next((o for key, o in _OPENERS.items() if key in context), None)
    if opener and start is not None and problem.startswith(("found unexpected end", "did not")):
        word, e, pairs = opener
        line_text = _at(text_lines, start.line + 1)
        char = line_text[start.column : start.column + 1]
        closing = pairs.get(char, next(iter(pairs.values())))
        where = f"ouvert{e} ici (colonne {start.column + 1}) et jamais refermé{e}"
        return YamlError(
            start.line + 1,
            f"syntaxe YAML invalide : {word} « {char or closing} » {where} : "
            f"ajoutez « {closing} » à la fin de la valeur",
            _key_of(line_text),
        )
    mark = err.problem_mark or start
    line = mark.line + 1 if mark else 1
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in problem), problem)
    before = _at(text_lines, line)[: mark.column] if mark else ""
    if problem.startswith(("did not find expected key", "expected <block end>")) and (
        before.endswith(("'", '"'))
    ):
        quote = before[-1]
        hint = f"texte après le guillemet fermant « {quote} » (colonne {mark.column}) : " + (
            "dans une valeur entre guillemets simples, doublez l'apostrophe (« 'L''eau' »)"
            if quote == "'"
            else "mettez la valeur entre guillemets simples (« 'Le \"grand\" projet' »)"
        )
    return YamlError(line, f"syntaxe YAML invalide : {hint}", _key_of(_at(text_lines, line)))


def _at(text_lines: list[str], line: int) -> str:
    return text_lines[line - 1] if 0 < line <= len(text_lines) else ""


_ESCAPED = " (écrit comme séquence d'échappement entre guillemets) : supprimez-le"
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def _key_of(line: str) -> str:
    """The key written on a line (``  titre: …`` → ``titre``), to name it in an error."""
    match = _KEY.match(line)
    return match.group(1) if match else ""


def field_path(path: Path) -> str:
    """``("experiences", 0, "balises", 1)`` → ``"experiences.balises"``: names, not indexes,
    as errors, backlinks and open data name a field."""
    return ".".join(str(part) for part in path if isinstance(part, str))


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1


def _build(events: list[yaml.Event], i: int, path: Path, lines: Lines) -> tuple[object, int]:
    """Build the value starting at ``events[i]``; return it and the index after it."""
    event = events[i]
    if len(path) > MAX_DEPTH:
        raise YamlError(
            _line(event),
            f"valeurs imbriquées sur plus de {MAX_DEPTH} niveaux : aucune fiche n'en a besoin, "
            "vérifiez l'indentation et les crochets",
            field_path(path),
        )
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise YamlError(
            _line(event),
            "ancres et alias YAML (& et *) interdits : écrivez chaque valeur en entier",
            field_path(path),
        )
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        raise YamlError(
            _line(event), f"étiquette YAML « {tag} » interdite : retirez-la", field_path(path)
        )
    lines.by_path.setdefault(path, _line(event))
    if isinstance(event, yaml.ScalarEvent):
        # decode() found none in the file: only an escape (« "\u202e" ») can make one
        if event.style == '"' and (bad := forbidden_character(event.value)) is not None:
            raise YamlError(_line(event), bad.split(", colonne")[0] + _ESCAPED, field_path(path))
        if event.implicit[0] and event.value in NULLS:  # plain (unquoted) empty or null
            return None, i + 1
        return event.value, i + 1
    if isinstance(event, yaml.SequenceStartEvent):
        items: list[object] = []
        i += 1
        while not isinstance(events[i], yaml.SequenceEndEvent):
            item, i = _build(events, i, (*path, len(items)), lines)
            items.append(item)
        return items, i + 1
    if isinstance(event, yaml.MappingStartEvent):
        mapping: dict[str, object] = {}
        i += 1
        while not isinstance(events[i], yaml.MappingEndEvent):
            key_event = events[i]
            if not isinstance(key_event, yaml.ScalarEvent):
                raise YamlError(_line(key_event), "clé invalide : une clé est un simple mot")
            key = key_event.value
            if key in mapping:
                first = lines.by_path[(*path, key)]
                raise YamlError(
                    _line(key_event),
                    f"clé « {key} » en double (déjà présente ligne {first}) : "
                    "gardez-en une seule, sinon l'une des deux valeurs serait perdue",
                    field_path((*path, key)),
                )
            lines.by_path[(*path, key)] = _line(key_event)
            mapping[key], i = _build(events, i + 1, (*path, key), lines)
        return mapping, i + 1
    raise YamlError(_line(event), "structure YAML inattendue")  # pragma: no cover
