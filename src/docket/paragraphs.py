"""``paragraph_starts``: a paragraph of news never continues the sentence before it.

The English model's parser decides where sentences start, and after an abbreviation
("a stake in MCA Inc.") it often reads on across a blank line into the next paragraph,
so that a commitment there is read as part of the sentence before. This component runs
before the parser and marks the first token after a paragraph break that follows the end of
a sentence (a full stop, question or exclamation mark) or a dateline as a sentence start
(and the blank between as no start); spaCy's parser keeps boundaries set before it runs.

A paragraph break is a blank line (the wire and Wikinews texts docket reads) or a newline
followed by indentation (Reuters-21578 as the wire sent it). Its name does not start with
``docket_``: that prefix is kept for docket's stages (pipeline.STAGES).
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

# A blank line (spaces or tabs allowed on it), or a newline and indentation before text.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\n[ \t]+(?=\S)")
# A paragraph that ends a sentence: its last mark (before closing quotes or brackets) is a full
# stop, a question or an exclamation mark; or a dateline, which ends in a dash or an underscore
# ("NAIROBI, Kenya (AP) _"). The lines of a table ("Shr 34 cts vs 1.19 dlrs") and a heading that
# ends in a colon end in none of these, and are left to the parser, which reads them on as one
# (the quantity stage takes a unit from the line above).
SENTENCE_END = re.compile(r"(?:[.?!][\"'\u201d\u2019)\]]*|[-_\u2013\u2014])[ \t]*$")


def paragraph_starts(text: str) -> list[int]:
    """The character offsets at which a paragraph begins after a paragraph that ends a sentence."""
    return [
        m.end()
        for m in PARAGRAPH_BREAK.finditer(text)
        if 0 < m.end() < len(text) and SENTENCE_END.search(text[max(0, m.start() - 12) : m.start()])
    ]


def mark_paragraphs(doc: Doc) -> Doc:
    """Set the first token of each paragraph after the first as a sentence start."""
    starts = paragraph_starts(doc.text)
    if not starts:
        return doc
    offsets = doc.to_array([IDX]).ravel()
    found = set(starts)
    for i in numpy.searchsorted(offsets, starts).tolist():
        if 0 < i < len(doc) and doc[i].idx in found:
            doc[i].is_sent_start = True
            if doc[i - 1].is_space and i - 1 > 0:
                doc[i - 1].is_sent_start = False
    return doc


@Language.component("paragraph_starts")
def paragraph_starts_component(doc: Doc) -> Doc:
    return mark_paragraphs(doc)


def add_paragraph_starts(nlp: Language) -> Language:
    """Put ``paragraph_starts`` just before the model's parser (a pipeline without one is left as is;
    one whose parser gave way to a stand-in after it, disabled, still has it in place)."""
    if "parser" in nlp.component_names and "paragraph_starts" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_starts", before="parser")
    return nlp
