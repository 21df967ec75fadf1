"""Files as a clerk's Excel writes them, for the import tests."""

import codecs
import csv
import io

from openpyxl import Workbook


def csv_bytes(lines, *, delimiter=",", bom=False):
    """UTF-8 CSV, optionally with the BOM Excel writes and with Excel's regional semicolons."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    data = buffer.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def xlsx_bytes(lines):
    """A workbook whose first sheet holds the lines; numbers and dates stay native."""
    workbook = Workbook()
    for cells in lines:
        workbook.active.append(list(cells))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
