"""Attribution relations from the dependency parse: who (source) says (cue) what (content).

The words are data (``sources.yaml``); this module only knows the shapes an attribution
takes in a parse:

- a cue verb with its subject and a clause or a quote: "X said (that) C", "C, X said",
  "'C,' X told Reuters";
- a cue phrase with the source as its object: "according to X, C", "citing X, C";
- an impersonal cue with no source: "it is noted that C".

Offsets are characters into ``doc.text``; spans are end-exclusive. Quotes may run over
several sentences and paragraphs (a paragraph that ends inside a quote continues when
the next one opens with a quotation mark).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from docket import data
from docket.extract.common.offsets import Stretches
from docket.extract.common.state import lower_lemmas, lower_words, per_doc, text_of

CharSpan = tuple[int, int]

QUOTE_CHARS = frozenset({'"', "“", "”", "«", "»", "``", "''"})
OPENING = frozenset({"“", "«", "``"})
CLOSING = frozenset({"”", "»"})  # '' opens and closes in some wire copy, as " does
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
RECIPIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
INNER_DEPS = frozenset({"ccomp", "advcl", "conj"})
EDGE_SKIP = frozenset({"PUNCT", "SPACE", "CCONJ"})


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; ``source`` is None for impersonal cues."""

    cue: CharSpan
    content: tuple[CharSpan, ...]
    source: CharSpan | None = None
    source_head: int | None = None  # token index of the source's head word
    recipient_head: int | None = None  # "told Reuters": the token of the one told
    shape: str = "verb"  # verb, phrase, impersonal


@dataclass(frozen=True)
class Vocabulary:
    cue_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    prep_content_verbs: dict[str, frozenset[str]]
    recipient_verbs: frozenset[str]
    clause_only_verbs: frozenset[str]
    phrase_cues: tuple[tuple[tuple[str, ...], str], ...]
    impersonal_cues: tuple[tuple[str, ...], ...]
    enumeration_verbs: frozenset[str]
    person_nouns: frozenset[str]
    cue_nouns: frozenset[str]
    colon_source_words: int
    byline_marks: frozenset[str]
    filler_subjects: frozenset[str]
    filler_verbs: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    table = data.load("sources.yaml")
    return Vocabulary(
        cue_verbs=frozenset(table["cue_verbs"])
        | frozenset(table["object_content_verbs"])
        | frozenset(table["prep_content_verbs"]),
        object_content_verbs=frozenset(table["object_content_verbs"]),
        prep_content_verbs={str(k): frozenset(v) for k, v in table["prep_content_verbs"].items()},
        recipient_verbs=frozenset(table["recipient_verbs"]),
        clause_only_verbs=frozenset(table["clause_only_verbs"]),
        phrase_cues=tuple((tuple(item["words"]), str(item["object"])) for item in table["phrase_cues"]),
        impersonal_cues=tuple(tuple(words) for words in table["impersonal_cues"]),
        enumeration_verbs=frozenset(table["enumeration_verbs"]),
        person_nouns=frozenset(table["person_nouns"]),
        cue_nouns=frozenset(table["cue_nouns"]),
        colon_source_words=int(table["colon_source_words"]),
        byline_marks=frozenset(table["byline_marks"]),
        filler_subjects=frozenset(table["filler_cues"]["subjects"]),
        filler_verbs=frozenset(table["filler_cues"]["verbs"]),
    )


