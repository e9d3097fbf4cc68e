"""Faster stand-ins for three of the English model's components, used by docket's default pipeline.

- ``fast_attributes`` does what the model's ``attribute_ruler`` does, with the same
  patterns and the same result token for token, but decides which single-token
  patterns hold for a token from an index of its lower-case form and tag, once per
  (form, tag, dependency) seen, instead of running spaCy's Matcher with every
  pattern over every token (a tenth of the bare model's time on news text); the
  patterns of a fixed run of such tokens ("gon na") are read off the same answers.
- ``fast_lemmas`` finds a lemma once per (form, part of speech, morphology) seen,
  with the model's ``lemmatizer`` rules and tables (its word lists as sets), and
  writes a doc's lemmas in one go: the same lemmas.
- ``fast_ner`` runs the model's ``ner`` only on the stretches of an article
  around words with a capital letter (names, where docket's actor and source stages
  read entities) and around numbers (the quantity stage reads the model's dates),
  padded with a few words of context each side, and maps the entities back onto
  the whole article by token. On the first 300 Reuters-21578 stories that is 62% of
  the tokens; 99.8% of capitalised tokens and 99.5% of numbers get the entity label
  they get from the whole text, and 98.7% of name entities are the same. What falls
  outside (mostly lower-case dates and amounts: "last year", "15 pct") docket does
  not read from entities. ``DOCKET_ENTITIES=full`` keeps the whole-text ``ner``.
  Its decoding runs in numpy (``GreedyEntities``): the model's own numbers and
  moves, the same entities, without spaCy's compiled loop and its lock churn.

Besides, :func:`numpy_matrices` has the model's layers multiply their matrices through
numpy (OpenBLAS, one thread) instead of BLIS, which thinc uses by default: the same
products, about three times as fast on the token-to-vector layers here, which are most
of tok2vec's and a third of ner's time.

Each takes the model's own component when the pipeline is built (spaCy hands the
factory the ``nlp`` object), which stays in the pipeline, disabled. Their names do not
start with ``docket_``: that prefix is kept for docket's stages (pipeline.STAGES).
"""

from __future__ import annotations

import ctypes
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, IS_ALPHA, IS_SPACE, LEMMA, LIKE_NUM, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps

# token attributes the fast attribute matcher understands in a single-token pattern
_KNOWN_KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})
_KNOWN_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
# attributes the ruler may set that belong to a token alone, so assignments to two
# tokens never interfere
_TOKEN_ATTRS = frozenset({LEMMA, POS, TAG, DEP, MORPH})
# distinct (form, tag, dependency) triples remembered; beyond, the memo starts again
_MEMO_LIMIT = 50_000

# below this share of capitalised words among the words, a text is taken as written in
# lower case (news has one in six or so)
FEW_CAPITALS = 0.04

# word classes (Universal POS) of a sentence's first word that is capitalised only
# because it opens the sentence: determiners, pronouns, prepositions, conjunctions ...
SENTENCE_OPENERS = ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "ADV")

Predicate = tuple[str, Any]  # (attribute, spec): spec a value or {"IN": [...]} etc.


def _holds(spec: Any, value: Any) -> bool:
    if isinstance(spec, dict):
        for op, arg in spec.items():
            if op == "IN" and value not in arg:
                return False
            if op == "NOT_IN" and value in arg:
                return False
            if op == "REGEX" and not re.search(str(arg), str(value)):
                return False
        return True
    return bool(spec == value)


def _supported(pattern: Sequence[dict[str, Any]]) -> bool:
    """A one-token pattern of plain values, IN, NOT_IN or REGEX on the attributes above."""
    return len(pattern) == 1 and all(
        key in _KNOWN_KEYS
        and isinstance(spec, (str, bool, dict))
        and (not isinstance(spec, dict) or set(spec) <= _KNOWN_PREDICATES)
        for key, spec in pattern[0].items()
    )


