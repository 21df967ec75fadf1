"""Hostile spreadsheets are refused with a message instead of exhausting memory."""

import io
import re
import zipfile

import pytest
from django.utils import translation

from organizations import tabular
from organizations.tabular import ImportRefused, read_table
from tests.files import csv_bytes, xlsx_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _rewrite_sheet(data, change):
    """Copy an XLSX, passing the first sheet's XML through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def _claiming_whole_sheet(data):
    return _rewrite_sheet(
        data,
        lambda xml: re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576"/>', xml),
    )


def test_a_workbook_claiming_the_whole_sheet_reads_only_its_real_cells():
    data = _claiming_whole_sheet(xlsx_bytes([["code", "name"], ["U1", "Xã Lũng Cú"]]))
    assert len(data) < 10_000
    assert list(tabular._xlsx_lines(data)) == [["code", "name"], ["U1", "Xã Lũng Cú"]]
    rows = read_table(data, "units.xlsx", ["code", "name"])
    assert [(row.line, row.text("code"), row.text("name")) for row in rows] == [
        (2, "U1", "Xã Lũng Cú")
    ]


def test_a_sheet_with_too_many_lines_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_ROWS", 5)
    data = xlsx_bytes([["code", "name"], *[[f"U{i}", "x"] for i in range(10)]])
    with pytest.raises(ImportRefused) as refused:
        read_table(data, "units.xlsx", ["code", "name"])
    assert "more than 5 lines" in str(refused.value)


def test_a_line_with_too_many_columns_is_refused(monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_COLUMNS", 3)
    data = xlsx_bytes([["code", "name"], ["U1", "x", "y", "z", "w"]])
    with pytest.raises(ImportRefused) as refused:
        read_table(data, "units.xlsx", ["code", "name"])
    assert refused.value.errors[0].line == 2


def test_a_workbook_that_unpacks_too_large_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_UNCOMPRESSED", 1000)
    data = xlsx_bytes([["code", "name"], ["U1", "x"]])
    with pytest.raises(ImportRefused) as refused:
        read_table(data, "units.xlsx", ["code", "name"])
    assert "unpacks to more than" in str(refused.value)


@pytest.mark.parametrize(
    ("data", "name"),
    [(csv_bytes([["code", "name"]]), "units.csv"), (xlsx_bytes([["code", "name"]]), "units.xlsx")],
)
def test_a_file_with_only_its_header_says_it_has_no_lines(data, name):
    with pytest.raises(ImportRefused) as refused:
        read_table(data, name, ["code", "name"])
    assert "no lines under its header" in str(refused.value)
