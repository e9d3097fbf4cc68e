"""The commitment model (docket_commitment_model): what it adds where the rules find nothing,
what it leaves alone, its switch, and the model shipped in the package (the real pipeline)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import NamedTuple

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from docket import pipeline, settings
from docket.extract.commitment.model import (
    CLAUSE_DIR,
    MODEL_DIR,
    SentenceModel,
    default_model,
    gating,
    revise,
    sentence_words,
    ships,
    switched_on,
)
from docket.extract.common.state import state
from docket.record import Commitment, Document, Record

Extract = Callable[..., Record]

# a sale a company agrees to: no action of the rules' list, so only the model reads it
SALE = "Norland Steel Corp said it agreed to sell its Ohio rolling mill to Westbury Metals Inc by June 30."
PLEDGE = "The government of Ruritania has pledged to repay the 500 mln dlr loan by the end of the year."


def _rules_alone(nlp: Language, text: str, published: dt.date) -> Record:
    with nlp.select_pipes(disable=["docket_commitment_model"]):
        return pipeline.extract(Document.from_text(text, published=published), nlp)


def _deadline(rec: Record, timex_id: str | None) -> str | None:
    return next((t.value for t in rec.timexes if t.id == timex_id), None)


def test_the_model_ships_in_the_package_and_is_small() -> None:
    model = default_model()
    assert model is not None
    assert 0.0 < model.add <= 1.0
    for where in (MODEL_DIR, CLAUSE_DIR):  # the sentence model and the clause model
        meta = json.loads((where / "docket.json").read_text(encoding="utf-8"))
        assert meta["trained_on"] == "tests/realset part dev"  # never the test part
        size = sum(p.stat().st_size for p in where.rglob("*") if p.is_file())
        assert size < 3_000_000


def test_the_word_weights_are_the_trained_classifier() -> None:
    """The stage scores a sentence from the word weights; spaCy's textcat, which they were read
    from, gives the same score."""
    import spacy
    from spacy.tokens import Doc

    model = SentenceModel.load(MODEL_DIR)  # (the sentence model, whatever the kind)
    assert model is not None
    textcat_nlp = spacy.load(MODEL_DIR / "textcat")
    textcat = textcat_nlp.get_pipe("textcat_multilabel")
    sentences = [
        ["ACTOR_organization", "agree", "to", "sell", "by", "TIMEX_FUTURE", "CUE_OBLIGATION"],
        ["ACTOR_country", "withdraw", "TIMEX_PAST", "SUBJECT_ACTOR"],
        ["a", "word", "the", "model", "never", "saw", "word"],
    ]
    for words in sentences:
        expected = float(textcat.predict([Doc(textcat_nlp.vocab, words=words)])[0][0])
        assert model.score(words) == pytest.approx(expected, abs=1e-4)


@pytest.mark.usefixtures("model_on")
def test_a_company_agreeing_to_sell_by_a_date_is_bound(extract: Extract, nlp: Language) -> None:
    day = dt.date(1987, 3, 2)
    # the rules find it now; the model must neither lose it nor add a second one
    for rec in (_rules_alone(nlp, SALE, day), extract(SALE, published=day)):
        assert len(rec.commitments) == 1
        c = rec.commitments[0]
        assert c.obligor == ["norland-steel-corp"]
        assert c.action == "sell"
        assert _deadline(rec, c.deadline) == "1987-06-30"


@pytest.mark.usefixtures("model_on")
def test_a_past_fact_is_not_made_a_commitment(extract: Extract) -> None:
    rec = extract(
        "Norland Steel Corp sold its Ohio rolling mill to Westbury Metals Inc last year.", "1987-03-02"
    )
    assert rec.commitments == []


def test_past_facts_score_below_pledges(nlp: Language) -> None:
    model = SentenceModel.load(MODEL_DIR)
    assert model is not None

    def score(text: str) -> float:
        doc = nlp(pipeline.make_doc(nlp, Document.from_text(text, published=dt.date(1987, 3, 2))))
        return model.score(sentence_words(doc, state(doc))[0])

    assert score(SALE) >= model.add
    assert score("Norland Steel Corp sold its Ohio rolling mill last year.") < model.add


@pytest.mark.usefixtures("model_on")
def test_where_the_rules_read_commitments_the_model_adds_none_there(nlp: Language) -> None:
    text = (
        "Israel will withdraw its forces from southern Lebanon by January 26, officials said. "
        + SALE.replace("June 30", "February 20")
    )
    day = dt.date(2025, 1, 2)
    rules = _rules_alone(nlp, text, day)
    assert rules.commitments  # the rules read the withdrawal
    both = pipeline.extract(Document.from_text(text, published=day), nlp)
    assert [c.model_dump() for c in both.commitments] == [c.model_dump() for c in rules.commitments]


def test_a_drop_threshold_removes_what_the_model_is_sure_is_none(nlp: Language) -> None:
    """With drop above every score, each rule commitment goes; with drop 0 (shipped) all stay."""
    from docket.extract.commitment.model import revise

    shipped = SentenceModel.load(MODEL_DIR)
    assert shipped is not None
    text = "Israel will withdraw its forces from southern Lebanon by January 26, officials said."
    with nlp.select_pipes(disable=["docket_commitment_model"]):
        doc = nlp(pipeline.make_doc(nlp, Document.from_text(text, published=dt.date(2025, 1, 2))))
    assert state(doc).commitments
    assert len(revise(doc, shipped)) == len(state(doc).commitments)
    strict = SentenceModel(shipped.bias, shipped.weights, add=shipped.add, drop=1.01)
    assert revise(doc, strict) == []


def test_the_setting_switches_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings.load({}).commitment_model is None  # unset: as the data says
    assert settings.load({"DOCKET_COMMITMENT_MODEL": "0"}).commitment_model is False
    monkeypatch.setenv("DOCKET_COMMITMENT_MODEL", "0")
    nlp = pipeline.blank_with_stages(())
    stage = nlp.add_pipe("docket_commitment_model")
    assert stage.enabled is False


def test_the_data_decides_when_the_setting_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shipped off (data/commitment_model.yaml: by session 8's ship rule no model passes); the
    setting turns it on or off for a run."""
    monkeypatch.delenv("DOCKET_COMMITMENT_MODEL", raising=False)
    assert switched_on() is False
    assert pipeline.blank_with_stages(()).add_pipe("docket_commitment_model").enabled is False
    monkeypatch.setenv("DOCKET_COMMITMENT_MODEL", "0")
    assert pipeline.blank_with_stages(()).add_pipe("docket_commitment_model").enabled is False
    monkeypatch.setenv("DOCKET_COMMITMENT_MODEL", "1")
    assert pipeline.blank_with_stages(()).add_pipe("docket_commitment_model").enabled is True


