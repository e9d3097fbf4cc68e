"""The store as data for other tools: JSON, CSV, TimeML, iCalendar, TimelineJS.

Each writer is a plain function over story objects (docket.story) or records,
returning text; each module registers its format's function (docket.export.registry), and
``docket export`` gathers a job from a store and writes what the format gives.
"""
