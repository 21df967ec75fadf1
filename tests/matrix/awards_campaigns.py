"""Permission-matrix rows for awards_campaigns pages."""

ROWS = {}