class FastAttributes:
    """The model's attribute_ruler, same patterns and output, with single-token patterns indexed."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        strings = self.vocab.strings
        self.by_lower: dict[str, list[tuple[int, int, tuple[Predicate, ...]]]] = {}
        self.by_tag: dict[str, list[tuple[int, int, tuple[Predicate, ...]]]] = {}
        self.general: list[tuple[int, int, tuple[Predicate, ...]]] = []
        # patterns of a fixed run of tokens, each understood as a single-token pattern: every
        # token's pattern is a "slot", checked once per kind of token; by their first slot
        self.slots: list[tuple[Predicate, ...]] = []
        self.runs: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
        self.rest = Matcher(self.vocab)  # other patterns of more than one token, run as spaCy runs them
        self.exact = True  # False: a pattern this class does not understand; use the ruler itself
        # for each (form, tag, dependency): the single-token matches, and the slots that hold
        # (bit n for slot n: mostly 0, which Python keeps once for all)
        self.memo: dict[tuple[int, int, int], tuple[tuple[tuple[int, int], ...], int]] = {}
        self.merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        # every attribute the ruler sets belongs to the token alone (no lexeme attribute)
        self.token_level = all(set(attrs) <= _TOKEN_ATTRS for attrs in ruler.attrs)
        for i in range(len(ruler.attrs)):
            key = str(i)
            key_hash = strings.add(key)
            index = ruler.indices[i]
            _, patterns = ruler.matcher.get(key)
            multi = []
            for pattern in patterns:
                if len(pattern) > 1 or "OP" in pattern[0]:
                    multi.append(pattern)
                    continue
                if not _supported(pattern) or index not in (0, -1):
                    self.exact = False
                    continue
                preds = tuple(pattern[0].items())
                entry = (i, key_hash, preds)
                lower = pattern[0].get("LOWER")
                tag = pattern[0].get("TAG")
                if isinstance(lower, str):
                    self.by_lower.setdefault(lower, []).append(entry)
                elif isinstance(tag, str):
                    self.by_tag.setdefault(tag, []).append(entry)
                else:
                    self.general.append(entry)
            if len(multi) == 1 and all(_supported([tok]) for tok in multi[0]):
                # (one such pattern to a key: the Matcher's one match per key and span, kept)
                first = len(self.slots)
                self.slots.extend(tuple(tok.items()) for tok in multi[0])
                run = tuple(range(first, len(self.slots)))
                self.runs.setdefault(first, []).append((i, key_hash, run))
            elif multi:
                self.rest.add(key, multi)

    def _kind(self, lower: int, tag: int, dep: int) -> tuple[tuple[tuple[int, int], ...], int]:
        """The single-token matches of such a token, and the slots of longer patterns it fills."""
        values = self._values(lower, tag, dep)
        slots = 0
        for n, preds in enumerate(self.slots):
            if all(_holds(spec, values[name]) for name, spec in preds):
                slots |= 1 << n
        return self._single(lower, tag, dep), slots

    def _values(self, lower: int, tag: int, dep: int) -> dict[str, Any]:
        strings = self.vocab.strings
        values: dict[str, Any] = {
            "LOWER": strings[lower] if lower else "",
            "TAG": strings[tag] if tag else "",
            "DEP": strings[dep] if dep else "",
        }
        values["IS_SPACE"] = values["LOWER"].isspace()
        return values

    def _single(self, lower: int, tag: int, dep: int) -> tuple[tuple[int, int], ...]:
        """(attribute id, key hash) of each single-token pattern that holds for such a token."""
        values = self._values(lower, tag, dep)
        found = []
        for group in (
            self.by_lower.get(str(values["LOWER"]), ()),
            self.by_tag.get(str(values["TAG"]), ()),
            self.general,
        ):
            for attr_id, key_hash, preds in group:
                if all(_holds(spec, values[name]) for name, spec in preds):
                    found.append((attr_id, key_hash))
        return tuple(found)

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``ruler.match(doc)`` returns: (attribute id, key, start, end), sorted."""
        if not self.exact:
            found: list[tuple[int, int, int, int]] = self.ruler.match(doc)
            return found
        memo = self.memo
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        out: list[tuple[int, int, int, int]] = []
        rows = doc.to_array([LOWER, TAG, DEP]).tolist()
        filled: list[int] = []
        for i, (lower, tag, dep) in enumerate(rows):
            sig = (lower, tag, dep)
            kind = memo.get(sig)
            if kind is None:
                kind = memo[sig] = self._kind(lower, tag, dep)
            hits, slots = kind
            filled.append(slots)
            for attr_id, key_hash in hits:
                out.append((attr_id, key_hash, i, i + 1))
        size = len(rows)
        for i, slots in enumerate(filled):
            if not slots:
                continue
            for first, runs in self.runs.items():
                if not slots >> first & 1:
                    continue
                for attr_id, key_hash, run in runs:
                    end = i + len(run)
                    if end <= size and all(filled[i + k] >> run[k] & 1 for k in range(1, len(run))):
                        out.append((attr_id, key_hash, i, end))
        strings = self.vocab.strings
        if len(self.rest):
            for key_hash, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                out.append((int(strings[key_hash]), key_hash, start, end))
        out.sort()
        return out

    def __call__(self, doc: Doc) -> Doc:
        if not (self.exact and self.token_level):
            self.ruler.set_annotations(doc, self.matches(doc))
            return doc
        # Each match sets attributes of one token, and setting one token's attributes
        # touches no other: so a token's matches, applied in the ruler's order, can be
        # merged into one assignment, remembered for tokens of the same kind.
        matches = self.matches(doc)
        by_token: dict[int, list[int]] = {}
        indices = self.ruler.indices
        for attr_id, _, start, end in matches:  # sorted as the ruler applies them
            index = indices[attr_id]
            by_token.setdefault(start + index if index >= 0 else end + index, []).append(attr_id)
        merged = self.merged
        if len(merged) > _MEMO_LIMIT:
            merged.clear()
        for target, attr_ids in by_token.items():
            key = tuple(attr_ids)
            attrs = merged.get(key)
            if attrs is None:
                attrs = merged[key] = self._merge(key)
            set_token_attrs(doc[target], attrs)
        return doc

    def _merge(self, attr_ids: tuple[int, ...]) -> dict[Any, Any]:
        """One assignment doing what the ruler's assignments ``attr_ids`` do in turn."""
        out: dict[Any, Any] = {}
        for attr_id in attr_ids:
            out.update(self.ruler.attrs[attr_id])
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        return (FastAttributes, (self.ruler,))


