"""Deadlines from durations and windows (issue 13, item 3): sentences written for these tests.

A span counted from an event is a calendar date counted from the day the text gives that
event, and the deadline keeps the span, the event as the text names it and its day; an event
the text dates nowhere leaves the anchor ``unknown`` (no day is guessed); a window's deadline
is its last day. The golden test runs ``docket add`` and ``docket due`` on a written article.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from docket.cli import app
from docket.extract.common.counting import add_duration, derived_deadline
from docket.record import Commitment, Record, Timex

HERE = Path(__file__).resolve().parent / "deadlines"


class Form(NamedTuple):
    text: str
    published: str
    action: str
    value: str  # the deadline's value
    duration: str | None  # the span counted, for a date counted from an event
    anchor_text: str | None  # the event as the text names it
    anchor_day: str | None  # its day


F = Form
FORMS: list[Form] = [
    # within N days of <event>, the event dated in a sentence before
    F("Rwanda and Congo signed the peace agreement on June 27. Under the deal, Rwanda will withdraw its "
      "troops within 90 days of signing.", "2025-06-28", "withdraw", "2025-09-25", "P90D", "signing",
      "2025-06-27"),
    # ... the event told as happening on the day of publication
    F("Rwanda and Congo signed the accord today. Rwanda will withdraw its troops within 60 days of the "
      "signing.", "2025-06-28", "withdraw", "2025-08-27", "P60D", "the signing", "2025-06-28"),
    # ... the event's date inside its words
    F("Rwanda will withdraw its troops within 30 days of the signing on June 27, 2025.", "2025-06-28",
      "withdraw", "2025-07-27", "P30D", "the signing on June 27, 2025", "2025-06-27"),
    # N days after the deal takes effect
    F("The truce takes effect on January 19. Hamas will release 33 hostages 42 days after the truce takes "
      "effect.", "2025-01-16", "release", "2025-03-02", "P42D", "the truce takes effect", "2025-01-19"),
    # ... the taking effect, not the signing, when the text dates both
    F("The deal was signed on June 20. The truce takes effect on July 1. Israel will pull back its troops "
      "10 days after the truce takes effect.", "2025-06-21", "withdraw", "2025-07-11", "P10D",
      "the truce takes effect", "2025-07-01"),
    F("The ceasefire takes effect on July 4. Hamas will free 33 hostages within 42 days of the ceasefire "
      "taking effect.", "2025-06-28", "release", "2025-08-15", "P42D", "the ceasefire taking effect",
      "2025-07-04"),
    # for N days from D
    F("Russia agreed to extend the deal for 120 days from March 18.", "2023-03-15", "extend", "2023-07-16",
      "P120D", "March 18", "2023-03-18"),
    # N hours after <event>: the day its last hour falls in
    F("Israel will complete the pullback by January 26. Hamas will free the hostages 72 hours after the "
      "pullback.", "2025-01-20", "release", "2025-01-29", "PT72H", "the pullback", "2025-01-26"),
    # a bare span beside an agreement the text dates: counted from the agreement, not a span
    F("Rwanda and Congo signed the accord on June 27. Rwanda will withdraw its troops within 90 days.",
      "2025-06-28", "withdraw", "2025-09-25", "P90D", "signed", "2025-06-27"),
    # for N days starting D; N months (starting D), the start in an aside
    F("Russia agreed to extend the deal for 120 days starting March 18.", "2023-03-15", "extend",
      "2023-07-16", "P120D", "March 18", "2023-03-18"),
    F("If the firm does not appeal, Acme will have 3 months (starting February 27th) to pay the fine.",
      "2008-02-27", "provide", "2008-05-27", "P3M", "February 27th", "2008-02-27"),
    # within N days on / upon <event>
    F("Jane Ross won the party leadership on Saturday. Ross promised to hold a youth summit within 30 days "
      "on winning the leadership.", "2007-04-30", "hold", "2007-05-28", "P30D", "winning the leadership",
      "2007-04-28"),
    F("Ross promised to hold a youth summit within 30 days upon taking office on May 2.", "2007-04-30",
      "hold", "2007-06-01", "P30D", "taking office on May 2", "2007-05-02"),
    # the event named by a noun of the verb that dates it in another sentence
    F("The court ruled on December 26 that the firm broke the law. Acme Motors will sell the plant within "
      "30 days of the ruling.", "2025-01-10", "sell", "2025-01-25", "P30D", "the ruling", "2024-12-26"),
    F("Parliament approved the deal on January 3. Israel will withdraw its troops within 30 days of the "
      "approval.", "2025-01-10", "withdraw", "2025-02-02", "P30D", "the approval", "2025-01-03"),
]  # fmt: skip


def _find(rec: Record, action: str) -> tuple[Commitment, Timex]:
    found = [c for c in rec.commitments if c.action == action and c.deadline]
    assert found, [(c.obligor, c.action, c.deadline) for c in rec.commitments]
    timex = next(t for t in rec.timexes if t.id == found[0].deadline)
    return found[0], timex


@pytest.mark.parametrize("form", FORMS, ids=[f.text[-50:] for f in FORMS])
def test_a_span_counted_from_an_event_is_a_date_that_keeps_its_anchor(
    extract: Callable[..., Record], form: Form
) -> None:
    rec = extract(form.text, form.published)
    _, deadline = _find(rec, form.action)
    assert (deadline.type, deadline.value, deadline.latest) == (
        "DATE",
        form.value,
        dt.date.fromisoformat(form.value),
    )
    assert (deadline.duration, deadline.anchor_text) == (form.duration, form.anchor_text)
    assert deadline.anchor_day == (dt.date.fromisoformat(form.anchor_day) if form.anchor_day else None)
    anchor = next(t for t in rec.timexes if t.id == deadline.anchor)  # the timex dating the event
    assert anchor.earliest == deadline.anchor_day


def test_an_event_the_text_dates_nowhere_leaves_the_anchor_unknown(extract: Callable[..., Record]) -> None:
    rec = extract("Acme Motors said it will repay the loan within 18 months of the merger.", "2025-06-28")
    _, deadline = _find(rec, "repay")
    assert (deadline.value, deadline.anchor, deadline.latest) == ("P18M", "unknown", None)
    assert (deadline.duration, deadline.anchor_text) == ("P18M", "the merger")


def test_a_span_for_a_stretch_on_end_counts_from_nothing(extract: Callable[..., Record]) -> None:
    """ "on" joins a span to its event only after "within", "by" ...: "for 30 days on end" names none."""
    rec = extract("The army will patrol the border for 30 days on end, the minister said.", "2025-06-28")
    assert all(t.anchor_text is None for t in rec.timexes)


@pytest.mark.parametrize(
    "text",
    [
        "Acme Motors agreed to close its Leeds plant within 60 days. Talks with the unions will start on "
        "February 27.",
        "Acme Motors promised to close its Leeds plant within 60 days. Its chief said he would begin work "
        "on the plan tomorrow.",
    ],
)
def test_talks_or_work_that_start_on_a_day_are_not_the_agreement_taking_effect(
    extract: Callable[..., Record], text: str
) -> None:
    """Only the agreement (or a stage of it) starting dates a bare span: "the truce begins on May 3"."""
    rec = extract(text, "2007-02-15")
    _, deadline = _find(rec, "close")
    assert (deadline.value, deadline.anchor) == ("P60D", "unknown")


def test_a_truce_that_begins_on_a_day_dates_a_bare_span(extract: Callable[..., Record]) -> None:
    rec = extract("The truce begins on May 3. Hamas will free 33 hostages within 42 days.", "2025-04-28")
    _, deadline = _find(rec, "release")
    assert (deadline.value, deadline.anchor_day) == ("2025-06-14", dt.date(2025, 5, 3))


def test_a_window_is_due_on_its_last_day(extract: Callable[..., Record]) -> None:
    rec = extract("Rwanda will withdraw its troops between October 21 and 31, officials said.", "2025-06-28")
    _, deadline = _find(rec, "withdraw")
    assert (deadline.text, deadline.earliest, deadline.latest) == (
        "between October 21 and 31",
        dt.date(2025, 10, 21),
        dt.date(2025, 10, 31),
    )
    ends = {t.id: t.text for t in rec.timexes}
    assert deadline.ends is not None and [ends[e] for e in deadline.ends] == ["October 21", "31"]


def test_a_by_date_wins_over_a_window_told_beside_it(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Rwanda, which held talks between October 21 and 31, will withdraw its troops by December 15.",
        "2025-06-28",
    )
    _, deadline = _find(rec, "withdraw")
    assert deadline.value == "2025-12-15"


@pytest.mark.parametrize(
    ("value", "days"),
    [("P90D", 90), ("P2W", 14), ("PT72H", 3), ("PT36H", 2), ("PT24H", 1), ("PT1H", 1)],
)
def test_a_span_in_days_weeks_or_hours_counts_whole_days(value: str, days: int) -> None:
    assert add_duration(dt.date(2025, 1, 26), value) == dt.date(2025, 1, 26) + dt.timedelta(days=days)


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2150, 12, 31)),
    amount=st.integers(min_value=1, max_value=400),
    unit=st.sampled_from(["D", "W", "M", "Y"]),
)
def test_a_date_counted_from_a_dated_event_starts_on_that_day(day: dt.date, amount: int, unit: str) -> None:
    """Whatever the publication date, a span counted from an event dated with its own year runs from
    that day: the anchor's day is kept and the deadline never falls before it."""
    event = Timex(
        id="t1", text="x", start=0, end=1, type="DATE", value=day.isoformat(), earliest=day, latest=day
    )
    span = Timex(id="t2", text="y", start=2, end=3, type="DURATION", value=f"P{amount}{unit}")
    derived = derived_deadline(span, event, dt.date(2024, 9, 7), "t3", "the signing")
    assert derived is not None and derived.latest is not None
    assert derived.anchor == "t1" and derived.anchor_day == day
    assert derived.latest > day
    assert derived.latest == add_duration(day, span.value)


