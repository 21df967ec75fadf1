"""Permission-matrix rows for indicators_entry pages."""

ROWS = {}
