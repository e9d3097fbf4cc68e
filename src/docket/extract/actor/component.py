"""The actor stage (spaCy component ``docket_actor``).

Resolves mentions to canonical actors: countries (ISO 3166-1 alpha-3 ids) from
their names, short forms, demonyms, capitals and seats of power; organisations,
armed groups and outlets known to the gazetteer; compound forms ("US-led
coalition" led by USA, "Iran-backed militants" backed by IRN); persons from
spaCy's entities with titles and within-article coreference; and, as a last
resort, other organisations and places named by spaCy's entities.

Each actor carries every mention with character offsets; the spans go under
``doc.spans["docket_actor"]`` labelled with the actor id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from spacy.attrs import IS_ALPHA, IS_TITLE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from docket import gazetteer as gazetteer_mod
from docket.extract.actor.match import (
    GazetteerMatcher,
    Hit,
    bare_shared_mentions,
    find_compounds,
    in_context,
    located_role,
    roles_data,
    topic_names,
)
from docket.extract.actor.names import marked_start, short_forms, untagged_organisations
from docket.extract.actor.office import office_side, side_mentions
from docket.extract.actor.person import find_persons, place_like_names
from docket.extract.common.offsets import Claimed
from docket.extract.common.state import char_spans, state, text_of
from docket.gazetteer import Gazetteer, slug
from docket.record import Actor, ActorKind, Mention

# spaCy entity labels kept as actors when the gazetteer does not know them
_POSSESSIVE = frozenset({"'s", "’s", "'"})
_FALLBACK_KINDS: dict[str, ActorKind] = {
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


@dataclass
class _Draft:
    id: str
    name: str
    kind: ActorKind
    mentions: dict[tuple[int, int], str | None] = field(default_factory=dict)
    led_by: str | None = None
    backed_by: str | None = None
    title: str | None = None
    affiliation: str | None = None

    def mention(self, start: int, end: int, role: str | None = None) -> None:
        self.mentions.setdefault((start, end), role)

    def build(self, text: str) -> Actor:
        mentions = [
            Mention(text=text[s:e], start=s, end=e, role=role)
            for (s, e), role in sorted(self.mentions.items())
        ]
        return Actor(
            id=self.id,
            name=self.name,
            kind=self.kind,
            mentions=mentions,
            led_by=self.led_by,
            backed_by=self.backed_by,
            title=self.title,
            affiliation=self.affiliation,
        )


class ActorStage:
    def __init__(self, nlp: Language, name: str, actors_file: str = "") -> None:
        self.name = name
        if not actors_file:
            from docket import settings

            actors_file = settings.load().actors_file
        self.gazetteer: Gazetteer = gazetteer_mod.load(actors_file)
        self.matcher = GazetteerMatcher(nlp, self.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.actors = self.actors(doc)
        char_spans(
            doc,
            "docket_actor",
            [(m.start, m.end, a.id) for a in found.actors for m in a.mentions],
        )
        return doc

    def _country_of(self, actor_id: str) -> str | None:
        entry = self.gazetteer.get(actor_id)
        if entry is None:
            return None
        return entry.id if entry.kind == "country" else entry.affiliation

    def actors(self, doc: Doc) -> list[Actor]:
        drafts: dict[str, _Draft] = {}
        taken = Claimed()
        text = text_of(doc)  # once per doc: Doc.text joins every token
        named = Claimed()  # the persons' mentions

        def draft(actor_id: str, name: str, kind: ActorKind) -> _Draft:
            if actor_id not in drafts:
                drafts[actor_id] = _Draft(actor_id, name, kind)
            return drafts[actor_id]

        hits, located = in_context(doc, self.matcher(doc), self.gazetteer)
        for n, hit in enumerate(hits):
            entry = self.gazetteer.entry(hit.form.actor)
            d = draft(entry.id, entry.name, entry.kind)
            if entry.kind != "country" and entry.affiliation:
                d.affiliation = entry.affiliation
            # "talks in Paris": the city where it happens (a mention of its country, but no side)
            d.mention(hit.start, hit.end, located_role() if n in located else hit.form.role)
            taken.append((hit.start, hit.end))
            parent = self.gazetteer.get(entry.affiliation) if entry.affiliation else None
            if parent is not None and parent.kind != "country":
                # "UN Security Council" names the UN too
                for alias in parent.aliases:
                    if hit.form.text.startswith(alias + " "):
                        draft(parent.id, parent.name, parent.kind).mention(hit.start, hit.start + len(alias))
                        break

        for comp in find_compounds(doc, hits):
            d = draft(comp.actor, comp.name, comp.kind)  # type: ignore[arg-type]
            if comp.field == "led_by":
                d.led_by = d.led_by or comp.other
            else:
                d.backed_by = d.backed_by or comp.other
            d.mention(comp.start, comp.end)
            taken.append((comp.start, comp.end))

        for actor_id, spans in bare_shared_mentions(doc, taken).items():
            d = draft(actor_id, text[spans[0][0] : spans[0][1]], "organization")
            for start, end in spans:
                d.mention(start, end)
                taken.append((start, end))

        persons = find_persons(doc, hits, self._country_of)
        for person in persons:
            d = draft(person.id, person.name, "person")
            d.title = d.title or person.title
            d.affiliation = d.affiliation or person.affiliation
            for start, end in person.mentions:
                d.mention(start, end)
                taken.append((start, end))
                named.append((start, end))

        self._fallback_entities(doc, draft, taken, hits, named)
        self._titled_bodies(doc, draft, taken, hits)
        # "Sweden's <Nordbanken> banking group said it would sell": a name the wire marks is a
        # company's, whether the model tagged it or not
        for start, end in state(doc).marked_names:
            name = text[start:end]
            if taken.meets(start, end) or not name[:1].isupper() or self.gazetteer.form(name) is not None:
                continue
            draft(slug(name), name, "organization").mention(start, end)
            taken.append((start, end))
        # companies the model did not tag ("the networking site Facebook", "Chevron" of "Chevron Corp")
        orgs = {d.id: d.name for d in drafts.values() if d.kind == "organization"}
        known = {i: h for h in hits for i in range(h.token_start, h.token_end)}
        for name, (known_id, spans) in untagged_organisations(doc, orgs, taken, known).items():
            d = draft(known_id or slug(name), name, "organization")
            for start, end in spans:
                d.mention(start, end)
                taken.append((start, end))
        self._merge_short_forms(drafts)
        # "Larry Hogan, the current governor, has until ...": the state or province of his office
        where = located_role()
        sides = side_mentions(
            (s, e, d.id, d.kind) for d in drafts.values() for (s, e), r in d.mentions.items() if r != where
        )
        for person in persons:
            d = drafts[person.id]
            if d.affiliation is None and (person.title_spans or person.mentions):
                d.affiliation = office_side(doc, person.mentions, person.title_spans, sides)
        ordered = sorted(drafts.values(), key=lambda d: min(d.mentions) if d.mentions else (0, 0))
        return [d.build(text) for d in ordered if d.mentions]

    def _merge_short_forms(self, drafts: dict[str, _Draft]) -> None:
        """'<San Miguel Corp>, SMC, ...', 'Cyclops Corp ... Cyclops': a short form of an organisation's
        name that the model tagged as a name of its own is that organisation (not one the gazetteer
        knows by that form)."""
        forms = short_forms({d.id: d.name for d in drafts.values() if d.kind == "organization"})
        for d in list(drafts.values()):
            owner = drafts.get(forms.get(d.name, ""))
            if owner is None or owner is d or d.kind not in ("organization", "place"):
                continue
            if self.gazetteer.get(d.id) is not None:
                continue
            for (start, end), role in d.mentions.items():
                owner.mention(start, end, role)
            del drafts[d.id]

    def _fallback_entities(
        self,
        doc: Doc,
        draft: Callable[[str, str, ActorKind], _Draft],
        taken: Claimed,
        hits: list[Hit],
        persons: Claimed,
    ) -> None:
        """Organisations and places named by spaCy's entities that nothing above claimed."""
        hit_at = {i: h for h in hits for i in range(h.token_start, h.token_end)}
        places = place_like_names(doc)
        roles = roles_data()
        place_words = frozenset(str(w) for w in roles.get("place_heads", []))
        title_words = frozenset(
            str(w) for key in ("role_words", "title_link_words") for w in roles.get(key, [])
        )
        links = frozenset(str(w) for w in roles.get("affiliation_links", []))
        topics = topic_names()
        joiners = frozenset(str(w) for w in roles.get("name_joiners", []))
        for ent in _split_joined(list(doc.ents), joiners):
            kind = _FALLBACK_KINDS.get(ent.label_)
            if ent.label_ == "PERSON" and ent.text.lower() in places:
                kind = "place"  # "Bagram Airfield", "Ain al-Asad air base" ... "Ain al-Asad"
            if kind is None:
                continue
            if persons.meets(ent.start_char, ent.end_char):
                continue  # "State Molly Phee": the person's name, with a word of the title
            tokens = _trimmed(list(ent))
            if not tokens or any("\n" in t.text_with_ws or _spaced_dash(t) for t in tokens):
                continue  # a dateline ("NIAMEY - The United States"), not a name
            if all(t.lower_ in title_words for t in tokens):
                continue  # "State" in "Secretary of State": part of a title, not a body
            if kind == "place" and tokens[-1].tag_ == "JJ":  # "Middle Eastern": an adjective, not a place
                continue
            owned = _of_country(doc, tokens, hit_at, links)
            if owned is not None:
                # "Olympic Airways of Greece", "Alitalia of Italy": the wire's company of a country
                tokens, kind = tokens[: owned[0]], "organization"
            if tokens[-1].i in hit_at:
                continue  # ends on a known actor: that actor, with words in front
            affiliation: str | None = None
            first = tokens[0].i
            if kind == "organization":
                first = marked_start(doc, first, tokens[-1].i)
            before = hit_at.get(first - 1)
            if kind == "organization" and before is not None and before.form.how in {"name", "demonym"}:
                first = before.token_start  # "the US Defense Department": the country is part of the name
            inside = [hit_at[t.i] for t in tokens if t.i in hit_at]
            if before is not None and first != tokens[0].i:
                inside.insert(0, before)
            if inside and kind != "organization":
                continue
            for hit in inside:
                affiliation = affiliation or self._country_of(hit.form.actor)
            if owned is not None:
                affiliation = owned[1]
            owner = hit_at.get(first - 2) if first >= 2 and doc[first - 1].text in _POSSESSIVE else None
            if kind == "organization" and owner is not None and owner.form.kind == "country":
                affiliation = affiliation or owner.form.actor  # "Rwanda's Defence Ministry"
            start, end = doc[first].idx, tokens[-1].idx + len(tokens[-1].text)
            text = doc[first : tokens[-1].i + 1].text
            if not any(ch.isupper() for ch in text) or len(text) < 2 or self.gazetteer.form(text) is not None:
                continue
            if text in topics:
                continue  # "Brexit": a topic, never a side
            if taken.holds(start, end):
                continue
            last_word = next((t.lower_ for t in reversed(tokens) if t.is_alpha), "")
            if kind == "organization" and last_word in place_words:
                kind = "place"  # "Air Base 201"
            actor_id = slug(text)
            if not actor_id:
                continue
            d = draft(actor_id, text, kind)
            d.affiliation = d.affiliation or affiliation
            d.mention(start, end)
            taken.append((start, end))

    def _titled_bodies(
        self,
        doc: Doc,
        draft: Callable[[str, str, ActorKind], _Draft],
        taken: Claimed,
        hits: list[Hit],
    ) -> None:
        """Capitalised names of bodies the model missed: "the US-Iraq Higher Military Commission"."""
        org_words = frozenset(str(w) for w in roles_data().get("organization_words", []))
        hit_at = {i: h for h in hits for i in range(h.token_start, h.token_end)}
        # a run starts at a capitalised word (_titled_run_end): the others are passed over at once
        titled = (doc.to_array([IS_TITLE, IS_ALPHA]).min(axis=1) == 1).tolist() if len(doc) else []
        i = 0
        while i < len(doc):
            if i in hit_at or not titled[i]:
                i += 1
                continue
            end = _titled_run_end(doc, i, hit_at)
            named = end - i >= 2 and doc[end - 1].lower_ in org_words
            # "the Al-Hadath television channel": a name followed by what kind of body it is
            described = end > i and end < len(doc) and doc[end].is_lower and doc[end].lower_ in org_words
            if not (named or described) or doc[i].is_sent_start:
                i = max(end, i + 1)
                continue
            if any(doc[k].ent_type_ or k in hit_at for k in range(i, end)):
                i = end
                continue
            start_char, end_char = doc[i].idx, doc[end - 1].idx + len(doc[end - 1].text)
            if taken.meets(start_char, end_char):
                i = end
                continue
            text = doc[i:end].text
            d = draft(slug(text), text, "organization")
            # a country just before ("US-Iraq ...") is the body's affiliation when there is one
            k = i - 1
            countries: set[str | None] = set()
            while k >= 0 and (k in hit_at or doc[k].text in {"-", "–"}):
                if k in hit_at:
                    countries.add(self._country_of(hit_at[k].form.actor))
                k -= 1
            if len(countries) == 1:
                d.affiliation = d.affiliation or countries.pop()
            d.mention(start_char, end_char)
            taken.append((start_char, end_char))
            i = end


