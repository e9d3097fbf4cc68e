"""The merge rules, read from data/story.yaml once and handed around as a value."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Schedules:
    """The words :func:`find_schedules` reads (``schedules`` of ``data/story.yaml``)."""

    acts: dict[str, str]  # noun -> the action that holds it
    cues: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()  # words right before a day that set the act for it
    bare: tuple[str, ...] = ()  # ... of those, the ones that set it right after its noun, with no cue
    moved_to: tuple[str, ...] = ()  # of those, the words that give the day a move leads to
    before: tuple[str, ...] = ()  # words right before a day that say it was the old one
    impossible: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()  # words after a noun that make it no act ("round of talks")
    not_before: tuple[str, ...] = ()  # words before a noun that make it no act ("chief executive")
    ahead: tuple[str, ...] = ()  # targets after which a day named without its year lies ahead
    determiners: tuple[str, ...] = ()  # where the words naming an act begin, going back
    stops: tuple[str, ...] = ()  # words before them that name no part of the act ("ready for")
    joins: tuple[str, ...] = ()  # words after a noun that carry its name on ("the runoff for ...")
    polls: tuple[str, ...] = ()  # ... up to one of these ("... the presidential election")
    parts: tuple[str, ...] = ()  # acts that are a part of another the sentence names ("round")
    read: tuple[str, ...] = ()  # an article holding none of these sets no act: its text is not read
    held: tuple[str, ...] = ()  # words that report an act done ("held on", "early returns in")
    voted: tuple[str, ...] = ()  # words that tell of a vote done without naming it ("turned out to vote")
    possessive: tuple[str, ...] = ()  # a day's possessive before an act: it took place then ("today's")
    not_possessive: tuple[str, ...] = ()  # ... unless one of these stands before the day ("ahead of")
    unreal: tuple[str, ...] = ()  # words just before one of them that make it a plan ("to be held")
    called_off: tuple[str, ...] = ()  # words that tell of an act called off ("cancelled the election")
    not_called_off: tuple[str, ...] = ()  # words just before one of them that make it no deed ("may be")
    missed: tuple[str, ...] = ()  # words that tell of a day the act was due and is past ("should have been")
    missed_targets: tuple[str, ...] = ()  # more words before such a day ("before last Thursday")
    put_off_after: tuple[str, ...] = ()  # a span right before one puts the act off ("six month delay")
    put_off_before: tuple[str, ...] = ()  # ... or right after one ("postponed by three months")

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Schedules:
        def words(key: str) -> tuple[str, ...]:
            return tuple(str(x).lower() for x in raw.get(key) or ())

        return cls(
            acts={str(k).lower(): str(v) for k, v in (raw.get("acts") or {}).items()},
            cues=words("cues"),
            targets=words("targets"),
            bare=words("bare"),
            moved_to=words("moved_to"),
            before=words("before"),
            impossible=words("impossible"),
            not_after=words("not_after"),
            not_before=words("not_before"),
            ahead=words("ahead"),
            determiners=words("determiners"),
            stops=words("stops"),
            joins=words("joins"),
            polls=words("polls"),
            read=words("read"),
            parts=words("parts"),
            held=words("held"),
            voted=words("voted"),
            possessive=words("possessive"),
            not_possessive=words("not_possessive"),
            unreal=words("unreal"),
            called_off=words("called_off"),
            not_called_off=words("not_called_off"),
            missed=words("missed"),
            missed_targets=words("missed_targets"),
            put_off_after=tuple(str(x).lower() for x in (raw.get("put_off") or {}).get("after") or ()),
            put_off_before=tuple(str(x).lower() for x in (raw.get("put_off") or {}).get("before") or ()),
        )


@dataclass(frozen=True)
class Rules:
    fulfils: dict[str, frozenset[str]] = field(default_factory=dict)
    families: dict[str, str] = field(default_factory=dict)  # action -> its family's first action
    retains: frozenset[str] = frozenset()
    lasting: frozenset[str] = frozenset()
    breaks: frozenset[str] = frozenset()
    moves: frozenset[str] = frozenset()
    moved_words: tuple[str, ...] = ()  # words in a promise's sentence that say its date was moved
    hoped_words: tuple[str, ...] = ()  # words in a promise's sentence that make its date a guess
    takes: frozenset[str] = frozenset()  # "would take six to ten days": how long an act takes
    takes_chars: int = 20
    moved_to: tuple[str, ...] = ()  # a move of forces to a place ("pull back to the Bekaa")
    # words that make a dated negative promise a later date ("not until 2009"), and those that
    # make it no promise at all ("never")
    not_until: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    one_shot: frozenset[str] = frozenset()
    endings: tuple[str, ...] = ()
    deeds: dict[str, str] = field(default_factory=dict)  # phrase -> the action it tells of
    done: dict[str, str] = field(default_factory=dict)  # ... told whole with no completion word
    parts_of: tuple[str, ...] = ()  # first words of an object that make it a part ("a third of")
    leaving: frozenset[str] = frozenset()  # actions (families) of leaving ("withdraw")
    memberships: tuple[str, ...] = ()  # ... bodies whose leaving is done at once ("the union")
    not_done: tuple[str, ...] = ()  # words just before one of ``done`` that make it no deed ("to")
    renewals: frozenset[str] = frozenset()
    asked: tuple[str, ...] = ()
    voted_to: tuple[str, ...] = ()  # words right before a one-shot act that make it done ("voted to")
    asked_chars: int = 60
    some_counts: tuple[str, ...] = ()  # words that count a part of a group ("by seven member states")
    some_groups: tuple[str, ...] = ()  # ... and the groups so counted
    quote_chars: int = 160
    completion: frozenset[str] = frozenset()
    kept_words: frozenset[str] = frozenset()
    extends: frozenset[str] = frozenset()
    agreement_nouns: frozenset[str] = frozenset()
    # groups of words that set apart promises of one action ("municipal" / "presidential" elections)
    # (a word -> its class: "second" and "runoff" are one)
    kinds: tuple[dict[str, str], ...] = ()
    # words that make an act another one than an act told without them ("a by-election in Dresden I"
    # is not the general election)
    kinds_alone: frozenset[str] = frozenset()
    state_bodies: frozenset[str] = frozenset()  # last words of a state body's name ("Ministry")
    # how other reports may name one side: a person by the last word of his name that is not one
    # of ``name_suffixes`` ("Jr"); a body of three words or more by their initials, leaving out
    # ``initials_skip`` ("of", "the")
    name_suffixes: frozenset[str] = frozenset()
    initials_skip: frozenset[str] = frozenset()
    # words of a promise's object that tell no act from another ("the", "percent")
    plain_words: frozenset[str] = frozenset()
    contradiction_days: int = 14
    same_date_days: int = 7
    open_grace_days: int = 120
    owed_days: int = 120  # a thread of a state's public acts (elections) stays open this long
    late_days: int = 365
    early_days: int = 30
    quantity_days: int = 45
    story_days: int = 45
    restated_days: int = 365
    extension_days: int = 30
    # a vote reported held on a day keeps a promise due this close to it; one reported held with no
    # day, a promise due at most this long before the report (docket.story.held)
    held_near_days: int = 7
    held_after_days: int = 45
    partial_chars: int = 200
    place_chars: int = 80
    parts_chars: int = 120
    owner_chars: int = 30
    # public acts set for a day and moved ("the runoff is scheduled for December 11")
    schedules: Schedules | None = None

    @property
    def text_cues(self) -> tuple[str, ...]:
        """Phrases whose articles' texts the story reads itself: endings, deeds, schedules."""
        schedules = self.schedules.read if self.schedules else ()
        return (*self.endings, *self.deeds, *self.done, *schedules)

    def family(self, action: str) -> str:
        """The name of the family of promises an action belongs to (itself when in none)."""
        return self.families.get(action, action)

    def differ(self, a: str | None, b: str | None) -> bool:
        """Do two objects of one action name promises of different kinds ("the municipal elections",
        "the presidential runoff"): a group of ``kinds`` words each uses, with none in common, or a
        ``kinds_alone`` word ("by-election") only one of them uses?"""
        if not a or not b or not (self.kinds or self.kinds_alone):
            return False
        wa, wb = _terms(a), _terms(b)
        if bool(wa & self.kinds_alone) != bool(wb & self.kinds_alone):
            return True
        return any(
            (ka := {kind[w] for w in wa if w in kind})
            and (kb := {kind[w] for w in wb if w in kind})
            and not ka & kb
            for kind in self.kinds
        )

    def says_not_until(self, text: str | None) -> bool:
        """Does a negative promise's text put the act off to its date ("will not close the plant
        until 2009"), rather than rule it out ("will never close the plant")?"""
        return _says(text, self.not_until) and not _says(text, self.never)

    def names_act(self, text: str | None) -> bool:
        """Does a promise's object name a public act a state holds (``schedules.acts``: "the
        elections", "the presidential runoff")?"""
        return self.schedules is not None and _says(text, tuple(self.schedules.acts))

    def says_moved(self, text: str | None) -> bool:
        """Does a promise's sentence say its date was moved ("another six month delay", "a new
        target date of May 8")?"""
        return _says(text, self.moved_words)

    def says_hoped(self, text: str | None) -> bool:
        """Does a promise's sentence give its date as someone's guess ("the prime minister expects
        the election to be held in November")?"""
        return _says(text, self.hoped_words)

    def moves_to(self, text: str | None) -> bool:
        """Is a promise's text a move of forces to a place ("would pull back to the Bekaa Valley"),
        a step apart from a withdrawal from the country?"""
        return _says(text, self.moved_to)

    def object_words(self, text: str | None) -> frozenset[str]:
        """The words of a promise's object that tell its act from another (not ``plain``)."""
        return frozenset(w for w in _words(text or "") if w.isalpha() and w not in self.plain_words)

    def fulfilling(self, action: str) -> frozenset[str]:
        """The event actions that do what a commitment to ``action`` promised (always itself)."""
        return self.fulfils.get(action, frozenset()) | {action}


