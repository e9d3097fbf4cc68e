"""docket's stand-ins for model components: the same attributes, the same name entities, less work."""

from __future__ import annotations

import importlib
import pickle
from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from docket import pipeline
from docket.model_speed import (
    FastAttributes,
    FastLemmas,
    GreedyEntities,
    NameEntities,
    entities_back,
    kept_tokens,
)

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "docket" / "data" / "sample" / "iraq"
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# words the attribute ruler has special patterns for: two-token ones, dependency-bound ones
TRICKY = (
    "I'm gonna go, let's see. You ain't seen it, but it gets worse: he got it. "
    "Gotta run.  They said    it's theirs, but I'd say otherwise."
)


@pytest.fixture(scope="module")
def model() -> Language:
    """The English model as shipped, every component enabled."""
    module = importlib.import_module(pipeline.model_name())
    loaded: Language = module.load()
    return loaded


def _texts() -> list[str]:
    return [TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]


def _parsed(model: Language, text: str) -> Doc:
    """The doc as it stands when the attribute ruler runs."""
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return model(text)


def test_fast_attributes_match_the_ruler_token_for_token(model: Language) -> None:
    ruler = model.get_pipe("attribute_ruler")
    fast = FastAttributes(ruler)
    assert fast.exact
    for text in _texts():
        mine, theirs = _parsed(model, text), _parsed(model, text)
        assert fast.matches(mine) == ruler.match(theirs)
        fast(mine)
        ruler(theirs)
        attrs = [POS, MORPH, LEMMA, TAG, DEP]
        assert numpy.array_equal(mine.to_array(attrs), theirs.to_array(attrs))


def test_fast_attributes_set_what_the_ruler_sets_on_special_words(model: Language) -> None:
    doc = _parsed(model, TRICKY)
    FastAttributes(model.get_pipe("attribute_ruler"))(doc)
    by_text = {t.lower_: t for t in doc}
    assert by_text["gon"].lemma_ == "go" and by_text["na"].lemma_ == "to"  # a two-token pattern
    assert by_text["ai"].lemma_ == "be"
    assert by_text["i"].morph.get("Case") == ["Nom"]  # a pattern bound to the dependency nsubj


def test_fast_lemmas_are_the_lemmatizer_s(model: Language) -> None:
    lemmatizer = model.get_pipe("lemmatizer")
    fast = FastLemmas(lemmatizer)
    for text in _texts():
        with model.select_pipes(disable=["lemmatizer", "ner"]):
            mine, theirs = model(text), model(text)
        fast(mine)
        lemmatizer(theirs)
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
    with pytest.warns(UserWarning, match="W108"):  # as the lemmatizer warns
        doc = fast(model.make_doc("x"))
    assert pickle.loads(pickle.dumps(fast)).lemmatizer.mode == lemmatizer.mode
    assert doc[0].lemma_ == "x"  # no part of speech: the lowered form, as the lemmatizer gives


def test_a_pattern_it_does_not_understand_hands_matching_back_to_the_ruler(model: Language) -> None:
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(model.vocab)
    ruler.add_patterns(model.get_pipe("attribute_ruler").patterns)
    ruler.add([[{"LENGTH": 5}]], {"LEMMA": "five"})
    fast = FastAttributes(ruler)
    assert not fast.exact
    text = "Seven words of text, then three more."
    mine, theirs = _parsed(model, text), _parsed(model, text)
    fast(mine)
    ruler(theirs)
    assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
    assert [t.text for t in mine if t.lemma_ == "five"] == ["Seven", "words", "three"]


def test_kept_tokens_are_capitalised_words_and_numbers_with_context(model: Language) -> None:
    text = "the talks went on and on while the ministers of the two sides met in Doha again"
    words = text.split(" ")
    doc = Doc(model.vocab, words=words)
    kept = kept_tokens(doc, pad=2, number_pad=1).tolist()
    doha = words.index("Doha")
    two = words.index("two")
    assert kept == sorted({*range(two - 1, two + 2), *range(doha - 2, len(words))})
    assert words.index("while") not in kept


def test_a_text_in_lower_case_is_kept_whole(model: Language) -> None:
    doc = model.make_doc("venezuela is seeking a flexible attitude from its creditor banks in current talks")
    assert kept_tokens(doc, pad=1, number_pad=1).tolist() == list(range(len(doc)))


