"""The award reports: awards by year × award type × unit, a decision's annex, and performance vs
awards; on screen and as XLSX with Vietnamese headers, scoped to the reader's units."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Decision
from indicators.models import DataStatus
from tests.awards.factories import AwardRecordFactory, award_type
from tests.awards.factories_reports import DecisionFactory, DecisionLineFactory
from tests.factories import PersonFactory, UnitFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def award(code, *, year=2023, person=None, unit=None, **extra):
    return AwardRecordFactory(award_type=award_type(code), year=year, person=person, unit=unit,
                              **extra)  # fmt: skip


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def header_index(rows, first):
    return next(i for i, row in enumerate(rows) if row and row[0] == first)


@pytest.fixture
def awards(tree, person_a, person_b):
    """2023: unit A holds TTLDTT, its person LDTT and CSTDCS; a person of A1 holds LDTT; unit B
    holds a provincial flag and its person LDTT. Revoked or other years' awards must not count."""
    person_a1 = PersonFactory(unit=tree["a1"])
    award("TTLDTT", unit=tree["a"])
    award("LDTT", person=person_a)
    award("CSTDCS", person=person_a)
    award("LDTT", person=person_a1)
    award("CO_TINH", unit=tree["b"])
    award("LDTT", person=person_b)
    award("LDTT", person=person_a, year=2022, revoked=True)
    award("GK_SO", person=person_b, year=2021)
    return person_a1


# --- Awards by year × award type × unit --------------------------------------------------------


def by_unit(report):
    codes = [t.code for t in report.award_types]
    return {
        row.unit.code: {code: n for code, n in zip(codes, row.counts, strict=True) if n}
        for row in report.rows
    }


def test_awards_are_counted_per_unit_and_type_without_revoked_ones(officer, awards):
    response = signed_in(officer).get(reverse("report_awards"),
                                      {"year_from": 2022, "year_to": 2023})  # fmt: skip
    report = response.context["report"]
    assert by_unit(report) == {
        "UNIT-A": {"LDTT": 1, "CSTDCS": 1, "TTLDTT": 1},
        "UNIT-A1": {"LDTT": 1},
        "UNIT-B": {"LDTT": 1, "CO_TINH": 1},
    }
    assert report.total == 6
    assert dict(zip([t.code for t in report.award_types], report.totals, strict=True)) == {
        "LDTT": 3, "CSTDCS": 1, "TTLDTT": 1, "CO_TINH": 1}  # fmt: skip
    assert [(year, total) for year, _counts, total in report.years] == [(2023, 6)]


def test_the_year_range_and_the_unit_narrow_the_awards_report(officer, awards, tree):
    client = signed_in(officer)
    wide = client.get(reverse("report_awards"), {"year_from": 2021, "year_to": 2023})
    assert wide.context["report"].total == 7
    only_a = client.get(reverse("report_awards"),
                        {"year_from": 2023, "year_to": 2023, "unit": tree["a"].pk})  # fmt: skip
    assert set(by_unit(only_a.context["report"])) == {"UNIT-A", "UNIT-A1"}
    assert only_a.context["report"].total == 4


def test_a_clerk_sees_only_their_own_units_in_the_reports(clerk_b, awards, tree):
    client = signed_in(clerk_b)
    report = client.get(reverse("report_awards"), {"year_from": 2023}).context["report"]
    assert by_unit(report) == {"UNIT-B": {"LDTT": 1, "CO_TINH": 1}}
    assert "Đồng Văn" not in client.get(reverse("report_awards")).content.decode()
    for name in ("report_awards", "report_awards_xlsx", "report_performance",
                 "report_performance_xlsx"):  # fmt: skip
        assert client.get(reverse(name), {"unit": tree["a"].pk}).status_code == 404
    performance = client.get(reverse("report_performance"), {"year": 2023})
    assert [row.unit.code for row in performance.context["rows"]] == ["UNIT-B"]


