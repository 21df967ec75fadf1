"""Writing the report as JSON, CSV or XLSX, streamed: each yields its text or bytes in chunks as
it goes through the rows, so a department's 200,000 rows never sit in memory as a document.

JSON, CSV and `xlsx_chunks` carry the machine columns (codes, plain numbers) for programs and the
command line; `readable_xlsx_chunks` is the spreadsheet people open from the report page: headers
in the reader's language, names beside codes, number formats, a frozen header row and widths.
Every function takes an indicators.report.rollup.RolledUp and the unit positions start..stop to
write.
"""

import csv
import json
from itertools import islice

from django.utils.translation import gettext as _

from indicators.models import DataStatus
from indicators.report.build import COLUMNS
from indicators.report.texts import Layout, number_text, text_rows
from indicators.report.xlsx_stream import StreamedSheet, text_xml
from organizations.tabular import safe_text

ROWS_PER_CHUNK = 2_000


def _chunked(lines):
    lines = iter(lines)
    while batch := list(islice(lines, ROWS_PER_CHUNK)):
        yield batch


def json_chunks(report, start=0, stop=None):
    """A JSON array of objects with the COLUMNS as keys, one object per line."""
    layout = Layout(
        indicators=[f'{{"indicator": {json.dumps(ind.code, ensure_ascii=False)}, "unit": '
                    for ind in report.indicators],
        units=[f'{json.dumps(unit.code, ensure_ascii=False)}, "year": {report.year}, "target": '
               for unit in report.units],
        between=[f', "{name}": ' for name in COLUMNS[4:10]],
        met={met: f', "met": {text}}}' for met, text in _JSON_MET.items()},
        empty="null",
    )  # fmt: skip
    separator = "[\n"
    for batch in _chunked(text_rows(report, layout, start, stop)):
        yield separator + ",\n".join(batch)
        separator = ",\n"
    yield "\n]\n" if separator != "[\n" else "[]\n"


_JSON_MET = {True: "true", False: "false", None: "null"}


def csv_chunks(report, start=0, stop=None):
    """CSV with the COLUMNS as header; text that a spreadsheet would run as a formula gets an
    apostrophe (organizations.tabular.safe_text). Only the codes can need quotes: each is
    written once by the csv module, and the lines are joined around them."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)

    def field(text):
        return writer.writerow([safe_text(text)]).rstrip("\r\n")

    layout = Layout(
        indicators=[f"{field(ind.code)}," for ind in report.indicators],
        units=[f"{field(unit.code)},{report.year}," for unit in report.units],
        between=[","] * 6,
        met={True: ",true\r\n", False: ",false\r\n", None: ",\r\n"},
        empty="",
    )
    for batch in _chunked(text_rows(report, layout, start, stop)):
        yield "".join(batch)


class _Echo:
    def write(self, text):
        return text


# Where a cell's row number goes in the XML made once per indicator or unit. NUL cannot be in the
# text itself: text_xml drops it with every character XML forbids.
ROW = "\0"


def _text_cells(columns, contents):
    return "".join(
        f'<c r="{column}{ROW}" t="inlineStr">{content}</c>'
        for column, content in zip(columns, contents, strict=True)
        if content
    )


def xlsx_chunks(report, start=0, stop=None, sheet_title="Report"):
    """The machine columns as a workbook: codes, plain numbers, TRUE/FALSE."""
    sheet = StreamedSheet(title=sheet_title, header=COLUMNS)
    codes = [_text_cells("A", (text_xml(ind.code),)) for ind in report.indicators]
    units = [_text_cells("B", (text_xml(unit.code),)) + f'<c r="C{ROW}"><v>{report.year}</v></c>'
             for unit in report.units]  # fmt: skip
    met_cells = {None: "", True: f'<c r="K{ROW}" t="b"><v>1</v></c>',
                 False: f'<c r="K{ROW}" t="b"><v>0</v></c>'}  # fmt: skip

    def row_xml(n, row):
        i, k, *figures, met = row
        n = str(n)
        cells = [
            f'<c r="{column}{n}"><v>{number_text(v)}</v></c>'
            for column, v in zip("DEFGHIJ", figures, strict=True)
            if v is not None
        ]
        texts = (codes[k] + units[i]).replace(ROW, n)
        return f'<row r="{n}">{texts}{"".join(cells)}{met_cells[met].replace(ROW, n)}</row>'

    return sheet.chunks(row_xml(n, row) for n, row in enumerate(report.lines(start, stop), 2))


COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.00"


def _readable_header():
    """(header, width) of each column of the readable workbook."""
    return [
        (_("Indicator code"), 18),
        (_("Indicator"), 48),
        (_("Unit of measure"), 14),
        (_("Unit code"), 14),
        (_("Unit"), 36),
        (_("Year"), 8),
        (_("Approval"), 14),
        (_("Target"), 14),
        (_("Result"), 14),
        (_("Previous year's result"), 16),
        (_("% of plan"), 12),
        (_("Exceeded by (%)"), 14),
        (_("Change"), 14),
        (_("Change (%)"), 12),
        (_("Plan met"), 12),
    ]


def readable_xlsx_chunks(report, start=0, stop=None, sheet_title="Report"):
    """The spreadsheet of the report page. Every translated text is read here, before the first
    chunk, in the language active for the request."""
    from openpyxl.styles import Alignment, Font

    columns = _readable_header()
    sheet = StreamedSheet(
        title=sheet_title,
        header=[header for header, _width in columns],
        widths=[width for _header, width in columns],
        header_font=Font(bold=True),
        header_alignment=Alignment(wrap_text=True, vertical="top"),
    )
    count, rate, year_style = (sheet.style(f) for f in (COUNT_FORMAT, RATE_FORMAT, "0"))
    # Per indicator: its text cells (A–C) and the column and style of each figure (H–N); per
    # unit: its text cells, the year and its approval state (D–G).
    indicators = []
    for ind in report.indicators:
        figure = rate if ind.is_percent else count
        texts = (text_xml(ind.code), text_xml(ind.name), text_xml(ind.unit_of_measure))
        styles = (figure, figure, figure, rate, rate, figure, rate)
        indicators.append((_text_cells("ABC", texts), tuple(zip("HIJKLMN", styles, strict=True))))
    labels = {state: text_xml(str(label)) for state, label in DataStatus.State.choices}
    units = [
        _text_cells("DE", (text_xml(unit.code), text_xml(unit.name)))
        + f'<c r="F{ROW}" s="{year_style}"><v>{report.year}</v></c>'
        + _text_cells("G", (labels.get(state, ""),))
        for unit, state in zip(report.units, report.states, strict=True)
    ]
    met_cells = {True: _text_cells("O", (text_xml(_("Yes")),)),
                 False: _text_cells("O", (text_xml(_("No")),)), None: ""}  # fmt: skip

    def row_xml(n, row):
        i, k, *figures, met = row
        n = str(n)
        texts, styles = indicators[k]
        cells = [
            f'<c r="{column}{n}" s="{style}"><v>{number_text(v)}</v></c>'
            for (column, style), v in zip(styles, figures, strict=True)
            if v is not None
        ]
        texts = (texts + units[i]).replace(ROW, n)
        return f'<row r="{n}">{texts}{"".join(cells)}{met_cells[met].replace(ROW, n)}</row>'

    return sheet.chunks(row_xml(n, row) for n, row in enumerate(report.lines(start, stop), 2))
