"""Finding the gazetteer's actors in a Doc: surface forms over tokens, and compound forms.

``GazetteerMatcher`` runs a spaCy PhraseMatcher (case-sensitive, on ORTH) over the
gazetteer's surface forms and keeps the longest match at each place. Compound
forms ("US-led coalition", "Iran-backed militants") are a small grammar over
tokens: an actor, a hyphen, a suffix word from data, optional filler words and a
head noun.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from docket import data
from docket.extract.common.offsets import Claimed
from docket.extract.common.state import entity_at
from docket.gazetteer import Form, Gazetteer, slug

# spaCy entity labels whose longer span means a contained name is part of something else
# ("New Mexico", "George Washington", "Baghdad International Airport").
_SWALLOWING_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Hit:
    """A gazetteer form found in the text."""

    start: int  # character offsets
    end: int
    token_start: int
    token_end: int
    form: Form


@dataclass(frozen=True)
class Compound:
    """A compound form: ``actor``-``suffix`` ... ``head`` ("US-led coalition forces")."""

    start: int
    end: int
    actor: str  # the new actor's id
    name: str
    kind: str
    field: str  # led_by or backed_by
    other: str  # the leader or backer
    shared: bool


def roles_data() -> Mapping[str, Any]:
    loaded: Mapping[str, Any] = data.load("actors_roles.yaml")
    return loaded


class GazetteerMatcher:
    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = gazetteer.forms()
        self._forms: dict[str, Form] = {}
        for form in forms:
            self._forms[form.text] = form
            self.matcher.add(form.text, [nlp.make_doc(form.text)])

    def __call__(self, doc: Doc) -> list[Hit]:
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        hits: list[Hit] = []
        for span in filter_spans(spans):
            form = self._forms.get(span.label_)
            if form is None or self._blocked(doc, span, form):
                continue
            hits.append(Hit(span.start_char, span.end_char, span.start, span.end, form))
        return hits + self._elided(doc, hits)

    def _elided(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        """'European and African Union leaders': a word joined to a name of several words shares the
        name's last words, where the two together name another actor ("European Union")."""
        joiners = {str(w) for w in roles_data().get("name_joiners") or []}
        taken = {t for h in hits for t in range(h.token_start, h.token_end)}
        found: list[Hit] = []
        for hit in hits:
            at = hit.token_start
            if hit.token_end - at < 2 or at < 2 or doc[at - 1].lower_ not in joiners:
                continue
            word = doc[at - 2]
            if word.i in taken or not word.is_title:
                continue
            form = self.gazetteer.form(f"{word.text} {doc[at + 1 : hit.token_end].text}")
            if form is not None and form.actor != hit.form.actor:
                found.append(Hit(word.idx, word.idx + len(word.text), word.i, word.i + 1, form))
        return found

    def _blocked(self, doc: Doc, span: Span, form: Form) -> bool:
        entry = self.gazetteer.get(form.actor)
        if entry is not None and span.end < len(doc) and doc[span.end].text in entry.unless_next:
            return True
        # only the entity holding the whole span can swallow it (entities do not overlap)
        ent = entity_at(doc, span.start)
        if ent is None or ent.end < span.end:
            return False
        # inside a longer organisation's name, a country stays ("US Defense Department"),
        # another organisation does not ("National Security Council" is not the UN's);
        # a demonym stays in a person's title ("Iraqi Prime Minister X"), not in a place
        # ("the Indian Ocean")
        swallows = ent.label_ in _SWALLOWING_LABELS or (ent.label_ == "ORG" and form.kind != "country")
        if form.how == "demonym" and ent.label_ not in _PLACE_LABELS:
            swallows = False
        if not swallows:
            return False
        extra = [t for t in ent if not (span.start <= t.i < span.end)]
        if any(not (t.is_stop or t.is_punct) for t in extra):
            if self.gazetteer.form(ent.text) is not None:
                return False
            # a title before a person's name keeps its country: "Iraqi Prime Minister X"
            return not (ent.label_ == "PERSON" and span.start == ent.start and form.how != "capital")
        return False


def _kind_of(hit: Hit) -> str:
    return hit.form.kind


