"""Permission-matrix rows for the proposals pages (awards/proposals/views.py)."""

ROWS = {}
