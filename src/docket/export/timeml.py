"""TimeML: each article's text with its time expressions tagged as TIMEX3, and its creation time."""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from docket.export.registry import Files, Job, exporter
from docket.record import Record, Timex


def _attrs(t: Timex, tid: str) -> str:
    parts = [f"tid={quoteattr(tid)}", f"type={quoteattr(t.type)}", f"value={quoteattr(t.value)}"]
    if t.mod:
        parts.append(f"mod={quoteattr(t.mod)}")
    if t.anchor and t.anchor != "document":
        parts.append(f"anchorTimeID={quoteattr(t.anchor)}")
    return " ".join(parts)


def to_timeml(record: Record) -> str:
    """One TimeML document; the TEXT element holds the article text exactly, tags added.

    Overlapping timexes cannot both be tagged in XML: the first (then the longest) wins. A range
    told as one time ("between October 21 and 31") is no TIMEX3: its two ends are tagged.
    """
    doc = record.document
    text = doc.text
    chosen: list[Timex] = []
    last_end = -1
    for t in sorted((t for t in record.timexes if not t.ends), key=lambda t: (t.start, -(t.end - t.start))):
        if t.start >= last_end and t.end <= len(text) and t.start < t.end:
            chosen.append(t)
            last_end = t.end
    pieces: list[str] = []
    at = 0
    for t in chosen:
        pieces.append(escape(text[at : t.start]))
        pieces.append(f"<TIMEX3 {_attrs(t, t.id)}>{escape(text[t.start : t.end])}</TIMEX3>")
        at = t.end
    pieces.append(escape(text[at:]))
    dct = ""
    if doc.published is not None:
        day = doc.published.isoformat()
        dct = (
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<TimeML>\n"
        f"<DOCID>{escape(doc.id)}</DOCID>\n"
        f"{dct}"
        f"<TEXT>{''.join(pieces)}</TEXT>\n"
        "</TimeML>\n"
    )


@exporter("timeml", order=3)
def export_timeml(job: Job) -> Files:
    """Each document as TimeML, a file each (``<id>.tml``)."""

    def pieces() -> Iterator[tuple[str, str]]:
        for doc_id in job.documents():
            record = job.store.record(doc_id)
            if record is not None:
                yield f"{doc_id[:16]}.tml", to_timeml(record)

    return Files(pieces())
