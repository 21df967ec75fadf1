"""Permission-matrix rows for the council pages (awards/council/views.py)."""

ROWS = {}
