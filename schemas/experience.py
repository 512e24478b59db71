"""One experience, one file: ``territoires/<territoire>/<experience>.yml``.

Adding an experience to a territory is adding a file next to it, so that two contributors
never edit the same file. The file holds the fields of an experience written inside a
territory file, without ``id`` (the file name is the id, the anchor of its section on the
territory page), and starts with ``territoire:``, the folder it belongs in: a file put in
the wrong place, or received by mail, says where it goes.

The index merges these experiences into their territory's ``experiences`` (after those
written in the territory file, in file-name order), so that pages, backlinks and exports read
one list, as before; :func:`origins` says where each experience is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass
from pathlib import Path as FsPath

from pydantic import BaseModel, Field, ValidationError, create_model

from .errors import Erreur, from_validation, suggestion
from .fields import Slug, Strict, shown
from .loader import Loaded, load_record
from .territoire import Experience, Territoire

FOLDER = "territoires"

# The model of an experience file: ``territoire`` first, then every field of an experience
# but its id (built from :class:`Experience`, so that a field added there is added here).
ExperienceFichier: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "ExperienceFichier",
    __base__=Strict,
    __doc__="An experience in its own file, next to its territory's file.",
    territoire=(
        Slug,
        Field(
            examples=["loos-en-gohelle"],
            description="Identifiant du territoire (le nom de son fichier dans territoires/, "
            "sans .yml) : le fichier de l'expérience est rangé dans le dossier du même nom, à "
            "côté de ce fichier. Le nom du fichier de l'expérience est son identifiant.",
        ),
    ),
    **{n: (i.annotation, copy(i)) for n, i in Experience.model_fields.items() if n != "id"},
)


@dataclass
class ExperienceFile:
    """``territoires/<territoire>/<id>.yml`` as read: its folder, id and record."""

    territoire: str
    id: str
    record: Loaded
    experience: Experience | None = None


def load_experience(root: FsPath, path: FsPath, erreurs: list[Erreur]) -> ExperienceFile | None:
    """Read and validate one experience file, appending its problems to ``erreurs``."""
    start = len(erreurs)
    record = load_record(root, path, ExperienceFichier, erreurs)
    if record is None:
        return None
    erreurs[start:] = [_clearer(e, path) for e in erreurs[start:]]
    found = ExperienceFile(path.parent.name, path.stem, record)
    if record.data is not None:
        fields = {k: v for k, v in record.raw.items() if k != "territoire"}
        try:  # the experience's own checks, if any, run here
            found.experience = Experience.model_validate({"id": path.stem, **fields})
        except ValidationError as err:
            erreurs += from_validation(err, Experience, record.path, record.lines)
    return found


def _clearer(erreur: Erreur, path: FsPath) -> Erreur:
    """The model's generic message for ``id`` or a missing ``territoire``, said for this file."""
    if erreur.champ == "id" and erreur.message.startswith("champ inconnu"):
        message = (
            f"pas de champ « id » ici : l'identifiant de l'expérience est le nom du fichier "
            f"(« {path.stem} ») ; retirez cette ligne, ou renommez le fichier"
        )
    elif erreur.champ == "territoire" and erreur.message.startswith("champ obligatoire"):
        message = (
            f"champ obligatoire manquant : ajoutez en première ligne « territoire: "
            f"{path.parent.name} » (le dossier du fichier)"
        )
    else:
        return erreur
    return Erreur(erreur.fichier, erreur.ligne, erreur.champ, message)


def check_places(files: list[ExperienceFile], territories: dict[str, Loaded]) -> Iterator[Erreur]:
    """Each file in the folder of an existing territory, saying so, under an id unused by the
    experiences written in the territory file; each territory with an experience."""
    inline = {t: _inline_ids(record) for t, record in territories.items()}
    for found in files:
        record, folder = found.record, found.territoire
        said = record.raw.get("territoire")
        line = record.lines.line_of(("territoire",))
        if isinstance(said, str) and said != folder and said in territories:
            yield Erreur(
                record.path,
                line,
                "territoire",
                f"ce fichier dit « territoire: {said} » mais il est dans le dossier "
                f"territoires/{folder}/ : déplacez-le dans territoires/{said}/, ou corrigez ce "
                "champ",
            )
        elif folder not in territories:
            yield Erreur(
                record.path,
                line,
                "",
                f"le dossier territoires/{folder}/ n'est celui d'aucun territoire (il n'y a pas "
                f"de fichier territoires/{folder}.yml){suggestion(folder, territories)} : "
                "placez ce fichier dans le dossier de son territoire, ou proposez d'abord "
                f"le territoire lui-même (territoires/{folder}.yml)",
            )
        elif isinstance(said, str) and said != folder:
            yield Erreur(
                record.path,
                line,
                "territoire",
                f"« {shown(said)} » n'est aucun territoire{suggestion(said, territories)} : ce "
                f"fichier est dans le dossier territoires/{folder}/, écrivez « territoire: "
                f"{folder} »",
            )
        elif found.id in inline.get(folder, {}):
            yield Erreur(
                record.path,
                1,
                "",
                f"l'expérience « {found.id} » est déjà écrite dans territoires/{folder}.yml "
                f"(ligne {inline[folder][found.id]}) : un identifiant ne sert qu'une fois par "
                "territoire ; renommez ce fichier (son nom est l'identifiant), ou retirez "
                "l'expérience du fichier du territoire si vous l'avez déplacée ici",
            )
    with_files = {found.territoire for found in files}
    for territory_id, record in territories.items():
        if not inline[territory_id] and territory_id not in with_files and _valid_list(record):
            yield Erreur(
                record.path,
                record.lines.line_of(("experiences",)),
                "experiences",
                "aucune expérience : écrivez-en au moins une ici (experiences:), ou dans son "
                f"propre fichier, territoires/{territory_id}/<titre-de-l-experience>.yml "
                f'(python build.py new experience {territory_id} "Titre")',
            )


def _inline_ids(record: Loaded) -> dict[str, int]:
    """The ids of the experiences written in a territory file, and their lines."""
    written = record.raw.get("experiences")
    ids: dict[str, int] = {}
    for i, item in enumerate(written if isinstance(written, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.setdefault(item["id"], record.lines.line_of(("experiences", i, "id")))
        elif isinstance(item, dict):  # an experience without a valid id still counts
            ids.setdefault(f"\x00{i}", record.lines.line_of(("experiences", i)))
    return ids


def _valid_list(record: Loaded) -> bool:
    """Whether ``experiences`` is absent or a list (anything else has its own error)."""
    return isinstance(record.raw.get("experiences", []), list | None)


def merged(data: Territoire, files: list[ExperienceFile]) -> Territoire:
    """``data`` with the experiences of its own files after its inline ones, by file name."""
    extra = [f.experience for f in sorted(files, key=lambda f: f.id) if f.experience]
    if not extra:
        return data
    return data.model_copy(update={"experiences": [*data.experiences, *extra]})


def origins(
    territory_id: str, record: Loaded, files: list[ExperienceFile]
) -> dict[tuple[str, str], tuple[str, int]]:
    """``(territory, experience)`` → the file and line where the experience is written."""
    found = {
        (territory_id, experience_id): (record.path, line)
        for experience_id, line in _inline_ids(record).items()
        if not experience_id.startswith("\x00")
    }
    for f in files:
        found[territory_id, f.id] = (f.record.path, 1)
    return found