def paragraphs(text: str) -> list[CharSpan]:
    """The (start, end) of each non-empty line of ``text``."""
    spans: list[CharSpan] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def quote_regions(doc: Doc) -> list[CharSpan]:
    """Character spans of quotations, marks included, joined over paragraph breaks.

    Straight quotes alternate open/close; a paragraph that ends inside a quote continues
    if the next paragraph opens with a quotation mark, else the quote ends with it.
    """
    regions: list[CharSpan] = []
    open_at: int | None = None
    last_end = 0
    continued = False  # the token before was a paragraph break inside an open quote
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text and open_at is not None and not continued:
                nxt = tok.i + 1
                while nxt < len(doc) and doc[nxt].is_space:
                    nxt += 1
                if nxt < len(doc) and doc[nxt].text in QUOTE_CHARS - CLOSING:
                    continued = True  # the quote goes on in the next paragraph
                else:
                    if last_end > open_at + 1:
                        regions.append((open_at, last_end))
                    open_at = None
            continue
        reopening = continued
        continued = False
        last_end = tok.idx + len(tok.text)
        if tok.text not in QUOTE_CHARS or reopening:
            continue
        if open_at is None:
            if tok.text not in CLOSING:
                open_at = tok.idx
        elif tok.text not in OPENING:
            if text_of(doc)[open_at + 1 : last_end - 1].strip(" ,.;:"):
                regions.append((open_at, last_end))
            open_at = None
    if open_at is not None and last_end > open_at + 1:
        regions.append((open_at, last_end))
    return regions


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _trim(doc: Doc, start: int, end: int) -> CharSpan | None:
    """Token range [start, end) without edge punctuation/space, as characters; None if empty."""
    while start < end and (doc[start].pos_ in EDGE_SKIP or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].pos_ in EDGE_SKIP or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token indices as [start, end) pairs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _spans(doc: Doc, indices: Iterable[int], min_chars: int = 2) -> list[CharSpan]:
    out: list[CharSpan] = []
    for start, end in _runs(indices):
        span = _trim(doc, start, end)
        if span is not None and span[1] - span[0] >= min_chars:
            out.append(span)
    return out


def _paragraph_of(paras: Stretches, char: int) -> CharSpan:
    found = paras.around(char)
    return found[0] if found else (0, 0)


def _clip(spans: Iterable[CharSpan], bounds: CharSpan) -> list[CharSpan]:
    return [(max(s, bounds[0]), min(e, bounds[1])) for s, e in spans if s < bounds[1] and e > bounds[0]]


def _with_quotes(content: list[CharSpan], quotes: Stretches, cue: CharSpan) -> list[CharSpan]:
    """Widen content to the quotes it touches, when the cue stands outside them."""
    out = list(content)
    touched = sorted({n for s, e in content for n in quotes.meeting(s, e)})  # the quotes it touches
    for q in (quotes[n] for n in touched):
        if q[0] <= cue[0] < q[1]:
            continue
        out = [(s, e) for s, e in out if not (q[0] <= s and e <= q[1])]
        out.append(q)
    return _merge(out)


def _merge(spans: Iterable[CharSpan]) -> list[CharSpan]:
    merged: list[CharSpan] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _cue_tokens(verb: Token, preps: frozenset[str] = frozenset()) -> list[int]:
    """The verb with its auxiliaries, negation, particle and adverbs between them ("has also
    said"), the preposition that opens its content ("called for") and a colon after it."""
    doc = verb.doc
    keep = {verb.i}
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") and abs(child.i - verb.i) <= 3:
            keep.add(child.i)
        if child.dep_ == "prep" and child.lower_ in preps and child.i == verb.i + 1:
            keep.add(child.i)
        if child.dep_ == "advmod" and child.i == verb.i - 1 and child.pos_ == "ADV":
            keep.add(child.i)  # "also said"
    lo, hi = min(keep), max(keep)
    if hi + 1 < len(doc) and doc[hi + 1].text == ":":
        hi += 1
    return list(range(lo, hi + 1))


def _subject(verb: Token) -> Token | None:
    for dep in ("nsubj", "nsubjpass", "csubj"):
        # the nearest, where a misparse gives two ("Briefing reporters ..., an official said")
        for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
            if child.dep_ == dep:
                return child
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    # "... and said", "..., saying", "was quoted as saying": the subject of the verb it hangs on
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ == "NOUN" and verb.dep_ == "conj" and tok.i == verb.head.i:
            return tok  # "Reports by X ... speak of": a noun the parser took for the root
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < verb.i:
                return child
    return None


