"""The saved story index: built from the stored reports, saved in the store's own tables, updated
for new articles, and read back; every status on a day that a command, an export or the viewer
gives comes through here (:func:`docket.index.query.story_index`).

It sits above both docket.store (connections, dialects, migrations, document queries) and
docket.story (the merge and the statuses, pure domain): see docs/ARCHITECTURE.md.
"""
