"""The data-entry grid: what a clerk sees, types and saves."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from indicators.entry import services
from indicators.models import IndicatorValue, ValueChange
from tests.factories import UnitFactory
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PercentIndicatorFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2024
ENTRY_BUDGET = 10  # session, user, scope, unit, status, indicators, cells, subtree, last year,
# the unread-notification count in the navigation
# A save of one changed row: the reads, the status row's lock, the cell and its history rows,
# and the savepoints of the nested transactions; the same whatever the number of rows.
SAVE_BUDGET = 20


class _FormFields(HTMLParser):
    """The name → value pairs a browser would post from the form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        elif (
            self.inside
            and tag == "input"
            and attrs.get("name")
            and attrs.get("type") not in ("submit", "button")
            and "disabled" not in attrs
        ):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def grid_fields(response):
    parser = _FormFields("entry-grid")
    parser.feed(response.content.decode())
    return parser.fields


def input_value(response, name):
    match = re.search(rf'name="{re.escape(name)}"[^>]*?value="([^"]*)"', response.content.decode())
    if match is None:
        match = re.search(
            rf'value="([^"]*)"[^>]*?name="{re.escape(name)}"', response.content.decode()
        )
    return match.group(1) if match else None


def vi(message, plural=None, **params):
    """A message as a Vietnamese user reads it; `plural` for ngettext messages (by count)."""
    with translation.override("vi"):
        if plural is None:
            text = translation.gettext(message)
        else:
            text = translation.ngettext(message, plural, params["count"])
    return text % params if params else text


def field(indicator, name):
    return f"i{indicator.pk}-{name}"


def entry_url(unit, year=YEAR):
    return reverse("figures_entry", args=[unit.pk, year])


@pytest.fixture
def trained():
    return IndicatorFactory(code="DAO_TAO_NGHE", name="Tuyển sinh, đào tạo nghề", display_order=10)


@pytest.fixture
def rate():
    return PercentIndicatorFactory(code="TY_LE_QUA_DAO_TAO", name="Tỷ lệ lao động qua đào tạo",
                                   display_order=20)  # fmt: skip


@pytest.fixture
def vi_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


def test_the_grid_shows_every_active_indicator_in_display_order(vi_client, clerk_a, tree):
    IndicatorFactory(code="SECOND", name="Chỉ tiêu thứ hai", display_order=20)
    IndicatorFactory(code="FIRST", name="Chỉ tiêu thứ nhất", display_order=10)
    IndicatorFactory(code="RETIRED", name="Chỉ tiêu đã bỏ", is_active=False)
    vi_client.force_login(clerk_a)
    page = vi_client.get(entry_url(tree["a"])).content.decode()
    assert page.index("Chỉ tiêu thứ nhất") < page.index("Chỉ tiêu thứ hai")
    assert "Chỉ tiêu đã bỏ" not in page
    assert 'inputmode="decimal"' in page


def test_the_grid_shows_last_years_result_rolled_up_from_the_sub_units(
    vi_client, clerk_a, tree, trained, rate
):
    IndicatorValueFactory(indicator=trained, unit=tree["a1"], year=YEAR - 1, target=None,
                          result=Decimal("17605"))  # fmt: skip
    IndicatorValueFactory(indicator=rate, unit=tree["a"], year=YEAR - 1, target=None,
                          result=Decimal("69.5"))  # fmt: skip
    vi_client.force_login(clerk_a)
    page = vi_client.get(entry_url(tree["a"])).content.decode()
    assert "Result 2023" in page or "2023" in page
    assert re.search(r"17\.605 <abbr[^>]*>Σ</abbr>", page), "rolled up from Lũng Cú, marked Σ"
    assert "69,5</td>" in page  # the unit's own rate, not rolled up


def test_stored_figures_show_as_the_language_writes_them(vi_client, clerk_a, tree, trained, rate):
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=Decimal("17605"))  # fmt: skip
    IndicatorValueFactory(indicator=rate, unit=tree["a"], year=YEAR, target=Decimal("71"),
                          result=Decimal("69.5"))  # fmt: skip
    vi_client.force_login(clerk_a)
    response = vi_client.get(entry_url(tree["a"]))
    assert input_value(response, field(trained, "target")) == "17.500"
    assert input_value(response, field(trained, "result")) == "17.605"
    assert input_value(response, field(rate, "result")) == "69,5"
    assert "17.605,0000" not in response.content.decode()


