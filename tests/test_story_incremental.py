"""The story index updated for new documents equals the index merged again from scratch.

After ``docket add``, the next query merges again only the stories the new documents touch
(docket.index.incremental). Each case below adds records to a store a few at a time, asks
for the index after each step, and compares what ``due --json``, ``timeline --json`` and
``stories --json`` print with a second store that holds the same records and merges them all
at once. The records are the bundled sample story and the golden stories, through the real
pipeline, in seeded random orders; and small hand-made records for the cases the articles
do not have (a report that bridges two stories, the same report added twice, removals).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from docket import pipeline
from docket.cli import app
from docket.index import incremental
from docket.index.query import story_index
from docket.ingest import Loaded, ReadOptions, read_inputs
from docket.record import Actor, Document, Event, Mention, Record, Timex
from docket.store import open_store
from docket.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "articles"
FOLDERS = [
    ROOT / "src" / "docket" / "data" / "sample" / "iraq",
    *sorted(p for p in GOLDEN.iterdir() if p.is_dir()),
]
AS_OF = "2026-11-29"


@pytest.fixture(scope="module")
def records(nlp: Language) -> list[tuple[Record, str]]:
    out: list[tuple[Record, str]] = []
    for folder in FOLDERS:
        for item in read_inputs([folder], ReadOptions()):
            assert isinstance(item, Loaded), item
            out.append((pipeline.extract(item.document, nlp), item.origin))
    return out


@pytest.fixture
def updates(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each index update went the incremental way (True) or declined (False)."""
    seen: list[bool] = []
    real = incremental.update

    def spy(*args: object, **kwargs: object) -> bool:
        done = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(done)
        return done

    monkeypatch.setattr(incremental, "update", spy)
    return seen


def _answers(store: Store) -> dict[str, object]:
    """What the three commands print, read through the functions they call."""
    index = story_index(store)
    day = dt.date.fromisoformat(AS_OF)
    return {
        "due": [row.json() for row in index.due(day, with_json=True)],
        "within": [row.json() for row in index.due(day, within=30, with_json=True)],
        "timeline": list(index.timeline_json()),
        "contradictions": index.contradictions_json(),
        "stories": [(s.id, s.documents, s.actors, s.first, s.last, s.title) for s in index.stories()],
        "story_of": sorted(tuple(r) for r in store.db.execute("SELECT doc_id, story FROM story_documents")),
        "quantities": sorted(tuple(r) for r in store.db.execute("SELECT * FROM story_quantities")),
        # the keys the next update follows: those it rewrote too
        "links": sorted(
            tuple(r) for r in store.db.execute("SELECT doc_id, key, day, item, lo, hi FROM story_links")
        ),
    }


def _full(tmp: Path, name: str, recs: list[tuple[Record, str]]) -> dict[str, object]:
    with open_store(tmp / name) as store:
        for rec, origin in recs:
            store.add(rec, origin=origin)
        return _answers(store)


def _grow(
    tmp: Path, recs: list[tuple[Record, str]], rng: random.Random, step: Callable[[], int]
) -> Iterator[tuple[int, dict[str, object], list[tuple[Record, str]]]]:
    """Add ``recs`` a few at a time to one store; after each step, its answers and what it holds."""
    with open_store(tmp / "growing.db") as store:
        i = 0
        while i < len(recs):
            k = step()
            for rec, origin in recs[i : i + k]:
                store.add(rec, origin=origin)
            i += k
            yield i, _answers(store), recs[:i]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_adding_articles_a_few_at_a_time_gives_the_whole_merge(
    seed: int, records: list[tuple[Record, str]], tmp_path: Path, updates: list[bool]
) -> None:
    rng = random.Random(seed)
    order = records[:]
    rng.shuffle(order)
    for n, got, held in _grow(tmp_path, order, rng, lambda: rng.randint(1, 3)):
        want = _full(tmp_path, f"full-{n}.db", held)
        assert got == want, f"after {n} articles"
    assert updates.count(True) >= len(updates) // 2, updates


@pytest.mark.slow
def test_adding_one_story_after_another_in_publication_order(
    records: list[tuple[Record, str]], tmp_path: Path, updates: list[bool]
) -> None:
    order = sorted(records, key=lambda ro: (ro[0].document.published or dt.date.min, ro[0].document.id))
    for n, got, held in _grow(tmp_path, order, random.Random(0), lambda: 1):
        assert got == _full(tmp_path, f"full-{n}.db", held), f"after {n} articles"
    # only a report naming a new leader (who acts for a coalition…) makes the whole merge run
    assert updates.count(True) >= len(updates) - 3, updates