def test_the_awards_report_downloads_as_xlsx_with_vietnamese_headers(officer, awards, tree):
    response = signed_in(officer).get(reverse("report_awards_xlsx"),
                                      {"year_from": 2023, "year_to": 2023})  # fmt: skip
    book = workbook(response)
    assert book.sheetnames == ["Theo đơn vị", "Theo năm"]
    rows = rows_of(book["Theo đơn vị"])
    assert rows[0][0] == "THỐNG KÊ KHEN THƯỞNG THEO ĐƠN VỊ VÀ HÌNH THỨC"
    top = header_index(rows, "STT")
    header = rows[top]
    assert header[:2] == ["STT", "Đơn vị"] and header[-1] == "Tổng cộng"
    assert "Lao động tiên tiến" in header and "Cờ thi đua của Ủy ban nhân dân tỉnh" in header
    column = {name: i for i, name in enumerate(header)}
    unit_a = next(row for row in rows if row[1] == tree["a"].name)
    assert unit_a[column["Lao động tiên tiến"]] == 1
    assert unit_a[column["Chiến sĩ thi đua cơ sở"]] == 1
    assert unit_a[column["Tổng cộng"]] == 3
    assert rows[-1][1] == "Tổng cộng" and rows[-1][-1] == 6


def test_a_unit_name_that_looks_like_a_formula_stays_text(officer, tree):
    evil = UnitFactory(code="EVIL", name='=HYPERLINK("http://x")', parent=tree["dept"])
    award("TTLDTT", unit=evil)
    book = workbook(signed_in(officer).get(reverse("report_awards_xlsx"), {"year_from": 2023}))
    cells = [cell for row in book["Theo đơn vị"].iter_rows() for cell in row
             if cell.value == evil.name]  # fmt: skip
    assert cells and all(cell.data_type == "s" for cell in cells)


# --- A decision's annex ------------------------------------------------------------------------


@pytest.fixture
def decision(tree, person_a, person_b):
    decision = DecisionFactory(unit=tree["dept"], number=7, year=2024, number_text="7/QĐ-SLĐTBXH")
    line = DecisionLineFactory
    line(
        decision=decision,
        order=1,
        person=person_a,
        unit=tree["a"],
        recipient_name="Vàng Thị Mỷ",
        position="Chuyên viên",
        award_type=award_type("LDTT"),
        bonus_amount=Decimal(710000),
    )
    line(
        decision=decision,
        order=2,
        unit=tree["b"],
        recipient_name=tree["b"].name,
        award_type=award_type("TTLDTT"),
        bonus_amount=Decimal(1880000),
    )
    line(
        decision=decision,
        order=3,
        person=person_b,
        unit=tree["b"],
        recipient_name="Ly Thị Dính",
        position="Kế toán",
        award_type=award_type("CSTDCS"),
        bonus_amount=Decimal(2340000),
    )
    line(
        decision=decision,
        order=0,
        unit=tree["a"],
        recipient_name=tree["a"].name,
        award_type=award_type("TTLDTT"),
        bonus_amount=Decimal(1880000),
    )
    return decision  # fmt: skip


def test_the_annex_lists_collectives_then_individuals_in_the_decisions_order(
    officer, decision, tree
):
    book = workbook(signed_in(officer).get(reverse("decision_annex_xlsx", args=[decision.pk])))
    rows = rows_of(book.active)
    assert rows[0][0] == "DANH SÁCH"
    assert "7/QĐ-SLĐTBXH ngày 15 tháng 01 năm 2024" in rows[1][0]
    top = header_index(rows, "STT")
    assert rows[top] == ["STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị",
                         "Danh hiệu/Hình thức", "Tiền thưởng (đồng)"]  # fmt: skip
    body = rows[top + 1 :]
    assert [(row[0], row[1]) for row in body] == [
        ("I. Tập thể", None),
        (1, tree["a"].name),
        (2, tree["b"].name),
        ("II. Cá nhân", None),
        (1, "Vàng Thị Mỷ"),
        (2, "Ly Thị Dính"),
        (None, "Tổng cộng"),
    ]
    assert body[4][2:] == ["Chuyên viên", tree["a"].name, "Lao động tiên tiến", 710000]
    assert body[-1][-1] == 710000 + 1880000 * 2 + 2340000


