"""Attributions told by a reporting verb ("said", "told reporters"): its cue words, its speaker and the
content it reports.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from docket.extract.common.offsets import Stretches
from docket.extract.source.regions import (
    CONTENT_DEPS,
    INNER_DEPS,
    QUOTE_CHARS,
    RECIPIENT_DEPS,
    Attribution,
    CharSpan,
    Vocabulary,
    _clip,
    _lemma,
    _paragraph_of,
    _runs,
    _spans,
    _subtree,
    _trim,
    _with_quotes,
)


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
