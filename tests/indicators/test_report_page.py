"""The report page at the size of a department: one page of rows at a time, sorted on any
column, a fixed number of queries, the computed report kept between requests and computed
afresh after any change, and a unit looked up by code when there are too many to list."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.entry.services import figures_approve, figures_submit, values_import
from indicators.models import DataStatus, IndicatorValue
from indicators.report import forms as report_forms
from organizations.imports import units_import
from tests.factories import UnitFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory
from tests.indicators.test_report_views import table_of

pytestmark = pytest.mark.django_db

URL = reverse("indicator_report")


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def grow(parent, units, indicators, prefix="G"):
    """`units` units under `parent`, each with a 2023 target and result of every indicator:
    the result grows with the unit so that sorting on it has one answer."""
    catalogue = [
        IndicatorFactory(code=f"{prefix}-I{n}", display_order=n) for n in range(indicators)
    ]
    places = [UnitFactory(code=f"{prefix}-{n:03d}", parent=parent) for n in range(units)]
    # In bulk, so without signals: saving the units already told the kept reports to go.
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, unit=unit, year=2023, target=Decimal(100),
                       result=Decimal(n + 1))
        for n, unit in enumerate(places)
        for indicator in catalogue
    )  # fmt: skip
    return places, catalogue


def results(response):
    return [row["Result"] for row in table_of(response).rows]


def test_a_page_shows_one_hundred_rows_and_the_next_page_the_rest(english, officer, tree):
    grow(tree["a"], units=60, indicators=2)  # 120 rows, plus 2 × (UNIT-A, DEPT) rolled up
    english.force_login(officer)
    first = english.get(URL, {"year": 2023})
    second = english.get(URL, {"year": 2023, "page": 2})
    assert "124 rows" in first.content.decode()
    assert len(table_of(first).rows) == 100
    assert len(table_of(second).rows) == 24
    assert "Page 2 of 2" in second.content.decode()
    units = [row["Unit"] for row in table_of(first).rows + table_of(second).rows]
    assert units[:2] == [tree["dept"].name] * 2  # tree order: the department first
    assert len(units) == 124


def test_sorting_orders_every_row_before_the_page_is_cut(english, officer, tree):
    grow(tree["a"], units=60, indicators=2)
    english.force_login(officer)
    page_one = results(english.get(URL, {"year": 2023, "sort": "-result"}))
    page_two = results(english.get(URL, {"year": 2023, "sort": "-result", "page": 2}))
    assert page_one[:2] == ["1,830 Σ(sum of sub-units)"] * 2  # the sums come first
    assert page_two[-2:] == ["1", "1"]  # the smallest result last
    ascending = results(english.get(URL, {"year": 2023, "sort": "result"}))
    assert ascending[:4] == ["1", "1", "2", "2"]


def test_the_header_links_sort_and_keep_the_year_and_unit(english, officer, tree):
    grow(tree["a"], units=3, indicators=1)
    english.force_login(officer)
    page = english.get(URL, {"year": 2023, "unit": tree["a"].pk, "sort": "result"})
    html = page.content.decode()
    assert f'href="?year=2023&amp;unit={tree["a"].pk}&amp;sort=-result"' in html
    assert 'aria-sort="ascending"' in html


def queries_of(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and body
    return len(captured)


@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_the_page_and_exports_cost_the_same_queries_for_10_or_200_units(
    english, officer, tree, export
):
    small = UnitFactory(code="SMALL", parent=tree["dept"])
    big = UnitFactory(code="BIG", parent=tree["dept"])
    grow(small, units=10, indicators=3, prefix="S")
    english.force_login(officer)
    params = {"year": 2023, **({"format": export} if export else {})}
    few = queries_of(english, {**params, "unit": small.pk})
    grow(big, units=200, indicators=3, prefix="B")  # a change: the report is computed afresh
    many = queries_of(english, {**params, "unit": big.pk})
    assert few == many
    # session, user, roles, the unit, years, units, indicators, the year's figures, the year
    # before's results, states, notifications
    assert many <= 11


def test_the_kept_report_is_not_read_again(english, officer, tree):
    grow(tree["a"], units=5, indicators=2)
    english.force_login(officer)
    english.get(URL, {"year": 2023})
    with CaptureQueriesContext(connection) as captured:
        english.get(URL, {"year": 2023, "sort": "-percent_of_plan", "page": 1})
    assert not any("indicators_indicatorvalue" in q["sql"] for q in captured.captured_queries)
    assert len(captured) <= 5  # session, user, roles, notifications (+ the stamp outside tests)


def dept_result(client, dept, code):
    rows = table_of(client.get(URL, {"year": 2023})).rows
    return next(r["Result"] for r in rows if code in r["Indicator"] and r["Unit"] == dept.name)


def test_a_saved_figure_shows_at_once(english, officer, tree):
    jobs = IndicatorFactory(code="VIEC_LAM")
    cell = IndicatorValueFactory(indicator=jobs, unit=tree["b"], year=2023, result=Decimal(40))
    english.force_login(officer)
    assert dept_result(english, tree["dept"], "VIEC_LAM").startswith("40")
    cell.result = Decimal(41)
    cell.save()
    assert dept_result(english, tree["dept"], "VIEC_LAM").startswith("41")


def test_an_imported_figure_shows_at_once(english, officer, tree):
    jobs = IndicatorFactory(code="VIEC_LAM")
    IndicatorValueFactory(indicator=jobs, unit=tree["b"], year=2023, result=Decimal(40))
    english.force_login(officer)
    assert dept_result(english, tree["dept"], "VIEC_LAM").startswith("40")
    data = b"indicator,unit,year,target,result\nVIEC_LAM,UNIT-B,2023,,57\n"
    values_import(data=data, filename="figures.csv")  # bulk writes: no signal
    assert dept_result(english, tree["dept"], "VIEC_LAM").startswith("57")


def test_an_approval_and_a_renamed_unit_show_at_once(english, officer, tree):
    IndicatorValueFactory(indicator=IndicatorFactory(code="VIEC_LAM"), unit=tree["b"], year=2023)
    english.force_login(officer)
    table = table_of(english.get(URL, {"year": 2023}))
    assert {row["Approval"] for row in table.rows} == {"Being entered"}
    figures_submit(actor=officer, unit=tree["b"], year=2023)
    figures_approve(actor=officer, unit=tree["b"], year=2023)
    tree["b"].name = "Phòng LĐTBXH huyện Yên Minh"
    tree["b"].save()
    rows = table_of(english.get(URL, {"year": 2023})).rows
    assert [row["Approval"] for row in rows if row["Unit"] == tree["b"].name] == ["Approved"]
    assert DataStatus.objects.get(unit=tree["b"]).state == DataStatus.State.APPROVED


def test_a_unit_renamed_by_the_units_import_shows_at_once(english, officer, tree):
    IndicatorValueFactory(indicator=IndicatorFactory(code="VIEC_LAM"), unit=tree["b"], year=2023)
    english.force_login(officer)
    assert "Phòng LĐTBXH huyện Yên Minh" not in english.get(URL, {"year": 2023}).content.decode()
    data = "code,name,parent,kind\nUNIT-B,Phòng LĐTBXH huyện Yên Minh,DEPT,division\n".encode()
    units_import(data=data, filename="units.csv")  # bulk writes: no model signal
    assert "Phòng LĐTBXH huyện Yên Minh" in english.get(URL, {"year": 2023}).content.decode()


def test_each_scope_has_its_own_report(english, officer, clerk_a, tree):
    grow(tree["a"], units=2, indicators=1)
    grow(tree["b"], units=2, indicators=1, prefix="H")
    english.force_login(officer)
    assert "8 rows" in english.get(URL, {"year": 2023}).content.decode()
    english.force_login(clerk_a)
    page = english.get(URL, {"year": 2023})
    assert "3 rows" in page.content.decode()
    units = {row["Unit"] for row in table_of(page).rows}
    assert tree["b"].name not in units and tree["a"].name in units


@pytest.fixture
def few_listed(monkeypatch):
    """More units than the picker lists: it becomes a box that looks one up."""
    monkeypatch.setattr(report_forms, "UNIT_SELECT_LIMIT", 2)


def test_with_many_units_the_picker_looks_a_unit_up_by_code(english, officer, tree, few_listed):
    grow(tree["a"], units=2, indicators=1)
    english.force_login(officer)
    html = english.get(URL, {"year": 2023}).content.decode()
    assert 'name="unit_code"' in html and f'data-unit-lookup="{reverse("unit_lookup")}"' in html
    assert f'<option value="{tree["a1"].pk}">' not in html
    assert "js/lookup.js" in html
    page = english.get(URL, {"year": 2023, "unit_code": "unit-a"})  # any case
    units = {row["Unit"] for row in table_of(page).rows}
    assert tree["a"].name in units and tree["dept"].name not in units
    assert 'value="UNIT-A"' in page.content.decode()
    by_name = english.get(URL, {"year": 2023, "unit_code": "Lũng Cú"})
    assert by_name.status_code == 200 and "Xã Lũng Cú and its sub-units" in by_name.content.decode()
    assert english.get(URL, {"year": 2023, "unit_code": "NOPE"}).status_code == 404


def test_a_unit_code_outside_the_users_scope_is_not_found(client, clerk_b, tree, few_listed):
    client.force_login(clerk_b)
    assert client.get(URL, {"unit_code": "UNIT-A"}).status_code == 404
