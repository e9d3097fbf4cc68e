"""docket gives the same record for the same article however it is read: alone, in a batch among
other articles (``extract_many``, as ``read``, ``add`` and ``batch`` do), and in another process
with another hash seed; with the commitment model on, its scores of each sentence too."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from docket import pipeline
from docket.extract.commitment.model import MODEL_DIR, SentenceModel, sentence_words
from docket.extract.common.state import state
from docket.record import Document

SAMPLES = Path(pipeline.__file__).resolve().parent / "data" / "sample" / "iraq"
DAY = dt.date(2024, 9, 7)
# short articles of the kinds the commitment stages read: a pledge with a date, a plan told by a
# spokesman, a meeting announced with its day, a past fact
SHORT = [
    "Norland Steel Corp said it agreed to sell its Ohio rolling mill to Westbury Metals Inc by June 30.",
    "Ruritania's Labour Party will announce on Monday, March 9, whether it will leave the coalition "
    "government or stay in it, party officials said.",
    "The prime minister and the opposition leader will continue to meet every two weeks to follow "
    "up the talks, the joint statement said. The last talks ended without a deal.",
    "Norland Steel Corp sold its Ohio rolling mill to Westbury Metals Inc last year.",
]


def _documents() -> list[Document]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))[:4]]
    return [Document.from_text(t, published=DAY) for t in [*SHORT, *texts]]


def _dump(records: list[dict[str, object]]) -> list[str]:
    return [json.dumps(r, sort_keys=True, default=str) for r in records]


@pytest.mark.usefixtures("model_on")
def test_an_article_read_alone_or_in_a_batch_gives_the_same_record(nlp: Language) -> None:
    documents = _documents()
    alone = _dump([pipeline.extract(d, nlp).to_dict() for d in documents])
    # each article in a batch of 64 with the others around it, in another order
    mixed = [*reversed(documents), *documents] * 8
    together = _dump([r.to_dict() for r in pipeline.extract_many(mixed, nlp, batch_size=64)])
    n = len(documents)
    assert together[n : 2 * n] == alone
    assert together[:n] == alone[::-1]
    assert any('"action"' in r for r in alone)  # there are commitments to compare


def test_reading_many_in_several_processes_is_refused_at_once_with_the_way_to_do_it() -> None:
    # spaCy's n_process cannot carry docket's state back from its workers: no half-run, a pointer
    # to the batch, which builds each record in its worker
    nlp = pipeline.blank_with_stages(())
    with pytest.raises(ValueError, match=r"docket batch .*--workers N"):
        pipeline.extract_many([Document.from_text(SHORT[0], published=DAY)], nlp, n_process=2)
    one = list(pipeline.extract_many([Document.from_text(SHORT[0], published=DAY)], nlp, n_process=1))
    assert [r.document.text for r in one] == [SHORT[0]]


@pytest.mark.usefixtures("model_on")
def test_the_model_scores_each_sentence_the_same_alone_and_in_a_batch(nlp: Language) -> None:
    model = SentenceModel.load(MODEL_DIR)
    documents = _documents()

    def scores(doc: Doc) -> list[float]:
        return model.scores(sentence_words(doc, state(doc)))

    alone = [scores(nlp(pipeline.make_doc(nlp, d))) for d in documents]
    docs = [pipeline.make_doc(nlp, d) for d in [*documents, *documents]]
    batched = [scores(doc) for doc in nlp.pipe(docs, batch_size=64)]
    assert batched == alone + alone
    assert any(s for s in alone)


CHILD = """
import json, sys, datetime as dt
from docket import pipeline
from docket.record import Document
nlp = pipeline.load()
nlp.get_pipe("docket_commitment_model").enabled = True
texts = json.loads(sys.stdin.read())
for t in texts:
    rec = pipeline.extract(Document.from_text(t, published=dt.date(2024, 9, 7)), nlp)
    print(json.dumps(rec.to_dict(), sort_keys=True, default=str))
"""


@pytest.mark.usefixtures("model_on")
def test_two_processes_with_other_hash_seeds_give_the_same_records(nlp: Language) -> None:
    documents = _documents()
    here = _dump([pipeline.extract(d, nlp).to_dict() for d in documents])
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", CHILD],
            input=json.dumps([d.text for d in documents]),
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert done.stdout.splitlines() == here
