"""Terminal tables for the story commands (rich): stories, statuses on a day, timelines, diffs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from rich.markup import escape
from rich.table import Table

from docket.render import console as terminal_console
from docket.story import dates
from docket.story.diff import Diff
from docket.story.model import Contradiction, Story, When
from docket.story.status import Status, history_words, report_words
from docket.story.timeline import Entry, when_words
from docket.story.tracked import STATUSES

console = terminal_console

_STYLE = {
    "pending": "yellow",
    "overdue": "bold red",
    "fulfilled": "green",
    "broken": "red",
    "superseded": "dim",
    "ended": "cyan",
    "unknown": "dim",
    "rejected": "dim strike",
}

UNKNOWN_OBLIGOR = "unknown obligor"


def _when(w: When | None) -> str:
    """The value at its precision; a duration also shows the day it runs out; a date counted from
    an event says from which, and when ("90 days from signing on 2025-06-27 → 2025-09-25")."""
    if w is not None and w.duration:
        return dates.counted_label(w)
    text = dates.label(w)
    if w is not None and w.latest is not None and dates.precision(w.value) in ("duration", "other"):
        text += f" ({w.latest.isoformat()})"
    elif w is not None and dates.is_window(w):
        assert w.earliest is not None and w.latest is not None
        text += f" ({w.earliest.isoformat()} – {w.latest.isoformat()})"  # "between October 21 and 31"
    return text


def _who(actors: tuple[str, ...] | list[str], names: dict[str, str] | None = None) -> str:
    """Actors by their names (``names``: id -> name; an id without one is shown as it is)."""
    if names is None:
        return "+".join(actors) or UNKNOWN_OBLIGOR
    return ", ".join(names.get(a, a) for a in actors) or UNKNOWN_OBLIGOR


def _status_text(s: Status) -> str:
    text = s.status
    if s.status == "fulfilled":
        if s.partial:
            text += " (partly)"
        if s.on_time is True:
            text += ", on time"
        elif s.on_time is False:
            text += ", late"
    return f"[{_STYLE.get(s.status, '')}]{text}[/]"


def print_due(
    as_of: dt.date,
    rows: list[Status],
    contradictions: list[Contradiction],
    *,
    reports: list[int] | None = None,
    total: list[str] | None = None,
    offset: int = 0,
    names: dict[str, str] | None = None,
) -> None:
    """The statuses as a table. ``reports``: how many documents state each (default: its documents
    counted); ``total``: the status of every row of the answer when ``rows`` is one page of it,
    counted above the table, with how to see the rest below it."""
    paged = total is not None and len(total) != len(rows)
    if paged and total is not None:
        counts = Counter(total)
        told = ", ".join(f"{counts[s]:,} {s}" for s in STATUSES if counts[s])
        console.print(escape(f"{len(total):,} commitments known on {as_of}: {told}."))
    if not rows:
        console.print(f"No commitments known on {as_of}." if not paged else "No rows on this page.")
    else:
        t = Table(
            "deadline",
            "status",
            "days left",
            "who",
            "what",
            "reports",
            title=f"Status on {as_of}",
            title_justify="left",
        )
        for n, s in enumerate(rows):
            item = s.item
            what = " ".join(x for x in (item.action, item.object or "") if x)
            if item.stage is not None:
                what += f" (stage {item.stage})"
            if item.corrections:
                what += "\n  corrected: " + ", ".join(
                    f"{c.get('field') or c.get('kind')} by {c.get('by')} (#{c.get('id')})"
                    for c in item.corrections
                )
            t.add_row(
                _when(item.deadline) or "-",
                _status_text(s),
                "" if s.days_left is None else str(s.days_left),
                escape(_who(item.obligor, names)),
                escape(what),
                str(len(item.documents) if reports is None else reports[n]),
            )
        console.print(t)
        print_histories(rows, names)
    if paged and total is not None:
        _more(offset, len(rows), len(total), "by deadline")
    print_contradictions(contradictions, names)


def outcome_words(s: Status) -> str:
    """How a commitment's history ends on the day: "fulfilled (report R (day))", "pending"."""
    told = (*s.fulfilled_by, *s.broken_by, *s.ended_by)
    if told:
        return f"{s.status} ({report_words(told[0])})"
    return s.status


def print_histories(rows: list[Status], names: dict[str, str] | None = None) -> None:
    """Under the table: each moved or corrected deadline's history, once per chain of moves, first
    deadline to last, each with the report (or the analyst) that set it, and how it ended."""
    lines: list[str] = []
    seen: set[tuple[str, ...]] = set()
    by_id = {s.item.id: s for s in rows}
    for s in rows:
        history = s.item.history
        key = tuple(str(link.get("item")) for link in history)
        if len(history) < 2 or key in seen:
            continue
        seen.add(key)
        last = by_id.get(key[-1], s)
        who = _who(s.item.obligor, names)
        what = " ".join(x for x in (s.item.action, s.item.object or "") if x)
        lines.append(escape(f"  {who}: {what}: {history_words(history, outcome_words(last))}"))
    if lines:
        console.print("[bold]Deadline histories[/bold]")
        console.print("\n".join(lines))