class FastLemmas:
    """The model's lemmatizer, asked once per (form, part of speech, morphology) seen.

    A rule or lookup lemma depends on nothing else, so the answer is remembered and
    the doc's lemmas are written in one go; other modes are left to the lemmatizer.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}
        # spaCy's rule lemmatizer looks each candidate form up in a list of some 50,000 words
        # (a tenth of a millisecond a word): the same rules with the lists as sets, below
        self.plain_rules = lemmatizer.mode == "rule" and (
            type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
        )
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer.mode not in ("rule", "lookup"):
            result: Doc = lemmatizer(doc)
            return result
        if not self.memo:
            lemmatizer(Doc(doc.vocab, words=[]))  # the lemmatizer checks its tables on first use
        if len(self.memo) > _MEMO_LIMIT:
            self.memo.clear()
        memo, strings = self.memo, doc.vocab.strings
        rows: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                token = doc[i]
                first = self._rule_lemma(token) if self.plain_rules else lemmatizer.lemmatize(token)[0]
                found = memo[key] = strings.add(first)
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _rule_lemma(self, token: Token) -> str:
        """The first of the lemmas ``Lemmatizer.rule_lemmatize`` gives the token, found the same way.

        Rules strip an ending and add another; a form in the part of speech's word list
        comes first (the last such rule first), then other forms that are not plain words,
        in order; an exception for the word goes before all of them; with none of these,
        the forms of unknown words, then the word itself.
        """
        lemmatizer = self.lemmatizer
        pos = token.pos_.lower()
        if pos in ("", "eol", "space"):
            first: str = lemmatizer.rule_lemmatize(token)[0]  # (spaCy warns about a missing tag)
            return first
        text = token.text
        if lemmatizer.is_base_form(token):
            return text.lower()
        words = lemmatizer.lookups.get_table("lemma_index", {}).get(pos)
        exceptions = lemmatizer.lookups.get_table("lemma_exc", {}).get(pos)
        rules = lemmatizer.lookups.get_table("lemma_rules", {}).get(pos)
        if not (words or exceptions or rules):
            return text if pos == "propn" else text.lower()
        known = self.known.get(pos)
        if known is None:
            known = self.known[pos] = frozenset(words or ())
        lower = text.lower()
        in_list: list[str] = []
        others: list[str] = []
        unknown: list[str] = []
        for ending, replacement in rules or ():
            if not lower.endswith(ending):
                continue
            form = lower[: len(lower) - len(ending)] + replacement
            if not form:
                continue
            if form in known:
                in_list.append(form)
            elif not form.isalpha():
                others.append(form)
            else:
                unknown.append(form)
        forms = list(dict.fromkeys(in_list[::-1] + others))
        for form in (exceptions or {}).get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        candidates = forms or unknown or [text]
        return str(candidates[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (FastLemmas, (self.lemmatizer,))


# -- matrix products through numpy ---------------------------------------------------------

# the functions that set the number of threads of the OpenBLAS that numpy wheels bundle,
# by the names its builds give them
_BLAS_THREAD_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
# environment variables by which a user sets the BLAS threads; docket then leaves them be
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def numpy_matrices(nlp: Language) -> Language:
    """Have every layer of the model's components multiply matrices through numpy.

    thinc's default (``NumpyOps`` with BLIS) runs the products of tok2vec and of the
    entity recogniser's own token-to-vector layers at about a third of the speed of the
    OpenBLAS that numpy brings, on one thread; the products are the same up to the
    order of the additions (the tags, parse and entities of 300 Reuters stories
    identical). numpy's OpenBLAS is set to one thread, unless the user set its
    threads in the environment: on a machine whose cores other workers share, more
    threads cost more CPU time than they save.
    """
    one_blas_thread()
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops
    return nlp


def one_blas_thread() -> bool:
    """Set the OpenBLAS bundled with numpy to one thread; False when the environment already
    says how many, or no such library is found."""
    if any(os.environ.get(name) for name in _BLAS_THREAD_VARIABLES):
        return False
    libs = os.path.join(os.path.dirname(os.path.dirname(numpy.__file__)), "numpy.libs")
    try:
        names = sorted(name for name in os.listdir(libs) if "openblas" in name)
    except OSError:
        return False
    for name in names:
        try:
            library = ctypes.CDLL(os.path.join(libs, name))
        except OSError:
            continue
        for setter in _BLAS_THREAD_SETTERS:
            function = getattr(library, setter, None)
            if function is not None:
                function(1)
                return True
    return False


# -- entities around capitalised words -----------------------------------------------------


def kept_tokens(doc: Doc, pad: int, number_pad: int) -> numpy.ndarray[Any, Any]:
    """Indices of the tokens the entity recogniser sees, in order.

    Each word with a capital letter (but a determiner, pronoun ... opening a sentence),
    with ``pad`` tokens either side (a name and enough context to label it as on the
    whole text), and each number with ``number_pad``
    either side (the model's dates and times block numbers from being read as amounts:
    "men over 50").
    """
    if len(doc) == 0:
        return numpy.zeros(0, dtype=numpy.int64)
    forms = doc.to_array([ORTH, LOWER, LIKE_NUM, IS_ALPHA, POS, SENT_START]).astype(numpy.int64)
    capital = forms[:, 0] != forms[:, 1]
    if capital.sum() < FEW_CAPITALS * forms[:, 3].sum():
        # a text written in lower case has no capitals to find its names by: all of it
        everything: numpy.ndarray[Any, Any] = numpy.arange(len(doc), dtype=numpy.int64)
        return everything
    # "The", "It", "However" open a sentence: capitalised for that alone
    strings = doc.vocab.strings
    closed = numpy.array([strings.add(pos) for pos in SENTENCE_OPENERS], dtype=numpy.int64)
    capital &= ~((forms[:, 5] == 1) & numpy.isin(forms[:, 4], closed))
    capital = capital.astype(numpy.int64)
    kept: numpy.ndarray[Any, Any] = numpy.flatnonzero(_near(capital, pad) | _near(forms[:, 2], number_pad))
    return kept


def _near(flags: numpy.ndarray[Any, Any], pad: int) -> numpy.ndarray[Any, Any]:
    """Whether a flagged position lies within ``pad`` of each position."""
    n = len(flags)
    total = numpy.concatenate(([0], numpy.cumsum(flags)))
    at = numpy.arange(n)
    within: numpy.ndarray[Any, Any] = (
        total[numpy.minimum(n, at + pad + 1)] - total[numpy.maximum(0, at - pad)]
    ) > 0
    return within


def part_doc(doc: Doc, kept: numpy.ndarray[Any, Any]) -> Doc:
    """A Doc of the kept tokens only, in order (the gaps between stretches simply closed)."""
    words = [doc[int(i)].text for i in kept]
    spaces = [bool(doc[int(i)].whitespace_) for i in kept]
    return Doc(doc.vocab, words=words, spaces=spaces)


def entities_back(doc: Doc, part: Doc, kept: numpy.ndarray[Any, Any]) -> Doc:
    """Put the entities found on ``part`` onto ``doc`` (an entity across a gap is dropped)."""
    return found_back(doc, [(ent.start, ent.end, ent.label) for ent in part.ents], kept)


def found_back(doc: Doc, found: Iterable[tuple[int, int, int]], kept: numpy.ndarray[Any, Any]) -> Doc:
    """Put entities found as (start, end, label) on the kept tokens onto ``doc`` (one across a gap
    is dropped)."""
    index = kept.tolist()
    spans = []
    for first, end, label in found:
        start, last = index[first], index[end - 1]
        if last - start == end - 1 - first:
            spans.append(Span(doc, start, last + 1, label=label))
    doc.set_ents(spans, default="outside")
    return doc


# -- the entity recogniser's greedy decoding, stepped in numpy --------------------------------

# the entity recogniser's moves (BILUO), as spaCy names them: "B-ORG", "L-DATE", "O" ...
_MOVE_KINDS = "BILUO"


class GreedyEntities:
    """The model's ``ner`` decoding, step for step, with numpy over a batch of docs.

    spaCy's ``ner`` scores its moves token by token in a loop of compiled code in which each
    look at the next word takes and gives back Python's lock (GIL) twice: on news text that
    loop was about half the time of ``fast_ner``. This class runs the same steps on the same
    numbers: the model's own token vectors and precomputed hidden layer (its ``tok2vec`` and
    ``lower`` layers), the same three state features (the word to label, the first word of
    an open entity and the word before), the same sums in the same order, the output layer
    through the same BLIS product, and the same rules for which moves are valid on a doc
    with no entities set beforehand (docket's pieces of text around names have none). Every
    doc of a batch moves one token a step, so one step serves all docs still being read.
    """

    def __init__(self, ner: Any) -> None:
        self.ner = ner
        model = ner.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        self.upper = model.get_ref("upper")
        strings = ner.vocab.strings
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        kinds = [name[:1] if name[:1] in _MOVE_KINDS else "" for name in names]
        labels = [name[2:] for name in names]
        self.n_moves = len(names)
        self.kind = numpy.array([_MOVE_KINDS.find(k) if k else -1 for k in kinds], dtype=numpy.int64)
        self.label = numpy.array([strings.add(lab) if lab else 0 for lab in labels], dtype=numpy.uint64)
        self.labelled = self.label != 0
        # label of each move as a small number (0: none), to compare with an open entity's
        self.label_no = numpy.unique(self.label, return_inverse=True)[1].astype(numpy.int64)
        self.is_kind = [self.kind == n for n in range(len(_MOVE_KINDS))]

    @classmethod
    def of(cls, ner: Any) -> GreedyEntities | None:
        """The decoder for ``ner``, or None when its model is not one this class reads as spaCy
        does (greedy, an output layer, maxout over pieces, three state features, BILUO moves)."""
        try:
            model = ner.model
            lower = model.get_ref("lower")
            names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
            fits = (
                greedy_with_output(ner)
                and lower.get_dim("nF") == 3
                and lower.get_dim("nP") >= 2
                and all(n == "O" or (n[:1] in "BILU" and n[1:2] == "-") for n in names)
            )
        except (AttributeError, KeyError, ValueError):
            return None
        return cls(ner) if fits else None

    def __call__(self, docs: Sequence[Doc]) -> list[list[tuple[int, int, int]]]:
        """The entities of each doc as (start, end, label id), as the model's ``ner`` finds them."""
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        lengths = numpy.array([len(doc) for doc in docs], dtype=numpy.int64)
        if not lengths.any():
            return found
        tokvecs = self.tok2vec.predict(list(docs))
        # (tokens + 1, 3 features, hidden, pieces): row 0 is the padding of an absent feature
        cached = self.lower.predict(tokvecs)
        bias = self.lower.get_param("b")
        weights = self.upper.get_param("W")
        out_bias = self.upper.get_param("b")
        offsets = numpy.concatenate(([0], numpy.cumsum(lengths)[:-1]))
        # the docs longest first: those still being read at a step are always the first ones
        order = numpy.argsort(-lengths, kind="stable")
        longest = int(lengths[order[0]])
        sent_start = numpy.zeros((len(docs), longest + 1), dtype=numpy.int64)
        space = numpy.zeros((len(docs), longest + 1), dtype=bool)
        for row, i in enumerate(order.tolist()):
            if lengths[i]:
                marks = docs[i].to_array([SENT_START, IS_SPACE]).astype(numpy.int64)
                sent_start[row, : lengths[i]] = marks[:, 0]
                space[row, : lengths[i]] = marks[:, 1] != 0
        length = lengths[order]
        offset = offsets[order]
        n = len(docs)
        is_open = numpy.zeros(n, dtype=bool)
        open_start = numpy.zeros(n, dtype=numpy.int64)
        open_label = numpy.zeros(n, dtype=numpy.int64)  # label_no of the open entity
        begin, inside, last, unit, out = self.is_kind
        labelled, label_no = self.labelled, self.label_no
        spans: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
        for k in range(longest):
            a = int((length > k).sum())
            opened = is_open[:a]
            # the three features: this word, the open entity's first word, the word before
            word = 1 + offset[:a] + k
            first = numpy.where(opened, 1 + offset[:a] + open_start[:a], 0)
            before = numpy.where(opened, word - 1, 0)
            unmaxed = cached[word, 0] + cached[first, 1]
            unmaxed += cached[before, 2]
            unmaxed += bias
            hidden = unmaxed.max(axis=-1)
            scores = blis_gemm(hidden, weights)
            scores += out_bias
            # which moves the state allows (spaCy's BILUO rules, no entity set beforehand)
            more = (length[:a] - k >= 2)[:, None]
            next_starts = (sent_start[:a, k + 1] == 1)[:, None]
            on_space = space[:a, k][:, None]
            shut = ~opened[:, None]
            same = open_label[:a, None] == label_no[None, :]
            valid = (
                (begin & labelled & shut & more & ~next_starts & ~on_space)
                | (inside & opened[:, None] & more & same & ~next_starts)
                | (last & labelled & opened[:, None] & same)
                | (unit & labelled & shut & ~on_space)
                | (out & shut)
            )
            guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
            kind = self.kind[guess]
            for row in numpy.flatnonzero(kind != 4).tolist():  # B, I, L, U: entities change
                move = int(guess[row])
                if kind[row] == 0:
                    is_open[row], open_start[row], open_label[row] = True, k, label_no[move]
                elif kind[row] == 2:
                    spans[row].append((int(open_start[row]), k + 1, int(self.label[move])))
                    is_open[row] = False
                elif kind[row] == 3:
                    spans[row].append((k, k + 1, int(self.label[move])))
        for row, i in enumerate(order.tolist()):
            found[i] = spans[row]
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (GreedyEntities, (self.ner,))


# thinc's operations through BLIS, the library spaCy's decoding loop multiplies with
_BLIS_OPS = NumpyOps(use_blis=True)


def greedy_with_output(component: Any) -> bool:
    """Whether a transition component (``ner``, ``parser``) decodes as the numpy decoders here and
    in :mod:`docket.parse_speed` score it: greedy (no beam), with an output layer, no class marked
    unseen, on numpy. Reading its model may raise AttributeError, KeyError or ValueError."""
    model = component.model
    return bool(
        component.cfg.get("beam_width", 1) == 1
        and model.attrs.get("has_upper")
        and not model.attrs.get("unseen_classes")
        and isinstance(model.ops, NumpyOps)
    )


def blis_gemm(a: numpy.ndarray[Any, Any], b: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
    """``a @ b.T`` through BLIS, as spaCy's decoding loop computes it (the same sums)."""
    product: numpy.ndarray[Any, Any] = _BLIS_OPS.gemm(numpy.ascontiguousarray(a), b, trans2=True)
    return product


class NameEntities:
    """The model's ner, run on the stretches of the text around capitalised words."""

    def __init__(self, ner: Any, pad: int, number_pad: int) -> None:
        self.ner = ner
        self.pad = pad
        self.number_pad = number_pad
        self.decoder = GreedyEntities.of(ner)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(itertools.islice(stream, batch_size)):
            kept = [kept_tokens(doc, self.pad, self.number_pad) for doc in batch]
            parts = [part_doc(doc, k) for doc, k in zip(batch, kept, strict=True)]
            if self.decoder is not None:
                for doc, found, k in zip(batch, self.decoder(parts), kept, strict=True):
                    yield found_back(doc, found, k)
                continue
            for doc, part, k in zip(batch, self.ner.pipe(parts, batch_size=len(parts)), kept, strict=True):
                yield entities_back(doc, part, k)

    def __reduce__(self) -> tuple[Any, ...]:
        return (NameEntities, (self.ner, self.pad, self.number_pad))


@Language.factory("fast_attributes", default_config={"ruler": "attribute_ruler"})
def make_attributes(nlp: Language, name: str, ruler: str) -> FastAttributes:
    return FastAttributes(nlp.get_pipe(ruler))


@Language.factory("fast_lemmas", default_config={"lemmatizer": "lemmatizer"})
def make_lemmas(nlp: Language, name: str, lemmatizer: str) -> FastLemmas:
    return FastLemmas(nlp.get_pipe(lemmatizer))


@Language.factory("fast_ner", default_config={"ner": "ner", "pad": 3, "number_pad": 2})
def make_entities(nlp: Language, name: str, ner: str, pad: int, number_pad: int) -> NameEntities:
    return NameEntities(nlp.get_pipe(ner), pad, number_pad)
