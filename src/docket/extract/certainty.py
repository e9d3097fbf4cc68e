"""The certainty stage (spaCy component ``docket_certainty``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class CertaintyStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.cues = []
        return doc


@Language.factory("docket_certainty", assigns=["doc._.docket"])
def make_certainty_stage(nlp: Language, name: str) -> CertaintyStage:
    return CertaintyStage(nlp, name)
