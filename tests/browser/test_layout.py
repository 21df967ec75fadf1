"""Layout checks in Chromium: the navbar fits on one line at 1366 px in French and Vietnamese,
the entry grid turns into one card per indicator on a phone, with every input on screen,
and the dashboard's filters line up with their button."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db(transaction=True)

NAVBAR_ONE_LINE = 64  # px: the bar's height with one row of links (56) and a little slack


@pytest.mark.parametrize("page", ["fr", "vi"], indirect=True)
def test_the_navbar_fits_on_one_line_at_1366_px(request, page, live_server, officer, superuser):
    language = request.node.callspec.params["page"]
    page.set_viewport_size({"width": 1366, "height": 900})
    superuser.set_password(PASSWORD)
    superuser.save()
    for username in ("officer", "root"):
        page.context.clear_cookies()
        page.context.add_cookies([{"name": "django_language", "value": language,
                                   "url": live_server.url}])  # fmt: skip
        sign_in(page, live_server, username, PASSWORD)
        page.goto(f"{live_server.url}/")
        height = page.locator("nav.navbar").bounding_box()["height"]
        page.screenshot(path=f"test-artifacts/screenshots/navbar-{language}-{username}.png")
        assert height <= NAVBAR_ONE_LINE, f"{username}: the navbar wraps ({height} px)"
        page.locator("#nav-notifications").wait_for()
        # The audit log moved into the account menu and is still one click away.
        assert page.locator("#nav-audit-log").count() == 1


def test_every_input_of_the_entry_grid_is_on_screen_on_a_phone(page, live_server, clerk_a, tree):
    indicator = IndicatorFactory(name="Trong đó: đưa người lao động đi làm việc ở nước ngoài")
    IndicatorValueFactory(indicator=indicator, unit=tree["a"], year=2023, result=Decimal(3873))
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(live_server.url + reverse("figures_entry", args=[tree["a"].pk, 2024]))
    page.screenshot(path="test-artifacts/screenshots/entry-phone.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow} px wider than the phone"
    row = page.locator(".entry-grid tbody tr").first
    figures = ("input[data-col=target]", "input[data-col=result]")
    for selector in (*figures, ".cell-note input, .cell-note textarea"):
        box = row.locator(selector).first.bounding_box()
        assert box["width"] >= 90, selector  # a figure stays readable
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{selector} is off-screen"
    labels = row.locator("td.cell-figure").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"Target 2024"', '"Result 2024"']  # the page fixture reads English
    assert "3.873" in row.inner_text() or "3,873" in row.inner_text()


def test_the_dashboard_filters_line_up_with_their_button(page, live_server, officer, tree):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}{reverse('indicator_dashboard')}?unit={tree['dept'].pk}")
    page.screenshot(path="test-artifacts/screenshots/dashboard-filters.png")
    picker = page.locator(".report-picker")
    bottoms = [
        round(picker.locator(selector).bounding_box()["y"]
              + picker.locator(selector).bounding_box()["height"])
        for selector in ("select[name=year]", "select[name=unit]", "button[type=submit]")
    ]  # fmt: skip
    assert max(bottoms) - min(bottoms) <= 2, bottoms


def test_the_report_opens_on_the_latest_year_with_results_not_the_calendar_year(
    page, live_server, officer, tree
):
    from decimal import Decimal

    from indicators.models import IndicatorValue

    jobs = IndicatorFactory(code="VIEC_LAM")
    IndicatorValue.objects.create(indicator=jobs, unit=tree["a"], year=2023, target=Decimal(100),
                                  result=Decimal(120))  # fmt: skip
    IndicatorValue.objects.create(indicator=jobs, unit=tree["a"], year=2024, target=Decimal(110))
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}{reverse('indicator_report')}")
    assert page.locator("select[name=year]").input_value() == "2023"
