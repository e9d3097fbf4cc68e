"""docket's extraction stages, one spaCy component a module.

Each stage reads what the stages before it left in ``doc._.docket`` (a
:class:`~docket.extract.common.state.Extraction`) and adds its own items; each also
puts its spans under ``doc.spans["docket_<stage>"]`` so that spaCy tools
(displaCy, Span groups) can show them. The order is fixed in
:data:`docket.pipeline.STAGES`.
"""
