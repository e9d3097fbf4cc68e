"""The web viewer: `docket serve` (see :func:`docket.web.app.create_app`).

Pages: ``/`` stories, ``/stories/ID`` a story (commitments board, timeline,
quantity charts, disagreements, sources), ``/articles`` and ``/articles/ID`` (the
text with every item highlighted; ``?item=c1`` or ``?span=START-END`` selects),
``/search?q=``. Every page takes ``?as_of=YYYY-MM-DD``. The same data as JSON
under ``/api/`` (``GET /api/`` lists the endpoints).

Needs the optional ``web`` dependencies (fastapi, uvicorn, jinja2). The charting
library (Chart.js, MIT) is vendored under static/vendor by scripts/vendor_charts.sh.
"""
