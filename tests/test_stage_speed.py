"""The shortcuts the stages take for speed find exactly what the plain definitions find."""

from __future__ import annotations

import pickle

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.extract.certainty.component import find_cues, patterns
from docket.extract.commitment.cues import _phrase_in, status_in
from docket.extract.commitment.plan import _contains
from docket.extract.common.commitment_words import rules as commitment_rules
from docket.extract.common.state import (
    Cue,
    lower_lemmas,
    lower_words,
    per_doc,
    per_sentence,
    space_flags,
    state,
    text_of,
)
from docket.extract.event.rules import rules, trigger, trigger_words
from docket.extract.source.cues import _first_words, _match_words

BLANK = spacy.blank("en")
CUE_WORDS = sorted({word for pat in patterns() for slot in pat.slots for word in slot})
FILLER = ["the", "troops", "will", "leave", "by", "September", ",", "officials", "said", "."]


def _plain_cues(words: list[str]) -> list[tuple[int, int, str]]:
    """Cues by their definition: left to right, the longest pattern at a token not yet in a cue."""
    pats = sorted(patterns(), key=lambda p: -len(p.slots))
    covered: set[int] = set()
    found: list[tuple[int, int, str]] = []
    lowers = [w.lower() for w in words]
    for i in range(len(words)):
        for pat in pats:
            n = len(pat.slots)
            if i + n > len(words) or any(k in covered for k in range(i, i + n)):
                continue
            if all(lowers[i + k] in slot for k, slot in enumerate(pat.slots)):
                found.append((i, i + n, pat.value))
                covered.update(range(i, i + n))
    return found


def _token_cues(doc: spacy.tokens.Doc, cues: list[Cue]) -> list[tuple[int, int, str]]:
    out = []
    for cue in cues:
        span = doc.char_span(cue.start, cue.end)
        assert span is not None
        out.append((span.start, span.end, cue.value))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CUE_WORDS + FILLER), max_size=25))
def test_cues_are_those_of_the_plain_definition(words: list[str]) -> None:
    doc = spacy.tokens.Doc(BLANK.vocab, words=words)
    assert _token_cues(doc, find_cues(doc)) == _plain_cues(words)


def test_overlapping_cues_take_the_longest_first() -> None:
    doc = BLANK("The withdrawal is not expected to be completed.")
    values = [(doc.text[c.start : c.end], c.value) for c in find_cues(doc)]
    assert ("not", "negative") in values
    assert [c.start for c in find_cues(doc)] == sorted(c.start for c in find_cues(doc))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=4),
)
def test_phrase_in_is_a_contiguous_match(words: list[str], phrase: list[str]) -> None:
    n = len(phrase)
    plain = any(words[i : i + n] == phrase for i in range(len(words) - n + 1))
    assert _phrase_in(words, " ".join(phrase)) == plain


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=12),
    st.integers(min_value=0, max_value=14),
    st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=4),
)
def test_match_words_is_a_match_at_the_token(lowers: list[str], i: int, words: list[str]) -> None:
    plain = i + len(words) <= len(lowers) and lowers[i : i + len(words)] == words
    assert _match_words(lowers, i, words) == plain


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=4),
)
def test_contains_is_a_match_at_some_position(words: list[str], phrase: list[str]) -> None:
    plain = any(words[i : i + len(phrase)] == phrase for i in range(len(words)))
    assert _contains(words, phrase) == plain


def test_first_words_of_cues() -> None:
    assert _first_words([("according", "to"), ("said",)]) == {"according", "said"}
    assert _first_words([("said",), ()]) is None  # an empty cue matches anywhere


def test_trigger_words_hold_every_trigger(nlp: spacy.language.Language) -> None:
    doc = nlp("The United States agreed to withdraw its troops, and the withdrawal began in May.")
    words = trigger_words(doc)
    assert [t.i for t in words] == sorted(t.i for t in words)
    table = rules()
    assert all(t.lemma_.lower() in table["verbs"] or t.lemma_.lower() in table["nouns"] for t in words)
    assert [t.i for t in doc if trigger(t) is not None] == [t.i for t in words if trigger(t) is not None]
    assert any(trigger(t) is not None for t in words)


