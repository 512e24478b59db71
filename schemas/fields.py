"""The field types shared by every record, each with a French error that says what to write.

``Ref("balise")`` marks a field whose values are ids of another record: the index checks
them once every file is loaded (see :mod:`schemas.index`).
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Length limits, in characters: shown in the JSON Schemas (``maxLength``), the field
# reference and the editor. Titles and names must fit a heading, a PDF card and a CSV cell;
# the longest of the 2019 référentiel is 136 characters. Markdown texts are generous (the
# longest chapter is about 6,400 characters).
MAX_TITRE = 150
MAX_NOM = 120
MAX_TEXTE_SIMPLE = 300
MAX_MARKDOWN = 20_000
MAX_SLUG = 80
MAX_URL = 500
MAX_PAGES = 50
# Search keywords (``mots_cles``): short phrases, a handful per record.
MAX_MOT_CLE = 60
MAX_MOTS_CLES = 15

# The text that ``python build.py new territoire`` writes in every field to fill in. ``check``
# refuses it wherever it is left, so that a template cannot be published as it is; the
# template (hooks/contribuer/nouveau-territoire.yml.j2) receives this very constant.
PLACEHOLDER = "À compléter"

# An optional list, empty when the file leaves it out: ``Field(**EMPTY_LIST, description=…)``.
# A new list per record (not a ``[]`` default, which pydantic-core would deep-copy for every
# record that omits the field: 12,000 copies at a thousand territories); the JSON Schema
# still says ``"default": []``.
EMPTY_LIST: dict[str, Any] = {"default_factory": list, "json_schema_extra": {"default": []}}
_PLACEHOLDER = re.compile(r"\b[ÀA] compl[ée]ter\b")
_SLUG = re.compile(SLUG_PATTERN)
_PAGES = re.compile(r"^\d+( ?[-–] ?\d+)?(, ?\d+( ?[-–] ?\d+)?)*$")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_CONTROL = re.compile(r"[\x00-\x1f]")  # a line break, a tab… (below the space)


@dataclass(frozen=True)
class Ref:
    """Marks a field holding ids of records of ``kind`` (``"*"``: any), checked by the index."""

    kind: str


def nested_model(annotation: object) -> type[BaseModel] | None:
    """The model inside an annotation: ``list[Experience] | None`` → ``Experience``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def thousands(value: int) -> str:
    """``20000`` → ``20 000``: thousands as French writes them (a narrow no-break space).

    >>> thousands(20000) == "20\u202f000"
    True
    """
    return f"{value:,}".replace(",", "\u202f")


_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")


def one_line(text: str) -> str:
    """``text`` with its line breaks (of any kind) turned into spaces."""
    return _BREAKS.sub(" ", text).strip()