def test_vietnamese_numbers_are_saved_as_typed(vi_client, clerk_a, tree, trained, rate):
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    data[field(trained, "target")] = "17.500"
    data[field(trained, "result")] = "17.605"
    data[field(rate, "result")] = "69,5"
    data[field(rate, "note")] = "Số liệu sơ bộ"
    response = vi_client.post(entry_url(tree["a"]), data)
    assert response.status_code == 302
    assert response["Location"] == entry_url(tree["a"])
    cells = {c.indicator.code: c for c in IndicatorValue.objects.filter(unit=tree["a"], year=YEAR)}
    assert cells["DAO_TAO_NGHE"].target == Decimal("17500")
    assert cells["DAO_TAO_NGHE"].result == Decimal("17605")
    assert cells["TY_LE_QUA_DAO_TAO"].result == Decimal("69.5")
    assert cells["TY_LE_QUA_DAO_TAO"].note == "Số liệu sơ bộ"
    assert cells["DAO_TAO_NGHE"].result_by == clerk_a
    page = vi_client.get(response["Location"])
    assert vi("Saved: %(count)s indicator changed.", "Saved: %(count)s indicators changed.",
              count=2) in page.content.decode()  # fmt: skip
    assert input_value(page, field(trained, "result")) == "17.605"
    assert input_value(page, field(rate, "result")) == "69,5"


def test_english_numbers_are_saved_as_typed(client, clerk_a, tree, trained, rate):
    client.force_login(clerk_a)
    data = grid_fields(client.get(entry_url(tree["a"]), HTTP_ACCEPT_LANGUAGE="en"))
    data[field(trained, "result")] = "17,605"
    data[field(rate, "result")] = "69.5"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(entry_url(tree["a"]), data)
    cells = {c.indicator_id: c for c in IndicatorValue.objects.filter(unit=tree["a"])}
    assert cells[trained.pk].result == Decimal("17605")
    assert cells[rate.pk].result == Decimal("69.5")


def test_an_invalid_cell_keeps_every_typed_value_and_saves_nothing(vi_client, clerk_a, tree,
                                                                   trained, rate):  # fmt: skip
    other = IndicatorFactory(code="VIEC_LAM", display_order=30)
    text = IndicatorFactory(code="HO_THOAT_NGHEO", display_order=40)
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    data[field(trained, "target")] = "17.500"  # valid
    data[field(trained, "result")] = "-5"
    data[field(rate, "result")] = "120"
    data[field(other, "result")] = "12,5"
    data[field(text, "result")] = "mười hai"
    data[field(text, "note")] = "ghi chú"
    response = vi_client.post(entry_url(tree["a"]), data)
    assert response.status_code == 200
    page = response.content.decode()
    refusal = vi("Nothing was saved: %(count)s figure needs correcting (marked below).",
                 "Nothing was saved: %(count)s figures need correcting (marked below).",
                 count=4)  # fmt: skip
    assert refusal in page
    assert vi("A figure cannot be negative.") in page
    assert vi("A percentage cannot exceed 100.") in page
    assert vi("%(indicator)s is counted in whole numbers.", indicator="VIEC_LAM") in page
    assert vi("Enter a number.") in page
    assert input_value(response, field(trained, "target")) == "17.500"
    assert input_value(response, field(trained, "result")) == "-5"
    assert input_value(response, field(text, "result")) == "mười hai"
    assert input_value(response, field(text, "note")) == "ghi chú"
    error_id = f"id_{field(rate, 'result')}-error"
    assert f'aria-describedby="{error_id}"' in page
    assert f'<div class="invalid-feedback" id="{error_id}">' in page
    assert page.count("is-invalid") == 4
    assert IndicatorValue.objects.count() == 0
    assert ValueChange.objects.count() == 0