def test_entities_go_back_to_their_tokens_and_none_across_a_gap(model: Language) -> None:
    doc = model.make_doc("a b Alpha Beta c d e f g Gamma h")
    kept = numpy.array([2, 3, 9])
    part = Doc(model.vocab, words=["Alpha", "Beta", "Gamma"])
    part.set_ents([Span(part, 0, 1, label="ORG"), Span(part, 1, 3, label="PERSON")])
    back = entities_back(doc, part, kept)
    assert [(e.text, e.start_char, e.label_) for e in back.ents] == [("Alpha", 4, "ORG")]
    assert all(t.ent_iob_ == "O" for t in back if t.i != 2)


def test_name_entities_are_those_of_the_whole_text_ner(model: Language) -> None:
    ner = NameEntities(model.get_pipe("ner"), pad=3, number_pad=2)  # the defaults
    for text in _texts():
        whole = model(text)
        with model.select_pipes(disable=["ner"]):
            mine = model(text)
        ner(mine)
        names = [(e.start, e.end, e.label_) for e in whole.ents if e.label_ in NAME_LABELS]
        assert [(e.start, e.end, e.label_) for e in mine.ents if e.label_ in NAME_LABELS] == names


def test_greedy_entities_are_the_model_ner_entities_in_one_batch(model: Language) -> None:
    # every label, docs of many lengths read in one batch (the longest first inside), blank
    # lines and runs of spaces, a doc of one word and an empty one
    texts = [*_texts(), "Baghdad", "", "Mr. Smith  met\n\nIBM officials in New York on May 5, 1987 ."]
    decoder = GreedyEntities.of(model.get_pipe("ner"))
    assert decoder is not None
    docs = [model.make_doc(text) for text in texts]
    with model.select_pipes(disable=["ner"]):
        docs = list(model.pipe(docs))
    found = decoder(docs)
    expected = [
        [(e.start, e.end, e.label) for e in doc.ents]
        for doc in model.get_pipe("ner").pipe(docs, batch_size=64)
    ]
    assert found == expected
    assert any(found[-1]) and found[-2] == []


def test_stand_ins_pickle(model: Language) -> None:
    fast = pickle.loads(pickle.dumps(FastAttributes(model.get_pipe("attribute_ruler"))))
    doc = _parsed(model, TRICKY)
    fast(doc)
    assert any(t.lemma_ == "go" for t in doc)
    names = pickle.loads(pickle.dumps(NameEntities(model.get_pipe("ner"), pad=4, number_pad=3)))
    assert (names.pad, names.number_pad) == (4, 3)
    assert [e.text for e in names(model.make_doc("Talks in Baghdad went on.")).ents] == ["Baghdad"]


def test_default_pipeline_runs_the_stand_ins() -> None:
    nlp = pipeline.load()
    names = nlp.pipe_names
    stand_ins = ["fast_attributes", "fast_lemmas", "fast_ner"]
    assert [n for n in names if n in stand_ins] == stand_ins
    assert names.index("fast_ner") < names.index(pipeline.STAGES[0])
    assert not {"attribute_ruler", "lemmatizer", "ner"} & set(names)
    assert {"attribute_ruler", "lemmatizer", "ner"} <= set(nlp.disabled)
    entities = nlp.get_pipe("fast_ner")
    assert isinstance(entities, NameEntities) and (entities.pad, entities.number_pad) == (3, 2)


def test_full_entities_keep_the_model_ner_and_excluding_ner_leaves_no_stand_in() -> None:
    full = pipeline.load(entities="full").pipe_names
    assert "ner" in full and "fast_ner" not in full and "fast_attributes" in full
    bare = pipeline.load_excluding(("ner",)).pipe_names
    assert "ner" not in bare and "fast_ner" not in bare


def test_an_unknown_entity_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="names, full"):
        pipeline.load(entities="some")


def test_records_agree_between_entity_modes(model: Language) -> None:
    from docket.record import Document

    fast, full = pipeline.load(), pipeline.load(entities="full")
    for path in sorted(SAMPLE.glob("*.txt")):
        document = Document.from_text(path.read_text(encoding="utf-8"))
        assert pipeline.extract(document, fast) == pipeline.extract(document, full), path.name


def test_kept_tokens_of_texts_shorter_than_the_context(model: Language) -> None:
    assert kept_tokens(model.make_doc("Baghdad"), pad=4, number_pad=3).tolist() == [0]
    assert kept_tokens(model.make_doc("Talks in Baghdad"), pad=4, number_pad=3).tolist() == [0, 1, 2]
    assert kept_tokens(model.make_doc(""), pad=4, number_pad=3).tolist() == []