def shown(value: object, limit: int = 60) -> str:
    """A contributor's value as an error quotes it: on one line, cut after ``limit`` characters.

    >>> shown("une valeur\\nsur deux lignes"), shown("x" * 100)[-2:]
    ('une valeur sur deux lignes', 'x…')
    """
    text = one_line(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_placeholder(value: str) -> bool:
    """Whether ``value`` still holds the template's « À compléter » (capital A: the verb
    « compléter » in ordinary prose stays allowed).

    >>> find_placeholder("À compléter : titre"), find_placeholder("il faut compléter les comptes")
    (True, False)
    """
    return bool(_PLACEHOLDER.search(value))


_LOOKALIKE = re.compile(r"[^\x20-\x7e]")  # not ASCII: a no-break space, « е », « ‐ »…


def check_slug(value: str) -> str:
    """An id: lowercase ASCII letters, digits and single hyphens. A look-alike character
    (a Cyrillic « е », a non-breaking space) is named with its code, since it cannot be seen.
    """
    if not _SLUG.match(value):
        odd = _LOOKALIKE.search(value)
        which = f" (caractère « {odd.group()} », U+{ord(odd.group()):04X})" if odd else ""
        raise PydanticCustomError(
            "slug",
            "identifiant « {value} » invalide{which} : lettres minuscules sans accent, chiffres "
            "et tirets simples, par exemple « amap-et-marche »",
            {"value": shown(value), "which": which},
        )
    return value


def check_plain_text(value: str) -> str:
    """Plain text goes into titles, the navigation and meta tags: no markup, one line."""
    value = value.strip()
    if not value:
        raise PydanticCustomError("plain_empty", "texte vide : écrivez un titre ou un nom")
    if "<" in value or ">" in value:
        raise PydanticCustomError(
            "plain_markup",
            "les signes < et > sont interdits dans un texte simple (pas de HTML) : "
            "écrivez le texte sans balise",
        )
    if _ENTITY.search(value):
        raise PydanticCustomError(
            "plain_entity",
            "entité HTML interdite dans un texte simple : écrivez le caractère lui-même",
        )
    if _CONTROL.search(value):
        raise PydanticCustomError(
            "plain_newline", "un texte simple tient sur une ligne : retirez le retour à la ligne"
        )
    return value


def check_pages(value: str) -> str:
    if not _PAGES.match(value.strip()):
        raise PydanticCustomError(
            "pages",
            'pages « {value} » illisibles : écrivez par exemple "32", "18-19" ou "12, 40"',
            {"value": shown(value)},
        )
    return value.strip()


def check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
        raise PydanticCustomError(
            "url",
            "adresse « {value} » invalide : écrivez l'adresse complète, commençant par "
            "https:// (ou http://)",
            {"value": shown(value)},
        )
    return value.strip()


def check_markdown(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("markdown_empty", "texte vide : écrivez au moins une phrase")
    return value


Slug = Annotated[str, Field(max_length=MAX_SLUG), AfterValidator(check_slug)]
PlainText = Annotated[str, Field(max_length=MAX_TEXTE_SIMPLE), AfterValidator(check_plain_text)]
Titre = Annotated[str, Field(max_length=MAX_TITRE), AfterValidator(check_plain_text)]
Nom = Annotated[str, Field(max_length=MAX_NOM), AfterValidator(check_plain_text)]
Markdown = Annotated[str, Field(max_length=MAX_MARKDOWN), AfterValidator(check_markdown)]
Pages = Annotated[str, Field(max_length=MAX_PAGES), AfterValidator(check_pages)]
Url = Annotated[str, Field(max_length=MAX_URL), AfterValidator(check_url)]
HexColor = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
MotCle = Annotated[str, Field(max_length=MAX_MOT_CLE), AfterValidator(check_plain_text)]


class Strict(BaseModel):
    """Base of every record: unknown fields are refused (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    """A source cited by a record: either a bibliography record, or a title and an address."""

    source: Annotated[Slug | None, Ref("source")] = Field(
        None,
        description="Identifiant d'une source de la bibliographie (referentiel/sources/), "
        "par exemple referentiel-2019.",
    )
    titre: Titre | None = Field(
        None, description="Titre du document cité, s'il n'est pas dans la bibliographie."
    )
    url: Url | None = Field(None, description="Adresse web du document (http ou https).")
    pages: Pages | None = Field(None, description='Pages citées, par exemple "32" ou "18-19".')

    @model_validator(mode="after")
    def _source_or_title(self) -> SourceRef:
        if not self.source and not self.titre:
            raise PydanticCustomError(
                "source_vide",
                "indiquez « source: » (un identifiant de la bibliographie) ou « titre: » "
                "(le titre du document)",
            )
        return self


Concepts = Annotated[list[Slug], Ref("concept")]
Sources = list[SourceRef]

# How many experiences a PDF shows under each balise, mode de faire or dispositif: the
# rest is counted and linked (``hooks/pdf/selection.py`` applies the rule).
PRINTED_EXAMPLES = 3
EXEMPLES = (
    f"Territoires dont les expériences illustrent cette fiche en premier dans les PDF (au plus "
    f"{PRINTED_EXAMPLES} expériences y sont imprimées). Sans ce champ, ou pour compléter : les "
    "villes pairs du référentiel, puis les territoires mis à jour le plus récemment."
)
Exemples = Annotated[list[Slug], Ref("territoire")]

# Ids are forever (schemas/permanence.py): a record renamed lists its former ids, a record
# withdrawn stays, with when, why and what replaces it.
VERSION_PATTERN = r"^\d+\.\d+(\.\d+)?$"


class Retrait(Strict):
    """A record withdrawn from the référentiel: kept so that its address and citations live."""

    version: Annotated[str, Field(pattern=VERSION_PATTERN)] = Field(
        description="Version du référentiel qui la retire, par exemple « 1.1 »."
    )
    motif: PlainText = Field(description="Pourquoi elle est retirée, en une phrase.")
    remplace_par: Annotated[Slug, Ref("*")] | None = Field(
        None, description="Identifiant de la fiche qui la remplace, s'il y en a une."
    )


def anciens_ids() -> Any:
    """The ``anciens_ids`` field of every kind of record."""
    return Field(
        **EMPTY_LIST,
        description="Identifiants que cette fiche a portés dans des versions publiées (noms de "
        "fichier avant un renommage) : leurs adresses mènent ici.",
    )


def mots_cles() -> Any:
    """The ``mots_cles`` field of the référentiel's records: the words readers search with
    that the record's text does not use (``hooks/recherche/records.py`` indexes them)."""
    return Field(
        **EMPTY_LIST,
        max_length=MAX_MOTS_CLES,
        description="Mots que les lecteurs tapent dans la recherche sans que le texte de la "
        "fiche les emploie : expressions d'usage courant, synonymes, sigles. "
        f"Au plus {MAX_MOTS_CLES} expressions, de {MAX_MOT_CLE} caractères chacune au plus, en "
        "texte simple. "
        "La recherche trouve la fiche par ces mots et la place devant les pages qui ne font que "
        "les citer ; ils ne sont pas affichés sur la fiche, seulement sous son titre dans les "
        "résultats de recherche qu'ils expliquent.",
    )


def retrait() -> Any:
    """The ``retrait`` field of every kind of record."""
    return Field(
        None,
        description="Si la fiche est retirée du référentiel : la version, le motif et la fiche "
        "qui la remplace. Elle reste publiée, avec ces indications.",
    )
