"""The quantity stage (spaCy component ``docket_quantity``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class QuantityStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.quantities = []
        return doc


@Language.factory("docket_quantity", assigns=["doc._.docket"])
def make_quantity_stage(nlp: Language, name: str) -> QuantityStage:
    return QuantityStage(nlp, name)