def _is_expletive(tok: Token) -> bool:
    return tok.dep_ == "expl" or (tok.lower_ == "it" and tok.dep_ == "nsubjpass")


def _verb_content(
    verb: Token,
    lemma: str,
    vocab: Vocabulary,
    subject_idx: set[int],
    quotes: Stretches,
    paras: Stretches,
    cue: CharSpan,
) -> set[int]:
    """Tokens a cue verb attributes: its clause, else its object or prepositional object
    (for the verbs that take one), else the clause it interrupts, else a quote in its
    sentence."""
    doc = verb.doc
    content: set[int] = set()
    para = _paragraph_of(paras, verb.idx)
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS and child.i not in subject_idx and para[0] <= child.idx < para[1]:
            content |= _subtree(child)  # a clause in another paragraph is a misparse
    if not content and lemma in vocab.prep_content_verbs:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in vocab.prep_content_verbs[lemma]:
                content |= {t.i for c in child.children if c.dep_ == "pobj" for t in c.subtree}
    if not content and lemma in vocab.object_content_verbs:
        for child in verb.children:
            if child.dep_ in ("dobj", "oprd") and child.i not in subject_idx:
                content |= _subtree(child)
    if not content and _parenthetical(verb):
        # "C, he said, C": the cue hangs inside the clause it reports
        content = _subtree(verb.head) - _subtree(verb)
    if not content:
        sent = verb.sent
        for q in quotes:
            if sent.start_char <= q[0] < sent.end_char and not (q[0] <= cue[0] < q[1]):
                content |= {t.i for t in doc.char_span(q[0], q[1], alignment_mode="expand") or []}
    return content


def _verb_attribution(
    doc: Doc, verb: Token, vocab: Vocabulary, quotes: Stretches, paras: Stretches
) -> Attribution | None:
    lemma = _lemma(verb)
    if lemma not in vocab.cue_verbs or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ in ("amod", "compound", "acl") and lemma not in vocab.recipient_verbs:
        return None
    cue_idx = _cue_tokens(verb, vocab.prep_content_verbs.get(lemma, frozenset()))
    cue = (doc[cue_idx[0]].idx, doc[cue_idx[-1]].idx + len(doc[cue_idx[-1]].text))
    subject = _subject(verb)
    subject_idx: set[int] = set()
    if subject is not None:
        # an inherited subject ("X was quoted as saying") keeps its phrase, not the verb's
        subject_idx = _subtree(subject)
        if subject.head.i != verb.i:
            subject_idx = (subject_idx - _subtree(verb)) | {subject.i}
        for child in subject.children:
            if child.dep_ == "relcl" and child.i > subject.i:  # "X, who watched the debate,"
                subject_idx -= _subtree(child)
        subject_idx = _within(doc, subject_idx, subject.i, _paragraph_of(paras, subject.idx))
        subject_idx = _after_dateline(doc, subject_idx, subject.i, vocab.byline_marks)
    recipient: Token | None = None
    if lemma in vocab.recipient_verbs:
        recipient = next((c for c in verb.children if c.dep_ in RECIPIENT_DEPS), None)
    content_idx = _verb_content(verb, lemma, vocab, subject_idx, quotes, paras, cue)
    para = _paragraph_of(paras, cue[0])
    colon = _after_colon(doc, cue_idx[-1] + (0 if doc[cue_idx[-1]].text == ":" else 1), paras)
    after_colon = bool(colon)
    if after_colon:
        # "He said:" and the words in the next paragraph
        para = (para[0], max(doc[i].idx + len(doc[i].text) for i in colon))
        content_idx = content_idx or colon
    if not content_idx:
        return None
    has_clause = any(c.dep_ in CONTENT_DEPS and para[0] <= c.idx < para[1] for c in verb.children)
    quoted = any(quotes.holding(doc[i].idx) for i in content_idx)
    if lemma in vocab.clause_only_verbs and not (has_clause or quoted or after_colon):
        return None
    content_idx -= set(cue_idx) | subject_idx
    if recipient is not None:
        content_idx -= _subtree(recipient)
    content = _clip(_spans(doc, content_idx), para)
    content = _with_quotes(content, quotes, cue)
    if not content:
        return None
    source: CharSpan | None = None
    head: int | None = None
    if subject is not None and not _is_expletive(subject):
        src = _trim(doc, min(subject_idx or {subject.i}), max(subject_idx or {subject.i}) + 1)
        if src is not None:
            source, head = src, subject.i
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                head = verb.head.i  # "groups that want ...": "that" stands for the groups
    if subject is not None and subject.lower_ in vocab.filler_subjects and lemma in vocab.filler_verbs:
        return None  # "I think", "you know": the speaker's own hedge
    shape = "verb" if source is not None else "impersonal"
    return Attribution(
        cue=cue,
        content=tuple(content),
        source=source,
        source_head=head,
        recipient_head=recipient.i if recipient is not None else None,
        shape=shape,
    )