_WORD = re.compile(r"[^\W\d_]+")


def _says(text: str | None, phrases: Iterable[str]) -> bool:
    """Does ``text`` hold one of ``phrases``, as whole words?"""
    said = f" {' '.join(_WORD.findall((text or '').lower()))} "
    return any(f" {' '.join(_WORD.findall(p))} " in said for p in phrases)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _terms(text: str) -> set[str]:
    """The words of ``text`` and its pairs of words ("run off"), as ``kinds`` names them."""
    words = [w.lower() for w in _WORD.findall(text)]
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def _kinds(group: list[Any]) -> dict[str, str]:
    """A ``kinds`` group as word -> class: an entry that is a list is one class of synonyms (a name
    of two words, "run-off", is matched as its words)."""
    out: dict[str, str] = {}
    for entry in group:
        names = [str(x).lower() for x in entry] if isinstance(entry, list) else [str(entry).lower()]
        names = [" ".join(_WORD.findall(n)) for n in names]
        out.update({name: names[0] for name in names})
    return out


def from_data(raw: dict[str, Any]) -> Rules:
    days = raw.get("days") or {}
    chars = raw.get("chars") or {}
    return Rules(
        fulfils={str(k): frozenset(str(x) for x in v or ()) for k, v in (raw.get("fulfils") or {}).items()},
        families={str(a): str(group[0]) for group in raw.get("families") or () for a in group},
        retains=frozenset(str(x) for x in raw.get("retains") or ()),
        lasting=frozenset(str(x) for x in raw.get("lasting") or ()),
        breaks=frozenset(str(x) for x in raw.get("breaks") or ()),
        moves=frozenset(str(x) for x in raw.get("moves") or ()),
        moved_words=tuple(str(x).lower() for x in raw.get("moved_words") or ()),
        hoped_words=tuple(str(x).lower() for x in raw.get("hoped_words") or ()),
        one_shot=frozenset(str(x) for x in raw.get("one_shot") or ()),
        takes=frozenset(str(x).lower() for x in (raw.get("takes") or {}).get("words") or ()),
        takes_chars=int((raw.get("takes") or {}).get("chars", 20)),
        moved_to=tuple(str(x).lower() for x in raw.get("moved_to") or ()),
        not_until=tuple(str(x).lower() for x in (raw.get("not_until") or {}).get("words") or ()),
        never=tuple(str(x).lower() for x in (raw.get("not_until") or {}).get("never") or ()),
        deeds={str(k).lower(): str(v) for k, v in (raw.get("deeds") or {}).items()},
        done={str(k).lower(): str(v) for k, v in ((raw.get("done") or {}).get("phrases") or {}).items()},
        not_done=tuple(str(x).lower() for x in (raw.get("done") or {}).get("not") or ()),
        parts_of=tuple(str(x).lower() for x in raw.get("parts_of") or ()),
        leaving=frozenset(str(x) for x in (raw.get("memberships") or {}).get("actions") or ()),
        memberships=tuple(str(x).lower() for x in (raw.get("memberships") or {}).get("bodies") or ()),
        endings=tuple(str(x).lower() for x in (raw.get("endings") or {}).get("words") or ()),
        renewals=frozenset(str(x) for x in (raw.get("endings") or {}).get("renewals") or ()),
        asked=tuple(str(x).lower() for x in raw.get("asked") or ()),
        voted_to=tuple(str(x).lower() for x in raw.get("voted_to") or ()),
        asked_chars=int(chars.get("asked", 60)),
        some_counts=tuple(str(x).lower() for x in (raw.get("by_some") or {}).get("counts") or ()),
        some_groups=tuple(str(x).lower() for x in (raw.get("by_some") or {}).get("groups") or ()),
        quote_chars=int(chars.get("quote", 160)),
        completion=frozenset(str(x).lower() for x in raw.get("completion") or ()),
        kept_words=frozenset(str(x).lower() for x in raw.get("kept_words") or ()),
        extends=frozenset(str(x) for x in (raw.get("extensions") or {}).get("actions") or ()),
        agreement_nouns=frozenset(str(x).lower() for x in (raw.get("extensions") or {}).get("nouns") or ()),
        kinds=tuple(_kinds(group) for group in raw.get("kinds") or ()),
        kinds_alone=frozenset(_kinds(list(raw.get("kinds_alone") or ()))),
        state_bodies=frozenset(str(x).lower() for x in raw.get("state_bodies") or ()),
        name_suffixes=frozenset(str(x).lower() for x in (raw.get("sides") or {}).get("suffixes") or ()),
        initials_skip=frozenset(str(x).lower() for x in (raw.get("sides") or {}).get("skip") or ()),
        plain_words=frozenset(str(x).lower() for x in raw.get("plain") or ()),
        contradiction_days=int(days.get("contradiction", 14)),
        same_date_days=int(days.get("same_date", 7)),
        open_grace_days=int(days.get("open_grace", 120)),
        owed_days=int(days.get("owed", days.get("open_grace", 120))),
        late_days=int(days.get("late", 365)),
        early_days=int(days.get("early", 30)),
        quantity_days=int(days.get("quantity", 45)),
        story_days=int(days.get("story", 45)),
        restated_days=int(days.get("restated", 365)),
        extension_days=int(days.get("extension", 30)),
        held_near_days=int(days.get("held_near", 7)),
        held_after_days=int(days.get("held_after", 45)),
        partial_chars=int(chars.get("partial", 200)),
        place_chars=int(chars.get("place", 80)),
        parts_chars=int(chars.get("parts", 120)),
        owner_chars=int(chars.get("owner", 30)),
        schedules=Schedules.from_data(raw["schedules"]) if raw.get("schedules") else None,
    )


@cache
def default() -> Rules:
    from docket import data

    return from_data(data.load("story.yaml"))