@pytest.mark.slow
def test_the_commands_print_the_same_after_an_update(
    records: list[tuple[Record, str]], tmp_path: Path, updates: list[bool]
) -> None:
    runner = CliRunner()
    rng = random.Random(11)
    order = records[:]
    rng.shuffle(order)
    # reports naming a leader first: one added later makes the whole merge run (tested above)
    order.sort(key=lambda ro: not any(a.led_by for a in ro[0].actors))
    grown, whole = tmp_path / "grown.db", tmp_path / "whole.db"
    with open_store(grown) as store:
        for rec, origin in order[:-4]:
            store.add(rec, origin=origin)
        story_index(store)
        for rec, origin in order[-4:]:
            store.add(rec, origin=origin)
    with open_store(whole) as store:
        for rec, origin in order:
            store.add(rec, origin=origin)
    for args in (["due", "--as-of", AS_OF, "--json"], ["timeline", "--json"], ["stories", "--json"]):
        got = runner.invoke(app, [*args, "--db", str(grown)])
        want = runner.invoke(app, [*args, "--db", str(whole)])
        assert got.exit_code == 0 and want.exit_code == 0, got.output + want.output
        assert json.loads(got.output) == json.loads(want.output), args
    assert updates == [True]


# -- hand-made records ------------------------------------------------------------------


def _record(text: str, published: str, actors: list[str]) -> tuple[Record, str]:
    """A report naming ``actors`` (the first ones most), and nothing else."""
    found = []
    for rank, actor in enumerate(actors):
        at = text.index(actor)
        mentions = [Mention(text=actor, start=at, end=at + len(actor))] * (len(actors) - rank)
        found.append(Actor(id=actor, name=actor, kind="country", mentions=mentions))
    doc = Document.from_text(text, published=dt.date.fromisoformat(published))
    return Record(document=doc, actors=found), f"{text[:12]}.txt"


def _stories(store: Store) -> list[tuple[str, int]]:
    return [(s.id, len(s.documents)) for s in story_index(store).stories()]


def test_a_report_between_two_stories_joins_them(tmp_path: Path, updates: list[bool]) -> None:
    early = _record("AAA and BBB and CCC met in the spring.", "2024-01-10", ["AAA", "BBB", "CCC"])
    late = _record("AAA and BBB and CCC met again in the autumn.", "2024-05-25", ["AAA", "BBB", "CCC"])
    other = _record("DDD and EEE talked.", "2024-05-01", ["DDD", "EEE"])
    bridge = _record("AAA and BBB and CCC met in the summer.", "2024-03-20", ["AAA", "BBB", "CCC"])
    with open_store(tmp_path / "grown.db") as store:
        for rec, origin in (early, late, other):
            store.add(rec, origin=origin)
        assert sorted(n for _, n in _stories(store)) == [1, 1, 1]
        store.add(bridge[0], origin=bridge[1])
        got = _answers(store)
        assert sorted(n for _, n in _stories(store)) == [1, 3]
    assert updates == [True]
    assert got == _full(tmp_path, "whole.db", [early, late, other, bridge])


def test_the_same_report_added_again_changes_nothing(tmp_path: Path, updates: list[bool]) -> None:
    one = _record("AAA and BBB met.", "2024-01-10", ["AAA", "BBB"])
    with open_store(tmp_path / "again.db") as store:
        store.add(one[0], origin=one[1])
        before = _answers(store)
        stamp = store.db.execute("SELECT value FROM story_state WHERE key = 'fingerprint'").fetchone()
        store.add(one[0], origin=one[1])
        assert _answers(store) == before
        assert store.db.execute("SELECT value FROM story_state WHERE key = 'fingerprint'").fetchone() == stamp
    assert updates == []  # nothing new: the saved index is read as it is


def test_a_removed_document_makes_the_whole_merge_run(tmp_path: Path, updates: list[bool]) -> None:
    a = _record("AAA and BBB met.", "2024-01-10", ["AAA", "BBB"])
    b = _record("CCC and DDD met.", "2024-02-10", ["CCC", "DDD"])
    c = _record("EEE and FFF met.", "2024-03-10", ["EEE", "FFF"])
    with open_store(tmp_path / "removed.db") as store:
        for rec, origin in (a, b):
            store.add(rec, origin=origin)
        story_index(store)
        store.db.execute("DELETE FROM documents WHERE id = ?", (a[0].document.id,))
        store.add(c[0], origin=c[1])  # as many documents as before, one of them new
        got = _answers(store)
    assert updates == [False]
    assert got == _full(tmp_path, "whole.db", [b, c])