def _within(doc: Doc, indices: set[int], anchor: int, para: CharSpan) -> set[int]:
    """The run of ``indices`` around token ``anchor`` that stays inside paragraph ``para``."""
    inside = {i for i in indices if para[0] <= doc[i].idx < para[1] or i == anchor}
    for start, end in _runs(inside):
        if start <= anchor < end:
            return set(range(start, end)) & inside
    return {anchor}


def _after_dateline(doc: Doc, indices: set[int], anchor: int, marks: frozenset[str]) -> set[int]:
    """Drop a dateline before the source: "WASHINGTON - President X said" -> "President X"."""
    cut = [
        i
        for i in indices
        if i < anchor and (doc[i].text in marks or doc[i].text == "-") and doc[i].whitespace_
    ]
    if not cut:
        return indices
    return {i for i in indices if i > max(cut)}


def _parenthetical(verb: Token) -> bool:
    """A cue set off inside or after the clause it reports: "C, he said" / "C, he said, C"."""
    if verb.head.i == verb.i:
        return False
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ not in INNER_DEPS or verb.i < verb.head.i:
        return False
    before = verb.left_edge.i - 1
    return before >= 0 and (verb.doc[before].is_punct or verb.doc[before].text in QUOTE_CHARS)


def _after_colon(doc: Doc, i: int, paras: Stretches) -> set[int]:
    """Tokens said after a colon at token ``i``: the rest of its paragraph, else the next one."""
    if i >= len(doc) or doc[i].text != ":":
        return set()
    para = _paragraph_of(paras, doc[i].idx)
    rest = {t.i for t in doc[i + 1 :] if t.idx < para[1]}
    if any(not (doc[k].is_punct or doc[k].is_space) for k in rest):
        return rest
    nxt = paras.first_starting_after(para[1])
    if nxt is None:
        return set()
    return {t.i for t in doc[i + 1 :] if nxt[0] <= t.idx < nxt[1]}


def _colon_attributions(doc: Doc, paras: Stretches, max_words: int, quotes: Stretches) -> list[Attribution]:
    """ "NAME: what they said" at the head of a paragraph (transcripts, headlines)."""
    found: list[Attribution] = []
    for start, end in paras:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span[: max_words + 1]]
        colon = next((t for t in words if t.text == ":"), None)
        if colon is None or colon.i == span.start:
            continue
        before = doc[span.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") or t.like_num for t in before):
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in before):
            continue
        src = _trim(doc, before.start, before.end)
        content = _with_quotes(_spans(doc, range(colon.i + 1, span.end)), quotes, (colon.idx, colon.idx + 1))
        if src is None or not content:
            continue
        head = before.root
        found.append(
            Attribution(
                cue=(colon.idx, colon.idx + 1),
                content=tuple(content),
                source=src,
                source_head=head.i,
                shape="colon",
            )
        )
    return found


