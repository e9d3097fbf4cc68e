"""Where the earlier stages' items are in a document, for the event and commitment stages: actors,
places, quantities and timexes by character offset, pronouns' antecedents, the dateline, and who
leads or answers for a group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from docket import data
from docket.extract.actor.match import located_role
from docket.extract.common.offsets import OffsetIndex
from docket.extract.common.state import Extraction, state, text_of
from docket.extract.event.rules import argument_tokens, noun_phrase, rules
from docket.extract.source.kinds import outlet_name, tables
from docket.record import Quantity, Source, Timex


@cache
def obligor_words() -> dict[str, Any]:
    """The words of ``data/obligors.yaml``: how reports name who is bound."""
    loaded = data.load("obligors.yaml")
    assert isinstance(loaded, dict)
    return loaded


def _grouped(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at these offsets are one of several joined by 'and'."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return span.root.dep_ == "conj" or any(c.dep_ == "conj" for c in span.root.children)


def in_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at these offsets are (in) the subject of a clause."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    current = span.root
    for _ in range(4):
        if current.dep_ in ("nsubj", "nsubjpass"):
            return True
        if current.dep_ not in ("compound", "conj", "poss", "appos") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _relays(source: Source, sources: list[Source]) -> bool:
    """A news outlet: a known one, one that relays another source, or one named by an outlet noun."""
    if source.kind != "organization":
        return False
    if outlet_name(source.name or source.text) is not None or any(s.via == source.id for s in sources):
        return True
    return bool({w.lower() for w in source.text.split()} & tables().outlet_nouns)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def dateline(text: str, start: int, end: int) -> bool:
    """'DOHA - The United States and the Taliban signed ...': where the story was filed is not
    a party to what it reports. A dateline is upper case, opens a line and is followed by a dash;
    the country after its city may be written as a name ("NAIROBI, Kenya (AP) _ Albright promised")."""
    words = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip(" ,/")
    if before and not before.isupper():
        return False
    if not (len(words) >= 4 and words.isupper()) and not (before and words[:1].isupper()):
        return False
    rest = text[end : end + 40]
    if rest[:1] == ",":
        # "NAIROBI, Kenya (AP)": the city's country (or state) before the agency or the dash
        for _ in range(3):
            rest = rest.lstrip(" ,")
            if not rest[:1].isupper():
                break
            rest = rest[len(rest.split(" ", 1)[0]) :]
    rest = rest.lstrip(" ,")
    return rest[:1] in ("-", "—", "–", "(") or (rest[:1] == "/" and rest[1:2].isupper())


def _quoted(text: str, at: int) -> bool:
    """Whether the offset lies inside quotation marks, within its paragraph."""
    before = text[text.rfind("\n", 0, at) + 1 : at]
    opened = before.count("“") > before.count("”")
    return opened or before.count('"') % 2 == 1


def implied_leader() -> dict[str, list[str]]:
    table = rules()["roles"]["implied_leader"]
    return {str(k): [str(w) for w in v] for k, v in table.items() if isinstance(v, list)}


def _force_owner(doc: Doc, found: Extraction) -> str | None:
    """The country whose forces an article names most often ("US troops", "American forces"),
    when one country clearly leads the count and is named so often enough; None otherwise."""
    nouns = set(implied_leader()["force_nouns"])
    countries = {a.id for a in found.actors if a.kind == "country"}
    counts: dict[str, int] = {}
    text = text_of(doc)
    for actor in found.actors:
        if actor.id not in countries:
            continue
        for mention in actor.mentions:
            following = text[mention.end : mention.end + 40].split()
            # the noun may follow one modifier: "US military personnel", "American combat troops"
            if any(w.strip(".,;:'\"").lower() in nouns for w in following[:2]):
                counts[actor.id] = counts.get(actor.id, 0) + 1
    least = int(rules()["roles"]["implied_leader"]["least"])
    if not counts or max(counts.values()) < least:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return ranked[0][0]


class Index:
    """Where the earlier stages' items are, by character offset."""

    def __init__(self, doc: Doc, found: Extraction) -> None:
        self.doc = doc
        self.found = found
        self.mentions: list[tuple[int, int, str, str]] = []
        self._mentions_at: OffsetIndex | None = None
        self._indexes: dict[str, OffsetIndex] = {}
        self._kinds: tuple[int, dict[str, str]] | None = None
        # a news agency that relays the story ("... - Reuters") is not a side in it; a company or
        # a body that speaks for itself ("Acme Motors said it would close ...") is
        relays = {_slug(s.name or s.text) for s in found.sources if _relays(s, found.sources)}
        text = text_of(doc)  # spaCy builds it anew on each access
        located = located_role()
        for actor in found.actors:
            if actor.id in relays and actor.kind == "organization":
                continue
            for mention in actor.mentions:
                if mention.role == located and actor.kind == "country":
                    continue  # "talks in Paris": where, not who
                if not dateline(text, mention.start, mention.end):
                    self.mentions.append((mention.start, mention.end, actor.id, actor.kind))
        # "American International Petroleum Corp": a country in a company's name is not a side
        named = [(m[0], m[1]) for m in self.mentions if m[3] == "organization"]
        self.mentions = [
            m
            for m in self.mentions
            if m[3] == "organization"
            or not any(a <= m[0] and m[1] <= b and b - a > m[1] - m[0] for a, b in named)
        ]
        self.led_by = {a.id: a.led_by for a in found.actors if a.led_by}
        leader = _force_owner(doc, found)
        if leader is not None:
            # "the coalition" in an article that never says who leads it: the country whose
            # forces the article is about ("US troops", "American forces")
            for actor in found.actors:
                if actor.id in implied_leader()["actors"] and actor.id not in self.led_by:
                    self.led_by[actor.id] = leader
        self.backed_by = {a.id: a.backed_by for a in found.actors if a.backed_by}
        # who says what, in the source's own words: "They have agreed to ...," said X of the Council
        # on Y: the speaker's body is not whom the quoted pronoun stands for
        self.speakers = [(s.start, s.end) for s in found.sources if s.name]
        countries = {a.id for a in found.actors if a.kind == "country"}
        self.states = frozenset(countries)  # every country the article names, in a name or not
        # a person, or a body of a state ("the US Defense Department"), acts for its country
        self.affiliation = {
            a.id: a.affiliation
            for a in found.actors
            if a.affiliation and (a.kind == "person" or a.affiliation in countries)
        }

    def antecedent(self, pronoun: Token) -> str | None:
        found = self.antecedents(pronoun)
        return found[0] if found else None

    def antecedents(self, pronoun: Token) -> list[str]:
        """'instructs it to begin', 'said it had finished': the actor a third-person pronoun
        stands for, the nearest organisation, group or country named before it in its
        sentence or the one before (one named as the subject of a clause first); a plural one
        ("they agreed") stands for all the sides named together there."""
        table = rules()["roles"]["pronouns"]
        if pronoun.lower_ not in table["words"]:
            return []
        plural = pronoun.lower_ in table["plural"]
        clause = pronoun.head
        if pronoun.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp" and clause.head.i != clause.i:
            # "The administration says it will ...": the speaker, when the speaker is not an actor
            # we know, is no one we can name
            speakers = [c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            if speakers:
                # "United States airlines Delta Air Lines and Northwest Airlines said they ...": the
                # names set off after the speaker's noun are who speaks, with the rest of its words
                words = argument_tokens(speakers[0]) + [
                    t
                    for a in speakers[0].children
                    if a.dep_ == "appos"
                    for q in (a, *a.conjuncts)
                    for t in noun_phrase(q)
                ]
                named = self._sides(self.actors_in(words))
                return named if plural else named[:1]
        sent = pronoun.sent
        earliest = sent.start_char
        if sent.start > 0:
            earliest = pronoun.doc[sent.start - 1].sent.start_char
        kinds = set(table["kinds"])
        subject = pronoun.dep_ in ("nsubj", "nsubjpass")
        best: tuple[bool, bool, int, str] | None = None
        best_end = 0
        mentions = self.mentions
        if plural and self.group_subject(pronoun, earliest) and self.members():
            return self.members()  # "the governments would ... In 1996 they would ..."
        quoting = self.speakers if self.speakers and _quoted(text_of(pronoun.doc), pronoun.idx) else []
        for n in self._mention_index().within(earliest, pronoun.idx):
            start, end, actor_id, kind = mentions[n]
            if kind not in kinds or start < earliest or end > pronoun.idx:
                continue
            if kind != "country" and any(a <= start and end <= b for a, b in quoting):
                continue  # the body of who is quoted, named in the attribution
            # "they" stands for sides named together, first; a pronoun that is a subject stands
            # for a subject before it, first
            key = (
                plural and _grouped(pronoun.doc, start, end),
                subject and in_subject(pronoun.doc, start, end),
                start,
                actor_id,
            )
            if best is None or key[:3] > best[:3]:
                best, best_end = key, end
        if best is None:
            return []
        if plural:
            span = pronoun.doc.char_span(best[2], best_end, alignment_mode="expand")
            if span is not None:
                first = span.root
                while first.dep_ == "conj" and first.head.i != first.i:
                    first = first.head
                words = argument_tokens(first)
                if first.dep_ == "appos" and first.head.pos_ == "PROPN":
                    # "Lufthansa, Alitalia of Italy and Olympic Airways ...": a list the parser hangs
                    # on its first name
                    words = argument_tokens(first.head) + words
                group = self._sides(self.actors_in(words))
                if best[3] in group:
                    return group
        return [best[3]]

    def members(self) -> list[str]:
        """The longest list of countries the article names joined together ("Burundi, the Comoros,
        ... and Zimbabwe"), when it holds at least ``group_least`` of them: the sides a group named by
        a plural noun stands for ("fifteen countries"). Empty when there is no such list."""
        memo = state(self.doc).memo
        if "member_list" in memo:
            return list(memo["member_list"])
        lists: dict[int, list[str]] = {}
        for start, end, actor_id, kind in self.mentions:
            if kind != "country":
                continue
            root = self._list_root(start, end, through_titles=True)
            if root is None:
                continue  # named alone
            group = lists.setdefault(root.i, [])
            if actor_id not in group:
                group.append(actor_id)
        least = int(obligor_words().get("group_least") or 3)
        best = max(lists.values(), key=len, default=[])
        found = best if len(best) >= least else []
        memo["member_list"] = found
        return list(found)

    def group(self, *, definite: bool) -> list[str]:
        """The sides a group named by a common noun stands for ("the governments", "each nation"):
        the countries the article lists (:meth:`members`), else, for a definite group, the two it
        names when it names just two ("Irish Taoiseach Bertie Ahern and British Prime Minister Tony
        Blair ... the governments"; but "developed nations" are not those two)."""
        ranked = self.ranked_countries()
        return self.members() or (ranked if definite and len(ranked) == 2 else [])

    def _list_root(self, start: int, end: int, *, through_titles: bool = False) -> Token | None:
        """The first of the names joined by 'and' that the words at these offsets are one of; None
        when they are named alone. ``through_titles``: a country named in a title counts for the
        name it is part of ("American President George Bush, Canadian Prime Minister Paul Martin and
        Mexican President Vicente Fox" lists three countries)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        for _ in range(3 if through_titles else 0):
            if root.dep_ not in ("amod", "compound") or root.head.pos_ != "PROPN":
                break
            root = root.head
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.i == span.root.i and not any(c.dep_ == "conj" for c in root.children):
            return None
        return root

    def pair_before(self, tok: Token, kinds: tuple[str, ...]) -> list[str]:
        """The two sides of these kinds named together as a subject ("Ethiopia and Eritrea signed")
        last before a token, within ``pair_window`` sentences; empty when there are none."""
        sents = list(self.doc.sents) if self.doc.has_annotation("SENT_START") else []
        at = next((n for n, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
        window = int(obligor_words().get("pair_window") or 4)
        earliest = sents[max(0, at - window)].start_char if sents else 0
        groups: dict[int, list[str]] = {}
        last: dict[int, int] = {}
        for n in self._mention_index().within(earliest, tok.idx):
            start, end, actor_id, kind = self.mentions[n]
            if kind not in kinds or start < earliest or end > tok.idx or not in_subject(self.doc, start, end):
                continue  # (sides named as the subject: "Ethiopia and Eritrea signed the accord")
            root = self._list_root(start, end)
            if root is None:
                continue
            group = groups.setdefault(root.i, [])
            if actor_id not in group:
                group.append(actor_id)
            last[root.i] = start
        two = [g for g in groups if len(groups[g]) == 2]
        return groups[max(two, key=lambda g: last[g])] if two else []

    def group_subject(self, pronoun: Token, earliest: int) -> bool:
        """Whether the nearest subject before a plural pronoun ("they") is a group named by a plural
        noun with no side named in it ("the governments would ... In 1996 they would ...")."""
        nouns = {str(w) for w in obligor_words().get("group_nouns") or []}
        doc = pronoun.doc
        for i in range(pronoun.i - 1, -1, -1):
            tok = doc[i]
            if tok.idx < earliest:
                return False
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON":
                continue
            return (
                tok.tag_ in ("NNS", "NNPS")
                and tok.lemma_.lower() in nouns
                and not self.actors_in(noun_phrase(tok))
            )
        return False

    def _sides(self, ids: list[str]) -> list[str]:
        """Of the actors of one phrase, the organisations when there are any ('Alitalia of Italy
        and Olympic Airways of Greece': the airlines, not their countries)."""
        kinds = self.kinds()
        organisations = [a for a in ids if kinds.get(a) == "organization"]
        return organisations or ids

    def ranked_countries(self) -> list[str]:
        """The countries the article names, most often named first (first named first on a tie)."""
        counts: dict[str, int] = {}
        for _start, _end, actor_id, kind in self.mentions:
            if kind == "country":
                counts[actor_id] = counts.get(actor_id, 0) + 1
        return sorted(counts, key=lambda a: -counts[a])  # stable: first mentioned first

    def main_ones(self, kind: str, n: int) -> list[str]:
        """The n actors of a kind the article names most often (first named first on a tie); none
        when it names fewer."""
        counts: dict[str, int] = {}
        for _start, _end, actor_id, found in self.mentions:
            if found == kind:
                counts[actor_id] = counts.get(actor_id, 0) + 1
        ranked = sorted(counts, key=lambda a: -counts[a])
        return ranked[:n] if len(ranked) >= n else []

    def main_countries(self, n: int) -> list[str]:
        """The n countries the article names most often; none when it names fewer."""
        ranked = self.ranked_countries()
        return ranked[:n] if len(ranked) >= n else []

    def actors_in(self, tokens: Iterable[Token]) -> list[str]:
        ids: list[str] = []
        tokens = list(tokens)
        if len(tokens) == 1 and tokens[0].pos_ == "PRON":
            return self.antecedents(tokens[0])
        pairs = rules()["roles"]["pairs"]
        plurals = {str(w) for w in obligor_words().get("pair_plurals") or []}
        for tok in tokens:
            lemma = tok.lemma_.lower()
            counted = any(c.lower_ in pairs["words"] for c in tok.children)
            # "the parties will exchange hostages": the two sides, as "both sides" are
            counted = counted or (
                lemma in plurals and tok.tag_ == "NNS" and any(c.lower_ == "the" for c in tok.children)
            )
            if counted and (lemma in pairs["nouns"] or lemma in plurals):
                # "the two governments said", "both sides agreed": the two named together last, else
                # the article's two main countries
                two = self.pair_before(tok, ("country", "organization", "group")) or self.main_countries(2)
                ids.extend(a for a in two if a not in ids)
            elif lemma in pairs["companies"] and counted:
                # "the two companies have agreed": the two named together last, else the main two
                two = self.pair_before(tok, ("organization",)) or self.main_ones("organization", 2)
                ids.extend(a for a in two if a not in ids)
        mentions = self.mentions
        for tok in tokens:
            for n in self._mention_index().overlapping(tok.idx, tok.idx + len(tok.text)):
                actor_id = mentions[n][2]
                if actor_id not in ids:
                    ids.append(actor_id)
        # "Iran-backed militants": the backer is named, but the militants act
        backers = {self.backed_by.get(a) for a in ids}
        acting = [a for a in ids if a not in backers]
        # "Prime Minister al-Sudani opened negotiations": a person (or a ministry) acts for its country
        for actor_id in list(acting):
            side = self.affiliation.get(actor_id)
            if side and side not in acting:
                acting.append(side)
        return acting

    def mentioned(self, tokens: Iterable[Token]) -> list[str]:
        """The actors whose mentions the tokens hold, pronouns as the actor stage attached them
        ("she" for the person named before), and the side a person acts for."""
        ids: list[str] = []
        for tok in tokens:
            for n in self._mention_index().overlapping(tok.idx, tok.idx + len(tok.text)):
                if self.mentions[n][2] not in ids:
                    ids.append(self.mentions[n][2])
        ids += [side for a in list(ids) if (side := self.affiliation.get(a)) and side not in ids]
        return list(dict.fromkeys(ids))

    def kinds(self) -> dict[str, str]:
        """Actor id -> its kind (country, organization, ...), kept until more mentions are added."""
        if self._kinds is None or self._kinds[0] != len(self.mentions):
            self._kinds = (len(self.mentions), {m[2]: m[3] for m in self.mentions})
        return self._kinds[1]

    def places_in(self, tokens: Iterable[Token]) -> list[str]:
        kinds = self.kinds()
        return [a for a in self.actors_in(tokens) if kinds.get(a) in ("country", "place")]

    def best_time(self, tokens: Iterable[Token]) -> str | None:
        """The most specific timex among the tokens: a calendar value before a vague one."""
        timexes = self.found.timexes
        found = [timexes[n] for n in self._timex_positions(tokens)]
        if not found:
            return None
        found.sort(key=lambda t: (t.value.endswith("_REF"), t.type == "DURATION", t.start))
        return found[0].id

    def timexes_in(self, tokens: Iterable[Token]) -> list[str]:
        """The timexes holding a token's first character or ending within a token."""
        timexes = self.found.timexes
        return [timexes[n].id for n in self._timex_positions(tokens)]

    def _timex_positions(self, tokens: Iterable[Token]) -> list[int]:
        timexes = self.found.timexes
        index = self._index("timexes", timexes)
        chosen: set[int] = set()
        for tok in tokens:
            s, e = tok.idx, tok.idx + len(tok.text)
            for n in index.overlapping(s - 1, e + 1):  # (a wider stretch; the test below decides)
                timex = timexes[n]
                if timex.start <= s < timex.end or timex.start < e <= timex.end:
                    chosen.add(n)
        return sorted(chosen)

    def quantities_in(self, tokens: Iterable[Token]) -> list[str]:
        quantities = self.found.quantities
        index = self._index("quantities", quantities)
        chosen = {n for tok in tokens for n in index.overlapping(tok.idx, tok.idx + len(tok.text))}
        return [quantities[n].id for n in sorted(chosen)]

    def _mention_index(self) -> OffsetIndex:
        """Where the actors' mentions lie (they are all known when the stage runs)."""
        if self._mentions_at is None or len(self._mentions_at) != len(self.mentions):
            self._mentions_at = OffsetIndex([(m[0], m[1]) for m in self.mentions])
        return self._mentions_at

    def _index(self, key: str, items: Sequence[Timex] | Sequence[Quantity]) -> OffsetIndex:
        """Where the timexes or quantities lie, built again only when the list has grown."""
        index = self._indexes.get(key)
        if index is None or len(index) != len(items):
            index = self._indexes[key] = OffsetIndex([(item.start, item.end) for item in items])
        return index
