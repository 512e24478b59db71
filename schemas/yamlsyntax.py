"""PyYAML's syntax errors in French, at the line a contributor should look at.

>>> key_of("  - titre: Le jardin")
'titre'
"""

from __future__ import annotations

import re

import yaml

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


_OPENERS = {
    "quoted scalar": ("guillemet", "", {'"': '"', "'": "'"}),
    "flow sequence": ("crochet", "", {"[": "]"}),
    "flow mapping": ("accolade", "e", {"{": "}"}),
}


def syntax_error(err: yaml.MarkedYAMLError, text_lines: list[str]) -> tuple[int, str, str]:
    """A French message at the line to look at: where an unclosed quote or bracket was
    opened (the parser's "context mark"), otherwise where the parser gave up: ``(line,
    message, key)``."""
    problem = (err.problem or "").strip()
    context, start = err.context or "", err.context_mark
    opener = next((o for key, o in _OPENERS.items() if key in context), None)
    if opener and start is not None and problem.startswith(("found unexpected end", "did not")):
        word, e, pairs = opener
        line_text = _at(text_lines, start.line + 1)
        char = line_text[start.column : start.column + 1]
        closing = pairs.get(char, next(iter(pairs.values())))
        where = f"ouvert{e} ici (colonne {start.column + 1}) et jamais refermé{e}"
        return (
            start.line + 1,
            f"syntaxe YAML invalide : {word} « {char or closing} » {where} : "
            f"ajoutez « {closing} » à la fin de la valeur",
            key_of(line_text),
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
    return line, f"syntaxe YAML invalide : {hint}", key_of(_at(text_lines, line))


def _at(text_lines: list[str], line: int) -> str:
    return text_lines[line - 1] if 0 < line <= len(text_lines) else ""


_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def key_of(line: str) -> str:
    """The key written on a line (``  titre: …`` → ``titre``), to name it in an error."""
    match = _KEY.match(line)
    return match.group(1) if match else ""
