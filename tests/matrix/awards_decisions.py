"""Permission-matrix rows for the decisions pages (awards/decisions/views.py)."""

ROWS = {}
