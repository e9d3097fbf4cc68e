"""``paragraph_starts``: a paragraph of news never continues the sentence before it.

The English model's parser decides where sentences start, and after an abbreviation
("a stake in MCA Inc.") it often reads on across a blank line into the next paragraph,
so that a commitment there is read as part of the sentence before. This component runs
before the parser and marks the first token after a paragraph break as a sentence start
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


def paragraph_starts(text: str) -> list[int]:
    """The character offsets at which a paragraph after a break begins (never 0)."""
    return [m.end() for m in PARAGRAPH_BREAK.finditer(text) if 0 < m.end() < len(text)]


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
    """Put ``paragraph_starts`` just before the model's parser (a pipeline without one is left as is)."""
    if "parser" in nlp.pipe_names and "paragraph_starts" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_starts", before="parser")
    return nlp
