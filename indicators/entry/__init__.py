"""The figures of a unit's year: the entry grid, the spreadsheet template and its upload, the
approval workflow, the status table and the home page's panel."""
