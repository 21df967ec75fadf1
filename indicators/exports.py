"""Writing report rows as JSON, CSV or XLSX.

JSON, CSV and `to_xlsx` carry the machine columns (codes, plain numbers) for programs and the
command line; `to_readable_xlsx` is the spreadsheet people open from the report page: headers in
the reader's language, names beside codes, number formats, a frozen header row and widths.
"""

import csv
import io
import json
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.models import DataStatus
from indicators.report import COLUMNS
from organizations.tabular import append_row, safe_text


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_json(rows):
    return json.dumps([{k: _plain(v) for k, v in row.record().items()} for row in rows],
                      ensure_ascii=False, indent=1)  # fmt: skip


def to_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        record = row.record()
        writer.writerow(
            ["" if record[c] is None else str(record[c]).lower() if isinstance(record[c], bool)
             else safe_text(_plain(record[c])) for c in COLUMNS]
        )  # fmt: skip
    return buffer.getvalue()


def to_xlsx(rows, sheet_title="Report"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(COLUMNS)
    for row in rows:
        record = row.record()
        append_row(sheet, [_plain(record[c]) for c in COLUMNS])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.00"
FIGURE = "figure"  # the indicator's own format: a count's or a rate's


def _readable_columns():
    """(header, width, value of a row, number format or FIGURE or None) per column."""

    def fig(name):
        return lambda row, record: _plain(record[name])

    return [
        (_("Indicator code"), 18, lambda row, record: row.indicator.code, None),
        (_("Indicator"), 48, lambda row, record: row.indicator.name, None),
        (_("Unit of measure"), 14, lambda row, record: row.indicator.unit_of_measure, None),
        (_("Unit code"), 14, lambda row, record: row.unit.code, None),
        (_("Unit"), 36, lambda row, record: row.unit.name, None),
        (_("Year"), 8, lambda row, record: row.year, "0"),
        (_("Approval"), 14, lambda row, record: str(DataStatus.State(row.state).label), None),
        (_("Target"), 14, fig("target"), FIGURE),
        (_("Result"), 14, fig("result"), FIGURE),
        (_("Previous year's result"), 16, fig("previous_result"), FIGURE),
        (_("% of plan"), 12, fig("percent_of_plan"), RATE_FORMAT),
        (_("Exceeded by (%)"), 14, fig("exceeded_by"), RATE_FORMAT),
        (_("Change"), 14, fig("change"), FIGURE),
        (_("Change (%)"), 12, fig("change_percent"), RATE_FORMAT),
        (_("Plan met"), 12, lambda row, record: _yes_no(record["met"]), None),
    ]


def _yes_no(value):
    return None if value is None else _("Yes") if value else _("No")


def to_readable_xlsx(rows, sheet_title="Report"):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = _readable_columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    append_row(sheet, [header for header, _width, _value, _format in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        record = row.record()
        append_row(sheet, [value(row, record) for _h, _w, value, _f in columns])
        figure_format = RATE_FORMAT if row.indicator.is_percent else COUNT_FORMAT
        for cell, (_h, _w, _v, number_format) in zip(sheet[sheet.max_row], columns, strict=True):
            if number_format:
                cell.number_format = figure_format if number_format == FIGURE else number_format
    for index, (_h, width, _v, _f) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
