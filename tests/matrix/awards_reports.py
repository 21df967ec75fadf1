"""Permission-matrix rows for the reports pages (awards/reports/views.py)."""

ROWS = {}
