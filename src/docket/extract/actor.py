"""The actor stage (spaCy component ``docket_actor``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.state import state


class ActorStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.actors = []
        return doc


@Language.factory("docket_actor", assigns=["doc._.docket"])
def make_actor_stage(nlp: Language, name: str) -> ActorStage:
    return ActorStage(nlp, name)
