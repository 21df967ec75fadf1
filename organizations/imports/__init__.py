"""Imports of the directory: units and people from the CSV or XLSX files clerks keep.

Every import checks every line before saving anything, names each bad line by the number a
user sees in Excel (organizations.tabular), and saves all lines in one transaction or none.
Reads, writes and audit rows go in bulk, so the number of queries does not grow with the file.
The import page is `views`; its upload form (`forms.ImportForm`) serves the other apps' imports.
"""

from organizations.imports._common import ImportResult
from organizations.imports.people import PERSON_COLUMNS, parse_sex, people_import
from organizations.imports.units import UNIT_COLUMNS, units_import

__all__ = [
    "PERSON_COLUMNS",
    "UNIT_COLUMNS",
    "ImportResult",
    "parse_sex",
    "people_import",
    "units_import",
]
