"""The indicator catalogue: its list, its form, its import from a file and the writes to it."""
