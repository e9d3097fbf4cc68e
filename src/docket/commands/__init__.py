"""docket's commands, one module per family; see :mod:`docket.cli`."""