runner = CliRunner()
KEYS = ("value", "earliest", "latest", "duration", "anchor", "anchor_text", "anchor_day")


def test_golden_due_shows_each_deadline_with_its_anchor(tmp_path: Path) -> None:
    """`docket add` then `docket due` on a written article: what `due` says of each deadline."""
    db = str(tmp_path / "due.db")
    added = runner.invoke(app, ["add", str(HERE / "anchors.txt"), "--db", db])
    assert added.exit_code == 0, added.output
    result = runner.invoke(app, ["due", "--db", db, "--as-of", "2025-07-01", "--json"])
    assert result.exit_code == 0, result.output
    got = [
        {
            "action": c["action"],
            "status": c["status"],
            "days_left": c["days_left"],
            "deadline": {k: c["deadline"].get(k) for k in KEYS},
        }
        for c in json.loads(result.stdout)["commitments"]
    ]
    want = json.loads((HERE / "anchors.due.json").read_text(encoding="utf-8"))
    assert sorted(got, key=json.dumps) == sorted(want, key=json.dumps)
    shown = sorted(render_when(c["deadline"]) for c in json.loads(result.stdout)["commitments"])
    assert shown == [
        "18 months from the merger (anchor unknown)",
        "2025-10 (2025-10-21 – 2025-10-31)",
        "72 hours from the truce takes effect on 2025-07-04 → 2025-07-07",
        "90 days from signing on 2025-06-27 → 2025-09-25",
    ]


