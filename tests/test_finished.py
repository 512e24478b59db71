"""Every page reads as a finished French publication: the article of every built page (the real
site, with its git history) has no raw Markdown or Jinja left, no English prose, and no word
that a French spelling check does not know.

- raw syntax: ``??? ``, ``!!! ``, ``{{``, ``{%``, ``{#``, ``](``, ``**``, ``__``, a line that
  starts with ``#``, ``|---``, a backtick or an HTML entity escaped twice (``&quot;``) in the
  text a reader sees (code aside);
- English: a paragraph with more common English function words (the, and, with, of…) than
  French ones (le, et, avec…);
- spelling: ``hunspell -d fr_FR`` (Debian's hunspell and hunspell-fr: the test fails naming
  them if they are missing), plus the project's own words, one a line, in
  ``tests/mots-du-projet.txt`` (names of places, people and organisations, the référentiel's
  vocabulary). A misspelt word is fixed where it is written, never added to that list.

Names, quotes, titles of sources and code are not prose: ``code``, ``pre``, ``kbd``,
``samp``, ``cite``, ``q``, ``blockquote`` and any element whose ``lang`` is not French are
left out of the last two checks (the first skips code only). Acronyms (words in capitals) are
not spell-checked, nor the models' field names on the field reference (« Référence des
champs »), where they are what a contributor types.

The list itself is checked too: each of its words must be one that a page needs (neither known
to hunspell nor gone from the site).

``python -m tests.test_finished site/`` prints the findings for an already built site.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks.contribuer.reference import document
from schemas.kinds import KINDS
from schemas.referentiel import Referentiel

from .depot import COPIED, ROOT, copy_repository
from .outils import require, require_french_hunspell
from .test_site import build

WORDS = ROOT / "tests" / "mots-du-projet.txt"
FIELD_REFERENCE = "contribuer/reference/"  # pages where field names are words
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
HIDDEN = {"script", "style", "svg", "template", "code", "pre", "kbd", "samp", "textarea"}
FOREIGN = {"cite", "q", "blockquote"}  # names, quotes and titles: not our prose
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "figcaption", "caption", "summary", "div"}
BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "section", "details", "table", "tr", "ul", "ol"}
BLOCKS |= {"blockquote", "label", "option", "legend", "button", "nav", "form", "fieldset", "br"}
# Markdown, Jinja ({{ }}, {% %}, {# #}) and HTML escaped twice (&amp;quot; shows as &quot;).
RAW = re.compile(
    r"\?\?\?\+? |!!! |\{\{|\{%|\{#|\]\(|\*\*|__|`|\|\s*-{3}|^\s*#{1,6}\s|&#?\w+;",
    flags=re.MULTILINE,
)
ENGLISH = {"the", "and", "with", "of", "is", "are", "this", "that", "for", "to", "from", "by"}
ENGLISH |= {"be", "was", "has", "have", "not", "which", "its", "their", "when", "into", "may"}
FRENCH = {"le", "la", "les", "de", "des", "du", "et", "un", "une", "est", "en", "pour", "avec"}
FRENCH |= {"dans", "que", "qui", "sur", "au", "aux", "par", "son", "sa", "ses", "ce", "il", "elle"}
# Addresses, e-mails and file names are not words; nor are paths and identifiers
# (referentiel/sources/, referentiel-2019), which WORD leaves out.
NOT_WORDS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:[a-z]{2,4})\b")
WORD = re.compile(r"(?<![\w@./-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@/]|[.-]\w)")
# Soft hyphens and zero-width spaces: break points inside a word, not between two.
BREAKS = dict.fromkeys(map(ord, "\u00ad\u200b"))


class Article(HTMLParser):
    """The text of a page's ``<article>``, paragraph by paragraph: what a reader sees (code
    aside), and what is our prose (names, quotes, titles and foreign text aside too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, foreign)
        self.seen: list[str] = []  # per paragraph: visible text
        self.prose: list[str] = []  # per paragraph: our French prose
        self._seen = self._prose = ""

    def _flush(self) -> None:
        if self._seen.strip():
            self.seen.append(self._seen)
        if self._prose.strip():
            self.prose.append(self._prose)
        self._seen = self._prose = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        inside = bool(self.stack)
        if not inside and tag != "article":
            return
        if tag in BLOCKS:
            self._flush()
        if tag in VOID:
            return
        hidden, foreign = self.stack[-1][1:] if inside else (False, False)
        classes = (values.get("class") or "").split()
        hidden = hidden or tag in HIDDEN or "headerlink" in classes
        lang = values.get("lang")
        foreign = foreign or tag in FOREIGN or bool(lang and not lang.startswith("fr"))
        self.stack.append((tag, hidden, foreign))

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag in BLOCKS or not self.stack:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1][1]:
            return
        self._seen += data
        if not self.stack[-1][2]:
            self._prose += data


