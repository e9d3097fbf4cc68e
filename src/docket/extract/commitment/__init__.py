"""The commitment stage: who promised what by when, from rules and from the model."""
