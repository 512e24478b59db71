"""Review dates (issue 26): ``decrite`` and ``relue`` on an experience, « À relire » past the
delay of ``referentiel.yml``, the editors' page, and ``python build.py relu``, which writes one
line and does not make the content look changed.

One throw-away git repository, built once: the records on 10 January 2026; on 1 February,
Malaunay's « club INNE » dated (described in 2019, last reviewed in June 2020: past 36 months)
and its AMAP described in May 2025; on 5 March, an editor runs ``relu`` on the AMAP and
commits the file alone.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hooks.core.context import BuildContext
from hooks.core.field_changes import field_changes
from hooks.core.news import recent_changes
from hooks.core.relecture import freshness
from hooks.relecture.a_relire import review_pages
from hooks.relecture.relu import Refus, record_review
from schemas.errors import ErreursDeValidation
from schemas.history import read_history
from schemas.index import load_index
from schemas.territoire import Experience

from .depot import copy_referentiel, copy_repository
from .test_living import git

MALAUNAY = "territoires/malaunay.yml"
EDITOR = "Claire Relectrice"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "build.py", *args], cwd=root, capture_output=True, text=True, check=False
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("relecture") / "depot")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Initial import", date="2026-01-10")
    malaunay = root / MALAUNAY
    edit(
        malaunay,
        "  - id: club-inne\n",
        '  - id: club-inne\n    decrite: "2019"\n    relue: 2020-06-01\n',
    )
    edit(
        malaunay,
        "  - id: amap-et-marche\n",
        "  - id: amap-et-marche\n    # Décrite avec la mairie.\n    decrite: 2025-05\n",
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Date two experiences", author="Bruno Petit", date="2026-02-01")
    done = run(root, "relu", "malaunay", "amap-et-marche", "--date", "2026-03-01")
    assert done.returncode == 0, done.stderr
    git(root, "add", MALAUNAY)
    git(root, "commit", "-q", "-m", "Reviewed", author=EDITOR, date="2026-03-05")
    built = run(root, "build", "--sans-pdf")
    assert built.returncode == 0, built.stderr
    return root


def section(page: str, anchor: str) -> str:
    """The HTML of one experience of a territory page: from its heading to the next one."""
    start = page.index(f'id="{anchor}"')
    end = re.compile(r"<h[23][ >]").search(page, start + 1)
    return page[start : end.start() if end else len(page)]


def text_of(markup: str) -> str:
    """What a reader reads of some HTML, on one line."""
    markup = re.sub(r"<br\s*/?>", " ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_a_stale_experience_is_marked_on_its_page_in_words(depot: Path) -> None:
    page = (depot / "site" / "territoires" / "malaunay" / "index.html").read_text("utf-8")
    club = section(page, "club-inne")
    assert "Décrite en 2019 ; relue en juin 2020. À relire : plus de 3 ans sans relecture" in (
        text_of(club)
    )
    assert '<strong class="rv-a-relire">À relire</strong>' in club  # words, not a colour
    amap = text_of(section(page, "amap-et-marche"))
    assert "Décrite en mai 2025 ; relue en mars 2026." in amap
    assert "À relire" not in amap
    # Neither date nor delay passed (its file entered the repository in January): nothing.
    assert "rv-relecture" not in section(page, "cout-de-l-inaction")


def test_the_editors_page_lists_it_and_is_linked_but_hidden(depot: Path) -> None:
    site = depot / "site"
    page = (site / "contribuer" / "a-relire" / "index.html").read_text("utf-8")
    listed = re.search(r'<ol class="rv-a-relire-liste"[^>]*>(.*?)</ol>', page, re.S)
    assert listed is not None
    items = re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)
    assert [text_of(li) for li in items] == [
        "Le club INNE, Malaunay (malaunay club-inne) décrite en 2019 · relue le 1er juin 2020 · "
        f"à relire depuis {_since_due(date(2023, 6, 1))}"
    ]
    assert '<a href="../../territoires/malaunay/#club-inne">' in items[0]
    assert "1 expérience à relire" in text_of(page)
    contribute = (site / "contribuer" / "index.html").read_text("utf-8")
    assert 'href="a-relire/"' in contribute  # linked from the end of « Contribuer »
    assert "a-relire" not in (site / "index.html").read_text("utf-8")  # not in the sidebar


def _since_due(due: date) -> str:
    """What the editors' page says of how long an experience has been due, today."""
    from hooks.core.relecture import duration, months_between

    months = months_between(due, date.today())
    return duration(months) if months > 0 else "ce mois-ci"