def test_a_word_capitalised_only_for_opening_a_sentence_is_no_name(model: Language) -> None:
    with model.select_pipes(disable=["ner"]):
        doc = model("It rained all day and then it rained all night and all of the next day too.")
    assert doc[0].pos_ == "PRON"
    assert kept_tokens(doc, pad=2, number_pad=1).tolist() == []


def test_sentence_ids_group_tokens_as_their_sentences_do() -> None:
    from docket.extract.common.state import sentence_ids

    nlp = pipeline.load()
    doc = nlp("Troops left on Monday. The base closed. Officials said more would go by June, and then all.")
    ids = sentence_ids(doc)
    for a in range(len(doc)):
        for b in range(len(doc)):
            assert (ids[a] == ids[b]) == (doc[a].sent.start == doc[b].sent.start)
    assert len(set(ids)) == len(list(doc.sents)) == 3


def test_a_batch_worker_loads_the_pipeline_its_spec_names() -> None:
    from docket.batch.work import PipelineSpec, job_of, process_batch
    from docket.record import Document, Record

    text = (SAMPLE / "01-reuters-understanding.txt").read_text(encoding="utf-8")
    jobs = [job_of("a", Document.from_text(text))]
    fast = process_batch(jobs, PipelineSpec())
    full = process_batch(jobs, PipelineSpec(entities="full"))
    assert fast[0].record is not None and full[0].record is not None
    assert Record.model_validate_json(fast[0].record) == Record.model_validate_json(full[0].record)
    assert "ner" in pipeline.load_excluding((), "", "full").pipe_names
    assert "fast_ner" in pipeline.load_excluding((), "", "names").pipe_names


def test_fast_lemmas_find_each_lemma_as_the_rule_lemmatizer_does(model: Language) -> None:
    lemmatizer = model.get_pipe("lemmatizer")
    fast = FastLemmas(lemmatizer)
    assert fast.plain_rules  # the model's lemmatizer is spaCy's rule lemmatizer
    text = (
        "The mice went faster than the geese; they were running, had fled and feared worse. "
        "Officials' 2,500-strong forces re-deployed by the 1990s, best of all, in U.S.-led raids."
    )
    checked = 0
    for doc in [*_parts_of(model, text), *(_parts_of(model, t)[0] for t in _texts())]:
        for token in doc:
            if token.pos_ in ("", "SPACE"):
                continue
            assert fast._rule_lemma(token) == lemmatizer.rule_lemmatize(token)[0], token.text
            checked += 1
    assert checked > 1000
    with model.select_pipes(disable=["lemmatizer", "ner"]):
        doc = model("The mice went faster than the geese, and colonels redeployed battalions.")
    before = len(lemmatizer.cache)
    fast(doc)
    assert [t.lemma_ for t in doc][:4] == ["the", "mouse", "go", "fast"]
    assert len(lemmatizer.cache) == before  # spaCy's own unbounded cache is left alone: fast's memo is capped


def _parts_of(model: Language, text: str) -> list[Doc]:
    with model.select_pipes(disable=["lemmatizer", "ner"]):
        return [model(text)]


def test_fast_attributes_match_two_token_patterns_without_the_matcher(model: Language) -> None:
    ruler = model.get_pipe("attribute_ruler")
    fast = FastAttributes(ruler)
    assert fast.runs and len(fast.rest) == 0  # the model's longer patterns are all fixed runs
    text = "Y'all ain't ready, c'mon, we're gonna go and gotta win. Let's see: there is more, there 's less."
    mine, theirs = _parsed(model, text), _parsed(model, text)
    got = fast.matches(mine)
    assert got == ruler.match(theirs)
    pairs = {" ".join(t.lower_ for t in mine[start:end]) for _, _, start, end in got if end - start == 2}
    assert {"gon na", "got ta", "let 's", "ai n't", "there is"} <= pairs


def test_numpy_matrices_give_the_model_s_tags_parse_and_entities() -> None:
    from thinc.api import NumpyOps

    from docket.model_speed import numpy_matrices

    shipped: Language = importlib.import_module(pipeline.model_name()).load()
    ours: Language = importlib.import_module(pipeline.model_name()).load()
    numpy_matrices(ours)
    models = [getattr(part, "model", None) for _, part in ours.components]
    layers = [layer for model in models if hasattr(model, "walk") for layer in model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)

    def analysis(nlp: Language) -> list[tuple[str, str, int, str, str]]:
        return [
            (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for doc in nlp.pipe(_texts()) for t in doc
        ]

    assert analysis(ours) == analysis(shipped)
