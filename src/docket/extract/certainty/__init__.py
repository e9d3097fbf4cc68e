"""The certainty stage: hedges and negations that weaken or deny what is said."""
