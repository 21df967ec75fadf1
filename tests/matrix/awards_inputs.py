"""Permission-matrix rows for awards_inputs pages."""

ROWS = {}
