"""The actor stage: organisations, people and places named in an article."""