def test_switched_off_the_pipeline_gives_the_rules_alone(nlp: Language) -> None:
    stage = nlp.get_pipe("docket_commitment_model")
    day = dt.date(1987, 3, 2)
    before = stage.enabled
    try:
        stage.enabled = False
        off = pipeline.extract(Document.from_text(PLEDGE + " " + SALE, published=day), nlp)
    finally:
        stage.enabled = before
    assert off == _rules_alone(nlp, PLEDGE + " " + SALE, day)


def _model_candidate(nlp: Language, text: str) -> tuple[str, list[str]] | None:
    """The commitment the model stage would build from the article's one sentence, were it sure."""
    from docket.extract.commitment.model import candidate
    from docket.extract.event.index import Index

    with nlp.select_pipes(disable=["docket_commitment_model"]):
        doc = nlp(pipeline.make_doc(nlp, Document.from_text(text, published=dt.date(1987, 3, 12))))
    cand = candidate(doc, next(iter(doc.sents)), Index(doc, state(doc)))
    return None if cand is None else (cand.trigger.action, cand.obligor)


def test_what_the_model_adds_is_the_act_not_the_verb_of_timing(nlp: Language) -> None:
    found = _model_candidate(nlp, "Norland Steel Corp said it would begin drafting a restructuring plan.")
    assert found is not None and found[0] == "draft"


def test_the_model_adds_no_act_the_rules_know_is_none(nlp: Language) -> None:
    """'will not', a wish, a bill's content: what the rules refuse, the model does not add."""
    assert _model_candidate(nlp, "Norland Steel Corp said it will not sell its Ohio rolling mill.") is None
    assert _model_candidate(nlp, "Norland Steel Corp hopes to sell its Ohio rolling mill.") is None


@pytest.mark.parametrize(
    "text",
    [
        # a verb that names no act: what the side could or could not do, said of "be" or "do"
        "Without the new budget, Norland Steel Corp would be hard-pressed to find the money.",
        'Norland Steel Corp chairman Ann Berg said "we will do so until the merger is finished."',
        # a stance, and a person's journey
        "Norland Steel Corp chairman Ann Berg will welcome the Ruritanian trade minister on Monday.",
        "Norland Steel Corp chairman Ann Berg will leave for Oslo on Monday.",
    ],
)
def test_the_model_builds_no_commitment_of_no_act(nlp: Language, text: str) -> None:
    assert _model_candidate(nlp, text) is None


def test_the_model_still_builds_a_commitment_of_an_act(nlp: Language) -> None:
    found = _model_candidate(nlp, "Without the new budget, Norland Steel Corp would close its Ohio mill.")
    assert found is not None and found[0] == "close"


def test_the_model_binds_no_announcer_for_a_side_it_names(nlp: Language) -> None:
    """'The city announced the Federal Transport Board was to investigate': the board (a name the
    actor stage may not know) is to act, not the city that tells of it."""
    found = _model_candidate(
        nlp, "The city of Calabasas announced the Federal Transport Board was to investigate the crash."
    )
    assert found is None or "calabasas" not in found[1]
    found = _model_candidate(nlp, "Norland Steel Corp announced it was to close its Ohio rolling mill.")
    assert found is not None and found[1] and found[1][0].startswith("norland")


