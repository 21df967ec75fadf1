"""Permission-matrix rows for awards_nominations pages."""

ROWS = {}