def _spaced(tok: Token) -> bool:
    """A mark standing free ("text - Reuters"), not joining words ("US-led")."""
    return bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _signed_attributions(
    doc: Doc, paras: Stretches, marks: frozenset[str], max_words: int, quotes: Stretches
) -> list[Attribution]:
    """ "What they said ― NAME" closing a paragraph (reader comments, epigraphs)."""
    found: list[Attribution] = []
    for start, end in paras:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        tail = list(span[-(max_words + 1) :])
        mark = next((t for t in reversed(tail) if t.text in marks and (t.text != "-" or _spaced(t))), None)
        if mark is None or mark.i == span.start:
            continue
        after = doc[mark.i + 1 : span.end]
        if not len(after) or any(t.pos_ in ("VERB", "AUX") for t in after):
            continue
        if not any(t.pos_ == "PROPN" for t in after):
            continue
        src = _trim(doc, after.start, after.end)
        cue = (mark.idx, mark.idx + len(mark.text))
        content = _with_quotes(_spans(doc, range(span.start, mark.i)), quotes, cue)
        if src is None or not content:
            continue
        found.append(
            Attribution(
                cue=(mark.idx, mark.idx + len(mark.text)),
                content=tuple(content),
                source=src,
                source_head=after.root.i,
                shape="signed",
            )
        )
    return found


def _noun_attributions(doc: Doc, vocab: Vocabulary, paras: Stretches) -> list[Attribution]:
    """ "Trump's claim that C": a cue noun with a possessor and a that-clause."""
    found: list[Attribution] = []
    for i, lemma in enumerate(lower_lemmas(doc)):
        if (lemma or _lemma(doc[i])) not in vocab.cue_nouns:
            continue
        tok = doc[i]
        if tok.pos_ != "NOUN":
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and _has_that(c)), None)
        if owner is None or clause is None:
            continue
        src_idx = _subtree(owner)
        src = _trim(doc, min(src_idx), max(src_idx) + 1)
        content = _clip(_spans(doc, _subtree(clause)), _paragraph_of(paras, tok.idx))
        if src is None or not content:
            continue
        cue = (tok.idx, tok.idx + len(tok.text))
        found.append(
            Attribution(cue=cue, content=tuple(content), source=src, source_head=owner.i, shape="noun")
        )
    return found


def _has_that(clause: Token) -> bool:
    return (
        any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        or clause.left_edge.lower_ == "that"
    )


def _first_words(cues: Sequence[Sequence[str]]) -> frozenset[str] | None:
    """The words the cues start with: no cue can match at another word. None if a cue is empty."""
    if any(not words for words in cues):
        return None
    return frozenset(words[0] for words in cues)


def _match_words(lowers: list[str], i: int, words: Sequence[str]) -> bool:
    """Whether the lower-case words of the doc (``lowers``) from token ``i`` on are ``words``."""
    n = len(words)
    if i + n > len(lowers):
        return False
    if n and lowers[i] != words[0]:
        return False
    return all(lowers[i + k] == w for k, w in enumerate(words))


