"""``fast_parser``: the model's dependency parser, its greedy decoding scored in numpy.

spaCy's ``parser`` scores its moves (shift, reduce, left and right arcs, a sentence break)
state by state in a loop of compiled code that takes and gives back Python's lock (GIL)
around each of its small vector sums and products (eight sums and one product a state and a
step, through BLIS's plain reference code here): on news text about 80% of the parser's time.
:class:`GreedyParse` scores the moves of every state of a batch at once with numpy, on the
same numbers: the model's token vectors and precomputed hidden layer, the same state
features (spaCy's own ``set_context_tokens``), summed in the same order, maxout by the same
rule, the output layer through the same BLIS product; and leaves the rest to spaCy's own
compiled code: which moves are valid, the best of them, the move itself (``transition_states``),
and the parse set on the doc (``set_annotations``). So the heads, labels and sentence starts
are spaCy's, bit for bit. Each doc moves once a step, and a numpy step costs about what spaCy
spends on eight states: the docs of a batch whose parse would keep the steps going nearly
alone (the longest; an article parsed alone) go to spaCy's own loop. A model whose decoding
is not of this kind (beam search, no output layer, classes marked unseen) keeps spaCy's
parser altogether.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from types import SimpleNamespace
from typing import Any

import numpy
from spacy.attrs import DEP
from spacy.language import Language
from spacy.ml.parser_model import ParserStepModel
from spacy.tokens import Doc

from docket.model_speed import blis_gemm, greedy_with_output

# a numpy step costs about what spaCy's loop spends on this many moves (GreedyParse.split)
STEP_STATES = 8


class GreedyParse:
    """The model's ``parser`` decoding, its moves scored with numpy over a batch of docs."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        model = parser.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        self.upper = model.get_ref("upper")
        self.n_features = int(self.lower.get_dim("nF"))
        # what spaCy's step model offers its features function: the number of features
        self.step = SimpleNamespace(state2vec=SimpleNamespace(nF=self.n_features))

    @classmethod
    def of(cls, parser: Any) -> GreedyParse | None:
        """The decoder for ``parser``, or None when its model is not one this class scores as
        spaCy does (greedy, an output layer, no class marked unseen, maxout or one piece)."""
        try:
            fits = (
                greedy_with_output(parser)
                and parser.model.get_ref("lower").get_dim("nP") >= 1
                and hasattr(parser, "transition_states")
            )
        except (AttributeError, KeyError, ValueError):
            return None
        return cls(parser) if fits else None

    def split(self, lengths: Sequence[int]) -> list[bool]:
        """Which docs this class parses (True) and which go to spaCy's loop: the k longest, for the
        k that costs least. A doc takes about two moves a word; the numpy steps take as many as
        the longest doc left to them, each worth STEP_STATES of spaCy's moves."""
        order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
        ranked = [lengths[i] for i in order] + [0]
        best, best_cost, theirs = 0, STEP_STATES * ranked[0], 0
        for k in range(1, len(order) + 1):
            theirs += ranked[k - 1]
            cost = STEP_STATES * ranked[k] + theirs
            if cost < best_cost:
                best, best_cost = k, cost
        mine = [True] * len(lengths)
        for i in order[:best]:
            mine[i] = False
        return mine

    def __call__(self, docs: Sequence[Doc]) -> list[Any]:
        """Parse ``docs`` as the model's parser does; their parse states, for ``set_annotations``."""
        parser = self.parser
        if any(doc.to_array(DEP).any() for doc in docs):
            parser._ensure_labels_are_added(docs)  # (spaCy's parser learns labels set before it)
        states = parser.moves.init_batch(docs)
        live = [state for state in states if not state.is_final()]
        if not live:
            return list(states)
        tokvecs = self.tok2vec.predict(list(docs))
        # (tokens + 1) x features rows of hidden x pieces: row 0 of each feature is the padding of
        # an absent word; the features of a state are rows (word + 1) x features + feature
        cached = self.lower.predict(tokvecs)
        n_rows, n_features = cached.shape[0], cached.shape[1]
        table = cached.reshape(n_rows * n_features, -1)
        hidden_width, pieces = int(cached.shape[2]), int(cached.shape[3])
        bias = self.lower.get_param("b").reshape(-1)
        weights = self.upper.get_param("W")
        out_bias = self.upper.get_param("b")
        # the row of feature f of word w in the table: (w + 1) x features + f (w = -1: padding)
        feature = numpy.arange(n_features, n_features * 2, dtype=numpy.int32)
        while live:
            ids = ParserStepModel.get_token_ids(self.step, live)
            ids *= n_features
            ids += feature
            found = table.take(ids.ravel(), axis=0).reshape(len(live), n_features, -1)
            # as spaCy's sum_state_features: the features one after another, then the bias
            unmaxed = _in_turn(found)
            unmaxed += bias
            hidden = _maxout(unmaxed.reshape(len(live), hidden_width, pieces))
            scores = blis_gemm(hidden, weights)
            scores += out_bias
            live = parser.transition_states(live, scores)
        return list(states)

    def __reduce__(self) -> tuple[Any, ...]:
        return (GreedyParse, (self.parser,))


