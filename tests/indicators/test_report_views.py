"""The report page: computed columns as users read them, exports identical to the CLI, scope,
and a query budget that does not grow with the tree or the catalogue."""

import csv
import io
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from indicators.models import DataStatus, Indicator
from indicators.report.build import COLUMNS
from tests.factories import UnitFactory
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PercentIndicatorFactory,
)

pytestmark = pytest.mark.django_db

# session, user, memberships (the scope), visible units, the chosen unit (with ?unit=), years
# with figures, build_report's indicators, the figures of the year, the results of the year
# before, states, and the unread-notification count in the navigation.
REPORT_BUDGET = 11


class TableText(HTMLParser):
    """Rows of the report table as {column heading: cell text}; also keeps each cell's HTML."""

    def __init__(self):
        super().__init__()
        self.headings, self.rows, self._cell, self._row, self._in_table = [], [], None, None, 0
        self.html_rows = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "table" and "report-table" in classes:
            self._in_table = 1
        elif self._in_table and tag == "tr":
            self._row = []
        elif self._in_table and tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None:
            self._cell.append(f"<{tag} {' '.join(f'{k}={v}' for k, v in attrs)}>")

    def handle_endtag(self, tag):
        if not self._in_table:
            return
        if tag == "table":
            self._in_table = 0
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            texts = [
                " ".join("".join(c for c in cell if not c.startswith("<")).split())
                for cell in self._row
            ]
            if not self.headings:
                self.headings = texts
            else:
                self.rows.append(dict(zip(self.headings, texts, strict=False)))
                self.html_rows.append(
                    dict(zip(self.headings, map("".join, self._row), strict=False))
                )
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_of(response):
    parser = TableText()
    parser.feed(response.content.decode())
    return parser


def row_for(table, indicator_code, unit_name):
    matches = [
        row for row in table.rows if indicator_code in row["Indicator"] and row["Unit"] == unit_name
    ]
    assert len(matches) == 1, (indicator_code, unit_name, table.rows)
    return matches[0]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def seeded(tree):
    """The seed's 2023 training figures, entered by commune A1 and district B, rolled up to the
    department; jobs entered by the department itself; the poverty rate (lower is better)."""
    training = IndicatorFactory(
        code="DAO_TAO_NGHE", name="Tuyển sinh, đào tạo nghề", display_order=10
    )
    jobs = IndicatorFactory(code="VIEC_LAM", name="Giải quyết việc làm", display_order=30)
    poverty = PercentIndicatorFactory(
        code="TY_LE_HO_NGHEO", name="Tỷ lệ hộ nghèo", direction="lower", display_order=50
    )
    rate = PercentIndicatorFactory(
        code="TY_LE_QUA_DAO_TAO", name="Tỷ lệ lao động qua đào tạo", display_order=20
    )

    def cell(indicator, unit, year, target, result):
        IndicatorValueFactory(
            indicator=indicator,
            unit=tree[unit],
            year=year,
            target=None if target is None else Decimal(target),
            result=None if result is None else Decimal(result),
        )

    cell(training, "a1", 2023, "9000", "9205")
    cell(training, "b", 2023, "8500", "8400")
    cell(training, "a1", 2022, None, "9000")
    cell(training, "b", 2022, None, "8210")
    cell(jobs, "dept", 2023, "19400", "20486")
    cell(poverty, "dept", 2022, None, "2.36")
    cell(poverty, "dept", 2023, "2.00", "1.86")
    cell(rate, "dept", 2023, None, "69.5")
    DataStatus.objects.create(unit=tree["dept"], year=2023, state=DataStatus.State.APPROVED)
    DataStatus.objects.create(unit=tree["b"], year=2023, state=DataStatus.State.SUBMITTED)
    return tree


DEPT = "Sở Lao động – Thương binh và Xã hội"
UNIT_A = "Phòng LĐTBXH huyện Đồng Văn"
UNIT_A1 = "Xã Lũng Cú"
UNIT_B = "Phòng LĐTBXH huyện Mèo Vạc"


def test_the_department_row_shows_every_computed_column_in_english(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023}))
    row = row_for(table, "DAO_TAO_NGHE", DEPT)
    assert row["Target"].startswith("17,500")
    assert row["Result"].startswith("17,605")
    assert row["Previous year's result"] == "17,210"
    assert row["% of plan"] == "100.6"
    assert row["Exceeded by (%)"] == "+0.6"
    assert row["Change"] == "+395"
    assert row["Change (%)"] == "+2.3"
    assert row["Plan met"] == "Met"
    assert row["Approval"] == "Approved"


