"""The source stage (spaCy component ``docket_source``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class SourceStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.sources = []
        return doc


@Language.factory("docket_source", assigns=["doc._.docket"])
def make_source_stage(nlp: Language, name: str) -> SourceStage:
    return SourceStage(nlp, name)
