"""The commitment stage (spaCy component ``docket_commitment``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class CommitmentStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.commitments = []
        return doc


@Language.factory("docket_commitment", assigns=["doc._.docket"])
def make_commitment_stage(nlp: Language, name: str) -> CommitmentStage:
    return CommitmentStage(nlp, name)
