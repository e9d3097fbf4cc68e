"""The source stage (spaCy component ``docket_source``): who says each thing.

It finds attributions (``cues``, ``regions``, ``verbs``), describes each source phrase (``kinds``),
merges the mentions of one source (Reuters three times, "he" after a name, "the report"
after its outlet) and links relays through ``via``: "an official told Reuters" and
sources listed inside a report's content are relayed by that report's source.

Other stages ask :func:`sources_for` which sources a piece of text rests on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from docket import data
from docket.extract.common.offsets import OffsetIndex, actor_mentions
from docket.extract.common.state import char_spans, entities, entity_at, per_doc, state, text_of
from docket.extract.source.cues import enumerated, find_attributions
from docket.extract.source.kinds import Description, anonymity_reason, describe, outlet_name, tables
from docket.extract.source.regions import Attribution, CharSpan, noun_phrase, paragraphs_of
from docket.record import Source, Span

ATTRIBUTIONS = "docket_attributions"

if not Doc.has_extension(ATTRIBUTIONS):
    Doc.set_extension(ATTRIBUTIONS, default=None)


@dataclass
class Attributed:
    """An attribution with the id of the source it was resolved to (None: no kept source)."""

    attribution: Attribution
    source: str | None
    also: tuple[str, ...] = ()  # co-sources: "the US and Niger said" is two sources


@dataclass
class _Builder:
    doc: Doc
    sources: list[Source] = field(default_factory=list)
    heads: dict[str, str] = field(default_factory=dict)  # source id -> head lemma
    keys: dict[tuple[str, str], str] = field(default_factory=dict)

    def new(self, start: int, end: int, desc: Description, key: tuple[str, str] | None) -> Source:
        src = Source(
            id=f"s{len(self.sources) + 1}",
            text=text_of(self.doc)[start:end],
            start=start,
            end=end,
            kind=desc.kind or "organization",
            name=desc.name,
            role=desc.role,
            affiliation=desc.affiliation,
            count=desc.count,
            rank=desc.rank,
        )
        self.sources.append(src)
        self.heads[src.id] = desc.head
        if key is not None:
            self.keys[key] = src.id
        return src

    def by_id(self, ident: str) -> Source:
        return next(s for s in self.sources if s.id == ident)

    def last(self, before: int, kinds: tuple[str, ...], head: str | None = None) -> Source | None:
        for src in reversed(self.sources):
            if src.start < before and src.kind in kinds and (head is None or self.heads.get(src.id) == head):
                return src
        return None

    def resolve(self, start: int, end: int, head_i: int) -> Source | None:
        """The source a phrase stands for: an earlier one it points back to, or a new one."""
        actors = state(self.doc).actors
        head = self.doc[head_i]
        author = _author(head)
        if author is not None:  # "reports by Shafaq News": who wrote them
            first, last = noun_phrase(author)
            return self.resolve(
                self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1].text), author.i
            )
        desc = describe(self.doc, start, end, head_i, actors)
        if desc.kind == "organization" and desc.definite and head.lemma_.lower() in tables().outlet_nouns:
            named = self.last_outlet_named(start)  # "the news agency": the outlet named last
            if named is not None:
                return self.outlet(named)
        if desc.pronoun:  # "he": whom the actor stage says, if already a source; else the last one
            for actor, _ in actor_mentions(self.doc, actors).overlapping(head.idx, head.idx + 1):
                known = self.keys.get(("named", _name_key(actor.name))) if actor.kind == "person" else None
                if known is not None:
                    return self.by_id(known)
            return self.last(start, ("named", "anonymous"))
        if desc.document:  # "the report": the outlet that published it, else the last body
            outlets = [x for x in self.sources if x.start < start and x.name and outlet_name(x.name)]
            earlier = outlets[-1] if outlets else self.last(start, ("organization",))
            return earlier or self.new(start, end, desc, None)
        if desc.kind is None:
            return None
        if desc.kind in ("named", "organization") and desc.name:
            key = (desc.kind, _name_key(desc.name))
            known = self.keys.get(key)
            if known is not None and _same_name(self.by_id(known).name, desc.name):
                return self.by_id(known)
            return self.new(start, end, desc, key)
        if desc.kind == "anonymous" and desc.definite:
            earlier = self.last(start, ("anonymous",), desc.head)
            if earlier is not None:
                return earlier
        return self.new(start, end, desc, None)

    def last_outlet_named(self, before: int) -> int | None:
        """Token index of the last news outlet named before char ``before``."""
        ends, roots, starts, words = per_doc(self.doc, "outlets_named", lambda: _outlets_named(self.doc))
        # the last outlet entity ending before, then a proper noun naming one after it
        n = bisect.bisect_right(ends, before)
        found: int | None = roots[n - 1] if n else None
        k = bisect.bisect_left(starts, before)
        if k and (found is None or words[k - 1] > found):
            found = words[k - 1]
        return found

    def relay_of(self, head_i: int) -> Source | None:
        """The source that relays the phrase's head.

        "an officer quoted by Shafaq News"; "sources from Reuters"; "sources from a news
        agency" (the outlet named last before it).
        """
        head = self.doc[head_i]
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in tables().author_preps:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if outlet_name(obj.text) is not None:
                    return self.outlet(obj.i)
                if obj.lemma_.lower() in tables().outlet_nouns:
                    named = self.last_outlet_named(obj.idx)
                    return self.outlet(named) if named is not None else None
        for child in head.children:
            if child.dep_ != "acl" or child.lemma_.lower() not in tables().relay_participles:
                continue
            for agent in child.children:
                for obj in agent.children:
                    if agent.dep_ == "agent" and obj.dep_ == "pobj":
                        first, last = noun_phrase(obj)
                        end = self.doc[last - 1].idx + len(self.doc[last - 1].text)
                        return self.outlet(obj.i) or self.resolve(self.doc[first].idx, end, obj.i)
        return None

    def passive_relay(self, att: Attribution) -> Source | None:
        """ "X was quoted as saying" with no one named: the outlet last quoted as a source."""
        head = self.doc[att.source_head] if att.source_head is not None else None
        if head is None or head.head.lemma_.lower() not in tables().relay_participles:
            return None
        if any(c.dep_ == "agent" for c in head.head.children):
            return None
        named = [s for s in self.sources if s.kind == "organization" and s.start < att.cue[0]]
        outlets = [s for s in named if s.name is not None and outlet_name(s.name) is not None]
        return outlets[-1] if outlets else None

    def outlet(self, head_i: int) -> Source | None:
        """The source for a recipient ("told Reuters") when it is a news outlet."""
        tok = self.doc[head_i]
        ent = entity_at(self.doc, tok.i)
        text = ent.text if ent is not None else tok.text
        name = outlet_name(text)
        if name is None:
            return None
        key = ("organization", _name_key(name))
        known = self.keys.get(key)
        if known is not None:
            return self.by_id(known)
        start = ent.start_char if ent is not None else tok.idx
        end = ent.end_char if ent is not None else tok.idx + len(tok.text)
        return self.new(start, end, Description(kind="organization", name=name, head=tok.lemma_), key)


def _author(head: Token) -> Token | None:
    """The author of a report noun: "reports by X" -> X."""
    if head.lemma_.lower() not in tables().document_nouns:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in tables().author_preps:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _same_name(known: str | None, new: str) -> bool:
    """ "Biden" after "Joe Biden" is him; "Hunter Biden" is not."""
    a, b = (known or "").lower().split(), new.lower().split()
    return len(a) < 2 or len(b) < 2 or a[0] == b[0]


def _name_key(name: str) -> str:
    return name.lower().split()[-1] if name.split() else name.lower()


def _inside(span: CharSpan, content: tuple[CharSpan, ...]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in content)


def _update(src: Source, att: Attribution, text: str) -> None:
    if src.cue is None:
        src.cue = Span(text=text[att.cue[0] : att.cue[1]], start=att.cue[0], end=att.cue[1])
    for s, e in att.content:
        if not any(c.start == s and c.end == e for c in src.content):
            src.content.append(Span(text=text[s:e], start=s, end=e))


def find_sources(doc: Doc) -> tuple[list[Source], list[Attributed]]:
    """The sources of ``doc`` and its attributions, each resolved to a source id."""
    build = _Builder(doc)
    attributed: list[Attributed] = []
    atts = find_attributions(doc)
    intentions = frozenset(data.load("sources.yaml")["intention_verbs"])
    for att in atts:
        src: Source | None = None
        cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
        intention = cue is not None and cue.root.lemma_.lower() in intentions
        if att.source is not None and att.source_head is not None and not intention:
            start, end = att.source
            if not start <= doc[att.source_head].idx < end:  # a relative pronoun: its noun
                first, last = noun_phrase(doc[att.source_head])
                start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
            src = build.resolve(start, end, att.source_head)
        if src is not None:
            _update(src, att, text_of(doc))
            if att.recipient_head is not None and src.via is None:
                relay = build.outlet(att.recipient_head)
                if relay is not None and relay.id != src.id:
                    src.via = relay.id
        if src is not None and att.source_head is not None and src.via is None:
            relay = build.relay_of(att.source_head) or build.passive_relay(att)
            if relay is not None and relay.id != src.id:
                src.via = relay.id
        also: list[str] = []
        if src is not None and att.source_head is not None:
            for part in _conjuncts(doc[att.source_head]):
                first, last = noun_phrase(part)
                end = doc[last - 1].idx + len(doc[last - 1].text)
                other = build.resolve(doc[first].idx, end, part.i)
                if other is not None and other.id != src.id and other.id not in also:
                    _update(other, att, text_of(doc))
                    other.via = other.via or src.via
                    also.append(other.id)
        attributed.append(Attributed(att, src.id if src is not None else None, tuple(also)))
    _citing_relays(doc, attributed, build)
    # sources listed inside a report: "the sources include five US officials, ..."
    known = {(s.start, s.end) for s in build.sources}
    for start_t, end_t, head_i in _listed(doc):
        if (doc[start_t].idx, doc[end_t - 1].idx + len(doc[end_t - 1].text)) in known:
            continue
        span = doc[start_t:end_t]
        desc = describe(doc, span.start_char, span.end_char, head_i, state(doc).actors)
        if desc.kind is None:
            continue
        listed = build.new(span.start_char, span.end_char, desc, None)
        listed.reason = _reason_near(doc, head_i) if listed.kind == "anonymous" else None
    # relays: a source mentioned inside what another source says is relayed by it
    for src in build.sources:
        if src.via is not None:
            continue
        around = [
            a
            for a in attributed
            if a.source not in (None, src.id) and _inside((src.start, src.end), a.attribution.content)
        ]
        if around:
            inner = min(around, key=lambda a: sum(e - s for s, e in a.attribution.content))
            src.via = inner.source
    for src in build.sources:
        if src.kind == "anonymous" and src.reason is None:
            sent = doc.char_span(src.start, src.end, alignment_mode="expand")
            if sent is not None:
                src.reason = anonymity_reason(sent.sent)
    _inherit_affiliation(doc, build.sources)
    _break_cycles(build.sources)
    return build.sources, attributed


def _listed(doc: Doc) -> list[tuple[int, int, int]]:
    """People listed as sources: after "the sources include", or counted ("five US
    officials") in a sentence that, or whose next one, says why they are not named."""
    found = {head: (start, end, head) for start, end, head in enumerated(doc)}
    if not doc.has_annotation("SENT_START"):
        return sorted(found.values())
    sents = list(doc.sents)
    person_nouns = tables().person_nouns
    for k, sent in enumerate(sents):
        nearby = sents[k : k + 2]
        if not any(anonymity_reason(x) for x in nearby):
            continue
        for tok in sent:
            if tok.lemma_.lower() not in person_nouns or tok.tag_ != "NNS" or tok.i in found:
                continue
            if any(c.dep_ == "nummod" for c in tok.children):
                found[tok.i] = (*noun_phrase(tok), tok.i)
    return sorted(found.values())


def _conjuncts(head: Token) -> list[Token]:
    """The other nouns a source phrase coordinates with its head ("the US and Niger")."""
    out: list[Token] = []
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        tok = stack.pop(0)
        ent = entity_at(head.doc, head.i)
        same_name = ent is not None and ent.start <= tok.i < ent.end
        if tok.pos_ in ("NOUN", "PROPN") and not same_name:
            out.append(tok)
            stack.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def _reason_near(doc: Doc, token: int) -> str | None:
    """The reason for anonymity given in the token's sentence, else in the next one."""
    sent = doc[token].sent
    reason = anonymity_reason(sent)
    if reason is None and sent.end < len(doc):
        reason = anonymity_reason(doc[sent.end].sent)
    return reason


def _citing_relays(doc: Doc, attributed: list[Attributed], build: _Builder) -> None:
    """ "Citing officials, the agency said": the officials are relayed by the agency."""
    for item in attributed:
        att = item.attribution
        if att.shape != "phrase" or item.source is None:
            continue
        cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
        if cue is None:
            continue
        verb = cue[0].head
        for other in attributed:
            if other.source in (None, item.source) or other.attribution.shape != "verb":
                continue
            if other.attribution.cue[0] <= verb.idx < other.attribution.cue[1]:
                src = build.by_id(item.source)
                if src.via is None:
                    src.via = other.source


def _inherit_affiliation(doc: Doc, sources: list[Source]) -> None:
    """ "A ministry source" after "the Iraqi defence ministry": the ministry's country."""
    nouns = tables().organization_nouns
    for src in sources:
        if src.affiliation is not None:
            continue
        span = doc.char_span(src.start, src.end, alignment_mode="expand")
        words = {t.lemma_.lower() for t in span or [] if t.lemma_.lower() in nouns}
        for earlier in sources:
            if earlier.start >= src.start or earlier.affiliation is None or earlier.kind != "organization":
                continue
            head = doc.char_span(earlier.start, earlier.end, alignment_mode="expand")
            if head is not None and head.root.lemma_.lower() in words:
                src.affiliation = earlier.affiliation


def _break_cycles(sources: list[Source]) -> None:
    by_id = {s.id: s for s in sources}
    for src in sources:
        seen = {src.id}
        cur = src
        while cur.via is not None:
            if cur.via in seen or cur.via not in by_id:
                cur.via = None
                break
            seen.add(cur.via)
            cur = by_id[cur.via]


def attributions(doc: Doc) -> list[Attributed]:
    """The attributions the source stage found in ``doc`` (empty before it ran)."""
    found = doc._.get(ATTRIBUTIONS)
    return list(found) if found else []


class _Attributions:
    """The attributions with a source, their content and cues indexed by place, and the sources
    by id: built once per doc after the source stage (the later stages ask for each item)."""

    def __init__(self, doc: Doc) -> None:
        self.kept = [a for a in attributions(doc) if a.source is not None]
        spans = [(n, s, e) for n, a in enumerate(self.kept) for s, e in a.attribution.content]
        self.owner = [n for n, _, _ in spans]
        self.content = OffsetIndex([(s, e) for _, s, e in spans])
        self.cues = OffsetIndex([(a.attribution.cue[0], a.attribution.cue[0] + 1) for a in self.kept])
        self.by_id = {s.id: s for s in state(doc).sources}

    @staticmethod
    def of(doc: Doc) -> _Attributions:
        found = doc._.get(ATTRIBUTIONS)
        key = (id(found), len(found or ()), len(state(doc).sources))
        memo: dict[tuple[int, int, int], _Attributions] = per_doc(doc, "attributions_index", dict)
        if key not in memo:
            memo.clear()
            memo[key] = _Attributions(doc)
        return memo[key]


def sources_for(doc: Doc, start_char: int, end_char: int) -> list[str]:
    """Ids of the sources the text at [start_char, end_char) rests on, innermost first.

    The innermost attribution whose content overlaps the span gives the first source;
    its ``via`` chain follows (the officials, then Reuters, then the outlet).
    """
    found = _Attributions.of(doc)
    kept = found.kept
    overlapping = [
        kept[n] for n in sorted({found.owner[k] for k in found.content.overlapping(start_char, end_char)})
    ]
    if not overlapping:
        # a cue closing the paragraph covers all of it ("..., reports Reuters.")
        para = next(iter(paragraphs_of(doc).holding(start_char)), None)
        if para is not None:
            after = found.cues.touching(start_char + 1, para[1], lambda s, _e: start_char < s < para[1])
            overlapping = [kept[n] for n in after[:1]]
    if not overlapping:
        return []
    by_id = found.by_id
    overlapping.sort(key=lambda a: sum(e - s for s, e in a.attribution.content))
    out: list[str] = []
    for att in overlapping:
        for first in (att.source, *att.also):
            ident = first
            while ident is not None and ident not in out:
                out.append(ident)
                src = by_id.get(ident)
                ident = src.via if src is not None else None
    return out


class SourceStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        sources, attributed = find_sources(doc)
        found.sources = sources
        doc._.set(ATTRIBUTIONS, attributed)
        char_spans(doc, "docket_source", [(s.start, s.end, s.kind) for s in sources])
        cues = [(a.attribution.cue[0], a.attribution.cue[1], "cue") for a in attributed]
        char_spans(doc, "docket_source_cue", cues)
        return doc


@Language.factory("docket_source", assigns=["doc._.docket", "doc._.docket_attributions"])
def make_source_stage(nlp: Language, name: str) -> SourceStage:
    return SourceStage(nlp, name)


def _outlets_named(doc: Doc) -> tuple[list[int], list[int], list[int], list[int]]:
    """The end char and root token of each entity naming a news outlet, and the first char and
    token of each proper noun naming one, in order."""
    ents = [ent for ent in entities(doc) if outlet_name(ent.text) is not None]
    words = [tok for tok in doc if tok.pos_ == "PROPN" and outlet_name(tok.text)]
    return [e.end_char for e in ents], [e.root.i for e in ents], [t.idx for t in words], [t.i for t in words]
