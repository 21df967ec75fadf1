"""The person lookup in the browser: a clerk records an initiative for a person found by a part
of the name typed without diacritics; the box is sent with the staff number."""

from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Initiative
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factories import PersonFactory


def test_a_clerk_finds_a_person_by_name_and_records_their_initiative(
    page, live_server, clerk_a, tree
):
    mai = PersonFactory(code="NV-0417", full_name="Lò Thị Mai", unit=tree["a1"])
    PersonFactory(full_name="Lò Văn Mai", unit=tree["b"])  # another district's: never offered
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("initiative_create"))

    box = page.get_by_role("combobox", name="Person")
    box.fill("lo thi")
    option = page.get_by_role("option", name="Lò Thị Mai (NV-0417) — Xã Lũng Cú")
    expect(option).to_be_visible()
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("NV-0417")
    expect(page.locator("#div_id_person")).to_contain_text("Lò Thị Mai — Xã Lũng Cú")

    page.get_by_label("Title").fill("Số hóa hồ sơ người có công")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success").first).to_contain_text("Số hóa hồ sơ người có công")
    assert Initiative.objects.get().person == mai


def test_the_person_lookup_says_when_nobody_matches(page, live_server, clerk_a, tree):
    PersonFactory(full_name="Vàng Thị Mỷ", unit=tree["b"])
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("initiative_create"))
    page.get_by_role("combobox", name="Person").fill("vang thi my")
    expect(page.get_by_role("listbox")).to_contain_text("No person of yours matches.")
    # The lookup's request must be over before the test ends and the live server's shared
    # in-memory database is handed back (otherwise its thread closes it from the wrong thread).
    page.wait_for_load_state("networkidle")
