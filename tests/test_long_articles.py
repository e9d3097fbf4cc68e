"""Long articles: every length up to DOCKET_MAX_CHARS is read (in pieces past PIECE_CHARS), and the
facts of a piece point at the right text of the whole article."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket import pieces, pipeline
from docket.record import Document, Record

PUBLISHED = dt.date(2025, 3, 14)

# A short report of our own, with a date, amounts, countries, a person, a source and a promise.
ARTICLE = (
    "Ruritania agrees to pull troops out of Freedonia by June\n\n"
    "Ruritania will withdraw its 2,500 soldiers from Freedonia by the end of June, the two "
    "governments said on Thursday, after talks in Geneva that lasted three days.\n\n"
    '"The first 800 troops will leave within 30 days," Defence Minister Anna Kovac told reporters. '
    "She said the rest would follow in two further stages if the ceasefire holds.\n\n"
    "Freedonia has promised to pay $40 million towards the cost of the withdrawal, according to "
    "a senior official who spoke on condition of anonymity.\n"
)


def offsets_hold(record: Record) -> None:
    """Every item's text is the article's text at its offsets, and every reference is to an item."""
    text = record.document.text
    for item in [*record.timexes, *record.quantities, *record.sources, *record.events]:
        assert text[item.start : item.end] == item.text, item
    for actor in record.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text, (actor.id, mention)
    for source in record.sources:
        for span in [*source.content, *([source.cue] if source.cue else [])]:
            assert text[span.start : span.end] == span.text
    for commitment in record.commitments:
        assert 0 <= commitment.start < commitment.end <= len(text)
        assert commitment.text is None or commitment.text in text[commitment.start : commitment.end]
    timexes = {t.id for t in record.timexes}
    quantities = {q.id for q in record.quantities}
    sources = {s.id for s in record.sources}
    events = {e.id for e in record.events}
    for kind in ("timexes", "quantities", "sources", "events", "commitments", "actors"):
        ids = [x.id for x in getattr(record, kind)]
        assert len(ids) == len(set(ids)), kind
    for timex in record.timexes:
        assert timex.anchor in (None, "document") or timex.anchor in timexes
    for source in record.sources:
        assert source.via is None or source.via in sources
    for event in record.events:
        assert event.time is None or event.time in timexes
        assert event.quantity is None or event.quantity in quantities
        assert set(event.sources) <= sources
    for commitment in record.commitments:
        assert commitment.deadline is None or commitment.deadline in timexes
        assert commitment.quantity is None or commitment.quantity in quantities
        assert commitment.event is None or commitment.event in events
        assert set(commitment.sources) <= sources


def repeated(times: int) -> str:
    return "\n".join([ARTICLE] * times)


def facts(record: Record, offset: int = 0) -> list[tuple[str, int, int, str]]:
    """What a reader checks of a record: each item's kind, place (moved back by ``offset``) and value."""
    out = [("timex", t.start - offset, t.end - offset, t.value) for t in record.timexes]
    out += [("quantity", q.start - offset, q.end - offset, str(q.value or q.low)) for q in record.quantities]
    out += [("source", s.start - offset, s.end - offset, s.kind) for s in record.sources]
    out += [("event", e.start - offset, e.end - offset, e.type) for e in record.events]
    out += [("commitment", c.start - offset, c.end - offset, c.action) for c in record.commitments]
    return sorted(out)


def test_each_piece_gets_the_facts_it_gets_alone(nlp: Language) -> None:
    """Four copies of the report, read in pieces of about one copy: the facts of each copy are
    those of the report read alone, at the copy's place, with ids that stay unique."""
    whole = Document.from_text(repeated(4), published=PUBLISHED)
    alone = pipeline.extract(Document.from_text(ARTICLE, published=PUBLISHED), nlp)
    record = pipeline.extract(whole, nlp, piece_chars=len(ARTICLE) + 1)
    cuts = pieces.split(whole.text, len(ARTICLE) + 1)
    assert [whole.text[a:b] for a, b in cuts] == [ARTICLE + "\n"] * 3 + [ARTICLE]
    offsets_hold(record)
    assert alone.timexes and alone.quantities and alone.sources and alone.commitments
    for start, end in cuts:
        part = Record(
            document=whole,
            timexes=[t for t in record.timexes if start <= t.start < end],
            quantities=[q for q in record.quantities if start <= q.start < end],
            sources=[s for s in record.sources if start <= s.start < end],
            events=[e for e in record.events if start <= e.start < end],
            commitments=[c for c in record.commitments if start <= c.start < end],
        )
        assert facts(part, start) == facts(alone)
    # one actor for each of the report's actors, named four times as often
    assert {a.id: 4 * len(a.mentions) for a in alone.actors} == {a.id: len(a.mentions) for a in record.actors}
    # a commitment's deadline, quantity and event are those of its own copy
    at = {x.id: x.start for x in [*record.timexes, *record.quantities, *record.events]}
    piece_of = [a for a, _ in cuts]
    for c in record.commitments:
        mine = max(a for a in piece_of if a <= c.start)
        for ref in (c.deadline, c.quantity, c.event):
            assert ref is None or max(a for a in piece_of if a <= at[ref]) == mine