def render_when(deadline: dict[str, str | None]) -> str:
    """The deadline as the `due` table shows it (the table's own cells wrap on a narrow terminal)."""
    from docket.render.stories import _when
    from docket.story.model import When

    return _when(When.from_dict(deadline))


TOLD: list[tuple[str, str, str, str, str]] = [
    # (text, publication, words of the day counted, its value, the event as named)
    ("The armistice was signed on 11 November 1918. Three days after the armistice, the army withdrew.",
     "2024-09-07", "Three days after the armistice", "1918-11-14", "the armistice"),
    ("The truce began on 3 May. Two weeks after the truce began, talks resumed.", "2024-09-07",
     "Two weeks after the truce began", "2024-05-17", "the truce began"),
    ("The accord was signed on June 27, 2025. Ten days following the signing, the first convoy left.",
     "2025-07-30", "Ten days following the signing", "2025-07-07", "the signing"),
    ("The siege began on 1 March 1942. Six months after the siege began, the city fell.", "2024-09-07",
     "Six months after the siege began", "1942-09-01", "the siege began"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "words", "value", "named"), TOLD, ids=[t[2] for t in TOLD])
def test_a_span_after_a_dated_event_is_the_day_it_falls_on(
    extract: Callable[..., Record], text: str, published: str, words: str, value: str, named: str
) -> None:
    rec = extract(text, published)
    hits = [t for t in rec.timexes if t.text == words]
    assert hits, [(t.text, t.value) for t in rec.timexes]
    assert (hits[0].type, hits[0].value, hits[0].anchor_text) == ("DATE", value, named)
    span = [t for t in rec.timexes if t.type == "DURATION" and words.startswith(t.text)]
    assert span, "the span itself stays a TIMEX3 duration"


def test_a_span_after_an_event_dated_nowhere_adds_no_day(extract: Callable[..., Record]) -> None:
    rec = extract("Three days after the armistice, the army withdrew.", "2024-09-07")
    assert [t.type for t in rec.timexes] == ["DURATION"]


