"""The real stories (tests/realstories/): the annotation files, and docket's statuses on them.

The files hold ids, offsets and annotations only; the texts are read from the shared corpus,
so the tests that need them skip, saying why, when ``../shared`` is not there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from docket.evaluate import realstories
from docket.evaluate.realset import corpus_article, shared_dir
from docket.story.tracked import STATUSES

ROOT = Path(__file__).resolve().parent / "realstories"
STORIES = list(realstories.stories(ROOT))
CORPUS = shared_dir() / "corpora" / "wikinews" / "articles.jsonl.gz"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=f"the Wikinews corpus is not at {CORPUS}")

# floors of benchmarks/story_eval.py's figures: raise one in a commit of its own
# The two dev floors were lowered when the Congo, Iraq and Northern Ireland stories came
# (issue 14): fulfilment that no report calls by name (a vote "held", "early returns", "the
# executive since last May"), moves of a date told in new words, and dated steps of a roadmap
# docket does not extract. Measured then: 0.800 given, 0.489 extracted (0.942 and 0.788 on the
# four stories before them); the floors are those minus a small margin.
# Raised in session 6 (votes reported held, moves in new words): 0.933 given, 0.700 extracted.
# Lowered in session 8 when three dev stories of the held-out kinds came (Mexico 2006, Germany
# 2005, Northern Ireland's disarmament 2005-2007), annotated before docket ran on them: the nine
# older dev stories measure as before; all twelve measure 0.865 (141/163) given, 0.620 (101/163)
# extracted.
# Raised in session 8 (votes called off, held in more words, by-elections apart, deeds told whole,
# stages as parts): 0.939 (153/163) given, 0.663 (108/163) extracted.
GIVEN_DEV = 0.93  # statuses right with the analyst's commitments given (the story layer alone)
# Raised in session 7 (a day missed, a delay by a span, a vote owed, a deed of some of a group,
# an act due on pain of a loss): 0.867 extracted (78/90) on the seven dev stories; with the two
# dev stories added in session 7 (Thailand 2006, the EU constitution 2005): 0.775 (86/111)
# extracted, 0.883 (98/111) given. Raised in session 7 (polling closed, referendums held, a date
# merely expected moves nothing, "voted to approve"): 0.811 (90/111) extracted, 0.937 (104/111) given.
# Raised at the end of session 8: 0.687 (112/163) extracted.
EXTRACTED_DEV = 0.68  # statuses right with docket's own commitments
# The held-out part became two stories in session 6 (Brexit 2019 added, annotated before docket
# ran on it), and five in session 7 (North Korea's Yongbyon deal 2007, Zimbabwe's 2008 elections,
# Kyrgyzstan's 2005 election, each annotated before docket ran on it): 63 statuses instead of 15.
# The floor is set from what the five measure (see README); it fell because the figure became
# honest, not because docket got worse (the first two still measure 10/15).
# Session 8 added a sixth held-out story (Nepal 2005-2008, elections pledged, put off and held
# late), annotated before docket ran on it: 0.338 (27/80) extracted, 0.688 (55/80) given.
# Lowered in session 8 when the commitment model was switched off by the ship rule (see
# data/commitment_model.yaml): 0.312 (25/80) with the rules alone, 0.338 (27/80) with the sentence
# model; no rule may be written from these stories.
EXTRACTED_HELD_OUT = 0.31  # ... on the stories set aside (measured 0.312, 25/80, rules alone)


def test_there_are_twelve_dev_stories_and_six_held_out_of_three_reports_or_more() -> None:
    parts = [s.part for s in STORIES]
    assert parts.count("dev") >= 12 and parts.count("test") == 6
    for s in STORIES:
        assert len(s.documents) >= 3, s.name
        assert len(set(s.documents)) == len(s.documents), s.name


def test_each_commitment_is_annotated_on_two_days_or_more_with_a_known_status() -> None:
    for s in STORIES:
        ids = {c.id for c in s.commitments}
        assert len(ids) == len(s.commitments), s.name
        for c in s.commitments:
            assert len(c.status) >= 2, (s.name, c.id)
            assert set(c.status.values()) <= set(STATUSES), (s.name, c.id)
            assert c.stated and all(doc in s.documents for doc, _, _ in c.stated), (s.name, c.id)
            if c.superseded_by is not None:
                assert c.superseded_by in ids and "superseded" in c.status.values(), (s.name, c.id)


@needs_corpus
def test_every_span_is_in_its_report_and_every_day_follows_the_first_report() -> None:
    for s in STORIES:
        published = {}
        for doc in s.documents:
            row = corpus_article(doc, "wikinews")
            published[doc] = str(row["published"])[:10]
            for c in s.commitments:
                for d, start, end in c.stated:
                    if d == doc:
                        assert 0 <= start < end <= len(row["text"]), (s.name, c.id, d)
        for c in s.commitments:
            first = min(published[d] for d, _, _ in c.stated)
            assert all(day.isoformat() >= first for day in c.status), (s.name, c.id)


@pytest.fixture(scope="module")
def scores(nlp: Language) -> dict[str, dict[str, dict[str, float]]]:
    if not CORPUS.exists():
        pytest.skip(f"the Wikinews corpus is not at {CORPUS}")
    return {
        mode: realstories.figures([realstories.score_story(s, nlp, given=mode == "given") for s in STORIES])
        for mode in ("given", "extracted")
    }


def test_no_answer_rests_on_a_report_published_after_the_day_asked(
    scores: dict[str, dict[str, dict[str, float]]],
) -> None:
    for mode, figures in scores.items():
        assert figures["all"]["later"] == 0, mode


def test_statuses_right_stay_above_their_floors(scores: dict[str, dict[str, dict[str, float]]]) -> None:
    assert scores["given"]["dev"]["share"] >= GIVEN_DEV, scores["given"]
    assert scores["extracted"]["dev"]["share"] >= EXTRACTED_DEV, scores["extracted"]
    assert scores["extracted"]["held out"]["share"] >= EXTRACTED_HELD_OUT, scores["extracted"]


@needs_corpus
def test_as_of_a_day_equals_a_store_of_the_reports_published_by_then(nlp: Language, tmp_path: Path) -> None:
    from docket import pipeline
    from docket.evaluate.realset import load
    from docket.index.query import story_index
    from docket.record import Document
    from docket.store.sqlite import Store
    from docket.story.status import due

    def answers(db: Path, day: dt.date) -> list[dict[str, object]]:
        with Store(db) as store:
            told = due(story_index(store, as_of=day).commitments(known_by=day), day)
            return [{k: v for k, v in s.as_dict().items() if k != "story"} for s in told]

    for s in STORIES:
        arts = sorted((load(d, "wikinews") for d in s.documents), key=lambda a: a.published)
        records = [
            (a.published, pipeline.extract(Document.from_text(a.text, published=a.published), nlp))
            for a in arts
        ]
        full = tmp_path / f"{s.name}.db"
        with Store(full) as store:
            for _day, record in reversed(records):  # added newest first: the order must not matter
                store.add(record)
        for n, day in enumerate(s.days):
            only = tmp_path / f"{s.name}-{n}.db"
            with Store(only) as store:
                for published, record in records:
                    if published <= day:
                        store.add(record)
            assert answers(full, day) == answers(only, day), (s.name, day)
