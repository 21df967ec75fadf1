"""The report's exports, written as they are computed: the same numbers as the Decimal
arithmetic row by row, streamed downloads that read back right, formula-looking text kept as
text, and a workbook with its headers, formats, widths and frozen header row."""

import csv
import io
import json
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from indicators.arithmetic import figures, roll_up_all
from indicators.models import DataStatus, Indicator, IndicatorValue
from indicators.report.build import COLUMNS, department_report_rows
from organizations.models import Unit
from organizations.tabular import safe_text
from tests.factories import UnitFactory
from tests.indicators.factories import IndicatorFactory, PercentIndicatorFactory

pytestmark = pytest.mark.django_db

D = Decimal
URL = reverse("indicator_report")


@pytest.fixture
def department(tree):
    """Three levels under the persona tree, four indicators (counts and rates, higher and
    lower is better) and figures scattered over two years: some units enter their own figure
    over their children's, some only a target or only a result, some a zero."""
    rng = random.Random(7)
    units = [tree["dept"], tree["a"], tree["a1"], tree["b"]]
    for n in range(6):
        district = UnitFactory(code=f"D{n}", parent=units[rng.randrange(len(units))])
        units.append(district)
        units += [UnitFactory(code=f"D{n}-C{m}", parent=district) for m in range(3)]
    indicators = [
        IndicatorFactory(code="JOBS", display_order=1),
        IndicatorFactory(code="=CASES", direction=Indicator.Direction.LOWER, display_order=2),
        PercentIndicatorFactory(code="RATE", display_order=3),
        PercentIndicatorFactory(code="POOR", direction=Indicator.Direction.LOWER, display_order=4),
    ]
    cells = []
    for unit in units:
        for indicator in indicators:
            for year in (2022, 2023):
                if rng.random() < 0.35:
                    continue
                places = 2 if indicator.is_percent else 0

                def figure(places=places):
                    choice = rng.random()
                    if choice < 0.15:
                        return None
                    if choice < 0.2:
                        return D(0)
                    return D(rng.randint(0, 50_000)).scaleb(-places)

                cells.append(IndicatorValue(indicator=indicator, unit=unit, year=year,
                                            target=figure(), result=figure()))  # fmt: skip
    IndicatorValue.objects.bulk_create(cells)
    DataStatus.objects.create(unit=tree["b"], year=2023, state=DataStatus.State.APPROVED)
    return units


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def reference_records(units, year):
    """The report as the Decimal arithmetic computes it, row by row (the way build_report
    worked before it read tuples): the oracle for every export."""
    units = sorted(units, key=lambda u: u.path)
    ids = [u.pk for u in units]
    children_of = defaultdict(list)
    for unit in units:
        children_of[unit.parent_id].append(unit.pk)
    own = defaultdict(dict)
    for cell in IndicatorValue.objects.filter(unit_id__in=ids, year__in=[year, year - 1]):
        for field in ("target", "result"):
            if getattr(cell, field) is not None:
                own[(cell.indicator_id, cell.year, field)][cell.unit_id] = getattr(cell, field)
    records = []
    for indicator in Indicator.objects.order_by("display_order", "code"):
        rolled = {
            key: roll_up_all(ids, own[(indicator.pk, *key)], children_of, indicator.value_type)
            for key in ((year, "target"), (year, "result"), (year - 1, "result"))
        }
        for unit in units:
            target, result = rolled[(year, "target")][unit.pk], rolled[(year, "result")][unit.pk]
            if target is None and result is None:
                continue
            f = figures(target, result, rolled[(year - 1, "result")][unit.pk], indicator.direction)
            records.append((unit.path, indicator.display_order, [
                indicator.code, unit.code, year, *map(_plain, (
                    f.target, f.result, f.previous_result, f.percent_of_plan, f.exceeded_by,
                    f.change, f.change_percent)), f.met,
            ]))  # fmt: skip
    return [row for _path, _order, row in sorted(records, key=lambda r: r[:2])]