def _more(offset: int, shown: int, total: int, order: str) -> None:
    """Which rows of how many a page shows, and the options that show the others."""
    line = f"Rows {offset + 1:,}–{offset + shown:,} of {total:,} ({order})." if shown else f"{total:,} rows."
    if offset + shown < total:
        line += f" Next: --offset {offset + shown}."
    console.print(escape(f"{line} All: --limit 0; every field: --json."))


def print_contradictions(contradictions: list[Contradiction], names: dict[str, str] | None = None) -> None:
    if not contradictions:
        return
    console.print("[bold]Reports disagree[/bold]")
    lines = []
    for x in contradictions:
        sides = " / ".join(
            c.value
            if not c.documents  # an analyst's correction
            else f"{c.value} ({len(c.documents)} report{'s' if len(c.documents) != 1 else ''})"
            for c in x.claims
        )
        lines.append(escape(f"  {x.kind} {x.subject}: {sides}"))
    console.print("\n".join(lines))  # one print: a page of stories can list hundreds


def print_timeline(
    entries: list[Entry],
    contradictions: list[Contradiction],
    *,
    kinds: dict[str, int] | None = None,
    offset: int = 0,
    names: dict[str, str] | None = None,
) -> None:
    """The entries as a table; ``kinds``: how many entries of each kind the whole answer holds when
    ``entries`` is one page of it, counted above the table, with how to see the rest below it."""
    total = sum(kinds.values()) if kinds is not None else len(entries)
    paged = total != len(entries)
    if paged and kinds is not None:
        told = ", ".join(f"{n:,} {k}" for k, n in sorted(kinds.items(), key=lambda kn: (-kn[1], kn[0])))
        console.print(escape(f"{total:,} timeline entries: {told}."))
    if not entries:
        console.print("Nothing dated in the store yet." if not paged else "No entries on this page.")
    else:
        t = Table("when", "what", "who", "detail", "reports", title="Timeline", title_justify="left")
        for e in entries:
            when = when_words(e.when)
            if e.dated_by == "report":
                when += " (reported)"
            what = e.kind if e.kind in ("event",) else f"{e.kind}: {e.action}"
            if e.kind == "event":
                what = f"{e.action} ({e.status})"
            who = _who(e.actors, names) if e.kind != "event" else (_who(e.actors, names) if e.actors else "")
            t.add_row(
                escape(when),
                escape(what),
                escape(who),
                escape(e.why or e.detail or ""),
                str(len(e.documents)),
            )
        console.print(t)
    if paged:
        _more(offset, len(entries), total, "in time order")
    print_contradictions(contradictions, names)


def print_stories(
    stories: list[Story], *, total: int | None = None, offset: int = 0, names: dict[str, str] | None = None
) -> None:
    """The stories as a table; ``total``: how many the store holds when ``stories`` is one page."""
    paged = total is not None and total != len(stories)
    if paged:
        console.print(f"{total:,} stories.")
    if not stories:
        console.print(
            "No stories: the store holds no articles yet." if not paged else "No rows on this page."
        )
        return
    t = Table("story", "articles", "from", "to", "actors", "title", title="Stories", title_justify="left")
    for s in stories:
        t.add_row(
            s.id,
            str(len(s.documents)),
            str(s.first or ""),
            str(s.last or ""),
            escape(", ".join((names or {}).get(a, a) for a in s.actors[:5])),
            s.title or "",
        )
    console.print(t)
    if paged and total is not None:
        _more(offset, len(stories), total, "by first report")


def print_diff(d: Diff, name: str, names: dict[str, str] | None = None) -> None:
    console.print(
        f"[bold]{escape(name)}[/bold]  story {escape(d.story or '-')}  published {d.published or '?'}"
    )

    def line(label: str, t_deadline: str, who: str, action: str) -> None:
        console.print(escape(f"  {label:<10} {who} {action} by {t_deadline or '?'}"))

    for t in d.new:
        line("new", _when(t.deadline), _who(t.obligor, names), t.action)
    for t, old in d.moved:
        was = ", ".join(_when(o.deadline) for o in old) or "?"
        line("moved", f"{_when(t.deadline)} (was {was})", _who(t.obligor, names), t.action)
    for t in d.restated:
        line("restated", _when(t.deadline), _who(t.obligor, names), t.action)
    for t in d.fulfilled:
        line("fulfilled", _when(t.deadline), _who(t.obligor, names), t.action)
    for t in d.broken:
        line("broken", _when(t.deadline), _who(t.obligor, names), t.action)
    for n in d.numbers:
        before = f" (before: {', '.join(n.before)})" if n.before else ""
        console.print(escape(f"  {'number':<10} {n.text} [{n.change}]{before}"))
    print_contradictions(d.contradictions)
    if not (d.new or d.moved or d.restated or d.fulfilled or d.broken or d.numbers or d.contradictions):
        console.print("  nothing new for its story")
