"""fast_parser: the model's parse, head for head and label for label, with its moves scored in numpy."""

from __future__ import annotations

import importlib
import pickle
from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from docket import pipeline, settings
from docket.parse_speed import FastParser, GreedyParse
from docket.record import Document

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "docket" / "data" / "sample" / "iraq"
WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews" / "articles.jsonl.gz"
# written text with what a parser meets in news: a dateline, quotes, a list, blank lines that
# start a paragraph after a sentence (paragraph_starts marks them), an abbreviation ending one,
# runs of spaces, a heading without a full stop
WRITTEN = (
    "WASHINGTON, March 3 (Reuters) - The Treasury said it would sell $9.75 billion of notes "
    'on Tuesday, and "will not" raise the limit before June 30.\n\n'
    "Shr 34 cts vs 1.19 dlrs\n    Net 5,000,000 vs 7,000,000\n\n"
    "The company, a unit of MCA Inc.\n\nIt plans to close three plants by 1990, "
    "cut 2,000 jobs and sell its stake in   the venture; officials declined to comment."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """docket's pipeline with spaCy's own parser (DOCKET_PARSER=spacy)."""
    return pipeline.load(parser="spacy")


def _before_parser(nlp: Language, texts: list[str]) -> list[Doc]:
    """The texts as docket hands them to the parser (tagged, paragraph starts set)."""
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[: names.index("parser")]):
        return list(nlp.pipe(pipeline.make_doc(nlp, Document.from_text(t)) for t in texts))


def _parse(doc: Doc) -> list[tuple[int, str, int]]:
    return [(t.head.i, t.dep_, int(t.is_sent_start or 0)) for t in doc]


def _texts() -> list[str]:
    return [WRITTEN, *(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt")))]


def test_fast_parser_parses_as_the_model_parser_in_one_batch(nlp: Language) -> None:
    # docs of many lengths, the one-word and the empty doc among them, and the same texts once
    # more: the longest go to spaCy's loop, the rest are scored in numpy
    texts = [*_texts(), "Baghdad", "", "Troops left.\n\nThe base closed on Monday.", *_texts()[:2]]
    theirs = _before_parser(nlp, texts)
    ours = [doc.copy() for doc in theirs]
    parser = nlp.get_pipe("parser")
    fast = FastParser(parser)
    assert fast.decoder is not None
    mine = fast.decoder.split([len(doc) for doc in ours])
    assert any(mine) and not all(mine)
    list(parser.pipe(theirs, batch_size=len(theirs)))
    list(fast.pipe(ours, batch_size=len(ours)))
    for a, b in zip(theirs, ours, strict=True):
        assert _parse(b) == _parse(a)
        assert b.to_bytes(exclude=["user_data"]) == a.to_bytes(exclude=["user_data"])
    assert len(list(ours[0].sents)) > 4 and ours[-5][0].dep_ == "ROOT"


def test_every_doc_scored_in_numpy_gets_the_model_parse(nlp: Language) -> None:
    theirs = _before_parser(nlp, [*_texts(), "Baghdad", ""])
    ours = [doc.copy() for doc in theirs]
    parser = nlp.get_pipe("parser")
    decoder = GreedyParse.of(parser)
    assert decoder is not None
    parser.set_annotations(ours, decoder(ours))
    list(parser.pipe(theirs))
    assert [_parse(doc) for doc in ours] == [_parse(doc) for doc in theirs]


@pytest.mark.skipif(
    not WIKINEWS.exists(), reason="needs ../shared/corpora/wikinews (not on a user's machine)"
)
def test_real_articles_parse_the_same_both_ways(nlp: Language) -> None:
    import gzip
    import json

    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(40), fh, strict=False)]
    theirs = _before_parser(nlp, texts)
    ours = [doc.copy() for doc in theirs]
    list(nlp.get_pipe("parser").pipe(theirs, batch_size=20))
    list(FastParser(nlp.get_pipe("parser")).pipe(ours, batch_size=20))
    heads = [doc.to_array([HEAD, DEP, SENT_START]) for doc in ours]
    expected = [doc.to_array([HEAD, DEP, SENT_START]) for doc in theirs]
    assert all(numpy.array_equal(a, b) for a, b in zip(heads, expected, strict=True))


def test_the_longest_docs_of_a_batch_go_to_spacy_s_loop(nlp: Language) -> None:
    decoder = GreedyParse.of(nlp.get_pipe("parser"))
    assert decoder is not None
    assert decoder.split([300]) == [False]  # one doc alone: spaCy's loop costs less
    assert decoder.split([100] * 40) == [True] * 40
    assert decoder.split([2000, *[100] * 40]) == [False, *[True] * 40]
    assert decoder.split([]) == []


def test_a_model_scored_otherwise_keeps_spacy_s_loop(nlp: Language) -> None:
    model: Language = importlib.import_module(pipeline.model_name()).load()
    parser = model.get_pipe("parser")
    parser.cfg["beam_width"] = 4
    assert GreedyParse.of(parser) is None
    assert FastParser(parser).decoder is None
    shipped = model.get_pipe("parser")
    shipped.cfg["beam_width"] = 1
    shipped.model.attrs["unseen_classes"] = {3}
    assert GreedyParse.of(shipped) is None
    shipped.model.attrs["unseen_classes"] = set()


def test_default_pipeline_parses_with_the_stand_in_and_the_same_records(nlp: Language) -> None:
    fast = pipeline.load()
    assert "fast_parser" in fast.pipe_names and "parser" in fast.disabled
    names = fast.pipe_names
    assert names.index("paragraph_starts") < names.index("fast_parser") < names.index("fast_attributes")
    assert "parser" in nlp.pipe_names and "fast_parser" not in nlp.pipe_names
    assert "fast_parser" not in pipeline.load_excluding(("parser",)).pipe_names
    documents = [Document.from_text(text) for text in _texts()]
    assert list(pipeline.extract_many(documents, fast, batch_size=len(documents))) == list(
        pipeline.extract_many(documents, nlp, batch_size=len(documents))
    )


def test_parser_setting_numpy_by_default_spacy_on_request_and_nothing_else() -> None:
    assert settings.load({}).parser == "numpy"
    assert settings.load({"DOCKET_PARSER": " SpaCy "}).parser == "spacy"
    with pytest.raises(
        settings.SettingError, match="DOCKET_PARSER='beam' cannot be used: must be numpy or spacy"
    ):
        settings.load({"DOCKET_PARSER": "beam"})
    with pytest.raises(ValueError, match="numpy, spacy"):
        pipeline.load(parser="beam")


def test_fast_parser_pickles(nlp: Language) -> None:
    fast = pickle.loads(pickle.dumps(FastParser(nlp.get_pipe("parser"))))
    doc = _before_parser(nlp, ["Talks in Baghdad went on. They ended at noon."])[0]
    assert [t.dep_ for t in fast(doc)][:3] == ["nsubj", "prep", "pobj"]
    assert len(list(doc.sents)) == 2