def test_a_person_named_in_an_earlier_piece_is_known_by_the_last_name(nlp: Language) -> None:
    """ "Kovac said" in the second piece is the "Anna Kovac" of the first, as in the whole article."""
    text = (
        ARTICLE + "\nKovac said on Friday that the soldiers were ready to go. Kovac, 54, was in Brussels.\n"
    )
    document = Document.from_text(text, published=PUBLISHED)
    in_pieces = pipeline.extract(document, nlp, piece_chars=len(ARTICLE) + 1)
    whole = pipeline.extract(document, nlp)
    assert len(pieces.split(text, len(ARTICLE) + 1)) == 2
    offsets_hold(in_pieces)
    persons = [a for a in in_pieces.actors if a.kind == "person"]
    assert [(a.id, a.title) for a in persons] == [("anna-kovac", "Defence Minister")]
    assert [m.text for m in persons[0].mentions][-2:] == ["Kovac", "Kovac"]
    assert persons == [a for a in whole.actors if a.kind == "person"]


def test_an_article_over_a_million_characters_is_read(nlp: Language) -> None:
    """Over spaCy's limit of 1,000,000 characters (which used to stop docket with E088)."""
    text = repeated(1_200_000 // len(ARTICLE) + 1)
    assert len(text) > 1_200_000
    record = pipeline.extract(Document.from_text(text, published=PUBLISHED), nlp)
    offsets_hold(record)
    copies = text.count(ARTICLE)
    assert len(record.commitments) >= copies
    last_copy = text.rindex(ARTICLE)
    assert any(t.start >= last_copy and t.value == "2025-06" for t in record.timexes)


def test_many_articles_keep_their_order_with_a_long_one_among_them(nlp: Language) -> None:
    short = Document.from_text(ARTICLE, published=PUBLISHED)
    long = Document.from_text(repeated(3), published=PUBLISHED)
    records = list(pipeline.extract_many([short, long, short], nlp, piece_chars=len(ARTICLE) + 1))
    assert [r.document.id for r in records] == [short.id, long.id, short.id]
    for record in records:
        offsets_hold(record)
    assert len(records[1].commitments) == 3 * len(records[0].commitments) > 0
    assert records[0] == records[2]


text_with_breaks = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
        st.sampled_from(["\n", "\n\n", ". ", "! ", " ", "”) ", "\t"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=text_with_breaks, limit=st.integers(min_value=2, max_value=120))
def test_pieces_make_up_the_text_and_keep_to_the_limit(text: str, limit: int) -> None:
    cuts = pieces.split(text, limit)
    assert "".join(text[a:b] for a, b in cuts) == text
    assert all(b - a <= limit for a, b in cuts)
    assert all(a < b for a, b in cuts) or text == ""
    assert [a for a, _ in cuts[1:]] == [b for _, b in cuts[:-1]]


def test_pieces_end_at_paragraphs_else_sentences_else_spaces() -> None:
    text = "One paragraph here.\nA second one that goes on. And on and on"
    assert pieces.split(text, 30) == [(0, 20), (20, 47), (47, len(text))]
    assert pieces.split("word " * 10, 12) == [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)]
    assert pieces.split("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_articles_are_read_together_up_to_a_count_or_a_size() -> None:
    # short wire stories go 64 to a batch; long articles fill one sooner, a very long one alone
    assert not pieces.batch_full(63, 63 * 800)
    assert pieces.batch_full(64, 64 * 800)
    assert pieces.batch_full(10, pieces.BATCH_CHARS)
    assert pieces.batch_full(1, 3 * pieces.BATCH_CHARS)
    assert not pieces.batch_full(2, 2_000, most=3)