def _phrase_attributions(
    doc: Doc, vocab: Vocabulary, quotes: Stretches, paras: Stretches
) -> list[Attribution]:
    found: list[Attribution] = []
    lowers = lower_words(doc)
    starts = _first_words([words for words, _ in vocab.phrase_cues])
    for i in range(len(doc)):
        if starts is not None and lowers[i] not in starts:
            continue
        for words, obj_dep in vocab.phrase_cues:
            if not _match_words(lowers, i, words):
                continue
            last = doc[i + len(words) - 1]
            obj = next((c for c in last.children if c.dep_ == obj_dep), None)
            if obj is None:
                continue
            cue_idx = set(range(i, i + len(words)))
            cue = (doc[i].idx, last.idx + len(last.text))
            source_idx = _subtree(obj)
            first = doc[i]
            around = first.head if first.head.i != first.i else first
            whole = _subtree(around) if around.i != first.i else {t.i for t in first.sent}
            sent = first.sent
            whole = {k for k in whole if sent.start <= k < sent.end}
            content_idx = whole - _subtree(first) - cue_idx - source_idx
            para = _paragraph_of(paras, cue[0])
            content = _with_quotes(_clip(_spans(doc, content_idx, 3), para), quotes, cue)
            appos = _loose_apposition(doc, max(source_idx) + 1)
            if appos:
                source_idx |= appos
                content_idx -= appos
                content = _with_quotes(_clip(_spans(doc, content_idx, 3), para), quotes, cue)
            src = _trim(doc, min(source_idx), max(source_idx) + 1)
            if not content or src is None:
                continue
            found.append(
                Attribution(cue=cue, content=tuple(content), source=src, source_head=obj.i, shape="phrase")
            )
    return found


def _loose_apposition(doc: Doc, after: int) -> set[int]:
    """ ", adviser to the minister," after a source the parser did not attach: its tokens.

    A comma-bounded run right after the source, with a noun and no verb, and a clause
    after it, is taken as an apposition of the source (a frequent misparse of
    "According to NAME, ROLE, CLAUSE").
    """
    if after >= len(doc) or doc[after].text != ",":
        return set()
    sent_end = doc[after].sent.end
    for j in range(after + 1, sent_end):
        tok = doc[j]
        if tok.text == ",":
            inner = doc[after + 1 : j]
            rest = doc[j + 1 : sent_end]
            has_noun = any(t.pos_ in ("NOUN", "PROPN") for t in inner)
            has_verb = any(t.pos_ in ("VERB", "AUX") for t in inner)
            if has_noun and not has_verb and any(t.pos_ in ("VERB", "AUX") for t in rest):
                return set(range(after + 1, j))
            return set()
        if tok.pos_ in ("VERB", "AUX") or tok.is_sent_end:
            return set()
    return set()


