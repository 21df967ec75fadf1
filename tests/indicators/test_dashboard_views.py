"""The dashboard: chart data (as the page embeds it for the script), the tables under the charts,
the default unit, scope and a fixed query budget."""

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UnitFactory
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PercentIndicatorFactory,
)

pytestmark = pytest.mark.django_db

# session, user, memberships (the scope), visible units, the chosen unit (with ?unit=),
# every figure of the unit's subtree over all years, the indicators, and the unread-notification
# count in the navigation.
DASHBOARD_BUDGET = 8


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def figures(tree):
    training = IndicatorFactory(
        code="DAO_TAO_NGHE", name="Tuyển sinh, đào tạo nghề", display_order=10
    )
    poverty = PercentIndicatorFactory(
        code="TY_LE_HO_NGHEO", name="Tỷ lệ hộ nghèo", direction="lower", display_order=50
    )
    IndicatorFactory(code="UNUSED", name="Chỉ tiêu chưa có số liệu")

    def cell(indicator, unit, year, target, result):
        IndicatorValueFactory(
            indicator=indicator,
            unit=tree[unit],
            year=year,
            target=None if target is None else Decimal(target),
            result=None if result is None else Decimal(result),
        )

    cell(training, "a1", 2022, None, "9000")
    cell(training, "b", 2022, None, "8210")
    cell(training, "a1", 2023, "9000", "9205")
    cell(training, "b", 2023, "8500", "8400")
    cell(poverty, "dept", 2022, None, "2.36")
    cell(poverty, "dept", 2023, "2.00", "1.86")
    return tree


def chart_data(response):
    found = re.search(
        r'<script id="dashboard-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, "the page embeds no chart data"
    return json.loads(found.group(1))


def charts_by_canvas(response):
    return {chart["canvas"]: chart for chart in chart_data(response)["charts"]}


def test_each_indicator_has_a_chart_of_targets_and_results_across_the_years(
    client, officer, figures
):
    client.force_login(officer)
    response = client.get(reverse("indicator_dashboard"), {"year": 2023})
    charts = charts_by_canvas(response)
    training = next(
        c for name, c in charts.items() if name.startswith("chart-years-") and c["unit"] == "người"
    )
    assert training["kind"] == "line"
    assert training["labels"] == ["2022", "2023"]
    assert training["result"] == [17210, 17605]  # rolled up from A1 and B
    assert training["target"] == [None, 17500]
    poverty = next(
        c for name, c in charts.items() if name.startswith("chart-years-") and c["unit"] == "%"
    )
    assert poverty["result"] == [2.36, 1.86]
    assert poverty["target"] == [None, 2.0]
    assert poverty["decimals"] == 2
    assert len([name for name in charts if name.startswith("chart-years-")]) == 2


def test_the_children_of_the_unit_are_compared_for_the_year(client, officer, figures):
    client.force_login(officer)
    response = client.get(reverse("indicator_dashboard"), {"year": 2023})
    comparisons = [
        c for name, c in charts_by_canvas(response).items() if name.startswith("chart-children-")
    ]
    assert len(comparisons) == 1  # the poverty rate is only entered by the department
    (training,) = comparisons
    assert training["kind"] == "bar"
    assert training["labels"] == ["Phòng LĐTBXH huyện Đồng Văn", "Phòng LĐTBXH huyện Mèo Vạc"]
    assert training["target"] == [9000, 8500]
    assert training["result"] == [9205, 8400]


def test_another_year_compares_the_children_for_that_year(client, officer, figures):
    client.force_login(officer)
    response = client.get(reverse("indicator_dashboard"), {"year": 2022})
    (training,) = [
        c for name, c in charts_by_canvas(response).items() if name.startswith("chart-children-")
    ]
    assert training["result"] == [9000, 8210]
    assert training["target"] == [None, None]


def test_every_chart_has_a_readable_table_under_it(english, officer, figures):
    english.force_login(officer)
    page = english.get(reverse("indicator_dashboard"), {"year": 2023}).content.decode()
    assert page.count('class="table table-sm mb-0 mt-2 chart-table"') == 3
    assert '<td class="text-end text-nowrap">17,605</td>' in page
    assert '<td class="text-end text-nowrap">1.86</td>' in page
    assert "bi-x-circle-fill" in page and "Not met" in page  # district B: 8,400 of 8,500
    assert '<td class="text-end text-nowrap">102.3</td>' in page  # A: 9,205 / 9,000


def test_the_tables_write_numbers_the_vietnamese_way(client, officer, figures):
    client.force_login(officer)
    page = client.get(reverse("indicator_dashboard"), {"year": 2023}).content.decode()
    assert '<td class="text-end text-nowrap">17.605</td>' in page
    assert '<td class="text-end text-nowrap">1,86</td>' in page
    assert "2.023" not in page


def test_the_charts_are_drawn_by_the_vendored_script_without_inline_code(client, officer, figures):
    client.force_login(officer)
    page = client.get(reverse("indicator_dashboard")).content.decode()
    assert '<script src="/static/vendor/chartjs/chart.umd.min.js"></script>' in page
    assert '<script src="/static/js/dashboard.js"></script>' in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs, _ in scripts)
    assert "style=" not in page
    assert "cdn" not in page.lower()


