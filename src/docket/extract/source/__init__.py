"""The source stage: who said what (attributions, named and anonymous sources)."""