def test_numbers_are_written_the_vietnamese_way_by_default(client, officer, seeded):
    client.force_login(officer)
    response = client.get(reverse("indicator_report"), {"year": 2023})
    assert '<html lang="vi">' in response.content.decode()
    table = table_of(response)
    with translation.override("vi"):
        # Read the Vietnamese headers under their English names.
        table.rows = [{name: row[translation.gettext(name)] for name in
                       ("Indicator", "Unit", "Result", "% of plan", "Exceeded by (%)")}
                      for row in table.rows]  # fmt: skip
    training = row_for(table, "DAO_TAO_NGHE", DEPT)
    assert training["Result"].startswith("17.605")
    assert training["% of plan"] == "100,6"
    assert training["Exceeded by (%)"] == "+0,6"
    rate = row_for(table, "TY_LE_QUA_DAO_TAO", DEPT)
    assert rate["Result"] == "69,50"


def test_ratios_are_rounded_not_cut_off(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023}))
    jobs = row_for(table, "VIEC_LAM", DEPT)  # 20,486 / 19,400 = 105.5979… %
    assert (jobs["% of plan"], jobs["Exceeded by (%)"]) == ("105.6", "+5.6")


def test_a_lower_is_better_rate_shows_its_change_in_percentage_points(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023}))
    poverty = row_for(table, "TY_LE_HO_NGHEO", DEPT)
    assert poverty["Result"] == "1.86"
    assert poverty["Previous year's result"] == "2.36"
    assert poverty["Change"] == "\u22120.50 pts"  # with a no-break space in the page
    assert (
        "\u22120.50\u00a0pts"
        in english.get(reverse("indicator_report"), {"year": 2023}).content.decode()
    )
    assert poverty["% of plan"] == "107.5"  # 2.00 / 1.86: below the ceiling is better
    assert poverty["Plan met"] == "Met"


def test_met_not_met_and_no_target_have_an_icon_and_words(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023}))
    texts = {
        (code, unit): (
            row_for(table, code, unit)["Plan met"],
            table.html_rows[table.rows.index(row_for(table, code, unit))]["Plan met"],
        )
        for code, unit in [
            ("DAO_TAO_NGHE", UNIT_A1),
            ("DAO_TAO_NGHE", UNIT_B),
            ("TY_LE_QUA_DAO_TAO", DEPT),
        ]
    }
    met_text, met_html = texts[("DAO_TAO_NGHE", UNIT_A1)]
    assert met_text == "Met" and "bi-check-circle-fill" in met_html and "text-success" in met_html
    not_met_text, not_met_html = texts[("DAO_TAO_NGHE", UNIT_B)]
    assert not_met_text == "Not met" and "bi-x-circle-fill" in not_met_html
    assert "text-danger" in not_met_html
    none_text, none_html = texts[("TY_LE_QUA_DAO_TAO", DEPT)]
    assert none_text == "No target" and "bi-dash-circle" in none_html


def test_rolled_up_figures_are_marked_as_sums_of_sub_units(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023}))
    for unit in (DEPT, UNIT_A):
        row = row_for(table, "DAO_TAO_NGHE", unit)
        assert "Σ" in row["Target"] and "(sum of sub-units)" in row["Target"]
        assert "Σ" in row["Result"]
    for unit in (UNIT_A1, UNIT_B):
        row = row_for(table, "DAO_TAO_NGHE", unit)
        assert "Σ" not in row["Target"] and "Σ" not in row["Result"]
    assert "Σ" not in row_for(table, "VIEC_LAM", DEPT)["Result"]


def test_each_unit_shows_its_approval_state(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023}))
    assert row_for(table, "DAO_TAO_NGHE", DEPT)["Approval"] == "Approved"
    assert row_for(table, "DAO_TAO_NGHE", UNIT_B)["Approval"] == "Submitted"
    assert row_for(table, "DAO_TAO_NGHE", UNIT_A1)["Approval"] == "Being entered"


def test_the_table_sorts_by_a_column(english, officer, seeded):
    english.force_login(officer)
    table = table_of(english.get(reverse("indicator_report"), {"year": 2023, "sort": "-result"}))
    results = [row["Result"] for row in table.rows]
    assert results[:2] == ["20,486", "17,605 Σ(sum of sub-units)"]
    assert results[-1] == "1.86"


def test_the_report_of_one_unit_covers_its_subtree_only(english, officer, seeded):
    english.force_login(officer)
    response = english.get(reverse("indicator_report"), {"year": 2023, "unit": seeded["a"].pk})
    units = {row["Unit"] for row in table_of(response).rows}
    assert units == {UNIT_A, UNIT_A1}


def test_a_clerk_sees_only_their_units(english, clerk_a, seeded):
    english.force_login(clerk_a)
    response = english.get(reverse("indicator_report"), {"year": 2023})
    assert {row["Unit"] for row in table_of(response).rows} == {UNIT_A, UNIT_A1}
    page = response.content.decode()
    assert f'<option value="{seeded["a1"].pk}">\u2003{UNIT_A1}</option>' in page
    assert UNIT_B not in page


def test_a_unit_outside_the_users_scope_is_not_found(client, clerk_b, seeded):
    client.force_login(clerk_b)
    url = reverse("indicator_report")
    assert client.get(url, {"year": 2023, "unit": seeded["a"].pk}).status_code == 404
    assert (
        client.get(url, {"year": 2023, "unit": seeded["a"].pk, "format": "csv"}).status_code == 404
    )
    assert client.get(url, {"year": 2023, "unit": "abc"}).status_code == 404


