"""Helpers every stage shares: the per-document state in ``doc._.docket`` and character offsets."""
