"""The store as data for other tools: JSON, CSV, TimeML, iCalendar, TimelineJS.

Each writer is a plain function over story objects (docket.story) or records,
returning text; ``docket export`` gathers them from a store and writes them.
"""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("json", "csv", "timeml", "ics", "timelinejs")

__all__ = ["FORMATS"]
