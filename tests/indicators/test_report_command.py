"""`manage.py indicator_report`: JSON, CSV and XLSX with exactly the report's columns."""

import csv
import io
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from indicators.models import Indicator, IndicatorValue
from indicators.report.build import COLUMNS
from tests.indicators.factories import IndicatorFactory, PercentIndicatorFactory

pytestmark = pytest.mark.django_db

D = Decimal

EXPECTED_COLUMNS = [
    "indicator",
    "unit",
    "year",
    "target",
    "result",
    "previous_result",
    "percent_of_plan",
    "exceeded_by",
    "change",
    "change_percent",
    "met",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def cell(indicator, unit, year, target=None, result=None):
    IndicatorValue.objects.create(
        indicator=indicator,
        unit=unit,
        year=year,
        target=None if target is None else D(str(target)),
        result=None if result is None else D(str(result)),
    )


@pytest.fixture
def figures(tree):
    jobs = IndicatorFactory(code="VIEC_LAM", display_order=1)
    rate = PercentIndicatorFactory(
        code="TY_LE_HO_NGHEO", display_order=2, direction=Indicator.Direction.LOWER
    )
    cell(jobs, tree["a1"], 2022, result=9000)
    cell(jobs, tree["a1"], 2023, target=9700, result=10243)
    cell(jobs, tree["b"], 2022, result=9925)
    cell(jobs, tree["b"], 2023, target=9700, result=10243)
    cell(rate, tree["dept"], 2022, result="2.36")
    cell(rate, tree["dept"], 2023, target="2", result="1.86")
    cell(rate, tree["b"], 2023, target="1.5", result="2.95")
    cell(rate, tree["a"], 2023, target="3")  # a target and no result
    return {"jobs": jobs, "rate": rate}


def report(*args):
    out = StringIO()
    call_command("indicator_report", *args, stdout=out)
    return out.getvalue()


def json_report(*args):
    return json.loads(report("--format", "json", *args))


def keyed(rows):
    return {(row["indicator"], row["unit"]): row for row in rows}


def test_the_columns_are_the_ones_the_spec_names():
    assert COLUMNS == EXPECTED_COLUMNS


def test_json_is_a_plain_array_with_exactly_the_columns(figures):
    rows = json_report("--year", "2023")
    assert isinstance(rows, list)
    assert rows and all(list(row) == EXPECTED_COLUMNS for row in rows)
    assert set(keyed(rows)) == {
        ("VIEC_LAM", "DEPT"),
        ("VIEC_LAM", "UNIT-A"),
        ("VIEC_LAM", "UNIT-A1"),
        ("VIEC_LAM", "UNIT-B"),
        ("TY_LE_HO_NGHEO", "DEPT"),
        ("TY_LE_HO_NGHEO", "UNIT-A"),
        ("TY_LE_HO_NGHEO", "UNIT-B"),
    }
    assert len(rows) == 7


def test_json_is_the_default_format(figures):
    assert json.loads(report("--year", "2023")) == json_report("--year", "2023")


def test_json_numbers_are_numbers_and_missing_values_null(figures):
    rows = keyed(json_report("--year", "2023"))
    dept = rows[("VIEC_LAM", "DEPT")]
    assert dept["year"] == 2023
    assert dept["target"] == 19400 and dept["result"] == 20486
    assert dept["previous_result"] == 18925
    assert dept["change"] == 1561
    assert dept["percent_of_plan"] == pytest.approx(105.5979, abs=1e-4)
    assert dept["exceeded_by"] == pytest.approx(5.5979, abs=1e-4)
    assert round(dept["exceeded_by"], 1) == 5.6
    assert dept["change_percent"] == pytest.approx(8.2483, abs=1e-4)
    assert dept["met"] is True
    for name in EXPECTED_COLUMNS[2:-1]:
        assert isinstance(dept[name], int | float) and not isinstance(dept[name], bool), name

    poverty = rows[("TY_LE_HO_NGHEO", "DEPT")]
    assert poverty["result"] == pytest.approx(1.86)
    assert poverty["previous_result"] == pytest.approx(2.36)
    assert poverty["change"] == pytest.approx(-0.5)
    assert poverty["met"] is True

    assert rows[("TY_LE_HO_NGHEO", "UNIT-B")]["met"] is False

    target_only = rows[("TY_LE_HO_NGHEO", "UNIT-A")]
    assert target_only["target"] == 3
    for name in ("result", "previous_result", "percent_of_plan", "exceeded_by", "change",
                 "change_percent", "met"):  # fmt: skip
        assert target_only[name] is None, name


def test_json_keeps_at_least_two_decimals(tree):
    rate = PercentIndicatorFactory(code="RATE")
    cell(rate, tree["b"], 2022, result="33.33")
    cell(rate, tree["b"], 2023, target="66.67", result="12.34")
    row = json_report("--year", "2023")[0]
    assert row["target"] == 66.67
    assert row["result"] == 12.34
    assert row["previous_result"] == 33.33
    assert row["change"] == pytest.approx(-20.99, abs=1e-9)
    assert row["percent_of_plan"] == pytest.approx(18.5091, abs=1e-9)


def test_csv_has_the_columns_as_header_and_the_same_rows(figures):
    text = report("--year", "2023", "--format", "csv")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == EXPECTED_COLUMNS
    rows = {
        (line[0], line[1]): dict(zip(EXPECTED_COLUMNS, line, strict=True)) for line in lines[1:]
    }
    assert len(rows) == 7
    dept = rows[("VIEC_LAM", "DEPT")]
    assert (dept["year"], dept["target"], dept["result"]) == ("2023", "19400", "20486")
    assert float(dept["exceeded_by"]) == pytest.approx(5.5979, abs=1e-4)
    assert dept["met"] == "true"
    assert rows[("TY_LE_HO_NGHEO", "UNIT-B")]["met"] == "false"
    target_only = rows[("TY_LE_HO_NGHEO", "UNIT-A")]
    assert (target_only["result"], target_only["met"]) == ("", "")


def test_xlsx_is_written_to_the_output_file(figures, tmp_path):
    path = tmp_path / "report.xlsx"
    assert report("--year", "2023", "--format", "xlsx", "--output", str(path)) == ""
    sheet = load_workbook(path).active
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert lines[0] == EXPECTED_COLUMNS
    rows = {
        (line[0], line[1]): dict(zip(EXPECTED_COLUMNS, line, strict=True)) for line in lines[1:]
    }
    assert len(rows) == 7
    dept = rows[("VIEC_LAM", "DEPT")]
    assert (dept["year"], dept["target"], dept["result"]) == (2023, 19400, 20486)
    assert dept["exceeded_by"] == pytest.approx(5.5979, abs=1e-4)
    assert dept["met"] is True
    assert rows[("TY_LE_HO_NGHEO", "UNIT-B")]["met"] is False
    assert rows[("TY_LE_HO_NGHEO", "UNIT-A")]["result"] is None


def test_json_and_csv_can_go_to_a_file(figures, tmp_path):
    path = tmp_path / "report.json"
    report("--year", "2023", "--output", str(path))
    assert json.loads(path.read_text(encoding="utf-8")) == json_report("--year", "2023")
    path = tmp_path / "report.csv"
    report("--year", "2023", "--format", "csv", "--output", str(path))
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(EXPECTED_COLUMNS)


def test_unit_limits_the_report_to_the_subtree(figures):
    rows = keyed(json_report("--year", "2023", "--unit", "UNIT-A"))
    assert set(rows) == {
        ("VIEC_LAM", "UNIT-A"),
        ("VIEC_LAM", "UNIT-A1"),
        ("TY_LE_HO_NGHEO", "UNIT-A"),
    }
    assert rows[("VIEC_LAM", "UNIT-A")]["result"] == 10243


def test_an_unknown_unit_is_an_error(figures):
    with pytest.raises(CommandError, match="NOPE"):
        report("--year", "2023", "--unit", "NOPE")


def test_an_unknown_user_is_an_error(figures):
    with pytest.raises(CommandError):
        report("--year", "2023", "--user", "nobody")


def test_user_limits_the_report_to_what_that_user_sees(figures, clerk_a, officer):
    rows = keyed(json_report("--year", "2023", "--user", "clerk_a"))
    assert {unit for _code, unit in rows} == {"UNIT-A", "UNIT-A1"}
    assert len(keyed(json_report("--year", "2023", "--user", "officer"))) == 7
    with pytest.raises(CommandError):
        report("--year", "2023", "--user", "clerk_a", "--unit", "UNIT-B")
    rows = keyed(json_report("--year", "2023", "--user", "clerk_a", "--unit", "UNIT-A1"))
    assert set(rows) == {("VIEC_LAM", "UNIT-A1")}


def test_a_year_without_figures_gives_an_empty_array(figures):
    assert json_report("--year", "2030") == []
    assert report("--year", "2030", "--format", "csv").splitlines() == [",".join(COLUMNS)]


def test_csv_neutralises_codes_that_look_like_formulas_and_keeps_negative_figures(tree):
    formula = IndicatorFactory(code="=1+1", name="@SUM(A1)", display_order=1)
    rate = PercentIndicatorFactory(code="-RATE", display_order=2)
    cell(formula, tree["dept"], 2023, target=10, result=5)
    cell(rate, tree["dept"], 2022, result="2.36")
    cell(rate, tree["dept"], 2023, result="1.86")
    lines = list(csv.reader(io.StringIO(report("--year", "2023", "--format", "csv"))))
    codes = {line[0] for line in lines[1:]}
    assert codes == {"'=1+1", "'-RATE"}
    assert not any(value.startswith(("=", "+", "@")) for line in lines for value in line)
    rate_row = dict(zip(lines[0], next(line for line in lines if line[0] == "'-RATE"), strict=True))
    assert float(rate_row["change"]) == pytest.approx(-0.5)
