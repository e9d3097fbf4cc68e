"""The timex stage (spaCy component ``docket_timex``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class TimexStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.timexes = []
        return doc


@Language.factory("docket_timex", assigns=["doc._.docket"])
def make_timex_stage(nlp: Language, name: str) -> TimexStage:
    return TimexStage(nlp, name)
