"""The time-expression stage: finds dates and durations and resolves them to TIMEX3 values."""
