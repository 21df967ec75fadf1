"""The dashboard of one unit: its figures across the years and its sub-units compared."""
