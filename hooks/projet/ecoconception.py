"""« Écoconception »: what the site does to stay light, with the figures that
``benchmarks/ecoconception.py --ecrire`` measured and wrote into ``qualite/ecoconception.json``,
written for a reader who is not a developer: what is done, what the measures show in two
sentences, what is left to do, and how to write to the team (no account needed).

The page only reads that file: a build never measures anything. Without it (a copy of the
records alone), the page says that no measurement has been made yet. The method, the tools
and the figures of every page kind are folded away under « Détail technique des mesures »:
one list item per kind, its name, then its grade and figures, each at every size of the
site measured (``315 / 935``), or once if they are all equal. The page itself must stay
light: a table would cost three elements a kind instead of one, and grade A.

>>> number(5215), number(12.34), cell(["7", "7"]), cell([None, "194"])
('5\\u202f215', '12,3', '7', '— / 194')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.core.context import BuildContext
from hooks.core.render import render, template_source
from hooks.generated import GeneratedPage
from hooks.urls import ECODESIGN_PAGE
from schemas.fields import thousands

PAGE = ECODESIGN_PAGE
TEMPLATE = "projet/ecoconception.md.j2"
MEASURES = Path("qualite") / "ecoconception.json"
TARGET = "A"
# Why a page kind (its key in hooks/page_kinds.py, « sorte » in the measures) may miss grade
# A, and what it would take: shown only beside a page that the measures find below the target.
CAUSES = {
    "reference_fiche": "chaque champ d'une sorte de fiche y est une ligne de tableau, avec sa "
    "description, son type, ses valeurs permises et un exemple : plus de 500 éléments pour les "
    "territoires ; à alléger en repliant les exemples et les valeurs permises",
}


@dataclass(frozen=True)
class Row:
    """One page kind, each figure at every size measured (French numbers)."""

    page: str
    requetes: str
    ko: str
    noeuds: str
    note: str  # « A (85) », or « A (83) / C (62) »


@dataclass(frozen=True)
class Below:
    """A page kind below the target grade at the largest size measured."""

    page: str
    note: str
    score: str
    noeuds: str
    cause: str


@dataclass(frozen=True)
class Size:
    """What the measures say at ``territoires`` synthetic territories."""

    territoires: int
    pages: int
    at_target: int
    worst: str

    @property
    def count(self) -> str:
        return number(self.territoires)

    @property
    def plain(self) -> str:
        """``avec 1 000 territoires de test, 40 sortes de pages sur 41 ont la note A, la moins
        bonne a la note B``: the same, in the words of the page's summary."""
        who = (
            "sans territoire de test"
            if self.territoires == 0
            else f"avec {number(self.territoires)} territoires de test"
        )
        if self.at_target == 0:
            text = f"{who}, aucune des {self.pages} sortes de pages n'a la note {TARGET}"
        elif self.at_target == 1:
            text = f"{who}, 1 sorte de page sur {self.pages} a la note {TARGET}"
        else:
            text = f"{who}, {self.at_target} sortes de pages sur {self.pages} ont la note {TARGET}"
        return text + (f", la moins bonne a la note {self.worst}" if self.worst > TARGET else "")

    @property
    def label(self) -> str:
        """``avec 1 000 territoires synthétiques``, ``sans territoire synthétique``"""
        if self.territoires == 0:
            return "sans territoire synthétique"
        plural = "s" if self.territoires > 1 else ""
        return f"avec {number(self.territoires)} territoire{plural} synthétique{plural}"


def number(value: float) -> str:
    """French figures: ``5 215`` (a narrow no-break space), ``12,3`` (one decimal)."""
    if isinstance(value, int):
        return thousands(value)
    return f"{value:.1f}".replace(".", ",")


def cell(values: list[str | None]) -> str:
    """One value per size of the site (« — » where the page did not exist), or one alone
    if they are all equal."""
    shown = [value if value is not None else "—" for value in values]
    return shown[0] if len(set(shown)) == 1 else " / ".join(shown)


def grade(page: dict[str, Any]) -> str:
    return f"{page['note']} ({round(page['score'])})"


def table(measures: dict[str, Any]) -> list[Row]:
    """Every page kind measured, in the order of the largest size (then any other)."""
    by_size = [{p["page"]: p for p in m["pages"]} for m in measures["mesures"]]
    kinds = dict.fromkeys(name for pages in reversed(by_size) for name in pages)

    def figures(name: str, show) -> str:
        return cell([show(pages[name]) if name in pages else None for pages in by_size])

    return [
        Row(
            page=name,
            requetes=figures(name, lambda p: number(p["requetes"])),
            ko=figures(name, lambda p: number(float(p["ko"]))),
            noeuds=figures(name, lambda p: number(p["noeuds"])),
            note=figures(name, grade),
        )
        for name in kinds
    ]


def sizes(measures: dict[str, Any]) -> list[Size]:
    return [
        Size(
            m["territoires"],
            len(m["pages"]),
            sum(p["note"] <= TARGET for p in m["pages"]),
            max((p["note"] for p in m["pages"]), default=TARGET),
        )
        for m in measures["mesures"]
    ]


def below(measures: dict[str, Any]) -> list[Below]:
    """The pages below the target at the largest size measured."""
    largest = max(measures["mesures"], key=lambda m: m["territoires"])
    return [
        Below(
            p["page"],
            p["note"],
            number(round(p["score"])),
            number(p["noeuds"]),
            CAUSES.get(p.get("sorte", ""), ""),
        )
        for p in largest["pages"]
        if p["note"] > TARGET
    ]


def read_measures(root: Path) -> dict[str, Any] | None:
    """``qualite/ecoconception.json`` under ``root``, or None if it was never written."""
    path = root / MEASURES
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def ecoconception_markdown(measures: dict[str, Any] | None, referentiel: Any) -> str:
    """The page's Markdown, every value escaped by :func:`hooks.core.render.render`."""
    if not measures:
        return render(
            TEMPLATE,
            measures=None,
            referentiel=referentiel,
            target=TARGET,
            below=[],
            favicon=False,
        )
    pages = [p for m in measures["mesures"] for p in m["pages"]]
    found = sizes(measures)
    return render(
        TEMPLATE,
        measures=measures,
        referentiel=referentiel,
        target=TARGET,
        rows=table(measures),
        sizes=found,
        largest=max(found, key=lambda s: s.territoires),
        below=below(measures),
        images=sorted({image for p in pages for image in p["images"]}),
        favicon=any("favicon" in image for p in pages for image in p["images"]),
        heaviest=number(max(float(p["ko"]) for p in pages)),
    )


def ecoconception_pages(ctx: BuildContext) -> list[GeneratedPage]:
    """The page, from the measures found beside the records."""
    markdown = ecoconception_markdown(read_measures(Path(ctx.index.root)), ctx.referentiel)
    return [GeneratedPage(PAGE, markdown, template_source(TEMPLATE))]