def test_a_save_after_a_colleagues_save_of_the_same_row_is_a_conflict(vi_client, clerk_a, officer,
                                                                     tree, trained):  # fmt: skip
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=None)  # fmt: skip
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    # Meanwhile an officer saves the same row.
    row = {"target": Decimal("18000"), "result": None, "note": "", "version": 1}
    services.figures_save(actor=officer, unit=tree["a"], year=YEAR, rows={trained: row})
    data[field(trained, "result")] = "17.605"
    response = vi_client.post(entry_url(tree["a"]), data)
    assert response.status_code == 200
    page = response.content.decode()
    now = vi("%(code)s (now: target %(target)s, result %(result)s)", code="DAO_TAO_NGHE",
             target="18.000", result="—")  # fmt: skip
    assert now in page
    assert 'class="table-warning"' in page
    assert input_value(response, field(trained, "result")) == "17.605"  # typed value kept
    assert input_value(response, field(trained, "target")) == "18.000"  # the colleague's, shown
    cell = IndicatorValue.objects.get(unit=tree["a"], indicator=trained)
    assert (cell.target, cell.result) == (Decimal("18000"), None)
    # The second save, knowingly over the colleague's version, goes through.
    again = vi_client.post(entry_url(tree["a"]), grid_fields(response))
    assert again.status_code == 302
    cell.refresh_from_db()
    assert cell.result == Decimal("17605")
    assert cell.target == Decimal("18000")  # the colleague's target, which this user left alone


def test_a_row_a_colleague_changed_but_this_user_did_not_touch_is_no_conflict(
    vi_client, clerk_a, officer, tree, trained, rate
):
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    row = {"target": Decimal("71"), "result": None, "note": "", "version": 0}
    services.figures_save(actor=officer, unit=tree["a"], year=YEAR, rows={rate: row})
    data[field(trained, "result")] = "17.605"
    response = vi_client.post(entry_url(tree["a"]), data)
    assert response.status_code == 302
    cells = {c.indicator_id: c for c in IndicatorValue.objects.filter(unit=tree["a"])}
    assert cells[trained.pk].result == Decimal("17605")
    assert cells[rate.pk].target == Decimal("71")  # the colleague's figure is not overwritten


def test_a_grid_opened_before_an_indicator_was_added_still_saves(vi_client, clerk_a, tree, trained):
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    IndicatorFactory(code="NEW_ONE")
    data[field(trained, "result")] = "5"
    assert vi_client.post(entry_url(tree["a"]), data).status_code == 302
    assert IndicatorValue.objects.get().result == 5


def test_saving_an_unchanged_grid_says_nothing_changed(vi_client, clerk_a, tree, trained):
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    response = vi_client.post(entry_url(tree["a"]), data, follow=True)
    assert vi("Nothing was changed.") in response.content.decode()
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize("transitions", [["submit"], ["submit", "approve"]])
def test_submitted_or_approved_figures_are_read_only(vi_client, clerk_a, officer, tree, trained,
                                                     transitions):  # fmt: skip
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=Decimal("17605"))  # fmt: skip
    vi_client.force_login(clerk_a)
    data = grid_fields(vi_client.get(entry_url(tree["a"])))
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    if "approve" in transitions:
        services.figures_approve(actor=officer, unit=tree["a"], year=YEAR)
    response = vi_client.get(entry_url(tree["a"]))
    page = response.content.decode()
    assert 'id="locked-notice"' in page
    assert f'name="{field(trained, "result")}"' not in page
    assert "17.605" in page  # still readable
    data[field(trained, "result")] = "1"
    posted = vi_client.post(entry_url(tree["a"]), data, follow=True)
    assert [m.level_tag for m in posted.context["messages"]] == ["error"]
    assert IndicatorValue.objects.get(indicator=trained).result == Decimal("17605")


def test_returned_figures_can_be_corrected_again(vi_client, clerk_a, officer, tree, trained):
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    services.figures_return(actor=officer, unit=tree["a"], year=YEAR, reason="Thiếu số liệu xã")
    vi_client.force_login(clerk_a)
    response = vi_client.get(entry_url(tree["a"]))
    assert "Thiếu số liệu xã" in response.content.decode()
    data = grid_fields(response)
    data[field(trained, "result")] = "5"
    assert vi_client.post(entry_url(tree["a"]), data).status_code == 302
    assert IndicatorValue.objects.get(indicator=trained).result == 5


