"""The table of record kinds: where each lives, which model checks it, how it is named."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .balise import Balise
from .chapitre import Chapitre
from .concept import Concept, Source
from .enjeu import Enjeu
from .parcours import Parcours
from .pratique import Dispositif, ModeDeFaire
from .territoire import Territoire


@dataclass(frozen=True)
class Kind:
    """A kind of record: ``Kind('balise', 'balises', Balise, 'balise', 'balises')``."""

    name: str
    folder: str
    model: type[BaseModel]
    label: str
    plural: str
    feminine: bool = True

    def __repr__(self) -> str:
        return f"Kind({self.name!r})"


KINDS: tuple[Kind, ...] = (
    Kind("enjeu", "referentiel/enjeux", Enjeu, "enjeu", "enjeux", feminine=False),
    Kind("balise", "balises", Balise, "balise", "balises"),
    Kind(
        "mode_de_faire",
        "referentiel/modes-de-faire",
        ModeDeFaire,
        "mode de faire",
        "modes de faire",
        feminine=False,
    ),
    Kind(
        "dispositif",
        "referentiel/dispositifs",
        Dispositif,
        "dispositif",
        "dispositifs",
        feminine=False,
    ),
    Kind("chapitre", "referentiel/chapitres", Chapitre, "chapitre", "chapitres", feminine=False),
    Kind("concept", "referentiel/concepts", Concept, "concept", "concepts", feminine=False),
    Kind("source", "referentiel/sources", Source, "source", "sources"),
    Kind("parcours", "referentiel/parcours", Parcours, "parcours", "parcours", feminine=False),
    Kind("territoire", "territoires", Territoire, "territoire", "territoires", feminine=False),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
METADATA_FILE = "referentiel/referentiel.yml"
