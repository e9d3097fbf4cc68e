"""Broad commitment candidates (extract/commitment/clauses.py) and the clause model."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from spacy.language import Language

from docket import pipeline
from docket.extract.commitment.clauses import Built, Scored, built_clauses, choose
from docket.extract.commitment.model import CLAUSE_DIR, SentenceModel
from docket.record import Commitment, Document

DAY = dt.date(2024, 9, 7)


def _built(nlp: Language, text: str) -> list[Built]:
    with nlp.select_pipes(disable=["docket_commitment_model"]):
        doc = nlp(pipeline.make_doc(nlp, Document.from_text(text, published=DAY)))
    return built_clauses(doc)[1]


def _acts(built: list[Built]) -> list[tuple[list[str], str]]:
    return [(b.commitment.obligor, b.commitment.action) for b in built]


def test_a_side_that_will_act_is_a_candidate(nlp: Language) -> None:
    built = _built(nlp, "Russia will withdraw its troops from Georgia by March 1.")
    assert _acts(built) == [(["RUS"], "withdraw")]
    words = built[0].features
    assert {"READ=MODAL_will", "SUBJ=country", "HAS_DEADLINE", "DEADLINE_TIMEX_FUTURE"} <= set(words)


def test_an_act_under_a_pledge_and_a_joined_act_are_two_candidates(nlp: Language) -> None:
    built = _built(nlp, "Acme Corp agreed to sell its plant and will cut 300 jobs by 2025.")
    assert [action for _, action in _acts(built)] == ["sell", "cut"]
    assert all(obligor == ["acme-corp"] for obligor, _ in _acts(built))
    assert "READ=TO_agree" in built[0].features


def test_a_nominal_act_with_its_own_deadline_is_a_candidate(nlp: Language) -> None:
    built = _built(nlp, "The deal calls for the withdrawal of Israeli troops by March.")
    assert _acts(built) == [(["ISR"], "withdraw")]
    assert "READ=NOMINAL" in built[0].features


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania asked for a delay to June.",  # a request, no clause looking forward
        "Talks between France and Germany are scheduled for Monday.",  # talks bind no side
        "Ruritania withdrew its troops last year.",  # a past fact
    ],
)
def test_what_is_no_candidate(nlp: Language, text: str) -> None:
    assert _built(nlp, text) == []


def test_a_past_vote_is_a_candidate_the_classifier_reads_as_past(nlp: Language) -> None:
    built = _built(nlp, "Britain voted to leave two years ago.")
    assert len(built) == 1
    assert {"READ=TO_vote", "HEAD_TAG=VBD", "SENT_TIMEX_PAST"} <= set(built[0].features)


def _commitment(action: str, start: int, obligor: str = "RUS") -> Commitment:
    return Commitment(id="c0", obligor=[obligor], action=action, status="agreed", start=start, end=start + 10)


def test_the_choice_adds_where_the_rules_read_none_and_drops_what_it_is_sure_is_none() -> None:
    starts = [0, 100, 200]
    rules = [_commitment("withdraw", 0), _commitment("release", 100)]
    scored = [
        Scored(0.99, 2, _commitment("repay", 200)),  # a sentence with no rule commitment: added
        Scored(0.99, 2, _commitment("repay", 200)),  # the same act and side again: once
        Scored(0.99, 0, _commitment("close", 0)),  # the rules read this sentence: not added
        Scored(0.01, 1, _commitment("release", 100)),  # the rules' own act, scored as none: dropped
    ]
    got = choose(rules, starts, scored, add=0.9, drop=0.05, near=0)
    assert [(c.id, c.action) for c in got] == [("c1", "withdraw"), ("c2", "repay")]
    assert [c.action for c in choose(rules, starts, scored, add=1.01, drop=0.0, near=0)] == [
        "withdraw",
        "release",
    ]


def test_a_sure_candidate_next_to_the_rules_reading_of_its_act_is_not_added() -> None:
    rules = [_commitment("withdraw", 0)]
    scored = [Scored(0.99, 1, _commitment("withdraw", 100))]
    assert len(choose(rules, [0, 100], scored, add=0.9, drop=0.0, near=1)) == 1
    assert len(choose(rules, [0, 100], scored, add=0.9, drop=0.0, near=0)) == 2


def test_the_candidates_are_the_same_on_a_second_reading(nlp: Language) -> None:
    text = "Acme Corp agreed to sell its plant and will cut 300 jobs by 2025. Russia will withdraw."
    first, second = _built(nlp, text), _built(nlp, text)
    assert [(b.features, b.sentence, b.commitment) for b in first] == [
        (b.features, b.sentence, b.commitment) for b in second
    ]


@pytest.mark.skipif(not (CLAUSE_DIR / "docket.json").exists(), reason="no clause model shipped")
def test_the_clause_weights_are_the_trained_classifier() -> None:
    """The stage scores a candidate from the feature weights; spaCy's textcat, which they were
    read from, gives the same score."""
    import spacy
    from spacy.tokens import Doc

    model = SentenceModel.load(CLAUSE_DIR)
    meta = json.loads((CLAUSE_DIR / "docket.json").read_text(encoding="utf-8"))
    assert meta["trained_on"] == "tests/realset part dev"  # never the test part
    textcat_nlp = spacy.load(CLAUSE_DIR / "textcat")
    textcat = textcat_nlp.get_pipe("textcat_multilabel")
    candidates = [
        ["READ=MODAL_will", "VERB=withdraw", "SUBJ=country", "HAS_DEADLINE", "DEADLINE_TIMEX_FUTURE"],
        ["READ=TO_vote", "HEAD_TAG=VBD", "SENT_TIMEX_PAST", "SUBJ=country", "NO_DEADLINE"],
        ["a", "word", "the", "model", "never", "saw"],
    ]
    for words in candidates:
        expected = float(textcat.predict([Doc(textcat_nlp.vocab, words=words)])[0][0])
        assert model.score(words) == pytest.approx(expected, abs=1e-4)
