"""The event stage: triggers (agreed, will build, signed) and their arguments."""