def _split_joined(ents: list[Span], joiners: frozenset[str]) -> list[Span]:
    """The model's organisations, with two joined in one ("XM and Sirius will be merging") split in
    two when each part begins the name of an organisation named elsewhere ("XM Satellite Radio")."""
    firsts = {e[0].lower_ for e in ents if e.label_ == "ORG" and len(e) > 1}
    out: list[Span] = []
    for ent in ents:
        cut = [t.i for t in ent if t.lower_ in joiners]
        whole = ent.text.lower()
        # "Johnson & Johnson Inc" elsewhere: the joined words are one company's name
        if (
            ent.label_ != "ORG"
            or len(cut) != 1
            or any(e.text.lower().startswith(whole) for e in ents if e != ent)
        ):
            out.append(ent)
            continue
        doc, at = ent.doc, cut[0]
        left, right = doc[ent.start : at], doc[at + 1 : ent.end]
        if (
            len(left)
            and len(right)
            and left.text.lower() != right.text.lower()
            and left[0].lower_ in firsts
            and right[0].lower_ in firsts
        ):
            out += [
                Span(doc, left.start, left.end, label=ent.label),
                Span(doc, right.start, right.end, label=ent.label),
            ]
        else:
            out.append(ent)
    return out


def _of_country(
    doc: Doc, tokens: list[Token], hit_at: Mapping[int, Hit], links: frozenset[str]
) -> tuple[int, str] | None:
    """'Olympic Airways of Greece' (one entity) and 'Alitalia of Italy' (a name the model took for a
    place, then "of" and a country): where the name ends in ``tokens`` and the country, or None."""

    def named_country(i: int) -> str | None:
        hit = hit_at.get(i)
        ok = (
            hit is not None and hit.token_start == i and hit.form.how == "name" and hit.form.kind == "country"
        )
        return hit.form.actor if ok and hit is not None else None

    last = tokens[-1]
    ent = tokens[0].ent_type_
    if ent == "ORG" and len(tokens) >= 3 and tokens[-2].lower_ in links and tokens[-2].i == last.i - 1:
        country = named_country(last.i)
        if country is not None:
            return len(tokens) - 2, country
    after = last.i + 1
    if ent in ("GPE", "LOC") and after + 1 < len(doc) and doc[after].lower_ in links:
        country = named_country(after + 1)
        if country is not None:
            return len(tokens), country
    return None