@pytest.mark.usefixtures("model_on")
def test_a_thing_done_in_the_perfect_is_not_made_a_commitment(extract: Extract) -> None:
    """'has revoked, with immediate effect, the agreement': done, though the model may score the
    sentence high; 'has pledged swift action' stays a pledge."""
    text = (
        'Niger\'s military government has revoked, "with immediate effect", the agreement that allowed '
        "US troops to operate in the country."
    )
    assert extract(text, "2024-03-17").commitments == []


# two sentences: the rules read Israel's withdrawal in the first; only the model reads the second
WITHDRAWAL = "Israel will withdraw its forces from southern Lebanon by January 26, officials said."
DRAFTING = "Norland Steel Corp said it would begin drafting a restructuring plan."


def _parsed(nlp: Language, text: str, published: dt.date) -> Doc:
    with nlp.select_pipes(disable=["docket_commitment_model"]):
        return nlp(pipeline.make_doc(nlp, Document.from_text(text, published=published)))


def _sure() -> SentenceModel:
    """The shipped model's weights, sure of every sentence (so the gating alone decides)."""
    shipped = SentenceModel.load(MODEL_DIR)
    assert shipped is not None
    return SentenceModel(shipped.bias, shipped.weights, add=0.0, drop=0.0)


def _read(commitments: list[Commitment]) -> list[tuple[list[str], str]]:
    return [(c.obligor, c.action) for c in commitments]


def test_gated_by_sentence_the_model_adds_only_where_the_rules_read_nothing(nlp: Language) -> None:
    """The sentence with a rule commitment keeps only it; the article's other sentence gets the
    model's. Gated by article, the rules' commitment keeps the model out of the whole article."""
    doc = _parsed(nlp, WITHDRAWAL + " " + DRAFTING, dt.date(2025, 1, 2))
    rules = state(doc).commitments
    assert _read(rules) == [(["ISR"], "withdraw")]
    by_sentence = revise(doc, _sure(), "sentence")
    assert _read(by_sentence) == [(["ISR"], "withdraw"), (["norland-steel-corp"], "draft")]
    assert by_sentence[0].model_dump(exclude={"id"}) == rules[0].model_dump(exclude={"id"})
    assert [c.id for c in by_sentence] == ["c1", "c2"]
    assert revise(doc, _sure(), "article") == rules


def test_the_model_does_not_restate_an_act_the_rules_read_next_door(nlp: Language) -> None:
    text = (
        "Norland Steel Corp will draft a restructuring plan by June 30. "
        "Norland Steel Corp said it would begin drafting a restructuring plan."
    )
    doc = _parsed(nlp, text, dt.date(1987, 3, 2))
    assert _read(state(doc).commitments) == [(["norland-steel-corp"], "draft")]
    assert _read(revise(doc, _sure(), "sentence", near=1)) == [(["norland-steel-corp"], "draft")]
    # counting no neighbours, the second sentence is one the rules read nothing in
    assert len(revise(doc, _sure(), "sentence", near=0)) == 2


def test_the_shipped_model_was_chosen_for_the_gating_the_data_sets() -> None:
    meta = json.loads((MODEL_DIR / "docket.json").read_text(encoding="utf-8"))
    assert meta.get("gating", "article") == gating()[0]


def test_a_span_alone_in_the_sentence_is_the_deadline(nlp: Language) -> None:
    """'after a five year transitional period', with no date in the sentence: the commitment the
    model builds has that span for its deadline."""
    text = "Norland Steel Corp is to take the lead at the mill after a five year transitional period."
    doc = _parsed(nlp, text, dt.date(1987, 3, 12))
    assert state(doc).commitments == []
    (c,) = revise(doc, _sure(), "sentence")
    assert c.action == "take"
    deadline = next(t for t in state(doc).timexes if t.id == c.deadline)
    assert deadline.text == "five year" and deadline.value == "P5Y"


class _Figures(NamedTuple):
    precision: float
    recall: float
    f1: float


def _figures(precision: float, recall: float) -> _Figures:
    return _Figures(precision, recall, 2 * precision * recall / (precision + recall))


@pytest.mark.parametrize(
    ("model", "passes"),
    [
        (_figures(0.72, 0.50), True),  # two points of recall for one of precision: a good trade
        (_figures(0.73, 0.47), True),  # better on both
        (_figures(0.70, 0.48), False),  # recall at three points of precision for two: too dear
        (_figures(0.73, 0.461), False),  # better on both, but by less than chance
        (_figures(0.76, 0.44), False),  # precision bought with recall: F1 falls
    ],
)
def test_the_model_ships_only_when_it_buys_recall_at_no_dearer_than_the_rule(
    model: _Figures, passes: bool
) -> None:
    # rules alone: P 0.725 R 0.46 (data/commitment_model.yaml's ship_rule: F1 up by 0.005 or more,
    # precision lost no more than 0.667 x the recall gained)
    assert ships(_figures(0.725, 0.46), model) is passes
