"""The tense of the clause around an expression: from the governing verb with a parser, from the
nearest tense word without one.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from docket.extract.timex.base import FUTURE, NEAREST, PAST, PROSPECTIVE
from docket.extract.timex.grammar import Grammar
from docket.extract.timex.page import Page


class Tense:
    """The tense of the clause around an expression."""

    def __init__(self, gram: Grammar) -> None:
        g = gram
        self.gram = g
        self.future_words = frozenset(g.rules["tense_words"]["future"])
        self.past_words = frozenset(g.rules["tense_words"]["past"])
        self.past_suffixes = tuple(g.rules["tense_words"]["past_suffixes"])
        self.not_past = frozenset(g.rules["tense_words"]["not_past"])
        self.future_aux = g.words("future_aux")
        self.perfect_aux = g.words("perfect_aux")
        self.scheduled_verbs = g.words("scheduled_verbs")
        self.noun_modifier_deps = g.words("noun_modifier_deps")
        self.prospective_aux = g.words("prospective_aux")
        self.prospective_words = frozenset(g.rules["tense_words"]["prospective"])
        self.goal_signals = g.words("goal_signals")
        self.target_signals = g.words("target_signals")
        self.range_ends = g.words("range_ends")
        self.future_verbs = g.words("future_verbs")
        self.plan_verbs = g.words("plan_verbs")
        self.plan_preps = g.words("plan_preps")
        self.infinitive_marks = g.words("infinitive_marks")
        self.be_verbs = g.words("be_verbs")
        self.past_signals = g.words("past_signals")
        self.near_kinds = frozenset({"weekday", "weekend", "time", "relpart"})

    def tense(self, page: Page, start: int, end: int, before: str, kind: str) -> str | None:
        span = page.doc.char_span(start, end, alignment_mode="expand") if page.parsed else None
        if span is not None:
            tense, _ = self.parsed_tense(span)
        else:
            tense = self.lexical_tense(page.text, start)
        if before in self.past_signals:
            return PAST
        if before in self.goal_signals and tense != PAST:
            # a deadline lies ahead: "by Sunday" is the coming one; "by Jan. 14" may have just passed
            return FUTURE if tense == FUTURE or kind in self.near_kinds else PROSPECTIVE
        if before in self.target_signals and tense == PAST:
            # a past change of a target ("extended it until Tuesday"): the target may lie ahead; but
            # "to" may close a range ("bought from Sept. 14 to Thursday"), so a weekday after it stays past
            return None if before in self.range_ends else NEAREST
        return tense

    def parsed_tense(self, span: Span) -> tuple[str | None, bool]:
        """The tense of the verb governing ``span``, and whether it is a finite past form."""
        token = span.root
        verb = token
        for _ in range(8):
            if verb.head.i == verb.i:
                break
            if span.start <= verb.head.i < span.end:
                verb = verb.head
                continue
            head = verb.head
            if head.pos_ in ("NOUN", "PROPN") and verb.dep_ in self.noun_modifier_deps:
                return None, False  # part of a noun phrase: "the Aug. 31 date", "the deadline, May 19"
            verb = head
            if verb.pos_ in ("VERB", "AUX"):
                break
        if verb.pos_ not in ("VERB", "AUX") or span.start <= verb.i < span.end:
            return None, False
        climbed = False
        for _ in range(3):
            auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            words = {c.lower_ for c in auxes}
            if words & self.future_aux:
                return FUTURE, False
            lemma = verb.lemma_.lower()
            if lemma in self.plan_verbs or (climbed and lemma in self.future_verbs):
                return PROSPECTIVE, False  # "plans to leave in January", "agreed to withdraw by May"
            if (
                verb.dep_ == "acl"
                and verb.tag_ == "VBN"
                and lemma in self.future_verbs
                and any(c.lower_ in self.plan_preps for c in verb.children)
            ):
                return PROSPECTIVE, False  # a participle after its noun: "a summit set for (May in) April"
            if any(c.lemma_.lower() in self.perfect_aux for c in auxes):
                return PAST, any(c.tag_ == "VBD" for c in auxes)  # "had been cut", "to have left"
            if words & self.prospective_aux:
                if words <= self.infinitive_marks and verb.dep_ == "xcomp" and self.present_plan(verb.head):
                    return FUTURE, False  # "is scheduled to close Monday", "is to resume Tuesday"
                return PROSPECTIVE, False
            if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
                return PAST, True
            if verb.tag_ == "VBN" and not any(c.tag_ in ("VBZ", "VBP") for c in auxes):
                # a passive in the present ("the case is heard in May") is no past
                return PAST, False
            if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in self.scheduled_verbs:
                return FUTURE, False  # the present of a timetable: "takes office on Monday"
            finite = verb.tag_ in ("VBZ", "VBP", "MD")
            if not finite and verb.dep_ in ("xcomp", "advcl", "ccomp", "conj") and verb.head.i != verb.i:
                verb = verb.head
                climbed = True
                continue
            break
        return None, False

    def present_plan(self, head: Token) -> bool:
        """A plan in the present tense governing an infinitive: "plans to", "is scheduled to", "is to"."""
        lemma = head.lemma_.lower()
        if lemma not in self.plan_verbs and lemma not in self.be_verbs:
            return False
        if head.tag_ in ("VBZ", "VBP"):
            return True
        return head.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in head.children
        )

    def lexical_tense(self, text: str, start: int) -> str | None:
        begin = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), 0)
        window = [w.strip(",;:\"'()") for w in text[begin:start].lower().split()]
        for at in range(len(window) - 1, -1, -1):
            word = window[at]
            if word in self.future_words:
                return FUTURE
            if word in self.prospective_words:
                return PROSPECTIVE
            past = word in self.past_words or (
                len(word) >= 5 and word.endswith(self.past_suffixes) and word not in self.not_past
            )
            if past:
                # "will be held", "would have left": an auxiliary just before decides
                if any(w in self.future_words for w in window[max(0, at - 3) : at]):
                    return FUTURE
                if any(w in self.prospective_words for w in window[max(0, at - 3) : at]):
                    return PROSPECTIVE
                return PAST
        return None
