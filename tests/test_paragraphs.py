"""A paragraph of a report never continues the sentence before it, even when that one ends
with an abbreviation ("MCA Inc."): the commitment in the next paragraph is its own."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from docket.paragraphs import paragraph_starts
from docket.record import Record

TWO_PARAGRAPHS = (
    "Northwind Holdings said on Monday that it had bought a stake of 12 pct in Calder Foods Inc.\n\n"
    "Calder Foods and its founder have agreed to sell their remaining shares to Northwind by Friday."
)


def test_the_second_paragraph_starts_a_sentence(nlp: Language) -> None:
    doc = nlp(TWO_PARAGRAPHS)
    second = TWO_PARAGRAPHS.index("Calder Foods and")
    assert [s.start_char for s in doc.sents if not s.text.isspace()] == [0, second]
    assert doc.char_span(second, second + len("Calder")).sent.text.startswith("Calder Foods and its founder")


def test_the_commitment_of_the_second_paragraph_is_found(extract: Callable[..., Record]) -> None:
    rec = extract(TWO_PARAGRAPHS, "2024-09-09")
    sold = [c for c in rec.commitments if c.action == "sell"]
    assert sold, [(c.obligor, c.action) for c in rec.commitments]
    assert "calder" in " ".join(sold[0].obligor)
    assert next(t.value for t in rec.timexes if t.id == sold[0].deadline) == "2024-09-13"


def test_a_blank_line_or_an_indented_line_is_a_paragraph_break() -> None:
    assert paragraph_starts("One Inc.\n\nTwo.") == [len("One Inc.\n\n")]
    assert paragraph_starts("One Inc.\n  \n\tTwo.") == [len("One Inc.\n  \n\t")]
    assert paragraph_starts("One Inc.\n    Two.") == [len("One Inc.\n    ")]
    # a line merely wrapped is no break, nor is trailing blank space
    assert paragraph_starts("One Inc. said\nit would.") == []
    assert paragraph_starts("One.\n\n") == []
    # "He said: \"Done.\"" ends a sentence; the lines of a table end none and are left to the parser
    assert paragraph_starts('He said "Done."\n\nTwo.') == [len('He said "Done."\n\n')]
    assert paragraph_starts("NAIROBI, Kenya (AP) _\n\nThe envoy came.") == [len("NAIROBI, Kenya (AP) _\n\n")]
    assert paragraph_starts("Shr 34 cts vs 1.19 dlrs\n\nNet 807,000 vs 2,858,000") == []
