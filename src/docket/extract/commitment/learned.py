"""The commitment model's stage (spaCy component ``docket_commitment_model``): after the rules,
the trained model of ``data/commitment_model.yaml``'s ``kind`` revises their commitments, the
sentence model (``model.py``) or the clause model (``clauses.py``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.commitment.clauses import revise_clauses
from docket.extract.commitment.model import (
    SentenceModel,
    cue_classes,
    default_model,
    gating,
    kind,
    revise,
    switched_on,
)
from docket.extract.common.state import char_spans, state


class CommitmentModelStage:
    def __init__(self, nlp: Language, name: str, enabled: bool) -> None:
        self.name = name
        self.enabled = enabled
        self.model: SentenceModel | None = None

    def __call__(self, doc: Doc) -> Doc:
        model = self.model or default_model()
        if not self.enabled or model is None or not doc.has_annotation("DEP"):
            return doc
        found = state(doc)
        if kind() == "clause":
            found.commitments = revise_clauses(doc, model, gating()[1])
        else:
            found.commitments = revise(doc, model)
        char_spans(doc, "docket_commitment", [(c.start, c.end, c.action) for c in found.commitments])
        return doc


@Language.factory("docket_commitment_model", assigns=["doc._.docket"], default_config={"enabled": None})
def make_commitment_model_stage(nlp: Language, name: str, enabled: bool | None) -> CommitmentModelStage:
    if enabled is None:
        from docket import settings

        enabled = settings.load().commitment_model
        if enabled is None:
            enabled = switched_on()
    if enabled:
        default_model()  # read the model and its words now, not on the first article
        cue_classes()
    return CommitmentModelStage(nlp, name, bool(enabled))
