"""Layout checks in Chromium: the navbar fits on one line at 1366 px in French and Vietnamese,
the entry grid scrolls inside its own box on a phone instead of pushing the page sideways,
and the dashboard's filters line up with their button."""

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.indicators.factories import IndicatorFactory

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


def test_the_entry_grid_scrolls_inside_its_box_on_a_phone(page, live_server, clerk_a, tree):
    IndicatorFactory.create_batch(3)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(live_server.url + reverse("figures_entry", args=[tree["a"].pk, 2024]))
    page.screenshot(path="test-artifacts/screenshots/entry-phone.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow} px wider than the phone"
    box = page.locator(".entry-grid").locator("xpath=..")
    assert "table-responsive" in box.get_attribute("class")
    target = page.locator(".entry-grid .cell-figure input.form-control").first
    box = target.bounding_box()
    assert box["width"] >= 90  # a figure stays readable
    assert box["x"] + box["width"] <= 390, "the first figure is off-screen"


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
