"""Reading the CSV and XLSX files that clerks export from Excel.

Every import in Thi đua reads through here, so that all of them accept the same files (UTF-8
with or without BOM, comma or semicolon separated, or XLSX) and report problems the same way:
by the line number a user sees in Excel, the header being line 1.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone
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


# Characters nobody types on purpose but copying from web pages, Word or chat apps brings along.
# Invisible ones make two codes that look the same differ; text-direction controls make a name
# display differently from what it is (and can hide part of it); NUL and the other C0 controls
# are refused by PostgreSQL or break the CSV exports.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _trim(text):
    """Strip spaces and, at the edges only, invisible characters (pasted from a web page)."""
    trimmed = text.strip()
    while trimmed and (trimmed[0] in INVISIBLE or trimmed[-1] in INVISIBLE):
        trimmed = trimmed.strip(INVISIBLE).strip()
    return trimmed


# Also every C0 control but tab, line feed and carriage return (Alt+Enter in an Excel cell).
_REFUSED = re.compile(rf"[{INVISIBLE}{BIDI_CONTROLS}\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problem(text):
    """Why a text cell cannot be stored as it is, or None."""
    found = _REFUSED.search(_trim(text))
    if found is None:
        return None
    char = found.group()
    if char in INVISIBLE:
        message = _("contains the invisible character U+%(code)04X; retype the cell.")
    elif char in BIDI_CONTROLS:
        message = _("contains the text-direction control character U+%(code)04X; retype the cell.")
    else:
        message = _("contains the control character U+%(code)04X; retype the cell.")
    return message % {"code": ord(char)}


class Uncalculated:
    """A formula cell saved without its result (written by a program, never opened in Excel)."""

    def __repr__(self):
        return "UNCALCULATED"


UNCALCULATED = Uncalculated()


def max_length(model, field):
    """The longest text the model's field stores, so that imports refuse what the database would
    (PostgreSQL with an error page, SQLite silently)."""
    return model._meta.get_field(field).max_length


@dataclass
class Row:
    line: int
    values: dict

    def text(self, column, max_length=None):
        """The cell as trimmed text ("" when empty). With `max_length`, a longer text raises a
        ValueError naming the column, which importers report on the row's line."""
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = _trim(str(value))
        if max_length is not None and len(text) > max_length:
            raise ValueError(
                _("%(column)s: %(length)s characters, more than the %(limit)s allowed.")
                % {"column": column, "length": len(text), "limit": max_length}
            )
        return text


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
    columns = [_trim(str(cell or "")).lower() for cell in header]
    missing = [name for name in required if name not in columns]
    if missing:
        message = _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        raise ImportRefused([RowError(1, message)])
    rows, errors = [], []
    for number, cells in enumerate(lines, start=2):
        if all(cell is None or (isinstance(cell, str) and _trim(cell) == "") for cell in cells):
            continue
        values = {name: cells[i] if i < len(cells) else None for i, name in enumerate(columns)}
        errors.extend(RowError(number, problem) for problem in _cell_problems(values))
        rows.append(Row(number, values))
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise ImportRefused([RowError(2, _("The file has no lines under its header row."))])
    return rows


def _cell_problems(values):
    """What no import accepts in any cell, checked once here for every import."""
    for column, value in values.items():
        if value is UNCALCULATED:
            yield _(
                "%(column)s: a formula without a saved value: open the file in Excel and save "
                "it again."
            ) % {"column": column or "?"}
        elif isinstance(value, str) and (problem := text_problem(value)):
            yield f"{column or '?'}: {problem}"


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
XLSX_MAX_UNCALCULATED = 10_000


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
    uncalculated = _uncalculated_cells(data, getattr(sheet, "_worksheet_path", None))
    return _bounded_rows(sheet.iter_rows(values_only=True), uncalculated)