def test_a_new_story_whose_id_a_kept_story_has_makes_the_whole_merge_run(
    tmp_path: Path, updates: list[bool]
) -> None:
    # the same two main actors in one month but no link: two stories, told apart by a suffix
    first = _record("AAA and BBB met.", "2024-01-02", ["AAA", "BBB"])
    second = _record(
        "AAA and BBB and CCC and DDD and EEE met.", "2024-01-28", ["DDD", "EEE", "CCC", "AAA", "BBB"]
    )
    with open_store(tmp_path / "ids.db") as store:
        store.add(first[0], origin=first[1])
        story_index(store)
        store.add(second[0], origin=second[1])
        got = _answers(store)
        assert sorted(sid for sid, _ in _stories(store)) == [
            "aaa-bbb-2024-01",
            f"aaa-bbb-2024-01-{second[0].document.id[:6]}",
        ]
    assert updates == [False]
    assert got == _full(tmp_path, "whole.db", [first, second])


def test_an_earlier_original_of_a_stored_report_is_merged_in_its_place(
    tmp_path: Path, updates: list[bool]
) -> None:
    # a wire story stored as an outlet ran it, then the agency's own earlier text: the stored one
    # becomes its copy and leaves the merge, and the update stays incremental
    text = (
        "AAA and BBB met in the capital on Tuesday to discuss the border, the ministers of both "
        "sides said after talks that lasted most of the day and ended without a joint statement."
    )
    outlet = _record(text + " Reporting by the desk.", "2024-03-12", ["AAA", "BBB"])
    other = _record("CCC and DDD met.", "2024-02-10", ["CCC", "DDD"])
    agency = _record(text, "2024-03-11", ["AAA", "BBB"])
    with open_store(tmp_path / "copies.db") as store:
        for rec, origin in (outlet, other):
            store.add(rec, origin=origin)
        story_index(store)
        store.add(agency[0], origin=agency[1])
        copy_of = store.db.execute(
            "SELECT copy_of FROM documents WHERE id = ?", (outlet[0].document.id,)
        ).fetchone()[0]
        assert copy_of == agency[0].document.id
        got = _answers(store)
        assert outlet[0].document.id not in {d for _, ds in _story_docs(store) for d in ds}
    assert updates == [True]
    assert got == _full(tmp_path, "whole.db", [outlet, other, agency])


def _talks(text: str, published: str, agents: list[str], day: str) -> tuple[Record, str]:
    """A report of talks held on ``day`` by ``agents`` (none: the doers untold), and nothing else."""
    rec, origin = _record(text, published, agents)
    at = text.index(day)
    when = dt.date.fromisoformat(day)
    timex = Timex(
        id="t1", text=day, start=at, end=at + 10, type="DATE", value=day, earliest=when, latest=when
    )
    talks = Event(
        id="e1",
        type="CONSULT",
        action="negotiate",
        text="talks",
        start=text.index("talks"),
        end=text.index("talks") + 5,
        agents=agents,
        time="t1",
        status="occurred",
        certainty="certain",
    )
    return rec.model_copy(update={"timexes": [timex], "events": [talks]}), origin