def test_a_span_said_from_now_counts_from_the_report(extract: Callable[..., Record]) -> None:
    """'within the next 90 days' names its anchor, the time of writing; a bare 'within 90 days'
    names none and stays a span (COMMITMENTS.md: anchor unknown)."""
    rec = extract("Ford will close the plant within the next 90 days.", "2008-08-31")
    (c,) = rec.commitments
    deadline = next(t for t in rec.timexes if t.id == c.deadline)
    assert (deadline.value, deadline.anchor, deadline.duration) == ("2008-11-29", "document", "P90D")
    rec = extract("Ford will close the plant within 90 days.", "2008-08-31")
    (c,) = rec.commitments
    deadline = next(t for t in rec.timexes if t.id == c.deadline)
    assert (deadline.value, deadline.anchor) == ("P90D", "unknown")


def test_a_time_past_is_no_window_for_an_act_ahead(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Italy will pay $5 billion as compensation for the occupation from 1911 to 1943.", "2008-08-31"
    )
    (c,) = rec.commitments
    assert c.deadline is None


GIVEN = [
    # time a side has, said in the present: from the day of the report
    ("Al-Maliki has one month to present his cabinet to parliament.", "present", "2006-05-22", "document"),
    ("Acme Motors has been given 30 days to find a buyer.", "find", "2006-05-22", "document"),
    # the giving of the time is the act: due when the time runs out
    ("The European Union has agreed to give Iran two more weeks to comply with the resolution.", "give",
     "2006-05-06", "document"),
    # the giving dated in its own clause
    ("On Monday, the court gave Acme Motors 30 days to find a buyer.", "find", "2006-05-17", "t1"),
    ("The plan calls for the Northern Ireland Assembly's members to be recalled on May 15 and given six "
     "weeks to form an executive.", "give", "2006-06-26", "t1"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "action", "value", "anchor"), GIVEN, ids=[g[0][:40] for g in GIVEN])
def test_time_given_runs_from_the_giving(
    extract: Callable[..., Record], text: str, action: str, value: str, anchor: str
) -> None:
    """'has one month to', 'given six weeks to': the span runs from the day it was given (the day
    its clause names, else the report's when told as now)."""
    _, deadline = _find(extract(text, "2006-04-22"), action)
    assert (deadline.value, deadline.anchor) == (value, anchor)
    assert deadline.anchor_day is not None and deadline.duration is not None


def test_time_given_on_a_day_the_text_does_not_give_stays_a_span(extract: Callable[..., Record]) -> None:
    """'was given 30 days' with no day: the giving's day is not in the text (anchor unknown)."""
    _, deadline = _find(extract("Acme Motors was given 30 days to find a buyer.", "2006-04-22"), "find")
    assert (deadline.value, deadline.anchor) == ("P30D", "unknown")


def test_a_date_the_time_is_given_until_is_the_deadline(extract: Callable[..., Record]) -> None:
    """'has until Friday to': the date, not a span from the giving."""
    _, deadline = _find(extract("Acme Motors has until Friday to find a buyer.", "2006-04-22"), "find")
    assert (deadline.value, deadline.duration) == ("2006-04-28", None)


@pytest.mark.parametrize(
    "text",
    [
        "South Korea has agreed to pay 400 dlrs a tonne, up from 350 dlrs in the first quarter.",
        "Millipore Corp said it agreed to pay a penalty for discharging pollutants from 1972 from its plant.",
    ],
)
def test_a_time_past_told_with_in_or_from_is_no_deadline(extract: Callable[..., Record], text: str) -> None:
    """A time before the report's day after 'in' or 'from' dates a comparison or an old deed."""
    rec = extract(text, "1987-04-03")
    assert rec.commitments and all(c.deadline is None for c in rec.commitments)


def test_a_day_past_told_with_by_is_still_the_deadline(extract: Callable[..., Record]) -> None:
    """'pledged to withdraw by March 1, 1987', told after it passed: the deadline, now overdue."""
    rec = extract("Israel pledged to withdraw its troops by March 1, 1987.", "1987-04-03")
    _, deadline = _find(rec, "withdraw")
    assert deadline.value == "1987-03-01"


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    st.sampled_from(["ing", "al", "ion"]),
)
def test_a_verb_and_the_noun_made_of_it_name_one_event(word: str, ending: str) -> None:
    """Alike both ways round; a word is alike itself; 'rule' is alike 'ruling', 'approve' 'approval'."""
    from docket.extract.common.counted import _alike

    assert _alike(word, word)
    verb = word + "e"
    assert _alike(verb, word + ending) == _alike(word + ending, verb)
    if len(verb) >= 4:
        assert _alike(verb, word + ending)


def test_a_noun_of_another_verb_names_another_event() -> None:
    from docket.extract.common.counted import _alike

    assert not _alike("vote", "votive") and not _alike("decide", "decision") and not _alike("sign", "sing")
