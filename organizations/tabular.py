"""Reading the CSV and XLSX files that clerks export from Excel.

Every import in Thi đua reads through here, so that all of them accept the same files (UTF-8
with or without BOM, comma or semicolon separated, or XLSX) and report problems the same way:
by the line number a user sees in Excel, the header being line 1.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class ImportRefused(Exception):
    """Nothing was saved; `errors` names every offending line."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda e: e.line)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class Row:
    line: int
    values: dict

    def text(self, column):
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


def read_table(data, filename, required):
    """Parse bytes into Rows keyed by lower-case header names. Blank lines are skipped."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ImportRefused([RowError(1, _("The file is larger than %(mb)s MB.") % {"mb": limit})])
    if filename.lower().endswith((".xlsx", ".xlsm")):
        lines = _xlsx_lines(data)
    elif filename.lower().endswith((".csv", ".txt")):
        lines = _csv_lines(data)
    else:
        raise ImportRefused([RowError(1, _("Only CSV and XLSX files can be imported."))])
    try:
        header = next(lines)
    except StopIteration:
        raise ImportRefused([RowError(1, _("The file is empty."))]) from None
    columns = [str(cell or "").strip().lower() for cell in header]
    missing = [name for name in required if name not in columns]
    if missing:
        message = _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        raise ImportRefused([RowError(1, message)])
    rows = []
    for number, cells in enumerate(lines, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        values = {name: cells[i] if i < len(cells) else None for i, name in enumerate(columns)}
        rows.append(Row(number, values))
    if not rows:
        raise ImportRefused([RowError(2, _("The file has no lines under its header row."))])
    return rows


def _csv_lines(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            [RowError(1, _("The file is not UTF-8 text. In Excel choose “CSV UTF-8”."))]
        ) from None
    first_line = text.split("\n", 1)[0]
    # Excel set to Vietnamese or French regional settings separates CSV fields with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return iter(list(csv.reader(io.StringIO(text), delimiter=delimiter)))


# A workbook is a zip: its declared sheet size and its compression ratio are chosen by whoever
# made the file. Nothing a clerk exports from Excel comes near these limits.
XLSX_MAX_ROWS = 100_000
XLSX_MAX_COLUMNS = 200
XLSX_MAX_UNCOMPRESSED = 100 * 1024 * 1024


def _xlsx_lines(data):
    from openpyxl import load_workbook

    _refuse_zip_bomb(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many unrelated types for a damaged file
        raise ImportRefused([RowError(1, _("The file is not a readable XLSX workbook."))]) from None
    # The <dimension> element may claim A1:XFD1048576; read-only mode pads every row to that
    # width unless the declared size is forgotten first.
    sheet.reset_dimensions()
    return _bounded_rows(sheet.iter_rows(values_only=True))


def _refuse_zip_bomb(data):
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ImportRefused([RowError(1, _("The file is not a readable XLSX workbook."))]) from None
    if unpacked > XLSX_MAX_UNCOMPRESSED:
        raise ImportRefused(
            [RowError(1, _("The workbook unpacks to more than %(mb)s MB; save only the data "
                           "sheet and try again.") % {"mb": XLSX_MAX_UNCOMPRESSED // 2**20})]
        )  # fmt: skip


def _bounded_rows(rows):
    for number, row in enumerate(rows, start=1):
        if number > XLSX_MAX_ROWS:
            raise ImportRefused(
                [RowError(number, _("The sheet has more than %(rows)s lines; split the file.")
                          % {"rows": XLSX_MAX_ROWS})]
            )  # fmt: skip
        cells = list(row)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if len(cells) > XLSX_MAX_COLUMNS:
            raise ImportRefused(
                [RowError(number, _("The line has more than %(columns)s columns.")
                          % {"columns": XLSX_MAX_COLUMNS})]
            )  # fmt: skip
        yield cells


def parse_date(value):
    """Accept a real Excel date, ISO 2024-01-31 or the Vietnamese 31/01/2024."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).") % {"value": text}
    )


def parse_decimal(value):
    """A number as CSV writes it (dot decimal) or as XLSX stores it (native number)."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    return number


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    """A text cell for CSV that a spreadsheet will not run as a formula (CSV injection): text
    starting like a formula gets a leading apostrophe. Numbers are left alone, so a negative
    figure stays a number."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def append_row(sheet, values):
    """Append a row to an openpyxl sheet, keeping text as text. openpyxl stores a string that
    starts with "=" as a formula: a title typed by a user would run when an officer opens the
    export (spreadsheet formula injection)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
