"""JSON: the whole export in one object (stories, statuses, timeline, disagreements, copies, the
records themselves and the analysts' corrections)."""

from __future__ import annotations

import json
from typing import Any

from docket.export.registry import Job, exporter
from docket.index import correction_rows
from docket.index.saved import story_dict


@exporter("json", order=1)
def export_json(job: Job) -> str:
    index, story = job.index, job.story
    stories = [index.story(story)] if story else index.stories()
    payload: dict[str, Any] = {
        "as_of": job.day.isoformat(),
        "stories": [story_dict(s) for s in stories if s is not None],
        "commitments": [s.as_dict() for s in job.rows],
        "timeline": [e.as_dict() for e in index.timeline(story=story)],
        "contradictions": [x.as_dict() for x in index.contradictions(story=story)],
        "copies": [],
        "records": [],
        # an analyst's corrections, undone ones too: who vouched for what, when and why
        "corrections": [c.as_dict() for c in correction_rows.listed(job.store)],
    }
    for doc_id in job.documents():
        payload["copies"] += [{"id": c, "copy_of": doc_id} for c in job.copies.get(doc_id, ())]
    for doc_id in job.documents():
        record = job.store.record(doc_id)
        if record is not None:
            payload["records"].append(record.to_dict())
    return json.dumps(payload, ensure_ascii=False) + "\n"
