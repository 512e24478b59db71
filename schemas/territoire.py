"""A territory and its experiences: the file contributors write (``territoires/<id>.yml``).

The field names are a contract that contributors and their tools rely on: add optional
fields if needed, never rename one.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

from .codes import COMMUNE_PATTERN, DEPARTEMENT_PATTERN, MAX_COMMUNES, CodeCommune, CodeDepartement
from .fields import (
    EMPTY_LIST,
    Concepts,
    Markdown,
    Nom,
    PlainText,
    Ref,
    Retrait,
    Slug,
    Sources,
    Strict,
    Titre,
    Url,
    anciens_ids,
    retrait,
)
from .relecture import Decrite, Relue, check_order

TypeTerritoire = Literal[
    "commune", "intercommunalite", "metropole", "pays", "pnr", "departement", "region", "autre"
]
# How pages, filters and exports name each kind of territory.
TYPE_LABELS: dict[str, str] = {
    "commune": "Commune",
    "intercommunalite": "Intercommunalité",
    "metropole": "Métropole",
    "pays": "Pays (territoire de projet)",
    "pnr": "Parc naturel régional",
    "departement": "Département",
    "region": "Région",
    "autre": "Autre territoire",
}


class Coordonnees(Strict):
    """A point in WGS 84 (the coordinates of online maps)."""

    lat: float = Field(
        ge=-90,
        le=90,
        allow_inf_nan=False,
        description="Latitude en degrés décimaux, par exemple 49.52.",
    )
    lon: float = Field(
        ge=-180,
        le=180,
        allow_inf_nan=False,
        description="Longitude en degrés décimaux, par exemple 1.04.",
    )


class BaliseCitee(Strict):
    """The justified form of a balise in an experience: its id and the sentence that says why.

    Contributors write it as a block, or the id alone: either way the experience holds a
    :class:`BaliseId`.
    """

    id: Annotated[Slug, Ref("balise")] = Field(
        examples=["construire-le-recit"],
        description="Identifiant de la balise (le nom de son fichier dans balises/, sans .yml).",
    )
    pourquoi: PlainText | None = Field(
        None,
        examples=["Le journal municipal raconte chaque mois un chantier mené avec les habitants."],
        description="En une phrase, pourquoi l'expérience illustre cette balise (texte simple, "
        "300 caractères au plus) : elle s'affiche à côté du lien, sur la page du territoire et "
        "sur celle de la balise.",
    )


class BaliseId(str):
    """The id of a balise as an experience cites it, with its sentence (``pourquoi``) or None.

    It is the id itself, so that links, counts and filters read ``experience.balises`` as the
    list of ids it has always been; the sentence does not take part in comparisons.

    >>> x = Experience.model_validate({"id": "x", "titre": "X", "resume": "…", "balises": [
    ...     "elargir-le-regard", {"id": "construire-le-recit", "pourquoi": "Un journal."}]})
    >>> x.balises, x.balises[1].pourquoi, x.balises[1] == "construire-le-recit"
    ([BaliseId('elargir-le-regard'), BaliseId('construire-le-recit', pourquoi='Un journal.')], \
'Un journal.', True)
    """

    pourquoi: str | None

    def __new__(cls, balise_id: str, pourquoi: str | None = None) -> BaliseId:
        self = super().__new__(cls, balise_id)
        self.pourquoi = pourquoi
        return self

    def __repr__(self) -> str:
        why = "" if self.pourquoi is None else f", pourquoi={self.pourquoi!r}"
        return f"BaliseId({str(self)!r}{why})"


_SLUG: TypeAdapter[str] = TypeAdapter(Slug)


def _read(value: object) -> BaliseId:
    """An id (``construire-le-recit``) or a block (``{id: …, pourquoi: …}``) → a
    :class:`BaliseId`; errors keep their place (the item, or its ``id`` or ``pourquoi``)."""
    if isinstance(value, BaliseId):
        return value
    if isinstance(value, dict):
        block = BaliseCitee.model_validate(value)
        return BaliseId(block.id, block.pourquoi)
    return BaliseId(_SLUG.validate_python(value))


def _as_written(balise: BaliseId) -> str | dict[str, str]:
    """Exports write a balise as a contributor may: its id alone when no sentence justifies
    it, so the data of a territory without sentences stays as it was."""
    if balise.pourquoi is None:
        return str(balise)
    return {"id": str(balise), "pourquoi": balise.pourquoi}


# One balise of an experience, in either form (the JSON Schema offers both; the field
# reference and the reference checks find the block model in the union).
CitedBalise = Annotated[
    BaliseId | BaliseCitee,
    PlainValidator(_read, json_schema_input_type=Slug | BaliseCitee),
    PlainSerializer(_as_written),
]


class Experience(Strict):
    """An experience of the territory, linked to the balises it illustrates."""

    id: Slug = Field(
        examples=["amap-et-marche"],
        description="Identifiant de l'expérience, unique dans son territoire (ancre de sa "
        "section). Une expérience écrite dans son propre fichier n'a pas ce champ : "
        "l'identifiant est le nom du fichier.",
    )
    titre: Titre = Field(
        examples=["L'AMAP et le marché"], description="Titre de l'expérience (texte simple)."
    )
    periode: PlainText | None = Field(
        None, examples=["2016-2019"], description="Période, par exemple « 2016-2019 »."
    )
    decrite: Decrite | None = Field(
        None,
        examples=["2019", "2019-05"],
        description="Quand l'expérience a été décrite : l'année (2019), le mois (2019-05) ou "
        "le jour (2019-05-14), au plus tard aujourd'hui. Affichée sur la page du territoire ; "
        "sans date de relecture, c'est d'elle que part le délai de relecture.",
    )
    relue: Relue | None = Field(
        None,
        examples=["2026-03-14"],
        description="Jour où l'équipe éditoriale a relu l'expérience et l'a trouvée toujours "
        "juste (AAAA-MM-JJ, au plus tard aujourd'hui, pas avant « decrite ») : "
        "« python build.py relu » l'écrit. Passé le délai de relecture du référentiel, "
        "l'expérience est signalée « à relire ». Écrire cette date ne compte pas comme une "
        "modification du contenu.",
    )
    resume: Markdown = Field(
        examples=["Des habitants ont créé une AMAP…"],
        description="Ce qui a été fait, par qui, ce que cela a changé (Markdown).",
    )
    balises: Annotated[list[CitedBalise], Ref("balise")] = Field(
        min_length=1,
        examples=[
            ["cooperer-sans-etre-alignes"],
            [{"id": "construire-le-recit", "pourquoi": "Le journal raconte chaque chantier."}],
        ],
        description="Balises que l'expérience illustre (au moins une) : leurs identifiants, "
        "ou pour chacune un bloc « id: … » et « pourquoi: … », une phrase qui dit pourquoi "
        "l'expérience l'illustre. Les deux formes peuvent se mêler.",
    )
    modes_de_faire: Annotated[list[Slug], Ref("mode_de_faire")] = Field(
        **EMPTY_LIST,
        examples=[["conduire-en-cooperation"]],
        description="Modes de faire mis en œuvre (identifiants).",
    )
    dispositifs: Annotated[list[Slug], Ref("dispositif")] = Field(
        **EMPTY_LIST,
        examples=[["lieux-et-temps-de-partage"]],
        description="Dispositifs mis en place (identifiants).",
    )
    concepts: Concepts = Field(
        **EMPTY_LIST, description="Concepts opérationnels liés (identifiants)."
    )
    sources: Sources = Field(**EMPTY_LIST, description="Sources qui décrivent l'expérience.")

    @field_validator("relue")
    @classmethod
    def _relue_after_decrite(cls, relue: str | None, info: ValidationInfo) -> str | None:
        check_order(info.data.get("decrite"), relue)
        return relue

    def pourquoi(self, balise_id: str) -> str | None:
        """The sentence that justifies citing ``balise_id``, or None."""
        return next((b.pourquoi for b in self.balises if b == balise_id), None)


class Territoire(Strict):
    """A territory that contributes its experiences of the transition."""

    nom: Nom = Field(
        examples=["Malaunay"], description="Nom du territoire, par exemple « Malaunay »."
    )
    type: TypeTerritoire = Field(examples=["commune"], description="Nature du territoire.")
    pays: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = Field(
        "FR", description="Pays, code ISO 3166-1 alpha-2 en majuscules (FR, BE, CH…)."
    )
    departement: Annotated[str, Field(pattern=DEPARTEMENT_PATTERN)] | None = Field(
        None,
        description='Numéro du département, en texte : "76", "01", "2A". Pour un territoire '
        "qui s'étend sur plusieurs départements, écrivez plutôt departements (ou communes).",
    )
    departements: Annotated[list[CodeDepartement], Field(max_length=110)] = Field(
        **EMPTY_LIST,
        examples=[["29", "22", "56"]],
        description="Pour un territoire qui s'étend sur plusieurs départements (un parc, un "
        "pays) : leurs numéros, en texte, le principal d'abord. Le territoire figure sur la "
        "page de chacun et de leurs régions, et sur la carte au centre de ces départements. "
        "Inutile avec code_insee, siren ou communes, qui les donnent.",
    )
    code_insee: Annotated[str, Field(pattern=COMMUNE_PATTERN)] | None = Field(
        None,
        examples=["76402"],
        description="Code officiel géographique (INSEE) de la commune, 5 caractères : la "
        "construction en tire le département, la population et la position.",
    )
    siren: Annotated[str, Field(pattern=r"^\d{9}$")] | None = Field(
        None,
        examples=["242900314"],
        description="Numéro SIREN de l'intercommunalité (EPCI), 9 chiffres : la construction en "
        "tire le département, la population et la position, comme du code INSEE d'une commune.",
    )
    communes: Annotated[list[CodeCommune], Field(max_length=MAX_COMMUNES)] = Field(
        **EMPTY_LIST,
        examples=[["29024", "22266", "56066"]],
        description="Codes INSEE des communes membres, pour un territoire fait de plusieurs "
        "communes (un parc, un pays, un PETR) : la construction en tire ses départements et "
        "ses régions (il figure sur la page de chacun), sa population (la somme de celles des "
        "communes) et sa position sur la carte (le centre des communes).",
    )
    population: int | None = Field(
        None,
        ge=0,
        le=100_000_000,
        examples=[6132],
        description="Nombre d'habitants (entier, 100 millions au plus). Avec un code INSEE, "
        "un SIREN ou des communes, inutile : la population légale de l'INSEE est reprise.",
    )
    population_annee: int | None = Field(
        None,
        ge=1800,
        le=2100,
        examples=[2026],
        description="Année de la population donnée (celle où la population légale est en "
        "vigueur, pour l'INSEE).",
    )
    coordonnees: Coordonnees | None = Field(
        None, examples=[{"lat": 49.52, "lon": 1.04}], description="Position du territoire (WGS 84)."
    )
    site_web: Url | None = Field(
        None,
        examples=["https://www.malaunay.fr"],
        description="Site web du territoire (http ou https).",
    )
    resume: Markdown = Field(
        examples=["Commune de Seine-Maritime engagée dans la transition depuis 2008…"],
        description="Présentation du territoire et de sa démarche (Markdown).",
    )
    experiences: list[Experience] = Field(
        **EMPTY_LIST,
        description="Expériences écrites dans ce fichier. Chacune peut aussi avoir son propre "
        "fichier, territoires/<territoire>/<expérience>.yml : il en faut au moins une en tout.",
    )
    sources: Sources = Field(**EMPTY_LIST, description="Sources qui présentent le territoire.")
    anciens_ids: list[Slug] = anciens_ids()
    retrait: Retrait | None = retrait()