def test_a_clerk_cannot_enter_figures_for_another_unit(client, clerk_b, tree, trained):
    client.force_login(clerk_b)
    assert client.get(entry_url(tree["a"])).status_code == 404
    response = client.post(entry_url(tree["a"]), {field(trained, "result"): "5",
                                                  field(trained, "version"): "0"})  # fmt: skip
    assert response.status_code == 404
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize("persona", ["viewer", "council", "approver"])
def test_readers_may_not_enter_figures(client, tree, trained, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(entry_url(tree["a"])).status_code == 403
    response = client.post(entry_url(tree["a"]), {field(trained, "result"): "5",
                                                  field(trained, "version"): "0"})  # fmt: skip
    assert response.status_code == 403
    assert IndicatorValue.objects.count() == 0


def test_an_officer_enters_figures_for_any_unit_below_them(client, officer, tree, trained):
    client.force_login(officer)
    data = grid_fields(client.get(entry_url(tree["b"])))
    data[field(trained, "target")] = "10"
    assert client.post(entry_url(tree["b"]), data).status_code == 302
    assert IndicatorValue.objects.get(unit=tree["b"]).target == 10


def test_a_year_outside_1990_to_2100_is_not_found(client, clerk_a, tree):
    client.force_login(clerk_a)
    assert client.get(entry_url(tree["a"], 1989)).status_code == 404
    assert client.get(entry_url(tree["a"], 2101)).status_code == 404


def test_the_grid_page_offers_template_upload_and_submit(client, clerk_a, tree, trained):
    client.force_login(clerk_a)
    page = client.get(entry_url(tree["a"])).content.decode()
    assert reverse("figures_template", args=[tree["a"].pk, YEAR]) in page
    assert reverse("figures_upload", args=[tree["a"].pk, YEAR]) in page
    assert reverse("figures_transition", args=[tree["a"].pk, YEAR, "submit"]) in page
    assert reverse("figures_transition", args=[tree["a"].pk, YEAR, "approve"]) not in page


def test_the_grid_keeps_to_the_content_security_policy(client, clerk_a, tree, trained):
    client.force_login(clerk_a)
    page = client.get(entry_url(tree["a"])).content.decode()
    assert "js/entry-grid.js" in page
    assert "css/entry-grid.css" in page
    assert " style=" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None, "inline script"


@pytest.mark.parametrize("count", [2, 30])
def test_the_grid_has_a_fixed_query_budget(client, clerk_a, tree, count,
                                           django_assert_max_num_queries):  # fmt: skip
    for i in range(count):
        indicator = IndicatorFactory(code=f"BUDGET{i:03d}")
        unit = UnitFactory(code=f"SUB-{count}-{i}", parent=tree["a"])
        IndicatorValueFactory(indicator=indicator, unit=unit, year=YEAR - 1)
        IndicatorValueFactory(indicator=indicator, unit=tree["a"], year=YEAR)
    client.force_login(clerk_a)
    with django_assert_max_num_queries(ENTRY_BUDGET):
        response = client.get(entry_url(tree["a"]))
    assert response.status_code == 200
    assert response.content.decode().count("<tr data-row") == count


@pytest.mark.parametrize("count", [2, 30])
def test_saving_the_grid_has_a_bounded_query_count(client, clerk_a, tree, count,
                                                   django_assert_max_num_queries):  # fmt: skip
    indicators = [IndicatorFactory(code=f"SAVE{i:03d}") for i in range(count)]
    client.force_login(clerk_a)
    data = grid_fields(client.get(entry_url(tree["a"])))
    data[field(indicators[0], "result")] = "7"
    # Validation costs nothing per row; only the changed row is written.
    with django_assert_max_num_queries(SAVE_BUDGET):
        response = client.post(entry_url(tree["a"]), data)
    assert response.status_code == 302


@pytest.mark.parametrize("action", [None, "submit", "approve", "return", "reopen"])
def test_every_entry_post_needs_its_csrf_token(officer, tree, trained, action):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    if action is None:
        url = entry_url(tree["a"])
    else:
        url = reverse("figures_transition", args=[tree["a"].pk, YEAR, action])
    response = client.post(url, {field(trained, "result"): "5", "reason": "x"})
    assert response.status_code == 403
    assert IndicatorValue.objects.count() == 0