def test_relu_writes_one_line_and_keeps_the_rest(depot: Path) -> None:
    diff = subprocess.run(
        ["git", "diff", "-U0", "HEAD~1", "HEAD"], cwd=depot, capture_output=True, text=True
    ).stdout
    changed = [line for line in diff.splitlines() if re.match(r"^[+-](?![+-])", line)]
    assert changed == ["+    relue: 2026-03-01"]
    text = (depot / MALAUNAY).read_text("utf-8")
    assert "    # Décrite avec la mairie.\n    decrite: 2025-05\n    relue: 2026-03-01\n" in text


def test_a_review_is_no_change_of_content(depot: Path) -> None:
    history = read_history(depot)
    assert history is not None
    malaunay = history.of(MALAUNAY)
    assert malaunay is not None
    assert malaunay.updated.startswith("2026-02-01")  # not the review of 5 March
    assert EDITOR not in malaunay.contributors
    days = recent_changes(load_index(depot), history)
    assert [d.day for d in days] == ["2026-02-01", "2026-01-10"]
    footer = (depot / "site" / "territoires" / "malaunay" / "index.html").read_text("utf-8")
    assert "Dernière mise à jour : 1 février 2026 · Contributions : Alice Martin, Bruno Petit" in (
        text_of(footer)
    )
    assert "2026-03-05" not in (depot / "site" / "nouveautes.xml").read_text("utf-8")
    # Compared field by field (a version's notes), the day of a review is not a change…
    old = {"experiences": [{"id": "x", "titre": "X", "relue": "2024-01-01"}]}
    new = {"experiences": [{"id": "x", "titre": "X", "relue": "2026-01-01"}]}
    assert field_changes(old, new) == []
    # …but what changes beside it still is.
    new["experiences"][0]["titre"] = "Y"
    assert [c.path for c in field_changes(old, new)] == ["experiences[x].titre"]


BAD = """\
nom: Essai
type: commune
resume: Un essai.
experiences:
  - id: a
    titre: A
    resume: Une expérience.
    decrite: 2019-13
    balises: [construire-le-recit]
  - id: b
    titre: B
    resume: Une expérience.
    relue: 2999-01-01
    balises: [construire-le-recit]
  - id: c
    titre: C
    resume: Une expérience.
    decrite: "2020"
    relue: 2019-12-31
    balises: [construire-le-recit]
"""


def test_bad_dates_are_refused_with_file_and_line(tmp_path: Path) -> None:
    root = copy_referentiel(tmp_path)
    (root / "territoires" / "essai.yml").write_text(BAD, encoding="utf-8")
    with pytest.raises(ErreursDeValidation) as raised:
        load_index(root)
    said = [str(e) for e in raised.value.erreurs]
    today = date.today().isoformat()
    assert said == [
        "territoires/essai.yml:8: experiences.decrite: date « 2019-13 » illisible : écrivez "
        "l'année (2019), le mois (2019-05) ou le jour (2019-05-14) où l'expérience a été "
        "décrite, depuis 1950",
        "territoires/essai.yml:13: experiences.relue: date de relecture « 2999-01-01 » dans "
        "le futur : écrivez le jour où l'expérience a été relue, au plus tard aujourd'hui "
        f"({today}), ou laissez « python build.py relu » l'écrire",
        "territoires/essai.yml:19: experiences.relue: relue le 2019-12-31, avant d'avoir été "
        "décrite (2020) : corrigez l'une des deux dates",
    ]


