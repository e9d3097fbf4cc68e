"""Scorers: the temporal tagger against TimeML (TempEval-3), and gold facts."""