def test_the_default_year_is_the_latest_year_with_results_in_the_users_units(
    english, officer, tree
):
    IndicatorValueFactory(indicator=IndicatorFactory(), unit=tree["a"], year=2023)
    IndicatorValueFactory(indicator=IndicatorFactory(), unit=tree["a"], year=2024, result=None)
    english.force_login(officer)
    page = english.get(reverse("indicator_report")).content.decode()
    assert "Indicator report 2023" in page
    assert '<option value="2024">2024</option>' in page


def test_the_default_year_is_the_current_year_when_there_are_no_figures(english, officer, tree):
    english.force_login(officer)
    page = english.get(reverse("indicator_report")).content.decode()
    assert f"Indicator report {date.today().year}" in page


def cli_rows(*args):
    out = io.StringIO()
    call_command("indicator_report", *args, "--format", "csv", stdout=out)
    return list(csv.reader(io.StringIO(out.getvalue())))


def test_the_csv_export_has_the_cli_columns_and_values(client, officer, seeded):
    client.force_login(officer)
    response = client.get(reverse("indicator_report"), {"year": 2023, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="indicator-report-2023.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == COLUMNS
    assert rows == cli_rows("--year", "2023")
    by_key = {(r[0], r[1]): dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    training = by_key[("DAO_TAO_NGHE", "DEPT")]
    assert (training["target"], training["result"], training["percent_of_plan"]) == (
        "17500",
        "17605",
        "100.6",
    )


def test_the_csv_export_of_one_unit_matches_the_cli_for_that_unit(client, officer, seeded):
    client.force_login(officer)
    response = client.get(
        reverse("indicator_report"), {"year": 2023, "unit": seeded["a"].pk, "format": "csv"}
    )
    assert "indicator-report-2023-UNIT-A.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows == cli_rows("--year", "2023", "--unit", "UNIT-A")


def test_the_xlsx_export_is_readable_in_the_readers_language(client, officer, seeded):
    client.force_login(officer)
    response = client.get(reverse("indicator_report"), {"year": 2023, "format": "xlsx"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    with translation.override("vi"):  # Vietnamese by default
        assert header[1] == translation.gettext("Indicator") != "Indicator"
        yes = translation.gettext("Yes")
    assert "percent_of_plan" not in header
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > 30
    lines = {(line[0].value, line[3].value): line for line in sheet.iter_rows(min_row=2)}
    jobs = lines[("VIEC_LAM", "DEPT")]
    assert (jobs[7].value, jobs[8].value) == (19400, 20486)
    assert jobs[7].number_format == "#,##0"
    assert jobs[10].number_format == "0.00"  # % of plan
    assert jobs[14].value == yes
    poverty = lines[("TY_LE_HO_NGHEO", "DEPT")]
    assert poverty[8].number_format == "0.00"


def test_the_xlsx_export_writes_names_beside_codes(client, officer, seeded, tree):
    client.force_login(officer)
    response = client.get(reverse("indicator_report"), {"year": 2023, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    by_code = {
        line[0].value: line for line in sheet.iter_rows(min_row=2) if line[3].value == "DEPT"
    }
    assert by_code["VIEC_LAM"][1].value == Indicator.objects.get(code="VIEC_LAM").name
    assert by_code["VIEC_LAM"][4].value == tree["dept"].name


def test_the_exports_of_a_clerk_hold_only_their_units(client, clerk_a, seeded):
    client.force_login(clerk_a)
    response = client.get(reverse("indicator_report"), {"year": 2023, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert {row[1] for row in rows[1:]} == {"UNIT-A", "UNIT-A1"}


def _grow(tree, units, indicators):
    catalogue = [IndicatorFactory(code=f"Q{indicators}-{i}") for i in range(indicators)]
    places = [tree["a1"], tree["b"]]
    for i in range(units - len(places)):
        places.append(UnitFactory(code=f"GROW-{units}-{i}", parent=tree["a"]))
    for unit in places:
        for indicator in catalogue:
            IndicatorValueFactory(indicator=indicator, unit=unit, year=2023)
            IndicatorValueFactory(indicator=indicator, unit=unit, year=2022, target=None)


@pytest.mark.parametrize(("units", "indicators"), [(2, 2), (30, 10)])
@pytest.mark.parametrize("with_unit", [False, True])
def test_the_report_has_a_fixed_query_budget(
    english, officer, tree, units, indicators, with_unit, django_assert_max_num_queries
):
    _grow(tree, units, indicators)
    english.force_login(officer)
    params = {"year": 2023, **({"unit": tree["dept"].pk} if with_unit else {})}
    with django_assert_max_num_queries(REPORT_BUDGET):
        response = english.get(reverse("indicator_report"), params)
    assert response.status_code == 200
    # every unit with figures, plus unit A and the department through the roll-up
    assert f"{(units + 2) * indicators} rows" in response.content.decode()
