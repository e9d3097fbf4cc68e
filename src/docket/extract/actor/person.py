"""Persons: spaCy's PERSON entities, their titles and roles, and their mentions in one article.

A person's mentions merge within the article when the later name is a part of
the fuller one ("Al Sudani" ... "Sudani") and when a singular personal pronoun
follows closely ("Farhad Farhad ... he"). Titles come from the words before the
name ("Iraqi Prime Minister Al Sudani") or an apposition after it ("Farhad
Farhad, foreign affairs adviser to the Iraqi prime minister,"); a country named
inside the title is the person's affiliation.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from docket import data
from docket.extract.actor.match import Hit, roles_data
from docket.extract.common.state import entity_at, lower_words, per_doc, sentence_ids, state
from docket.gazetteer import slug

_STOP_POS = frozenset({"VERB", "AUX", "SCONJ", "PRON"})


@dataclass
class Person:
    id: str
    name: str
    tokens: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    affiliation: str | None = None
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None


@dataclass(frozen=True)
class _Vocab:
    roles: frozenset[str]
    honorifics: frozenset[str]
    links: frozenset[str]
    pronouns: Mapping[str, str]
    honorific_genders: Mapping[str, str]
    window: int
    max_appos: int
    place_heads: frozenset[str]
    of_links: frozenset[str]
    org_words: frozenset[str]

    @classmethod
    @cache
    def load(cls) -> _Vocab:
        d: Mapping[str, Any] = roles_data()
        return cls(
            roles=frozenset(str(w) for w in d.get("role_words", [])),
            honorifics=frozenset(str(w) for w in d.get("honorifics", [])),
            links=frozenset(str(w) for w in d.get("title_link_words", [])),
            pronouns={str(k): str(v) for k, v in (d.get("person_pronouns") or {}).items()},
            honorific_genders={str(k): str(v) for k, v in (d.get("honorific_genders") or {}).items()},
            window=int(d.get("pronoun_window", 2)),
            max_appos=int(d.get("max_appositive_tokens", 12)),
            place_heads=frozenset(str(w) for w in d.get("place_heads", [])),
            of_links=frozenset(str(w) for w in d.get("affiliation_links", [])),
            org_words=frozenset(str(w) for w in d.get("organization_words", [])),
        )


def place_like_names(doc: Doc) -> set[str]:
    """Names the model took for persons that the article shows are places, anywhere in it."""
    heads = _Vocab.load().place_heads
    names: frozenset[str] = per_doc(
        doc,
        "place_like_names",
        lambda: frozenset(
            ent.text.lower() for ent in doc.ents if ent.label_ == "PERSON" and is_place_name(doc, ent, heads)
        ),
    )
    return set(names)


def find_persons(doc: Doc, hits: list[Hit], country_of: Callable[[str], str | None]) -> list[Person]:
    """The persons of the article, each with every mention of them (names and pronouns)."""
    vocab = _Vocab.load()
    places = place_like_names(doc)
    hit_at: dict[int, Hit] = {}
    for hit in hits:
        for i in range(hit.token_start, hit.token_end):
            hit_at[i] = hit
    known = _Known()
    for person_id, full_name, parts in state(doc).earlier_persons:  # named in an earlier piece
        known.add(Person(id=person_id, name=full_name, tokens=list(parts)))
    persons = known.persons
    named: list[tuple[int, Person]] = []  # (token index of the mention, person), in text order
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not (ent.label_ == "ORG" and _titled_name(doc, ent, vocab, hit_at)):
            continue
        name = _name_tokens(ent, vocab, hit_at)
        if not name or ent.text.lower() in places:
            continue  # "Ain al-Asad air base" ... "Ain al-Asad"
        words = [t.text for t in name]
        text = doc[name[0].i : name[-1].i + 1].text
        person = known.same_person(words)
        if person is None:
            person = Person(id=slug(text), name=text, tokens=words)
            if not person.id:
                continue
            known.add(person)
        elif len(words) > len(person.tokens):
            person.name, person.id = text, slug(text)
            known.rename(person, words)
        person.mentions.append((name[0].idx, name[-1].idx + len(name[-1].text)))
        named.append((name[0].i, person))
        if name[0].i > 0 and person.gender is None:
            person.gender = vocab.honorific_genders.get(doc[name[0].i - 1].lower_)
        if person.title is None:
            _title(doc, ent, name, person, vocab, hit_at, country_of)
    for left, name in _unlabeled_appositions(doc, vocab, hit_at):
        words = [t.text for t in name]
        text = doc[name[0].i : name[-1].i + 1].text
        person = known.same_person(words)
        if person is None:
            person = Person(id=slug(text), name=text, tokens=words)
            known.add(person)
        person.mentions.append((name[0].idx, name[-1].idx + len(name[-1].text)))
        named.append((name[0].i, person))
        if person.title is None:
            _set_title(doc, person, left, hit_at, country_of)
    named.extend(_more_names(doc, persons, hit_at))
    named.sort(key=lambda item: item[0])
    _pronouns(doc, named, vocab)
    here = {hit.form.actor for hit in hits}
    for person in persons:
        if person.affiliation is None and person.mentions:
            person.affiliation = known_affiliation(person.tokens, here)
    return [p for p in persons if p.mentions]


@cache
def _people() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The table of public figures (``data/actors_people.yaml``): by full name and by surname,
    the sides each may stand for, in the table's order."""
    table: Mapping[str, Any] = data.load("actors_people.yaml").get("people") or {}
    full: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for side, names in table.items():
        for name in names:
            words = tuple(str(name).split())
            for key, into in ((slug(" ".join(words)), full), (slug(words[-1]), last)):
                if str(side) not in into.setdefault(key, []):
                    into[key].append(str(side))
    return {k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in last.items()}