def read(path: Path) -> Article:
    article = Article()
    article.feed(path.read_text(encoding="utf-8"))
    article.close()
    return article


def raw_syntax(article: Article) -> list[str]:
    """The paragraphs that show Markdown or Jinja syntax, each cut to 80 characters."""
    return [" ".join(p.split())[:80] for p in article.seen if RAW.search(p)]


def english(paragraph: str) -> bool:
    """A paragraph in English: two or more common English function words (the, and, with…),
    and more of them than of French ones (le, et, avec…).

    >>> english("Justified links: an experience's balise may come with a phrase")
    True
    >>> english("Le collectif « Friends of the Earth » anime un atelier avec la mairie.")
    False
    """
    words = re.findall(r"[^\W\d_]+", paragraph.lower())
    hits = sum(w in ENGLISH for w in words)
    return hits >= 2 and hits > sum(w in FRENCH for w in words)


def words(paragraph: str) -> set[str]:
    """The words to spell-check: no address, path, acronym or single letter.

    >>> sorted(words("L’AMAP de Loos-en-Gohelle (voir referentiel.json, 1er) : https://x.org"))
    ['Loos-en-Gohelle', 'de', 'voir']
    >>> sorted(words("Expé\u00adriences (dossier referentiel/sources/, fiche referentiel-2019)"))
    ['Expériences', 'dossier', 'fiche']
    """
    found = WORD.findall(NOT_WORDS.sub(" ", paragraph.translate(BREAKS)))
    return {w for w in found if len(w) > 1 and not w.isupper()}


@cache
def field_names() -> set[str]:
    """Every field of the models: words of the field reference (``departements``), and of it
    only."""
    models = [k.model for k in KINDS] + [Referentiel]
    return {field.name for m in models for doc in document(m) for field in doc.fields}


def project_words() -> set[str]:
    """The project's word list, lowercased (a name is known whatever its case)."""
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and line[0] != "#"}


def parts_of(candidates: set[str]) -> set[str]:
    """The words and each part of a compound (``Loos-en-Gohelle``: Loos, en, Gohelle)."""
    return candidates | {p for w in candidates for p in re.split(r"['’-]", w) if p}


