"""Wire copies: one agency's report republished by many outlets.

:mod:`docket.wire.copies` finds an article that is an outlet's copy of an earlier one
(shingles of words, a sampled sketch to find candidates, exact containment to decide);
:mod:`docket.wire.agency` names the agency behind a copy from its dateline or byline.
"""