def test_talks_told_again_reach_the_stories_of_their_agents_alone(
    tmp_path: Path, updates: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    # three pairs of countries held talks on one day; a new report of that day's talks by AAA is
    # merged again with AAA's story only (an event told again shares a doer with its first report),
    # and a report of talks long past whose doers it does not name with the stories of reports
    # telling those talks as past too (merge_events looks for such a fact without its doers)
    ab = _talks("AAA and BBB held talks on 2024-03-05.", "2024-03-06", ["AAA", "BBB"], "2024-03-05")
    cd = _talks("CCC and DDD held talks on 2024-03-05.", "2024-03-06", ["CCC", "DDD"], "2024-03-05")
    ef = _talks("EEE and FFF recalled talks on 2023-01-10.", "2024-02-01", ["EEE", "FFF"], "2023-01-10")
    again = _talks("AAA said the talks on 2024-03-05 went well.", "2024-03-07", ["AAA"], "2024-03-05")
    past = _talks("GGG recalled the talks on 2023-01-10.", "2024-03-08", [], "2023-01-10")
    merged: list[set[str]] = []
    real = incremental.merge_stored

    def spy(*args: object, **kwargs: object) -> object:
        merged.append(set(args[2]))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "merge_stored", spy)
    with open_store(tmp_path / "talks.db") as store:
        for rec, origin in (ab, cd, ef):
            store.add(rec, origin=origin)
        story_index(store)
        store.add(again[0], origin=again[1])
        got = _answers(store)
        ids = {name: rec.document.id for name, (rec, _) in {"ab": ab, "cd": cd, "again": again}.items()}
        assert merged[-1] == {ids["ab"], ids["again"]}
        assert story_index(store).story_of(ids["again"]) == story_index(store).story_of(ids["ab"])
        store.add(past[0], origin=past[1])
        last = _answers(store)
        assert ef[0].document.id in merged[-1] and cd[0].document.id not in merged[-1]
    assert updates == [True, True]
    assert got == _full(tmp_path, "whole.db", [ab, cd, ef, again])
    assert last == _full(tmp_path, "whole-past.db", [ab, cd, ef, again, past])


def _story_docs(store: Store) -> list[tuple[str, list[str]]]:
    return [(s.id, list(s.documents)) for s in story_index(store).stories()]


# -- many stories: the large-store benchmark's records ------------------------------------


def _story_speed() -> ModuleType:
    path = ROOT / "benchmarks" / "story_speed.py"
    spec = importlib.util.spec_from_file_location("story_speed", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_new_stories_added_to_many_stored_ones_give_the_whole_merge(
    tmp_path: Path, updates: list[bool]
) -> None:
    # hundreds of stories of 60 countries: a new report meets stored ones through promises of one
    # family and obligor, talks told again within days (keys looked up within a window) and the
    # same deadline; each step is merged again for the stories it reaches alone
    made = _story_speed().synthetic
    stored = [(r, f"s/{r.document.id[:12]}.txt") for r in made(600, random.Random(6))]
    added = [(r, f"a/{r.document.id[:12]}.txt") for r in made(40, random.Random(940))]
    with open_store(tmp_path / "large.db") as store:
        store.add_many(stored)
        story_index(store)
        for i in range(0, len(added), 10):
            store.add_many(added[i : i + 10])
            got = _answers(store)
        assert len(story_index(store).stories()) > 60
    assert updates == [True, True, True, True]
    assert got == _full(tmp_path, "whole.db", stored + added)


class _Steady(random.Random):
    """A story_speed article's choices made plain: the fewest steps, and the deed told."""

    def random(self) -> float:
        return 0.0

    def randint(self, a: int, b: int) -> int:
        return a


def test_an_actor_given_a_leader_updates_the_stories_of_its_promises_and_deeds(
    tmp_path: Path, updates: list[bool]
) -> None:
    article = _story_speed()._article
    day = dt.date.fromisoformat
    # the coalition promises to withdraw from Iraq; in another story the United States does
    promise = article(1, 0, "coalition", "IRQ", "withdraw", day("2024-01-10"), day("2024-12-31"), _Steady())
    deed = article(2, 5, "USA", "IRQ", "withdraw", day("2024-06-01"), day("2024-09-30"), _Steady())
    apart = article(3, 0, "FRA", "MLI", "deploy", day("2024-02-01"), day("2024-08-01"), _Steady())
    # a later report says the United States leads the coalition: its deeds count for the coalition
    text = "The US-led coalition met."
    at = text.index("coalition")
    mention = Mention(text="coalition", start=at, end=at + 9)
    lead = Actor(id="coalition", name="coalition", kind="group", led_by="USA", mentions=[mention])
    led = Record(document=Document.from_text(text, published=day("2024-07-01")), actors=[lead])
    stored = [(r, f"s/{r.document.id[:12]}.txt") for r in (promise, deed, apart)]
    with open_store(tmp_path / "led.db") as store:
        store.add_many(stored)
        story_index(store)
        store.add(led, origin="led.txt")
        got = _answers(store)
        saved = store.db.execute("SELECT value FROM story_state WHERE key = 'leaders'").fetchone()
        assert json.loads(saved[0]) == {"coalition": "USA"}
    assert updates == [True]
    assert got == _full(tmp_path, "whole.db", [*stored, (led, "led.txt")])