def test_relu_refuses_and_writes_nothing(depot: Path) -> None:
    before = (depot / MALAUNAY).read_bytes()
    for args, said in [
        (("malaunay", "club-inne", "--date", "2999-01-01"), "dans le futur"),
        (("malaunay", "club-inne", "--date", "14/03/2026"), "illisible"),
        (("malaunay", "club-inn"), "vouliez-vous dire « club-inne »"),
        (("malaunai", "club-inne"), "vouliez-vous dire « malaunay »"),
        (("malaunay", "club-inne", "--date", "2018-01-01"), "avant d'avoir été décrite"),
    ]:
        done = run(depot, "relu", *args)
        assert done.returncode == 1 and said in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert (depot / MALAUNAY).read_bytes() == before


def test_relu_in_an_experience_file_keeps_line_endings_and_comments(tmp_path: Path) -> None:
    own = tmp_path / "territoires" / "malaunay" / "jardin.yml"
    own.parent.mkdir(parents=True)
    lines = ["# Une expérience", "territoire: malaunay  # son dossier", "titre: Le jardin", ""]
    own.write_bytes("\r\n".join(lines).encode("utf-8"))
    assert record_review(tmp_path, "malaunay", "jardin", None, date(2026, 3, 1)) == (
        "territoires/malaunay/jardin.yml",
        3,
        "2026-03-01",
    )
    lines.insert(2, "relue: 2026-03-01")
    assert own.read_bytes() == "\r\n".join(lines).encode("utf-8")
    record_review(tmp_path, "malaunay", "jardin", "2026-04-02", date(2026, 5, 1))  # in place
    assert own.read_bytes().count(b"relue:") == 1
    assert b"relue: 2026-04-02\r\n" in own.read_bytes()
    own.write_text("territoire: malaunay\ntitre: {a: [\n", encoding="utf-8")
    with pytest.raises(Refus, match=r"territoires/malaunay/jardin.yml:\d+: "):
        record_review(tmp_path, "malaunay", "jardin", None, date(2026, 3, 1))


def test_the_delay_counts_from_relue_then_decrite_then_the_repository() -> None:
    x = Experience.model_validate(
        {"id": "x", "titre": "X", "resume": "…", "balises": ["b"], "decrite": "2024-05"}
    )
    assert not freshness(x, "2020-01-01T10:00:00+00:00", 24, date(2026, 4, 30)).stale
    assert freshness(x, None, 24, date(2026, 5, 1)).stale
    reviewed = x.model_copy(update={"relue": "2026-01-15"})
    assert not freshness(reviewed, None, 24, date(2027, 6, 1)).stale
    undated = x.model_copy(update={"decrite": None})
    found = freshness(undated, "2020-01-10T10:00:00+00:00", 24, date(2026, 1, 1))
    assert (found.basis, found.stale, found.dates) == ("depot", True, "")
    assert (
        found.reason
        == "dans le référentiel depuis janvier 2020, jamais relue, la situation a pu changer"
    )
    assert not freshness(undated, None, 24, date(2026, 1, 1)).stale  # no git, no date


def test_the_editors_page_is_paged_oldest_first(depot: Path) -> None:
    """In 2040, every experience is due: the club INNE (reviewed in 2020) first, then those
    dated by the repository (January 2026), then the AMAP (reviewed in March 2026)."""
    index = load_index(depot)
    ctx = BuildContext(index, read_history(depot))
    total = sum(len(t.data.experiences) for t in index.of_kind("territoire"))
    pages = review_pages(ctx, date(2040, 1, 1), per_page=10)
    assert [p.src_uri for p in pages][:2] == ["contribuer/a-relire.md", "contribuer/a-relire/2.md"]
    assert len(pages) == -(-total // 10)
    first, last = pages[0].markdown, pages[-1].markdown
    assert "rv_indexer: false" in first  # not in the search
    assert f"{total} expériences à relire" in first
    assert "Le club INNE" in first.split("<li>")[1]  # the oldest, first
    assert "L'AMAP et le projet de marché" in last.rsplit("<li>", 1)[1]