def command(*args):
    out = io.StringIO()
    call_command("indicator_report", "--year", "2023", *args, stdout=out)
    return out.getvalue()


def csv_text(value):
    """A value as the CSV export writes it (and wrote it before it streamed)."""
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(safe_text(value))


def test_json_has_every_row_of_the_decimal_arithmetic(department):
    expected = reference_records(Unit.objects.all(), 2023)
    assert len(expected) > 40
    rows = json.loads(command("--format", "json"))
    assert [[row[name] for name in COLUMNS] for row in rows] == expected


def test_the_rows_for_a_bench_are_those_of_the_json(department):
    rows = [list(row) for row in department_report_rows(year=2023)]
    assert rows == reference_records(Unit.objects.all(), 2023)


def test_csv_has_every_row_with_formula_looking_codes_neutralised(department):
    lines = list(csv.reader(io.StringIO(command("--format", "csv"))))
    assert lines[0] == COLUMNS
    assert lines[1:] == [[csv_text(v) for v in row] for row in reference_records(
        Unit.objects.all(), 2023)]  # fmt: skip
    assert {line[0] for line in lines[1:]} >= {"'=CASES", "JOBS"}


def test_a_subtree_is_rolled_up_within_it(department, tree):
    rows = json.loads(command("--format", "json", "--unit", "UNIT-A"))
    subtree = Unit.objects.filter(path__startswith=tree["a"].path)
    assert [[row[name] for name in COLUMNS] for row in rows] == reference_records(subtree, 2023)


def test_the_web_csv_streams_what_the_command_writes(client, officer, department):
    client.force_login(officer)
    response = client.get(URL, {"year": 2023, "format": "csv"})
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body == command("--format", "csv")


def test_the_web_xlsx_reads_back_with_formats_widths_and_a_frozen_header(
    client, officer, department
):
    client.force_login(officer)
    response = client.get(URL, {"year": 2023, "format": "xlsx"})
    assert response.streaming
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "2023"
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[c].width for c in "ABE"] == [18, 48, 36]
    header = [cell.value for cell in sheet[1]]
    with translation.override("vi"):
        assert header[0] == translation.gettext("Indicator code")
        approved = str(DataStatus.State.APPROVED.label)
    assert all(cell.font.b for cell in sheet[1])
    expected = reference_records(Unit.objects.all(), 2023)
    lines = list(sheet.iter_rows(min_row=2))
    assert len(lines) == len(expected)
    for line, row in zip(lines, expected, strict=True):
        assert [line[0].value, line[3].value, line[5].value] == row[:3]
        assert [cell.value for cell in line[7:14]] == row[3:10]
    cases = next(line for line in lines if line[0].value == "=CASES" and line[7].value)
    assert cases[0].data_type == "s"  # text, not a formula
    assert cases[7].number_format == "#,##0" and cases[10].number_format == "0.00"
    assert cases[5].number_format == "0"
    rate = next(line for line in lines if line[0].value == "RATE" and line[8].value)
    assert rate[8].number_format == "0.00"
    assert {line[6].value for line in lines if line[3].value == "UNIT-B"} == {approved}


def test_the_command_xlsx_has_the_machine_columns(department, tmp_path):
    path = tmp_path / "report.xlsx"
    command("--format", "xlsx", "--output", str(path))
    sheet = load_workbook(path).active
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert lines[0] == COLUMNS
    assert lines[1:] == reference_records(Unit.objects.all(), 2023)
    assert sheet.freeze_panes == "A2"


def test_an_empty_report_is_still_a_valid_file(tree, tmp_path):
    assert json.loads(command("--format", "json")) == []
    path = tmp_path / "empty.xlsx"
    command("--format", "xlsx", "--output", str(path))
    assert [row for row in load_workbook(path).active.iter_rows(values_only=True)] == [
        tuple(COLUMNS)
    ]
