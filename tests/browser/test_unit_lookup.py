"""The people list's unit lookup in the browser: typed without diacritics, picked with the
keyboard, submitted as the unit's code."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factories import PersonFactory


def test_a_clerk_finds_a_commune_by_name_and_lists_its_people(page, live_server, clerk_a, tree):
    PersonFactory(full_name="Lò Thị Mai", unit=tree["a1"])
    PersonFactory(full_name="Giàng Seo Phử", unit=tree["a"])
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("person_list"))

    box = page.get_by_role("combobox", name="Unit (with its sub-units)")
    box.fill("lung cu")
    option = page.get_by_role("option", name="Xã Lũng Cú UNIT-A1")
    expect(option).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("UNIT-A1")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()

    expect(page.get_by_role("status")).to_contain_text("1 person in Xã Lũng Cú")
    expect(page.get_by_role("link", name="Lò Thị Mai")).to_be_visible()
    expect(page.get_by_role("link", name="Giàng Seo Phử")).to_have_count(0)


def test_the_lookup_offers_no_unit_of_another_district(page, live_server, clerk_a, tree):
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("person_list"))
    page.get_by_role("combobox", name="Unit (with its sub-units)").fill("meo vac")
    expect(page.get_by_role("listbox")).to_contain_text("No unit of yours matches.")