def test_a_higher_authoritys_decision_has_no_bonus_total(officer, tree, person_a):
    decision = DecisionFactory(
        unit=tree["dept"],
        kind=Decision.Kind.OUTSIDE,
        number_text="126/QĐ-UBND",
        issuer_name="Chủ tịch UBND tỉnh",
    )
    DecisionLineFactory(decision=decision, person=person_a, unit=tree["a"],
                        award_type=award_type("BK_TINH"), bonus_amount=None)  # fmt: skip
    rows = rows_of(workbook(signed_in(officer).get(
        reverse("decision_annex_xlsx", args=[decision.pk]))).active)  # fmt: skip
    assert rows[-1] == [None, "Tổng cộng", None, None, None, None]


def test_an_issued_decisions_annex_is_read_by_the_units_it_names_only(clerk_a, clerk_b, tree):
    decision = DecisionFactory(unit=tree["dept"])
    DecisionLineFactory(decision=decision, unit=tree["a"], recipient_name=tree["a"].name)
    url = reverse("decision_annex_xlsx", args=[decision.pk])
    assert signed_in(clerk_a).get(url).status_code == 200
    assert signed_in(clerk_b).get(url).status_code == 404


def test_a_drafts_annex_is_read_on_the_issuing_unit_with_estimated_bonuses(
    viewer, clerk_a, decision
):
    Decision.objects.filter(pk=decision.pk).update(
        state=Decision.State.DRAFT, number=None, number_text="", year=None
    )
    decision.lines.update(bonus_amount=None)  # a draft is priced only when issued
    url = reverse("decision_annex_xlsx", args=[decision.pk])
    assert signed_in(clerk_a).get(url).status_code == 404
    rows = rows_of(workbook(signed_in(viewer).get(url)).active)
    assert "dự thảo" in rows[1][0]
    bonuses = [row[5] for row in rows[header_index(rows, "STT") + 1 :] if isinstance(row[0], int)]
    assert len(bonuses) == 4 and all(bonus > 0 for bonus in bonuses)
    assert rows[-1][5] == sum(bonuses)


def test_the_reports_page_offers_the_annexes_of_issued_decisions(viewer, decision):
    page = signed_in(viewer).get(reverse("report_index")).content.decode()
    assert "7/QĐ-SLĐTBXH" in page
    assert reverse("decision_annex_xlsx", args=[decision.pk]) in page


# --- Performance vs awards ---------------------------------------------------------------------


def figures(unit, results, *, state=DataStatus.State.APPROVED, year=2023):
    """Targets of 100 with the given results, one indicator each (IND-1, IND-2, …)."""
    for number, result in enumerate(results, start=1):
        IndicatorValueFactory(indicator=IndicatorFactory(code=f"IND-{number}"), unit=unit,
                              year=year, target=Decimal(100), result=Decimal(result))  # fmt: skip
    DataStatus.objects.create(unit=unit, year=year, state=state)


@pytest.fixture
def performance(tree):
    """A met both targets and got a provincial flag; B met one of two and got a ministry flag;
    A1's figures are only submitted."""
    figures(tree["a"], [110, 100])
    figures(tree["b"], [90, 120])
    figures(tree["a1"], [200], state=DataStatus.State.SUBMITTED)
    award("CO_TINH", unit=tree["a"])
    award("CO_BO", unit=tree["b"])
    award("TTLDTT", unit=tree["b"])
    award("LDTT", person=PersonFactory(unit=tree["b"]))
    award("LDTT", person=PersonFactory(unit=tree["b"]))