def _in_turn(found: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
    """The sum of ``found`` over its middle axis, added one after another from the first."""
    if _SUM_IN_TURN:
        total: numpy.ndarray[Any, Any] = found.sum(axis=1)
        return total
    total = found[:, 0].copy()
    for f in range(1, found.shape[1]):
        total += found[:, f]
    return total


def _sums_in_turn() -> bool:
    """Whether numpy's sum over a middle axis adds its slices one after another, as spaCy does
    (numpy's pairwise summation is for the innermost axis): on numbers whose sum tells the order."""
    rng = numpy.random.default_rng(7)
    found = (rng.standard_normal((5, 8, 32)) * 10.0 ** rng.integers(-8, 9, (5, 8, 32))).astype(numpy.float32)
    by_turn = found[:, 0].copy()
    for f in range(1, found.shape[1]):
        by_turn += found[:, f]
    return bool((found.sum(axis=1) == by_turn).all())


_SUM_IN_TURN = _sums_in_turn()


def _maxout(unmaxed: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
    """The largest piece of each hidden unit. Where two pieces are equal spaCy takes the second
    (thinc's Vec.arg_max), which differs from numpy's choice at most in the sign of a zero; a
    zero unit adds nothing to a score whatever its sign (the output layer's sums start at +0),
    so the scores are the same."""
    best: numpy.ndarray[Any, Any] = unmaxed[..., 0]
    for p in range(1, unmaxed.shape[-1]):
        best = numpy.maximum(best, unmaxed[..., p])
    return best


class FastParser:
    """The model's parser, its moves scored by :class:`GreedyParse`; the longest docs of a batch
    (and every doc, for a model GreedyParse does not score as spaCy does) by spaCy's own loop."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.decoder = GreedyParse.of(parser)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        parser, decoder = self.parser, self.decoder
        stream = iter(docs)
        while batch := list(itertools.islice(stream, batch_size)):
            if decoder is None:
                yield from parser.pipe(batch, batch_size=len(batch))
                continue
            mine = decoder.split([len(doc) for doc in batch])
            ours = [doc for doc, m in zip(batch, mine, strict=True) if m]
            theirs = [doc for doc, m in zip(batch, mine, strict=True) if not m]
            if ours:
                parser.set_annotations(ours, decoder(ours))
            if theirs:
                parser.set_annotations(theirs, parser.predict(theirs))
            yield from batch

    def __reduce__(self) -> tuple[Any, ...]:
        return (FastParser, (self.parser,))


@Language.factory("fast_parser", default_config={"parser": "parser"})
def make_parser(nlp: Language, name: str, parser: str) -> FastParser:
    return FastParser(nlp.get_pipe(parser))