def _trimmed(tokens: list[Token]) -> list[Token]:
    while len(tokens) > 1 and (tokens[0].is_stop or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (
        tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].tag_ == "POS"
        or tokens[-1].text in _POSSESSIVE
    ):
        tokens.pop()
    return tokens


def _spaced_dash(tok: Token) -> bool:
    return (
        tok.text in {"-", "–", "—"}
        and tok.whitespace_ != ""
        and tok.i > 0
        and tok.doc[tok.i - 1].whitespace_ != ""
    )


def _titled_run_end(doc: Doc, i: int, hit_at: Mapping[int, Hit]) -> int:
    """The end of a run of capitalised words from i ("Higher Military Commission", "Al-Hadath")."""
    k = i
    while k < len(doc) and k not in hit_at:
        tok = doc[k]
        word = tok.is_title and tok.is_alpha
        tight_hyphen = k > i and tok.text == "-" and not doc[k - 1].whitespace_ and not tok.whitespace_
        if not (word or tight_hyphen):
            break
        k += 1
    while k > i and doc[k - 1].text == "-":
        k -= 1
    return k


@Language.factory("docket_actor", assigns=["doc._.docket"], default_config={"actors_file": ""})
def make_actor_stage(nlp: Language, name: str, actors_file: str) -> ActorStage:
    return ActorStage(nlp, name, actors_file)
