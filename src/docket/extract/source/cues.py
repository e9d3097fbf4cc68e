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

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from docket.extract.common.offsets import Stretches
from docket.extract.common.state import lower_lemmas, lower_words, text_of
from docket.extract.source.regions import (
    CONTENT_DEPS,
    Attribution,
    Vocabulary,
    _clip,
    _lemma,
    _paragraph_of,
    _spans,
    _subtree,
    _trim,
    _with_quotes,
    noun_phrase,
    paragraphs_of,
    quote_regions,
    vocabulary,
)
from docket.extract.source.verbs import _subject, _verb_attribution


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