def find_compounds(doc: Doc, hits: Iterable[Hit]) -> list[Compound]:
    """Compound forms built on gazetteer hits: "<actor>-led <head>", "<actor>-backed <head>"."""
    roles = roles_data()
    suffixes = {str(c["suffix"]): str(c["field"]) for c in roles.get("compounds", [])}
    heads: Mapping[str, Mapping[str, Any]] = roles.get("compound_heads", {})
    fillers = {str(w) for w in roles.get("compound_fillers", [])}
    found: list[Compound] = []
    hits = list(hits)
    starting = {h.token_start: h for h in hits}
    for hit in hits:
        i = hit.token_end
        if i + 1 >= len(doc) or doc[i].text not in {"-", "‑", "–"}:
            continue
        field_name = suffixes.get(doc[i + 1].lower_)
        if field_name is None:
            continue
        j = i + 2
        named = starting.get(j)
        if named is not None and named.form.how == "name" and _kind_of(named) in {"group", "organization"}:
            # a known group with a backer or leader: "Iran-backed Houthi fighters"
            found.append(
                Compound(
                    start=named.start,
                    end=named.end,
                    actor=named.form.actor,
                    name=named.form.text,
                    kind=_kind_of(named),
                    field=field_name,
                    other=hit.form.actor,
                    shared=True,
                )
            )
            continue
        head_at: int | None = None
        while j < len(doc) and j - i <= 6:
            word = doc[j].lower_
            if word in heads:
                head_at = j
                # keep going over more heads: "coalition forces"
                if j + 1 < len(doc) and doc[j + 1].lower_ in heads:
                    j += 1
                    continue
                break
            if word not in fillers:
                break
            j += 1
        if head_at is None:
            continue
        first_head = next(k for k in range(i + 2, head_at + 1) if doc[k].lower_ in heads)
        spec = heads[doc[first_head].lower_]
        end_char = doc[head_at].idx + len(doc[head_at].text)
        text = doc[hit.token_start : head_at + 1].text
        shared = bool(spec.get("shared"))
        actor_id = str(spec.get("slug") or doc[first_head].lower_) if shared else slug(text)
        found.append(
            Compound(
                start=hit.start,
                end=end_char,
                actor=actor_id,
                name=doc[hit.token_start : first_head + 1].text if shared else text,
                kind=str(spec.get("kind") or "group"),
                field=field_name,
                other=hit.form.actor,
                shared=shared,
            )
        )
    return found


def bare_shared_mentions(doc: Doc, taken: Claimed) -> dict[str, list[tuple[int, int]]]:
    """Bare mentions of shared compound heads ("the coalition"): {slug: [(start, end)]}."""
    heads: Mapping[str, Mapping[str, Any]] = roles_data().get("compound_heads", {})
    bare: dict[str, Mapping[str, Any]] = {}
    for word, spec in heads.items():
        if spec.get("shared"):
            for form in spec.get("bare", []):
                bare[str(form)] = {**spec, "slug": str(spec.get("slug") or word)}
    out: dict[str, list[tuple[int, int]]] = {}
    if not bare:
        return out
    strings = doc.vocab.strings
    wanted = numpy.array([strings.add(form) for form in bare], dtype=numpy.uint64)
    at = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), wanted)).tolist()
    for token in (doc[i] for i in at):  # the tokens whose text is a bare form, in order
        found = bare[token.text]
        after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        if after in found.get("bare_unless_next", []) or before in found.get("bare_unless_prev", []):
            continue  # "the ruling coalition", "a coalition government": another kind of coalition
        actor = str(found["slug"])
        start, end = token.idx, token.idx + len(token.text)
        if taken.holds(start, end):
            continue
        out.setdefault(actor, []).append((start, end))
    return out


def topic_names() -> frozenset[str]:
    """Names of topics and processes that are never actors ("Brexit")."""
    return frozenset(str(w) for w in data.load("obligors.yaml").get("topic_names") or [])


def located_role() -> str:
    """The role of a capital's mention that says where, not who ("talks in Paris")."""
    return str(data.load("obligors.yaml")["place_role"])


def in_context(doc: Doc, hits: list[Hit], gazetteer: Gazetteer) -> tuple[list[Hit], set[int]]:
    """The hits read by the article around them: a name two countries share ("Congo") as the one
    the article names otherwise; the seat of an international body ("Brussels") as the body when the
    article names it and not the host; and, as the second value, the indices of the capitals that
    are where something happens ("talks in Paris"), not the government."""
    table: Mapping[str, Any] = data.load("obligors.yaml")
    lookalikes: Mapping[str, list[str]] = table.get("lookalikes") or {}
    seats: Mapping[str, list[str]] = table.get("body_seats") or {}
    plain = {h.form.actor for h in hits if h.form.text not in lookalikes}
    named = {
        h.form.actor for h in hits if h.form.how in ("name", "demonym") and h.form.text not in lookalikes
    }
    out: list[Hit] = []
    for hit in hits:
        sides = lookalikes.get(hit.form.text)
        if sides:
            side = next((s for s in sides if s in plain), sides[0])
            hit = replace(hit, form=replace(hit.form, actor=side))
        bodies = seats.get(hit.form.text)
        if bodies and hit.form.actor not in named:
            body = next((b for b in bodies if b in named), None)
            entry = gazetteer.get(body) if body else None
            if entry is not None:
                hit = replace(hit, form=replace(hit.form, actor=entry.id, how="seat", kind=entry.kind))
        out.append(hit)
    places = {str(w) for w in table.get("place_prepositions") or []}
    governing = {str(w) for w in table.get("governing_nouns") or []}
    located: set[int] = set()
    deals = {str(w) for w in table.get("deal_nouns") or []}
    for n, hit in enumerate(out):
        after = doc[hit.token_end].lower_ if hit.token_end < len(doc) else ""
        if hit.form.how == "capital" and after in deals:
            located.add(n)  # "the Minsk agreement": where the deal was made, not a side
            continue
        if hit.form.how != "capital" or hit.token_start == 0:
            continue
        before = doc[hit.token_start - 1]
        if before.lower_ not in places or before.head.lemma_.lower() in governing:
            continue
        located.add(n)
    return out, located
