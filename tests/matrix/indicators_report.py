"""Permission-matrix rows for indicators_report pages."""

ROWS = {}