def test_text_and_words_are_the_docs_own() -> None:
    doc = BLANK("US Troops  leave\nIraq.")
    assert text_of(doc) == doc.text
    assert text_of(doc) is text_of(doc)  # built once
    assert lower_words(doc) == ["us", "troops", " ", "leave", "\n", "iraq", "."]
    assert lower_lemmas(doc) == [t.lemma_.lower() for t in doc]


def test_pickled_state_leaves_the_memo_behind() -> None:
    doc = BLANK("The base was handed over.")
    text_of(doc)
    found = state(doc)
    assert found.memo
    copy = pickle.loads(pickle.dumps(found))
    assert copy.memo == {}
    assert copy.published == found.published and copy.cues == found.cues


def test_space_flags_and_per_doc_values_are_the_docs_own() -> None:
    doc = BLANK("US Troops  leave\nIraq .")
    assert space_flags(doc) == [t.is_space for t in doc] == [False, False, True, False, True, False, False]
    made: list[int] = []
    assert per_doc(doc, "answer", lambda: made.append(1) or 42) == 42
    assert per_doc(doc, "answer", lambda: made.append(1) or 7) == 42  # built once
    assert made == [1]


def test_per_sentence_values_are_kept_for_each_sentence_apart() -> None:
    doc = BLANK("Troops leave Iraq . Talks will resume Monday .")
    first, second = doc[0:4], doc[4:9]
    asked: list[str] = []

    def length(sent: spacy.tokens.Span) -> int:
        asked.append(sent.text)
        return len(sent)

    assert per_sentence(first, "length", length) == 4
    assert per_sentence(second, "length", length) == 5
    assert per_sentence(doc[0:4], "length", length) == 4  # the same tokens: built once
    assert asked == ["Troops leave Iraq .", "Talks will resume Monday ."]


def _plain_status(sent: spacy.tokens.Span) -> str | None:
    """A sentence's status by the definition: every status with a cue phrase among its words or
    lemmas; a preliminary cue holds back all but approved and in force; else the strongest."""
    tokens = [t for t in sent if not t.is_space]
    words, lemmas = [t.lower_ for t in tokens], [t.lemma_.lower() for t in tokens]

    def has(seq: list[str], phrase: str) -> bool:
        p = phrase.lower().split()
        return any(seq[i : i + len(p)] == p for i in range(len(seq) - len(p) + 1))

    table = commitment_rules()
    found = [
        s
        for s, phrases in table["status_cues"].items()
        if any(has(words, p) or has(lemmas, p) for p in phrases)
    ]
    if not found:
        return None
    if "preliminary" in found and not {"in_force", "approved"} & set(found):
        return "preliminary"
    return max(found, key=table["status_order"].index)


def test_status_of_a_sentence_is_that_of_the_plain_definition(nlp: spacy.language.Language) -> None:
    doc = nlp(
        "The two sides signed a preliminary deal. Parliament voted to ratify the accord, which came "
        "into force on Monday. Talks went on. The draft still requires final approval. "
        "Iraq proposed a timetable, and the US agreed to it."
    )
    got = [status_in(sent) for sent in doc.sents]
    assert got == [_plain_status(sent) for sent in doc.sents]
    assert got[:3] == ["preliminary", "in_force", None]
    assert status_in(next(iter(doc.sents))) == "preliminary"  # asked again: the same answer


def test_state_is_the_docs_extension_value() -> None:
    doc = BLANK("Troops left.")
    found = state(doc)
    assert doc._.docket is found and state(doc) is found
    other = BLANK("Troops stayed.")
    replaced = state(other)
    other._.docket = found  # set through spaCy's accessor: seen at once
    assert state(other) is found and state(other) is not replaced
