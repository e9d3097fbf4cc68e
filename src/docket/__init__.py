"""docket: a grounded, time-anchored record of what the news says was agreed, promised and done."""

__version__ = "0.1.0"
