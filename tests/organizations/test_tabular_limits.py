"""Hostile spreadsheets are refused with a message instead of exhausting memory."""

import io
import re
import zipfile

import pytest
from django.utils import translation

from organizations import tabular
from organizations.tabular import ImportRefused, Row, read_table
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


# Cells no import stores ---------------------------------------------------------------------------


def refused(data, name="units.csv", columns=("code", "name")):
    with pytest.raises(ImportRefused) as refusal:
        read_table(data, name, list(columns))
    return [str(error) for error in refusal.value.errors]


@pytest.mark.parametrize("maker", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_control_invisible_and_direction_characters_are_refused_naming_every_line(maker):
    data = maker(
        [
            ["code", "name", "note"],
            ["U1", "Xã Lũng Cú", "fine: tab\tand\nline break"],
            ["U\u200b2", "Xã Sủng Là", ""],
            ["U3", "Xã \u202eaL gnùS", ""],
            ["U4", "Xã Sủng Trái", "\x7fdelete"],
            ["U5", "\u2067Xã Lũng Táo\u2069", ""],
        ]
    )
    assert refused(data, "units.xlsx" if maker is xlsx_bytes else "units.csv") == [
        "Line 3: code: contains the invisible character U+200B; retype the cell.",
        "Line 4: name: contains the text-direction control character U+202E; retype the cell.",
        "Line 5: note: contains the control character U+007F; retype the cell.",
        "Line 6: name: contains the text-direction control character U+2067; retype the cell.",
    ]


def test_a_nul_byte_in_a_csv_is_refused_naming_its_line():
    data = b"code,name\r\nU1,X\x00a Lung Cu\r\n"
    assert refused(data) == [
        "Line 2: name: contains the control character U+0000; retype the cell."
    ]


def test_invisible_characters_at_the_edges_of_a_cell_or_header_are_dropped():
    data = csv_bytes([["\ufeffcode", "name\u200b"], ["\u200bU1\u2060", " Xã Lũng Cú\ufeff "]])
    [row] = read_table(data, "units.csv", ["code", "name"])
    assert (row.text("code"), row.text("name")) == ("U1", "Xã Lũng Cú")


def test_a_text_longer_than_its_limit_raises_a_value_error_naming_the_column():
    row = Row(2, {"name": "x" * 256})
    assert row.text("name", max_length=256) == "x" * 256
    with pytest.raises(ValueError, match="name: 256 characters, more than the 255 allowed."):
        row.text("name", max_length=255)


def test_a_csv_that_is_not_utf8_says_which_encoding_to_save_in():
    # Excel's plain "CSV" on a Western Windows writes Windows-1252.
    data = "code,name\r\nU1,Trách nhiệm\r\n".encode("cp1252", errors="replace")
    assert refused(data) == ["Line 1: The file is not UTF-8 text. In Excel choose “CSV UTF-8”."]


# Formulas without a saved result ------------------------------------------------------------------


def _formula_book(cells_xml):
    """A workbook whose second line holds the given cells, as raw sheet XML."""
    return _rewrite_sheet(
        xlsx_bytes([["code", "name", "result"], ["U1", "x", 1]]),
        lambda xml: re.sub(r'<row r="2".*?</row>', f'<row r="2">{cells_xml}</row>', xml),
    )


def test_a_formula_saved_without_its_result_is_refused_naming_line_and_column():
    data = xlsx_bytes(
        [["code", "name", "result"], ["U1", "Xã Lũng Cú", 5], ["U2", "Xã Sủng Là", "=C2*2"]]
    )
    assert refused(data, "units.xlsx") == [
        "Line 3: result: a formula without a saved value: open the file in Excel and save it again."
    ]


def test_a_formula_with_its_saved_result_is_read_as_that_result():
    data = _formula_book(
        '<c r="A2" t="inlineStr"><is><t>U1</t></is></c><c r="B2" t="str"><f>""</f><v></v></c>'
        '<c r="C2"><f>1+1</f><v>2</v></c>'
    )
    [row] = read_table(data, "units.xlsx", ["code", "name"])
    assert (row.text("code"), row.text("name"), row.values["result"]) == ("U1", "", 2)


def test_a_formula_without_any_value_element_is_refused():
    data = _formula_book('<c r="A2" t="inlineStr"><is><t>U1</t></is></c><c r="C2"><f>1+1</f></c>')
    assert refused(data, "units.xlsx") == [
        "Line 2: result: a formula without a saved value: open the file in Excel and save it again."
    ]


def test_a_sheet_full_of_uncalculated_formulas_is_refused_as_a_whole(monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_UNCALCULATED", 3)
    data = xlsx_bytes([["code", "name"], *[[f"U{i}", f"=A{i + 2}"] for i in range(5)]])
    assert refused(data, "units.xlsx") == [
        "Line 1: The workbook holds formulas without saved values: open the file in Excel and "
        "save it again."
    ]