def by_code(rows):
    return {row.unit.code: row for row in rows}


def test_the_performance_report_shows_which_flags_rest_on_a_met_plan(officer, performance, tree):
    response = signed_in(officer).get(reverse("report_performance"), {"year": 2023})
    rows = by_code(response.context["rows"])
    assert [row.unit.code for row in response.context["rows"]] == ["DEPT", "UNIT-A", "UNIT-A1",
                                                                   "UNIT-B"]  # fmt: skip
    a, b, a1 = rows["UNIT-A"], rows["UNIT-B"], rows["UNIT-A1"]
    assert (a.met, a.judged, a.met_share, a.mean_percent) == (2, 2, 100, Decimal(105))
    assert [r.award_type.code for r in a.flags] == ["CO_TINH"] and a.flags_backed is True
    assert (b.met, b.judged, b.met_share, b.mean_percent) == (1, 2, 50, Decimal(105))
    assert [r.award_type.code for r in b.flags] == ["CO_BO"] and b.flags_backed is False
    assert [r.award_type.code for r in b.collective] == ["TTLDTT", "CO_BO"]  # catalogue order
    assert b.individual == {"LDTT": 2}
    assert not a1.approved and a1.judged == 0 and a1.mean_percent is None
    assert a1.has_figures and a1.state_label == "Submitted"
    assert rows["DEPT"].flags_backed is None
    html = response.content.decode()
    assert 'data-unit="UNIT-A" class="table-success"' in html
    assert 'data-unit="UNIT-B" class="table-danger"' in html
    assert html.count("award-flag") == 2
    assert "Only approved figures count" in html


def test_the_performance_report_downloads_as_xlsx(officer, performance, tree):
    response = signed_in(officer).get(reverse("report_performance_xlsx"), {"year": 2023})
    rows = rows_of(workbook(response).active)
    top = header_index(rows, "Đơn vị")
    header = rows[top]
    assert header[:6] == ["Đơn vị", "Tình trạng số liệu", "Số chỉ tiêu có kế hoạch và kết quả",
                          "Số chỉ tiêu đạt", "Tỷ lệ chỉ tiêu đạt (%)",
                          "Bình quân % kế hoạch"]  # fmt: skip
    column = {name: i for i, name in enumerate(header)}
    unit_b = next(row for row in rows if row[0] == tree["b"].name)
    assert unit_b[column["Tình trạng số liệu"]] == "Đã duyệt"
    assert unit_b[column["Số chỉ tiêu đạt"]] == 1
    assert unit_b[column["Tỷ lệ chỉ tiêu đạt (%)"]] == 50
    assert unit_b[column["Số lượt khen thưởng cá nhân"]] == 2
    assert unit_b[column["Cờ thi đua"]] == "Cờ thi đua của Bộ"
    assert unit_b[column["Cờ thi đua có dựa trên kế hoạch đạt?"]] == "Không"


def _many_units(parent, count):
    for number in range(count):
        unit = UnitFactory(code=f"U-{parent.code}-{number}", parent=parent)
        figures(unit, [110, 90])
        award("TTLDTT", unit=unit)
        award("LDTT", person=PersonFactory(unit=unit))


# Both pages: session, user, scope, units and the unread count in the navigation; the awards
# report adds its grouped counts and the award types; performance adds the approval states, the
# indicator report's indicators, figures (the year's, the results of the year before) and
# approval states, and the award records.
BUDGETS = {"report_awards": 7, "report_performance": 11}


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_the_reports_cost_the_same_queries_for_3_and_30_units(
    name, officer, tree, django_assert_max_num_queries
):
    client = signed_in(officer)
    counts = []
    for count, parent in ((3, tree["a"]), (27, tree["b"])):
        _many_units(parent, count)
        with django_assert_max_num_queries(BUDGETS[name]) as captured:
            years = {"year": 2023, "year_from": 2023, "year_to": 2023}
            assert client.get(reverse(name), years).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
