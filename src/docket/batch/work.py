"""What a worker does: extract the records of a batch of documents.

Work sent to another process travels as plain strings (a document's JSON in, a
record's JSON out) so that any engine can ship it: a local process pool pickles it,
Dask sends it over the network. Work done in the batch's own process (one worker)
hands the objects over as they are: nothing to serialise and parse again.
spaCy's own ``n_process`` would have to serialise the Doc, whose
extraction state holds pydantic objects msgpack cannot carry; building the record
inside the worker avoids that and sends back only what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from docket.record import Document, Record


@dataclass(frozen=True)
class Job:
    """One article to extract: where it came from, and its document (as JSON when shipped)."""

    origin: str
    document: str | Document


@dataclass(frozen=True)
class Outcome:
    """The result of one job: the record (as JSON when its job was), or why it failed."""

    origin: str
    doc_id: str
    record: str | Record | None = None
    error: str | None = None


@dataclass(frozen=True)
class PipelineSpec:
    """Which pipeline a worker loads: the model package, the model components to leave out,
    where the entity recogniser runs (settings.ENTITY_MODES) and how the parser decodes
    (settings.PARSER_MODES)."""

    model: str = ""
    exclude: tuple[str, ...] = ()
    entities: str = "names"
    parser: str = "numpy"


def job_of(origin: str, document: Document, shipped: bool = True) -> Job:
    """A job for ``document``; ``shipped=False`` for work done in this process (kept as the object)."""
    return Job(origin, document.model_dump_json() if shipped else document)


def _document(job: Job) -> Document:
    if isinstance(job.document, Document):
        return job.document
    return Document.model_validate_json(job.document)


def _result(job: Job, record: Record) -> str | Record:
    """The record as the job came: JSON for a shipped job, else the object."""
    return record if isinstance(job.document, Document) else record.to_json()


def process_batch(jobs: list[Job], spec: PipelineSpec) -> list[Outcome]:
    """Records of a batch of jobs, in order; an article that fails does not fail the others.

    The pipeline is loaded once per process (pipeline.load_excluding is cached).
    """
    from docket import pipeline

    nlp = pipeline.load_excluding(spec.exclude, spec.model, spec.entities, spec.parser)
    try:
        documents = [_document(job) for job in jobs]
        records = list(pipeline.extract_many(documents, nlp, batch_size=max(1, len(documents))))
        return [
            Outcome(job.origin, document.id, record=_result(job, record))
            for job, document, record in zip(jobs, documents, records, strict=True)
        ]
    except Exception:
        # Something in the batch broke a stage: do them one at a time to name the culprit.
        return [_one(job, nlp) for job in jobs]


def _one(job: Job, nlp: Language) -> Outcome:
    from docket import pipeline

    doc_id = ""
    try:
        document = _document(job)
        doc_id = document.id
        record: Record = pipeline.extract(document, nlp)
        return Outcome(job.origin, doc_id, record=_result(job, record))
    except Exception as exc:
        what = f"extraction failed ({type(exc).__name__}: {exc})"
        return Outcome(job.origin, doc_id, error=what.splitlines()[0])