def _uncalculated_cells(data, sheet_path):
    """{row: [column, …]} of the formula cells saved without a result. With data_only, openpyxl
    reads such a cell as empty, which would erase a stored figure; only the sheet's XML tells a
    formula never calculated from one whose result is empty text."""
    import zipfile

    if not sheet_path:
        return {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open(sheet_path) as source:  # most sheets hold no formula: look first
            if not any(_FORMULA_TAG.search(chunk) for chunk in _chunks(source)):
                return {}
        with archive.open(sheet_path) as source:
            try:
                return _scan_formulas(source)
            except ImportRefused:
                raise
            except Exception:  # ParseError, or defusedxml refusing an entity
                raise ImportRefused(
                    [RowError(1, _("The file is not a readable XLSX workbook."))]
                ) from None


def _scan_formulas(source):
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.functions import iterparse

    found, count, row, column = {}, 0, 0, 0
    for event, element in iterparse(source, events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start" and tag == "row":
            row, column = int(element.get("r") or row + 1), 0
        elif event == "end" and tag == "c":
            reference = element.get("r")
            row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
            if _without_result(element):
                found.setdefault(row, []).append(column)
                count += 1
                if count > XLSX_MAX_UNCALCULATED:
                    raise ImportRefused([RowError(1, _(
                        "The workbook holds formulas without saved values: open the file in "
                        "Excel and save it again."))])  # fmt: skip
            element.clear()
        elif event == "end" and tag == "row":
            element.clear()
    return found


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _without_result(cell):
    """A formula cell with no saved result: no <v>, or an empty <v> where only a text result
    (t="str") may be empty. openpyxl and other libraries write `<f>…</f><v></v>`."""
    children = {child.tag.rsplit("}", 1)[-1]: child for child in cell}
    if "f" not in children:
        return False
    value = children.get("v")
    return value is None or (not value.text and cell.get("t") != "str")


def _chunks(source, size=1 << 20):
    """A stream in overlapping chunks, so that a tag cut at a chunk's end is still found."""
    tail = b""
    while block := source.read(size):
        yield tail + block
        tail = block[-8:]


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


def _bounded_rows(rows, uncalculated=None):
    for number, row in enumerate(rows, start=1):
        if number > XLSX_MAX_ROWS:
            raise ImportRefused(
                [RowError(number, _("The sheet has more than %(rows)s lines; split the file.")
                          % {"rows": XLSX_MAX_ROWS})]
            )  # fmt: skip
        cells = list(row)
        for column in (uncalculated or {}).get(number, ()):
            if column > XLSX_MAX_COLUMNS:
                raise _too_many_columns(number)
            cells.extend([None] * (column - len(cells)))
            cells[column - 1] = UNCALCULATED
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if len(cells) > XLSX_MAX_COLUMNS:
            raise _too_many_columns(number)
        yield cells


def _too_many_columns(number):
    return ImportRefused(
        [RowError(number, _("The line has more than %(columns)s columns.")
                  % {"columns": XLSX_MAX_COLUMNS})]
    )  # fmt: skip


def years_from_today(years):
    """Today's date `years` later (28 February for a 29 February in a common year)."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


def plausible_dates(first_year, years_ahead):
    """(earliest, latest) for `parse_date`: 1 January of `first_year` to `years_ahead` years
    from today. Work it out once per import, not once per line."""
    return date(first_year, 1, 1), years_from_today(years_ahead)


# Dates of a person's life or career (birth, start in the sector, a decision): a typo such as
# 1098 or 2204 is caught instead of counting a thousand years of service.
PAST_DATES = (1900, 1)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})")


def parse_date(value, *, within=None):
    """Accept a real Excel date, ISO 2024-01-31 or the Vietnamese 31/01/2024. `within` is an
    (earliest, latest) pair from `plausible_dates`: a date outside is a ValueError."""
    found = _parse_date(value)
    if found is None or within is None:
        return found
    earliest, latest = within
    if not earliest <= found <= latest:
        raise ValueError(
            _("%(date)s is outside %(earliest)s – %(latest)s.")
            % {"date": found.isoformat(), "earliest": earliest.isoformat(),
               "latest": latest.isoformat()}
        )  # fmt: skip
    return found


def _parse_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    # The two usual spellings without strptime, which costs more than the rest of a line.
    if (iso := _ISO_DATE.fullmatch(text)) or (dmy := _DMY_DATE.fullmatch(text)):
        year, month, day = iso.groups() if iso else (dmy[4], dmy[3], dmy[1])
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            pass  # refused below
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).") % {"value": shown(text)}
    )


def shown(text, limit=60):
    """A cell's text quoted in a message, cut short: a message should not repeat a whole page."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_decimal(value):
    """A number as CSV writes it (dot decimal) or as XLSX stores it (native number)."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": shown(value)}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": shown(value)})
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