def misspelt(candidates: set[str]) -> set[str]:
    """The words (and parts of compounds) hunspell's French dictionary does not know."""
    command = [require_french_hunspell(), "-d", "fr_FR", "-i", "utf-8", "-l"]
    result = subprocess.run(
        command,
        input="\n".join(sorted(parts_of(candidates))),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return set(result.stdout.split())


def unknown(candidates: set[str], known: set[str]) -> set[str]:
    """The words that neither hunspell's French dictionary nor the project's list knows; a
    compound (``Loos-en-Gohelle``) is known when each of its parts is."""
    wrong = misspelt(candidates)

    def knows(word: str) -> bool:
        return word not in wrong or word.lower() in known

    def compound_known(word: str) -> bool:
        pieces = [p for p in re.split(r"['’-]", word) if p]
        return len(pieces) > 1 and all(knows(p) or p.isupper() for p in pieces)

    return {w for w in candidates if not knows(w) and not compound_known(w)}


def findings(site: Path) -> dict[str, dict[str, list[str]]]:
    """``{"syntaxe": {page: [paragraph…]}, "anglais": {…}, "orthographe": {word: [page…]}}``."""
    raw: dict[str, list[str]] = {}
    foreign: dict[str, list[str]] = {}
    pages_of: dict[str, list[str]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        article = read(path)
        if found := raw_syntax(article):
            raw[name] = found
        if found := [" ".join(p.split())[:80] for p in article.prose if english(p)]:
            foreign[name] = found
        found_words = set().union(*map(words, article.prose))
        if name.startswith(FIELD_REFERENCE):
            found_words -= field_names()
        for word in found_words:
            pages_of[word].append(name)
    known = project_words()
    wrong = unknown(set(pages_of), known)
    needed = {w.lower() for w in misspelt(set(pages_of))}  # what hunspell alone rejects
    return {
        "syntaxe": raw,
        "anglais": foreign,
        "orthographe": {w: pages_of[w] for w in sorted(wrong, key=str.lower)},
        "liste": {w: ["aucune page n'en a besoin"] for w in sorted(known - needed)},
    }


def report(found: dict[str, list[str]], limit: int = 60) -> str:
    """One line per page (or word) and what was found there, for a failure message."""
    lines = [f"{key} : {' | '.join(values[:3])}" for key, values in found.items()]
    more = [f"… et {len(lines) - limit} autres"] if len(lines) > limit else []
    return "\n".join(lines[:limit] + more)


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """The real site built once, from a clone (for the history of « Nouveautés » and
    « Versions ») with the working tree's records, templates and settings."""
    require_french_hunspell()
    root = tmp_path_factory.mktemp("fini") / "depot"
    if (ROOT / ".git").exists():  # else an archive: the site is built without its history
        subprocess.run([require("git"), "clone", "-q", str(ROOT), str(root)], check=True)
        for name in COPIED:  # the clone's committed copy, replaced by the working tree's
            if (root / name).is_dir():
                shutil.rmtree(root / name)
            else:
                (root / name).unlink(missing_ok=True)
    copy_repository(root)
    if (ROOT / ".mailmap").is_file():
        shutil.copy2(ROOT / ".mailmap", root / ".mailmap")
    result = build(root, "--sans-pdf")
    assert result.returncode == 0, result.stderr
    return findings(root / "site")


def test_no_raw_markdown_or_jinja_on_any_page(found) -> None:
    raw = found["syntaxe"]
    assert not raw, f"syntaxe brute sur {len(raw)} page(s) :\n" + report(raw)


def test_no_english_prose_on_any_page(found) -> None:
    prose = found["anglais"]
    assert not prose, f"texte en anglais sur {len(prose)} page(s) :\n" + report(prose)


def test_every_word_is_french_or_one_of_the_project(found) -> None:
    wrong = found["orthographe"]
    assert not wrong, (
        f"{len(wrong)} mot(s) inconnus du dictionnaire (hunspell-fr) et de "
        f"tests/mots-du-projet.txt, avec leurs pages : corrigez la faute là où elle est "
        f"écrite ; un nom propre ou un mot du référentiel va dans la liste.\n" + report(wrong)
    )


def test_the_word_list_holds_only_words_a_page_needs(found) -> None:
    """An entry no page needs (hunspell knows it, or no page writes it any more) goes: the
    list stays a list of names and référentiel words that the site does use."""
    unused = found["liste"]
    assert not unused, "tests/mots-du-projet.txt, à retirer :\n" + report(unused)


def test_the_checks_find_what_they_look_for() -> None:
    article = Article()
    article.feed(
        '<body><p>Hors article</p><article><h1>Titre<a class="headerlink">¶</a></h1>'
        '<p>??? note "Fiches ajoutées"</p><p>Voir <code>**gras**</code> et '
        '<cite>The Book of the Dead</cite> avec <span lang="en">the best of all</span>.</p>'
        "<p>Les Anges Gardens &amp;quot;</p></article><p>après</p></body>"
    )
    assert article.seen == [
        "Titre",
        '??? note "Fiches ajoutées"',
        "Voir  et The Book of the Dead avec the best of all.",
        "Les Anges Gardens &quot;",
    ]
    assert article.prose[2] == "Voir  et  avec ."
    assert raw_syntax(article) == ['??? note "Fiches ajoutées"', "Les Anges Gardens &quot;"]
    assert unknown({"Anges", "Gardens", "Gardins", "Gohelle", "Loos-en-Gohelle"}, {"gohelle"}) == {
        "Gardens",
        "Gardins",
    }


if __name__ == "__main__":  # python -m tests.test_finished [site]
    import sys

    for check, found_here in findings(Path(sys.argv[1] if len(sys.argv) > 1 else "site")).items():
        print(f"== {check} ({len(found_here)})")
        print(report(found_here, limit=10_000))
