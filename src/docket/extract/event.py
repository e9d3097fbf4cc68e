"""The event stage (spaCy component ``docket_event``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class EventStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.events = []
        return doc


@Language.factory("docket_event", assigns=["doc._.docket"])
def make_event_stage(nlp: Language, name: str) -> EventStage:
    return EventStage(nlp, name)
