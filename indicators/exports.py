"""Writing report rows as JSON, CSV or XLSX with the same columns everywhere."""

import csv
import io
import json
from decimal import Decimal

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