def test_the_dashboard_defaults_to_the_users_highest_unit(english, clerk_a, figures):
    english.force_login(clerk_a)
    response = english.get(reverse("indicator_dashboard"), {"year": 2023})
    assert "Dashboard: Phòng LĐTBXH huyện Đồng Văn" in response.content.decode()
    (training,) = [
        c for name, c in charts_by_canvas(response).items() if name.startswith("chart-children-")
    ]
    assert training["labels"] == ["Xã Lũng Cú"]
    assert training["result"] == [9205]


def test_a_unit_without_sub_units_says_so(english, officer, figures):
    english.force_login(officer)
    response = english.get(reverse("indicator_dashboard"), {"unit": figures["b"].pk})
    assert "This unit has no sub-units." in response.content.decode()
    assert not [n for n in charts_by_canvas(response) if n.startswith("chart-children-")]


def test_missing_years_leave_gaps_in_the_series(client, officer, tree):
    indicator = IndicatorFactory(unit_of_measure="hộ")
    IndicatorValueFactory(
        indicator=indicator, unit=tree["dept"], year=2020, target=Decimal(5), result=Decimal(6)
    )
    IndicatorValueFactory(
        indicator=indicator, unit=tree["dept"], year=2022, target=Decimal(7), result=Decimal(8)
    )
    client.force_login(officer)
    (series,) = chart_data(client.get(reverse("indicator_dashboard")))["charts"]
    assert series["labels"] == ["2020", "2021", "2022"]
    assert series["result"] == [6, None, 8]


def test_a_unit_outside_the_users_scope_is_not_found(client, clerk_b, figures):
    client.force_login(clerk_b)
    response = client.get(reverse("indicator_dashboard"), {"unit": figures["a"].pk})
    assert response.status_code == 404


def _grow(tree, units, indicators):
    catalogue = [IndicatorFactory(code=f"D{indicators}-{i}") for i in range(indicators)]
    places = [tree["a1"], tree["b"]]
    for i in range(units - len(places)):
        places.append(UnitFactory(code=f"DGROW-{units}-{i}", parent=tree["a"]))
    for unit in places:
        for indicator in catalogue:
            for year in (2021, 2022, 2023):
                IndicatorValueFactory(indicator=indicator, unit=unit, year=year)


@pytest.mark.parametrize(("units", "indicators"), [(2, 2), (30, 10)])
@pytest.mark.parametrize("with_unit", [False, True])
def test_the_dashboard_has_a_fixed_query_budget(
    client, officer, tree, units, indicators, with_unit, django_assert_max_num_queries
):
    _grow(tree, units, indicators)
    client.force_login(officer)
    params = {"year": 2023, **({"unit": tree["dept"].pk} if with_unit else {})}
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get(reverse("indicator_dashboard"), params)
    charts = chart_data(response)["charts"]
    assert len(charts) == 2 * indicators
    assert charts[0]["result"] == [105 * units] * 3


def test_sub_units_without_figures_are_left_out_of_the_comparison_and_counted(
    english, officer, figures
):
    UnitFactory(code="UNIT-C", name="Văn phòng Sở", parent=figures["dept"])
    english.force_login(officer)
    response = english.get(reverse("indicator_dashboard"), {"year": 2023})
    (training,) = [
        c for name, c in charts_by_canvas(response).items() if name.startswith("chart-children-")
    ]
    assert "Văn phòng Sở" not in training["labels"]
    assert "1 other sub-unit has no figure for this indicator." in response.content.decode()


def test_count_charts_start_at_zero_and_rate_trends_may_zoom(client, officer, figures):
    client.force_login(officer)
    charts = charts_by_canvas(client.get(reverse("indicator_dashboard"), {"year": 2023}))
    years = {c["unit"]: c for name, c in charts.items() if name.startswith("chart-years-")}
    assert years["người"]["zero"] is True
    assert years["%"]["zero"] is False
    bars = [c for name, c in charts.items() if name.startswith("chart-children-")]
    assert bars and all(c["zero"] for c in bars)
    script = (settings.BASE_DIR / "static/js/dashboard.js").read_text(encoding="utf-8")
    assert "beginAtZero: spec.zero !== false" in script