def _impersonal_attributions(doc: Doc, vocab: Vocabulary, paras: Stretches) -> list[Attribution]:
    found: list[Attribution] = []
    lowers = lower_words(doc)
    starts = _first_words(vocab.impersonal_cues)
    for i in range(len(doc)):
        if starts is not None and lowers[i] not in starts:
            continue
        for words in vocab.impersonal_cues:
            if not _match_words(lowers, i, words):
                continue
            verb = doc[i + len(words) - 1]
            content_idx: set[int] = set()
            for child in verb.children:
                if child.dep_ in CONTENT_DEPS:
                    content_idx |= _subtree(child)
            cue = (doc[i].idx, verb.idx + len(verb.text))
            content = _clip(_spans(doc, content_idx), _paragraph_of(paras, cue[0]))
            if content:
                found.append(Attribution(cue=cue, content=tuple(content), shape="impersonal"))
    return found


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in ``doc``, in text order; empty without a dependency parse."""
    if not doc.has_annotation("DEP"):
        return []
    vocab = vocabulary()
    quotes = Stretches(quote_regions(doc))
    paras = paragraphs_of(doc)
    found: list[Attribution] = []
    impersonal = _impersonal_attributions(doc, vocab, paras)
    taken = {a.cue[1] for a in impersonal}
    for i, lemma in enumerate(lower_lemmas(doc)):
        if (lemma or _lemma(doc[i])) not in vocab.cue_verbs:
            continue  # not a cue verb: no attribution (the first test of _verb_attribution)
        tok = doc[i]
        if tok.idx + len(tok.text) in taken:
            continue
        att = _verb_attribution(doc, tok, vocab, quotes, paras)
        if att is not None:
            found.append(att)
    phrases = _phrase_attributions(doc, vocab, quotes, paras)
    found = [a for a in found if a.cue not in {p.cue for p in phrases}]
    found.extend(phrases)
    found.extend(_noun_attributions(doc, vocab, paras))
    cues = {a.cue for a in found}
    found.extend(
        a for a in _colon_attributions(doc, paras, vocab.colon_source_words, quotes) if a.cue not in cues
    )
    found.extend(_signed_attributions(doc, paras, vocab.byline_marks, vocab.colon_source_words, quotes))
    found.extend(impersonal)
    return _quotes_go_on(doc, _without_overlaps(sorted(found, key=lambda a: a.cue)), quotes, paras)


def _quotes_go_on(
    doc: Doc, found: list[Attribution], quotes: Stretches, paras: Stretches
) -> list[Attribution]:
    """'"C1," he said. "C2."': a quote right after a quoted attribution, in its paragraph
    and with no cue of its own, is the same speaker going on."""
    cues = [a.cue for a in found]
    out: list[Attribution] = []
    for att in found:
        content = list(att.content)
        last = content[-1][1] if content else -1
        if att.source is not None and content and any(q[1] == last for q in quotes.around(last)):
            para = _paragraph_of(paras, att.cue[0])
            sent_end = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
            after = sent_end.sent.end_char if sent_end is not None else att.cue[1]
            for q in quotes.lying_in(after, para[1]):
                if text_of(doc)[after : q[0]].strip() or any(
                    q[0] <= c[0] < q[1] or after <= c[0] < q[0] for c in cues
                ):
                    break
                content.append(q)
                after = q[1]
                following = doc.char_span(q[1] - 1, q[1], alignment_mode="expand")
                if following is not None and following.sent.end_char > q[1] + 1:
                    break  # the quote's sentence goes on with a cue or more words
        out.append(replace(att, content=tuple(content)) if len(content) > len(att.content) else att)
    return out


def _without_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies inside another's source (e.g. a verb in a relative clause)."""
    with_source = [other for other in found if other.source is not None]
    sources = Stretches(other.source for other in with_source if other.source is not None)
    out: list[Attribution] = []
    for att in found:
        holding = sources.holding_at(att.cue[0])
        if not any(with_source[n] is not att for n in holding):
            out.append(att)
    return out


def enumerated(doc: Doc) -> list[tuple[int, int, int]]:
    """People listed as a report's sources ("the sources include A, B and C").

    Returns (start_token, end_token, head_token) of each listed noun phrase.
    """
    if not doc.has_annotation("DEP"):
        return []
    vocab = vocabulary()
    out: list[tuple[int, int, int]] = []
    lemmas, words = lower_lemmas(doc), lower_words(doc)
    for i, lemma in enumerate(lemmas):
        if (lemma or words[i]) not in vocab.enumeration_verbs:  # _lemma(tok), from the memo
            continue
        tok = doc[i]
        subject = _subject(tok)
        if subject is None or _lemma(subject) not in vocab.person_nouns:
            continue
        heads: list[Token] = []
        stack = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
        while stack:
            head = stack.pop(0)
            if _lemma(head) not in vocab.person_nouns:
                continue
            heads.append(head)
            stack.extend(c for c in head.children if c.dep_ in ("appos", "conj"))
        for head in heads:
            out.append((*noun_phrase(head), head.i))
    return out


def noun_phrase(head: Token) -> tuple[int, int]:
    """The token range of ``head``'s phrase, without appositions, conjuncts and clauses."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("appos", "conj", "cc", "punct", "acl", "relcl", "advmod"):
            drop |= _subtree(child)
    keep = [i for i in _subtree(head) if i not in drop]
    return min(keep), max(keep) + 1


def paragraphs_of(doc: Doc) -> Stretches:
    """:func:`paragraphs` of the doc's text, found once per doc."""
    found: Stretches = per_doc(doc, "paragraphs", lambda: Stretches(paragraphs(text_of(doc))))
    return found
