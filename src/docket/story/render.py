"""Terminal tables for the story commands (rich)."""

from __future__ import annotations

import datetime as dt

from rich.markup import escape
from rich.table import Table

from docket.render import console as terminal_console
from docket.story import dates
from docket.story.diff import Diff
from docket.story.model import Contradiction, Story, When
from docket.story.timeline import Entry
from docket.story.tracked import Status

console = terminal_console

_STYLE = {
    "pending": "yellow",
    "overdue": "bold red",
    "fulfilled": "green",
    "broken": "red",
    "superseded": "dim",
    "unknown": "dim",
}


def _when(w: When | None) -> str:
    """The value at its precision; a duration also shows the day it runs out."""
    text = dates.label(w)
    if w is not None and w.latest is not None and dates.precision(w.value) in ("duration", "other"):
        text += f" ({w.latest.isoformat()})"
    return text


def _who(actors: tuple[str, ...] | list[str]) -> str:
    return "+".join(actors) or "?"


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


def print_due(as_of: dt.date, rows: list[Status], contradictions: list[Contradiction]) -> None:
    if not rows:
        console.print(f"No commitments known on {as_of}.")
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
        for s in rows:
            item = s.item
            what = " ".join(x for x in (item.action, item.object or "") if x)
            if item.stage is not None:
                what += f" (stage {item.stage})"
            t.add_row(
                _when(item.deadline) or "-",
                _status_text(s),
                "" if s.days_left is None else str(s.days_left),
                _who(item.obligor),
                what,
                str(len(item.documents)),
            )
        console.print(t)
    print_contradictions(contradictions)


def print_contradictions(contradictions: list[Contradiction]) -> None:
    if not contradictions:
        return
    console.print("[bold]Reports disagree[/bold]")
    for x in contradictions:
        sides = " / ".join(
            f"{c.value} ({len(c.documents)} report{'s' if len(c.documents) != 1 else ''})" for c in x.claims
        )
        console.print(escape(f"  {x.kind} {x.subject}: {sides}"))


def print_timeline(entries: list[Entry], contradictions: list[Contradiction]) -> None:
    if not entries:
        console.print("Nothing dated in the store yet.")
    else:
        t = Table("when", "what", "who", "detail", "reports", title="Timeline", title_justify="left")
        for e in entries:
            when = dates.label(e.when)
            if e.dated_by == "report":
                when += " (reported)"
            what = e.kind if e.kind in ("event",) else f"{e.kind}: {e.action}"
            if e.kind == "event":
                what = f"{e.action} ({e.status})"
            t.add_row(when, what, _who(e.actors), e.detail or "", str(len(e.documents)))
        console.print(t)
    print_contradictions(contradictions)


def print_stories(stories: list[Story]) -> None:
    if not stories:
        console.print("No stories: the store holds no articles yet.")
        return
    t = Table("story", "articles", "from", "to", "actors", "title", title="Stories", title_justify="left")
    for s in stories:
        t.add_row(
            s.id,
            str(len(s.documents)),
            str(s.first or ""),
            str(s.last or ""),
            ", ".join(s.actors[:5]),
            s.title or "",
        )
    console.print(t)


def print_diff(d: Diff, name: str) -> None:
    console.print(
        f"[bold]{escape(name)}[/bold]  story {escape(d.story or '-')}  published {d.published or '?'}"
    )

    def line(label: str, t_deadline: str, who: str, action: str) -> None:
        console.print(escape(f"  {label:<10} {who} {action} by {t_deadline or '?'}"))

    for t in d.new:
        line("new", _when(t.deadline), _who(t.obligor), t.action)
    for t, old in d.moved:
        was = ", ".join(_when(o.deadline) for o in old) or "?"
        line("moved", f"{_when(t.deadline)} (was {was})", _who(t.obligor), t.action)
    for t in d.restated:
        line("restated", _when(t.deadline), _who(t.obligor), t.action)
    for t in d.fulfilled:
        line("fulfilled", _when(t.deadline), _who(t.obligor), t.action)
    for t in d.broken:
        line("broken", _when(t.deadline), _who(t.obligor), t.action)
    for n in d.numbers:
        before = f" (before: {', '.join(n.before)})" if n.before else ""
        console.print(escape(f"  {'number':<10} {n.text} [{n.change}]{before}"))
    print_contradictions(d.contradictions)
    if not (d.new or d.moved or d.restated or d.fulfilled or d.broken or d.numbers or d.contradictions):
        console.print("  nothing new for its story")
