"""`load_demo`'s indicator figures reproduce the seed year-end report through the roll-up."""

from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from indicators import demo
from indicators.models import DataStatus, Indicator, IndicatorValue, ValueChange
from indicators.report.build import build_report
from organizations.models import Unit

pytestmark = pytest.mark.django_db

D = Decimal
COUNT_CODES = ["DAO_TAO_NGHE", "VIEC_LAM", "XUAT_KHAU_LD", "HO_THOAT_NGHEO"]


def one_decimal(value):
    return value.quantize(D("0.1"), rounding=ROUND_HALF_UP)


@pytest.fixture
def loaded(db):
    call_command("load_demo", "--force", stdout=StringIO())


def department_rows(year):
    department = Unit.objects.get(code="SLDTBXH")
    units = Unit.objects.filter(path__startswith=department.path).order_by("path")
    return {
        row.indicator.code: row
        for row in build_report(units=units, year=year)
        if row.unit.code == "SLDTBXH"
    }


def test_2023_vocational_training(loaded):
    row = department_rows(2023)["DAO_TAO_NGHE"]
    assert (row.figures.target, row.figures.result) == (17500, 17605)
    assert row.figures.exceeded_by == D("0.6")
    assert row.figures.met is True
    assert row.figures.previous_result == 17210


def test_2023_jobs(loaded):
    row = department_rows(2023)["VIEC_LAM"]
    assert (row.figures.target, row.figures.result) == (19400, 20486)
    assert one_decimal(row.figures.exceeded_by) == D("5.6")


def test_2023_work_abroad(loaded):
    row = department_rows(2023)["XUAT_KHAU_LD"]
    assert (row.figures.target, row.figures.result) == (1400, 2036)
    assert one_decimal(row.figures.exceeded_by) == D("45.4")


def test_2023_poverty_rate_down_half_a_point_from_2022(loaded):
    row = department_rows(2023)["TY_LE_HO_NGHEO"]
    assert (row.figures.result, row.figures.previous_result) == (D("1.86"), D("2.36"))
    assert row.figures.change == D("-0.50")
    assert row.own_result
    assert row.indicator.direction == Indicator.Direction.LOWER


def test_2023_near_poor_rate_down_0_54_points(loaded):
    row = department_rows(2023)["TY_LE_CAN_NGHEO"]
    assert (row.figures.result, row.figures.previous_result) == (D("2.27"), D("2.81"))
    assert row.figures.change == D("-0.54")


def test_2023_households_leaving_poverty_exceed_the_plan_by_31_7(loaded):
    row = department_rows(2023)["HO_THOAT_NGHEO"]
    assert row.figures.exceeded_by == D("31.7")
    assert row.figures.met is True


def test_2023_trained_worker_rate(loaded):
    row = department_rows(2023)["TY_LE_QUA_DAO_TAO"]
    assert (row.figures.result, row.figures.previous_result) == (D("69.5"), D("67.8"))


def test_2024_targets(loaded):
    rows = department_rows(2024)
    targets = {code: row.figures.target for code, row in rows.items()}
    assert targets["DAO_TAO_NGHE"] == 17500
    assert targets["VIEC_LAM"] == 19400
    assert targets["XUAT_KHAU_LD"] == 1400
    assert targets["TY_LE_QUA_DAO_TAO"] == 71
    assert targets["CHINH_SACH_HO_NGHEO"] == 100
    assert rows["DAO_TAO_NGHE"].figures.previous_result == 17605
    assert all(row.figures.result is None for row in rows.values())


def test_the_department_counts_come_from_the_roll_up(loaded):
    department = Unit.objects.get(code="SLDTBXH")
    assert not IndicatorValue.objects.filter(
        unit=department, indicator__code__in=COUNT_CODES
    ).exists()
    for year in (2023, 2024):
        for code, row in department_rows(year).items():
            if code in COUNT_CODES:
                assert not row.own_target and not row.own_result, (code, year)
    # The districts and Đồng Văn's communes carry the figures.
    entered_by = set(
        IndicatorValue.objects.filter(indicator__code="VIEC_LAM", year=2023).values_list(
            "unit__code", flat=True
        )
    )
    assert entered_by == {"PLD-MV", "PLD-YM", "PLD-QB", "XA-LC", "XA-SL"}
    district = {
        row.unit.code: row
        for row in build_report(
            units=Unit.objects.filter(code__in=["PLD-DV", "XA-LC", "XA-SL"]), year=2023
        )
        if row.indicator.code == "VIEC_LAM"
    }
    assert district["PLD-DV"].figures.result == (
        district["XA-LC"].figures.result + district["XA-SL"].figures.result
    )
    assert not district["PLD-DV"].own_result


def test_the_district_parts_add_up_exactly():
    for total in (17500, 17605, 19400, 20486, 1400, 2036, 3951, 1):
        parts = demo.split(total, demo.DISTRICT_SHARES)
        assert sum(parts.values()) == total
        assert all(isinstance(p, int) and p >= 0 for p in parts.values())
    assert demo.split(None, demo.COMMUNE_SHARES) == {"XA-LC": None, "XA-SL": None}


def test_the_seed_years_are_approved(loaded):
    department = Unit.objects.get(code="SLDTBXH")
    for year in (2022, 2023):
        assert DataStatus.objects.get(unit=department, year=year).state == "approved"
    assert department_rows(2023)["VIEC_LAM"].state == "approved"


def test_loading_the_demo_twice_changes_no_counts(loaded):
    def counts():
        return (
            Indicator.objects.count(),
            IndicatorValue.objects.count(),
            DataStatus.objects.count(),
            ValueChange.objects.count(),
            sorted(
                IndicatorValue.objects.values_list(
                    "indicator__code", "unit__code", "year", "target", "result"
                )
            ),
        )

    first = counts()
    assert first[0] == len(demo.INDICATORS) and first[1] > 0
    call_command("load_demo", "--force", stdout=StringIO())
    assert counts() == first
