"""Permission-matrix rows for the publicity pages (awards/publicity/views.py)."""

ROWS = {}