def known_affiliation(name: list[str], named_here: set[str]) -> str | None:
    """The side a public figure stands for when the article does not say ("Prime Minister Ehud
    Olmert"): by the full name, or by a surname alone ("Johnson": the one side among those of the
    figures of that surname that the article names). Of several sides ("Donald Tusk": Poland, the
    EU), the one the article names."""
    full, last = _people()
    sides = full.get(slug(" ".join(name)))
    if sides is None and len(name) == 1:
        sides = last.get(slug(name[0]))
        if sides is not None and len(sides) > 1:
            # a surname figures of several sides share: the one side of them the article names
            here = [s for s in sides if s in named_here]
            return here[0] if len(here) == 1 else None
    if not sides:
        return None
    return next((s for s in sides if s in named_here), sides[0])


def _more_names(doc: Doc, persons: list[Person], hit_at: Mapping[int, Hit]) -> list[tuple[int, Person]]:
    """Later mentions of a known person that the model labelled otherwise or missed ("Abbasi said")."""
    if not persons:
        return []
    claimed = {i for p in persons for s, e in p.mentions for i in _token_range(doc, s, e)}
    known = _Known()
    for p in persons:
        known.add(p)
    # "The Thomson Corporation ... Thomson will": a word of a company's name names the company
    companies = {t.lower_ for ent in doc.ents if ent.label_ == "ORG" and len(ent) > 1 for t in ent}
    found: list[tuple[int, Person]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" or any(t.i in hit_at or t.i in claimed for t in ent):
            continue
        if ent.label_ == "ORG" and all(t.lower_ in companies for t in ent):
            continue
        words = [t.text for t in ent if not t.is_punct and t.tag_ != "POS"]
        person = known.part_of_one(words)
        if person is not None:
            person.mentions.append((ent.start_char, ent.end_char))
            found.append((ent.start, person))
            claimed.update(range(ent.start, ent.end))
    last_names = {p.tokens[-1]: p for p in persons if len(p.tokens) > 1}
    tagged = doc.has_annotation("TAG")
    wanted = {name.lower() for name in last_names}  # a Token only for words that may be one
    for i, word in enumerate(lower_words(doc) if wanted else ()):
        if word not in wanted:
            continue
        tok = doc[i]
        if tok.i in claimed or tok.i in hit_at or tok.ent_type_ or not tok.is_title or word in companies:
            continue
        if tagged and tok.pos_ != "PROPN":
            continue
        person = last_names.get(tok.text)
        if person is not None:
            person.mentions.append((tok.idx, tok.idx + len(tok.text)))
            found.append((tok.i, person))
    return found


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def is_place_name(doc: Doc, ent: Span, place_heads: frozenset[str]) -> bool:
    """A name the model took for a person that a place word ends or follows ("Bagram Airfield")."""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return ent[-1].lower_ in place_heads or after in place_heads


def _unlabeled_appositions(
    doc: Doc, vocab: _Vocab, hit_at: Mapping[int, Hit]
) -> list[tuple[list[Token], list[Token]]]:
    """Names the model missed, set off after a role: "India's delegate, Chandni Raina, rejected it".

    Returns (title tokens, name tokens) pairs. Needs tags: a name is 2-3 proper nouns.
    """
    if not doc.has_annotation("TAG"):
        return []
    found: list[tuple[list[Token], list[Token]]] = []
    lowers = lower_words(doc)
    for i, word in enumerate(lowers):
        if word != "," or i == 0 or lowers[i - 1] not in vocab.roles:
            continue
        name: list[Token] = []
        k = i + 1
        while k < len(doc) and len(name) < 4 and doc[k].pos_ == "PROPN" and doc[k].is_title:
            name.append(doc[k])
            k += 1
        closed = k < len(doc) and (doc[k].text == "," or doc[k].pos_ in {"VERB", "AUX"})
        if not (2 <= len(name) <= 3 and closed):
            continue
        if any(t.ent_type_ or t.i in hit_at or t.lower_ in vocab.org_words for t in name):
            continue
        left: list[Token] = []
        j = i - 1
        while j >= 0 and (doc[j].lower_ in vocab.roles or doc[j].lower_ in vocab.links or j in hit_at):
            left.insert(0, doc[j])
            j -= 1
        if j >= 1 and doc[j].tag_ == "POS" and (j - 1) in hit_at:  # "India's delegate"
            left.insert(0, doc[j - 1])
        found.append((left, name))
    return found


def _titled_name(doc: Doc, ent: Span, vocab: _Vocab, hit_at: Mapping[int, Hit]) -> bool:
    """An entity the model called an organisation that reads as a titled person's name.

    "Assistant Secretary of State Molly Phee", "The head of the mission, El-Ghassim Wane,",
    "Talaat, a representative of the regional government,".
    """
    name = _name_tokens(ent, vocab, hit_at)
    if not name or len(name) > 4 or any(t.lower_ in vocab.org_words or t.i in hit_at for t in name):
        return False
    if not all(t.is_title or (t.is_punct and t.text == "-") for t in name):
        return False
    first, last = name[0].i, name[-1].i
    if ent[0].lower_ in vocab.honorifics and ent.start < first:
        return True  # "Ms Roache", "Mr. Drabinsky": an honorific names a person
    before = doc[first - 1] if first > 0 else None
    if before is not None and (
        before.lower_ in vocab.roles or (ent.start < first and before.lower_ in vocab.links)
    ):
        return True
    if before is not None and before.text == ",":
        window = doc[max(0, first - 6) : first - 1]
        if any(t.lower_ in vocab.roles for t in window) and not any(t.is_sent_start for t in window[1:]):
            return True
    if last + 2 < len(doc) and doc[last + 1].text == ",":
        window = doc[last + 2 : min(len(doc), last + 2 + vocab.max_appos)]
        phrase = []
        for t in window:
            if t.text in {",", ".", ";"} or t.pos_ in _STOP_POS:
                break
            phrase.append(t)
        return any(t.lower_ in vocab.roles for t in phrase[:4])
    return False


def _name_tokens(ent: Span, vocab: _Vocab, hit_at: Mapping[int, Hit]) -> list[Token]:
    """The name proper: without honorifics, titles or country words spaCy put in the entity."""
    tokens = list(ent)
    while tokens and (
        tokens[0].lower_ in vocab.honorifics
        or tokens[0].lower_ in vocab.roles
        or tokens[0].i in hit_at
        or (tokens[0].lower_ in vocab.links and len(tokens) > 1)
    ):
        tokens.pop(0)
    while tokens and (tokens[-1].text in {"'s", "’s", "'"} or tokens[-1].is_punct):
        tokens.pop()
    while tokens and tokens[-1].is_space:
        tokens.pop()
    if not tokens or all(t.i in hit_at for t in tokens) or not any(t.text[:1].isupper() for t in tokens):
        return []  # a name has a capital letter: "diprivan" is not one
    return tokens


def _parts(words: list[str]) -> set[str]:
    """A name's parts, case and hyphens aside: 'al-Sudani' and 'Al Sudani' share {'al', 'sudani'}."""
    return {part for word in words for part in word.lower().replace("-", " ").split() if part}


class _Known:
    """The persons found so far, in order, indexed by the parts of their names (an article
    names hundreds of people: a name is compared with those sharing a part, not with all)."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self._parts: list[set[str]] = []
        self._by_part: dict[str, set[int]] = {}
        self._partless: set[int] = set()  # a name of no parts is part of every name
        self._position: dict[int, int] = {}  # id(person) -> its place in the list

    def add(self, person: Person) -> None:
        self._position[id(person)] = len(self.persons)
        self.persons.append(person)
        self._parts.append(set())
        self._index(len(self.persons) - 1)

    def rename(self, person: Person, words: list[str]) -> None:
        person.tokens = words
        self._index(self._position[id(person)])

    def _index(self, n: int) -> None:
        parts = self._parts[n] = _parts(self.persons[n].tokens)
        self._partless.discard(n)
        if not parts:
            self._partless.add(n)
        for part in parts:
            self._by_part.setdefault(part, set()).add(n)

    def _sharing(self, wanted: set[str]) -> list[int]:
        """The persons that share a part with ``wanted`` or have none (every one when it has none)."""
        if not wanted:
            return list(range(len(self.persons)))
        found = set(self._partless)
        for part in wanted:
            found |= self._by_part.get(part, set())
        return sorted(found)

    def same_person(self, words: list[str]) -> Person | None:
        """The earlier person this name is part of (or that is part of it), if exactly one."""
        wanted = _parts(words)
        found = [
            self.persons[n]
            for n in self._sharing(wanted)
            if wanted <= self._parts[n] or self._parts[n] <= wanted
        ]
        return found[0] if len(found) == 1 else None

    def part_of_one(self, words: list[str]) -> Person | None:
        """The one person whose name holds every part of ``words``."""
        wanted = _parts(words)
        if not wanted:
            return None
        found = [self.persons[n] for n in self._sharing(wanted) if wanted <= self._parts[n]]
        return found[0] if len(found) == 1 else None


def _title(
    doc: Doc,
    ent: Span,
    name: list[Token],
    person: Person,
    vocab: _Vocab,
    hit_at: Mapping[int, Hit],
    country_of: Callable[[str], str | None],
) -> None:
    # words before the name: inside the entity (spaCy sometimes includes them) or just before it
    i = name[0].i - 1
    left: list[Token] = []
    body_id: str | None = None
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if low in vocab.honorifics:
            i -= 1
            continue
        tight_hyphen = tok.text == "-" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        if low in vocab.roles or low in vocab.links or i in hit_at or (tight_hyphen and left):
            left.insert(0, tok)  # "Secretary-General Antonio Guterres"
            i -= 1
            continue
        if tok.ent_type_ == "ORG" and left and left[0].lower_ in vocab.roles:
            # "National Security Council spokesman Brian Hughes": the body is part of the title
            org = entity_at(doc, i)
            assert org is not None  # the token has an entity type
            left[0:0] = list(doc[org.start : i + 1])
            body = [t for t in org if not (t.is_stop and t.is_lower)]
            body_id = slug(doc[body[0].i : org.end].text) if body else None
            i = org.start - 1
            continue
        break
    while left and left[0].is_stop and left[0].lower_ not in vocab.roles:
        left.pop(0)
    if any(t.lower_ in vocab.roles for t in left):
        _set_title(doc, person, left, hit_at, country_of)
        if person.affiliation is None and body_id:
            person.affiliation = body_id
        after = name[-1].i + 1
        if person.affiliation is None and after + 1 < len(doc) and doc[after].lower_ in vocab.of_links:
            hit = hit_at.get(after + 1)
            if hit is not None:  # "President Erdogan of Turkey"
                person.affiliation = country_of(hit.form.actor)
        return
    # a role set off before the name: "The chief negotiator, Adam Smith Jones, said"
    c = name[0].i - 1
    if c > 0 and doc[c].text == "," and doc[c - 1].lower_ in vocab.roles:
        before: list[Token] = []
        k = c - 1
        while k >= 0 and (doc[k].lower_ in vocab.roles or doc[k].lower_ in vocab.links or k in hit_at):
            before.insert(0, doc[k])
            k -= 1
        while before and before[0].is_stop and before[0].lower_ not in vocab.roles:
            before.pop(0)
        if before:
            _set_title(doc, person, before, hit_at, country_of)
            return
    # an apposition after the name: ", foreign affairs adviser to the Iraqi prime minister,"
    j = name[-1].i + 1
    if j >= len(doc) or doc[j].text != ",":
        return
    right: list[Token] = []
    k = j + 1
    while k < len(doc) and len(right) <= vocab.max_appos:
        tok = doc[k]
        if tok.text == "," or tok.is_sent_start or tok.text in {".", ";", ":", '"', "(", ")"}:
            break
        if tok.pos_ in _STOP_POS:
            return
        right.append(tok)
        k += 1
    closed = k >= len(doc) or doc[k].text in {",", ".", ";"} or doc[k].is_sent_start
    if right and closed and len(right) <= vocab.max_appos and any(t.lower_ in vocab.roles for t in right):
        _set_title(doc, person, right, hit_at, country_of)


def _set_title(
    doc: Doc,
    person: Person,
    tokens: list[Token],
    hit_at: Mapping[int, Hit],
    country_of: Callable[[str], str | None],
) -> None:
    affiliation: str | None = None
    for tok in tokens:
        hit = hit_at.get(tok.i)
        if hit is not None:
            affiliation = affiliation or country_of(hit.form.actor)
    for tok in tokens:
        hit = hit_at.get(tok.i)
        if hit is not None and affiliation is None and hit.form.kind == "organization":
            affiliation = hit.form.actor  # "World Bank President Barber Conable": the body he heads
    # a country word at the front is the affiliation, not part of the title
    words = list(tokens)
    front: list[Token] = []
    while words and words[0].i in hit_at and hit_at[words[0].i].form.how in {"demonym", "name"}:
        front.append(words.pop(0))
    if not words:
        return
    # "Iraq US President George W. Bush" (a heading's word run on): the country nearest the title
    nearest = country_of(hit_at[front[-1].i].form.actor) if front else None
    affiliation = nearest or affiliation
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    person.title = doc[words[0].i : words[-1].i + 1].text
    person.affiliation = affiliation
    person.title_spans.append((start, end))


def _pronouns(doc: Doc, named: list[tuple[int, Person]], vocab: _Vocab) -> None:
    """Attach each singular personal pronoun to the nearest person named shortly before it."""
    if not named:
        return
    has_sents = doc.has_annotation("SENT_START")
    sent_of = sentence_ids(doc) if has_sents else []  # only differences between them count
    where = [i for i, _ in named]  # in text order
    for at, word in enumerate(lower_words(doc)):
        gender = vocab.pronouns.get(word)
        if gender is None:
            continue
        tok = doc[at]
        if tok.pos_ and tok.pos_ != "PRON":
            continue
        fits: list[tuple[int, Person]] = []
        for k in range(bisect.bisect_left(where, tok.i) - 1, -1, -1):  # those named before, nearest first
            i, person = named[k]
            near = (
                sent_of[tok.i] - sent_of[i] <= vocab.window if has_sents else tok.i - i <= 40 * vocab.window
            )
            if not near:
                break
            if person.gender in (None, gender):
                fits.append((i, person))
        if not fits:
            continue
        # "Michael Scanlon, the former partner of Jack Abramoff, pled guilty. He agreed to pay": a
        # pronoun that opens its sentence as the subject is the subject of the sentence before
        first = has_sents and tok.dep_ in ("nsubj", "nsubjpass") and _opens_sentence(tok)
        subject = [
            f for f in fits if first and sent_of[tok.i] - sent_of[f[0]] == 1 and _named_subject(doc[f[0]])
        ]
        _, person = (subject or fits)[0]
        person.gender = gender
        person.mentions.append((tok.idx, tok.idx + len(tok.text)))


def _opens_sentence(tok: Token) -> bool:
    """Whether only punctuation or quotes stand before the word in its sentence."""
    return all(t.is_punct or t.is_space for t in tok.doc[tok.sent.start : tok.i])


def _named_subject(first: Token) -> bool:
    """Whether the name that begins at this word is the subject of its clause ("Michael Scanlon,
    the former partner of ..., pled guilty")."""
    current = first
    for _ in range(4):
        if current.dep_ in ("nsubj", "nsubjpass"):
            return True
        if current.dep_ not in ("compound", "flat", "nmod") or current.head.i == current.i:
            return False
        current = current.head
    return False
