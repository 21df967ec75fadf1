"""build_report over the database: roll-ups over three levels, which rows appear, query budget.

DEPT
├── UNIT_A
│   └── UNIT_A1
└── UNIT_B
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import DataStatus, Indicator, IndicatorValue
from indicators.report.build import build_report, report_units
from organizations.models import Unit
from tests.factories import UnitFactory
from tests.indicators.factories import IndicatorFactory, PercentIndicatorFactory

pytestmark = pytest.mark.django_db

D = Decimal


def cell(indicator, unit, year=2023, target=None, result=None):
    return IndicatorValue.objects.create(
        indicator=indicator,
        unit=unit,
        year=year,
        target=None if target is None else D(str(target)),
        result=None if result is None else D(str(result)),
    )


def subtree(unit):
    return Unit.objects.filter(path__startswith=unit.path).order_by("path")


def rows_by_unit(rows, indicator=None):
    return {row.unit.code: row for row in rows if indicator is None or row.indicator == indicator}


@pytest.fixture
def jobs(db):
    return IndicatorFactory(code="VIEC_LAM", name="Giải quyết việc làm")


@pytest.fixture
def rate(db):
    return PercentIndicatorFactory(
        code="TY_LE_HO_NGHEO", name="Tỷ lệ hộ nghèo", direction=Indicator.Direction.LOWER
    )


def test_counts_roll_up_over_three_levels(tree, jobs):
    cell(jobs, tree["a1"], target=100, result=120)
    cell(jobs, tree["b"], target=50, result=40)
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert set(rows) == {"DEPT", "UNIT-A", "UNIT-A1", "UNIT-B"}
    assert (rows["UNIT-A1"].figures.target, rows["UNIT-A1"].figures.result) == (100, 120)
    assert (rows["UNIT-A"].figures.target, rows["UNIT-A"].figures.result) == (100, 120)
    assert (rows["UNIT-B"].figures.target, rows["UNIT-B"].figures.result) == (50, 40)
    assert (rows["DEPT"].figures.target, rows["DEPT"].figures.result) == (150, 160)
    dept = rows["DEPT"].figures
    assert dept.percent_of_plan == D("106.6667")
    assert dept.exceeded_by == D("6.6667")
    assert dept.met is True
    assert rows["UNIT-B"].figures.met is False
    assert not rows["DEPT"].own_target and not rows["DEPT"].own_result
    assert rows["UNIT-A1"].own_target and rows["UNIT-A1"].own_result


def test_target_and_result_roll_up_separately(tree, jobs):
    cell(jobs, tree["a1"], target=100)
    cell(jobs, tree["b"], result=40)
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert (rows["DEPT"].figures.target, rows["DEPT"].figures.result) == (100, 40)
    assert (rows["UNIT-A"].figures.target, rows["UNIT-A"].figures.result) == (100, None)
    assert rows["UNIT-A"].figures.percent_of_plan is None
    assert rows["UNIT-A"].figures.met is None


def test_an_own_value_wins_over_the_children(tree, jobs):
    cell(jobs, tree["a1"], target=100, result=120)
    cell(jobs, tree["a"], result=999)  # UNIT_A entered its own result but no target
    cell(jobs, tree["b"], target=50, result=40)
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert rows["UNIT-A"].figures.result == 999
    assert rows["UNIT-A"].figures.target == 100  # the target still rolls up from UNIT_A1
    assert rows["UNIT-A"].own_result and not rows["UNIT-A"].own_target
    assert rows["DEPT"].figures.result == 999 + 40
    assert rows["DEPT"].figures.target == 150

    cell(jobs, tree["dept"], year=2023, target=1000)
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert rows["DEPT"].figures.target == 1000
    assert rows["DEPT"].figures.result == 999 + 40


def test_children_without_a_value_are_skipped(tree, jobs):
    cell(jobs, tree["b"], target=50, result=40)
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert set(rows) == {"DEPT", "UNIT-B"}  # nothing below UNIT_A: no row for it
    assert (rows["DEPT"].figures.target, rows["DEPT"].figures.result) == (50, 40)


def test_a_percent_indicator_is_not_rolled_up(tree, rate):
    cell(rate, tree["a1"], result="3.12")
    cell(rate, tree["b"], result="2.95")
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert set(rows) == {"UNIT-A1", "UNIT-B"}
    assert rows["UNIT-A1"].figures.result == D("3.12")

    cell(rate, tree["dept"], target="2", result="1.86")
    dept = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))["DEPT"].figures
    assert dept.result == D("1.86")
    assert dept.met is True  # lower is better


def test_previous_result_is_the_rolled_up_result_of_the_year_before(tree, jobs, rate):
    cell(jobs, tree["a1"], year=2022, result=80)
    cell(jobs, tree["b"], year=2022, result=20)
    cell(jobs, tree["a1"], year=2023, result=120)
    cell(jobs, tree["b"], year=2023, result=30)
    cell(jobs, tree["b"], year=2021, result=1_000_000)  # two years back: ignored
    cell(rate, tree["dept"], year=2022, result="2.36")
    cell(rate, tree["dept"], year=2023, result="1.86")
    rows = build_report(units=subtree(tree["dept"]), year=2023)
    dept = rows_by_unit(rows, jobs)["DEPT"].figures
    assert dept.previous_result == 100
    assert dept.change == 50
    assert dept.change_percent == 50
    unit_a = rows_by_unit(rows, jobs)["UNIT-A"].figures
    assert (unit_a.previous_result, unit_a.change) == (80, 40)
    poverty = rows_by_unit(rows, rate)["DEPT"].figures
    assert poverty.previous_result == D("2.36")
    assert poverty.change == D("-0.50")
    assert poverty.change_percent == D("-21.1864")


def test_a_previous_result_alone_gives_no_row(tree, jobs):
    cell(jobs, tree["b"], year=2022, result=20)
    assert build_report(units=subtree(tree["dept"]), year=2023) == []
    rows = build_report(units=subtree(tree["dept"]), year=2022)
    assert {(r.unit.code, r.year) for r in rows} == {("UNIT-B", 2022), ("DEPT", 2022)}


def test_rows_only_where_a_target_or_a_result_exists(tree, jobs, rate):
    other = IndicatorFactory(code="KHAC")
    cell(jobs, tree["b"], target=10)
    cell(rate, tree["a"], result="5")
    cell(other, tree["a1"], year=2024, result=5)  # another year
    IndicatorValue.objects.create(indicator=other, unit=tree["a"], year=2023, note="chưa có số")
    rows = build_report(units=subtree(tree["dept"]), year=2023)
    assert {(r.indicator.code, r.unit.code) for r in rows} == {
        ("VIEC_LAM", "UNIT-B"),
        ("VIEC_LAM", "DEPT"),
        ("TY_LE_HO_NGHEO", "UNIT-A"),
    }
    assert all(r.figures.target is not None or r.figures.result is not None for r in rows)


def test_rows_come_in_tree_order_then_indicator_order(tree):
    second = IndicatorFactory(code="B_SECOND", display_order=2)
    first = IndicatorFactory(code="A_FIRST", display_order=1)
    for unit in (tree["b"], tree["a1"]):
        cell(second, unit, result=1)
        cell(first, unit, result=1)
    rows = build_report(units=subtree(tree["dept"]), year=2023)
    units_in_order = [u.code for u in subtree(tree["dept"])]
    keys = [(units_in_order.index(r.unit.code), r.indicator.display_order) for r in rows]
    assert keys == sorted(keys)
    assert len(rows) == 4 * 2


def test_the_report_carries_each_units_approval_state(tree, jobs):
    cell(jobs, tree["a"], result=1)
    cell(jobs, tree["b"], result=1)
    DataStatus.objects.create(unit=tree["b"], year=2023, state=DataStatus.State.APPROVED)
    DataStatus.objects.create(unit=tree["a"], year=2022, state=DataStatus.State.APPROVED)
    rows = rows_by_unit(build_report(units=subtree(tree["dept"]), year=2023))
    assert rows["UNIT-B"].state == DataStatus.State.APPROVED
    assert rows["UNIT-A"].state == DataStatus.State.OPEN


def test_a_report_of_a_subtree_rolls_up_within_it(tree, jobs):
    cell(jobs, tree["a1"], result=7)
    cell(jobs, tree["b"], result=3)
    rows = rows_by_unit(build_report(units=subtree(tree["a"]), year=2023))
    assert set(rows) == {"UNIT-A", "UNIT-A1"}
    assert rows["UNIT-A"].figures.result == 7


def test_report_units_are_those_the_user_may_see(tree, clerk_a, officer, jobs):
    cell(jobs, tree["a1"], result=7)
    cell(jobs, tree["b"], result=3)
    assert {u.code for u in report_units(clerk_a)} == {"UNIT-A", "UNIT-A1"}
    assert {u.code for u in report_units(officer)} == {"DEPT", "UNIT-A", "UNIT-A1", "UNIT-B"}
    assert {u.code for u in report_units(officer, tree["a"])} == {"UNIT-A", "UNIT-A1"}
    rows = rows_by_unit(build_report(units=report_units(clerk_a), year=2023))
    assert set(rows) == {"UNIT-A", "UNIT-A1"}


def test_the_report_uses_only_the_given_indicators(tree, jobs, rate):
    cell(jobs, tree["b"], result=3)
    cell(rate, tree["b"], result=3)
    rows = build_report(units=subtree(tree["dept"]), year=2023, indicators=[rate])
    assert {r.indicator.code for r in rows} == {"TY_LE_HO_NGHEO"}


# --- query budget -----------------------------------------------------------------------------


def populate(width, indicator_count):
    """A department with `width` districts of one commune each, every commune and district
    holding a figure of every indicator for two years, and an approval state per unit."""
    root = UnitFactory(code=f"ROOT{width}", kind=Unit.Kind.DEPARTMENT)
    units = [root]
    for i in range(width):
        district = UnitFactory(code=f"D{width}-{i}", parent=root)
        commune = UnitFactory(code=f"C{width}-{i}", parent=district)
        units += [district, commune]
    indicators = [
        (PercentIndicatorFactory if n % 3 == 0 else IndicatorFactory)(code=f"Q{width}-{n}")
        for n in range(indicator_count)
    ]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=ind, unit=unit, year=year, target=D(10), result=D(12))
        for ind in indicators
        for unit in units[1:]
        for year in (2022, 2023)
    )
    DataStatus.objects.bulk_create(DataStatus(unit=unit, year=2023) for unit in units)
    return root, units, indicators


def count_queries(root):
    with CaptureQueriesContext(connection) as queries:
        rows = build_report(units=subtree(root), year=2023)
        # Touch everything a page or an export reads from a row.
        touched = [
            (row.record(), row.unit.code, row.unit.name, row.indicator.name, row.state)
            for row in rows
        ]
    assert len(touched) == len(rows)
    return len(queries), rows


def test_the_report_costs_the_same_queries_whatever_the_size(django_assert_max_num_queries):
    small_root, small_units, small_indicators = populate(width=1, indicator_count=2)
    big_root, big_units, big_indicators = populate(width=15, indicator_count=10)
    assert len(small_units) == 3 and len(big_units) == 31

    small, small_rows = count_queries(small_root)
    big, big_rows = count_queries(big_root)
    assert small == big
    assert len(big_rows) > 10 * len(small_rows)
    with django_assert_max_num_queries(5):
        build_report(units=subtree(big_root), year=2023)
