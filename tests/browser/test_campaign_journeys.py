"""Campaign journeys through the browser: an officer drafts a campaign aimed at one unit,
attaches its plan and launches it, and only that unit's clerk sees it; a clerk registers the
titles the unit and its people aim for, the officer returns the registration with a reason and
approves the corrected one; a clerk rates the unit and its people with the keyboard alone."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import AnnualRating, Campaign, Registration
from organizations.models import AuditEntry, Role
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.files import pdf_bytes

YEAR = 2025
RATING_YEAR = 2024
MAX_TABS = 80

CAMPAIGN_NAME = "Phong trào thi đua “Lao động giỏi, sáng tạo” năm 2025"
CAMPAIGN_DESCRIPTION = "Phát động trong toàn ngành Lao động – Thương binh và Xã hội tỉnh."
# Award types ticked on the campaign form: (code, the checkbox label shown in English).
CAMPAIGN_AWARDS = [
    ("LDTT", "Advanced Worker (LDTT)"),
    ("TTLDTT", "Advanced Labour Collective (TTLDTT)"),
]
DOCUMENT_TITLE = "Kế hoạch phát động phong trào thi đua năm 2025"
DOCUMENT_FILE = "ke-hoach-thi-dua-2025.pdf"
PDF_BYTES = pdf_bytes("Ke hoach")

COLLECTIVE_LABEL = "Advanced Labour Collective (TTLDTT)"
FIRST_TITLE_LABEL = "Advanced Worker (LDTT)"
SECOND_TITLE_LABEL = "Grassroots Emulation Fighter (CSTDCS)"
RETURN_REASON = "Chưa đăng ký danh hiệu cho ông Giàng Seo Phử; bổ sung rồi gửi lại."


# --- helpers (copied small on purpose: test modules do not import each other) -----------------


def sign_out(page):
    """Through the account menu, as a user would: open the dropdown, press "Sign out"."""
    page.locator("#main-nav .navbar-nav").last.locator(".dropdown-toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def field(page, label):
    """A form control by its visible label, allowing the required mark (*) crispy adds."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def success(page):
    return page.locator(".alert-success").first


def state_badge(page):
    return page.locator("main .state-badge").first


def campaigns_panel(page):
    return page.locator("section[aria-labelledby='campaigns-panel-heading']")


def focus_by_tabbing(page, condition, *, key="Tab", limit=MAX_TABS):
    """Press Tab until the JavaScript predicate `condition` holds for document.activeElement
    (`el`); bounded, so an unreachable control fails the test instead of looping forever."""
    predicate = f"() => {{ const el = document.activeElement; return !!el && ({condition}); }}"
    for presses in range(limit + 1):
        if page.evaluate(predicate):
            return presses
        page.keyboard.press(key)
    where = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"{limit} presses of {key} never reached {condition}; focus is on {where}")


def audit_trail(obj, actions):
    return list(
        AuditEntry.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=str(obj.pk),
            action__in=actions,
        )
        .order_by("at", "pk")
        .values_list("action", "from_state", "to_state", "actor__username", "reason")
    )


@pytest.fixture
def people_a(tree):
    """Two active people directly in UNIT-A (and one who left, who must not be offered)."""
    first = PersonFactory(code="PA1", full_name="Vàng Thị Mỷ", sex="F", unit=tree["a"],
                          position="Chuyên viên")  # fmt: skip
    second = PersonFactory(code="PA2", full_name="Giàng Seo Phử", sex="M", unit=tree["a"],
                           position="Kế toán")  # fmt: skip
    PersonFactory(code="PA9", full_name="Sùng Mí Chớ", unit=tree["a"], is_active=False)
    return first, second


# --- 1. a campaign, from draft to the target unit's home page ---------------------------------


def test_officer_launches_a_campaign_that_the_target_units_clerk_then_sees(
    page, live_server, officer, clerk_a, tree, tmp_path
):
    unit_a = tree["a"]
    clerk_b = UserFactory(username="clerk_meo_vac", first_name="Clerk_Meo_Vac")
    MembershipFactory(user=clerk_b, unit=tree["b"], role=Role.CLERK)
    today = timezone.localdate()
    opens, closes = today - timedelta(days=10), today + timedelta(days=60)

    # The officer drafts the campaign from the Campaigns page.
    sign_in(page, live_server, "officer", PASSWORD)
    page.locator("#main-nav").get_by_role("button", name="Awards", exact=True).click()
    with page.expect_navigation():
        page.locator("#main-nav").get_by_role("link", name="Campaigns", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{reverse('campaign_list')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emulation campaigns")
    with page.expect_navigation():
        page.get_by_role("link", name="New campaign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New campaign")

    field(page, "Name").fill(CAMPAIGN_NAME)
    field(page, "Type").select_option(label="Annual")
    field(page, "Year").fill(str(YEAR))
    # Plain text date boxes, typed the Vietnamese way: dd/mm/yyyy.
    expect(field(page, "Nominations open")).to_have_attribute("placeholder", "dd/mm/yyyy")
    field(page, "Starts on").fill("01/01/2025")
    field(page, "Ends on").fill("31/12/2025")
    field(page, "Description").fill(CAMPAIGN_DESCRIPTION)
    field(page, "Nominations open").fill(opens.strftime("%d/%m/%Y"))
    field(page, "Nominations close").fill(closes.strftime("%d/%m/%Y"))
    for _code, label in CAMPAIGN_AWARDS:
        page.get_by_label(label, exact=True).check()
    # The target units are typed: a part of the name, completed from the suggestions.
    targets = field(page, "Target units")
    targets.fill("dong van")
    page.get_by_role("option", name=f"{unit_a.name} {unit_a.code}").click()
    expect(targets).to_have_value(f"{unit_a.code}, ")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()

    campaign = Campaign.objects.get()
    detail_url = reverse("campaign_detail", args=[campaign.pk])
    expect(page).to_have_url(f"{live_server.url}{detail_url}")
    expect(success(page)).to_contain_text(f"“{CAMPAIGN_NAME}” was saved as a draft.")
    expect(page.get_by_role("heading", level=1)).to_have_text(CAMPAIGN_NAME)
    expect(state_badge(page)).to_have_text("Draft")
    expect(page.locator("main dl")).to_contain_text(
        f"{opens.strftime('%d/%m/%Y')} – {closes.strftime('%d/%m/%Y')}"
    )
    expect(page.locator("main dl")).to_contain_text(unit_a.name)
    award_table = page.locator("section[aria-labelledby='award-types-heading'] table")
    for code, _label in CAMPAIGN_AWARDS:
        expect(award_table.get_by_role("cell", name=code, exact=True)).to_be_visible()
    assert campaign.state == Campaign.State.DRAFT
    assert campaign.year == YEAR
    assert campaign.type == Campaign.Type.ANNUAL
    assert (campaign.nominations_open, campaign.nominations_close) == (opens, closes)
    assert sorted(campaign.award_types.values_list("code", flat=True)) == sorted(
        code for code, _label in CAMPAIGN_AWARDS
    )
    assert list(campaign.target_units.values_list("code", flat=True)) == ["UNIT-A"]

    # The plan, attached as a PDF.
    documents = page.locator("#documents")
    expect(documents).to_contain_text("No document attached.")
    pdf = tmp_path / DOCUMENT_FILE
    pdf.write_bytes(PDF_BYTES)
    field(documents, "Title").fill(DOCUMENT_TITLE)
    field(documents, "File").set_input_files(str(pdf))
    with page.expect_navigation():
        documents.get_by_role("button", name="Attach").click()
    expect(success(page)).to_contain_text(f"“{DOCUMENT_TITLE}” was attached.")
    expect(documents.locator(".list-group-item")).to_have_count(1)
    expect(documents.get_by_role("link", name=DOCUMENT_TITLE)).to_be_visible()
    document = campaign.documents.get()
    assert document.title == DOCUMENT_TITLE
    with document.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES

    # Launched: the state badge changes and the launch button goes away.
    with page.expect_navigation():
        page.get_by_role("button", name="Launch").click()
    expect(success(page)).to_contain_text(f"“{CAMPAIGN_NAME}” was launched")
    expect(state_badge(page)).to_have_text("Launched")
    expect(page.get_by_role("button", name="Launch")).to_have_count(0)
    expect(page.get_by_role("button", name="Close")).to_be_visible()
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.OPEN
    assert audit_trail(campaign, ["campaign.create", "campaign.open"]) == [
        ("campaign.create", "", "draft", "officer", ""),
        ("campaign.open", "draft", "open", "officer", ""),
    ]
    sign_out(page)

    # The clerk of the target unit finds it on the home page, with its document.
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("home"))
    panel = campaigns_panel(page)
    expect(panel.get_by_role("heading", name="Emulation campaigns")).to_be_visible()
    panel_row = panel.locator("tbody tr", has=page.get_by_role("link", name=CAMPAIGN_NAME))
    expect(panel_row).to_have_count(1)
    expect(panel_row).to_contain_text("accepting")
    with page.expect_navigation():
        panel_row.get_by_role("link", name=CAMPAIGN_NAME).click()
    expect(page).to_have_url(f"{live_server.url}{detail_url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(CAMPAIGN_NAME)
    expect(state_badge(page)).to_have_text("Launched")
    document_link = page.locator("#documents").get_by_role("link", name=DOCUMENT_TITLE)
    expect(document_link).to_be_visible()
    # A clerk manages nothing here.
    expect(page.get_by_role("button", name="Close")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.locator("#documents input[type=file]")).to_have_count(0)
    with page.expect_download() as download_info:
        document_link.click()
    download = download_info.value
    assert download.suggested_filename == DOCUMENT_FILE
    with open(download.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF-1.4\n")
    # It is listed among the campaigns as well.
    page.goto(reverse("campaign_list"))
    expect(
        page.locator("table.campaign-table").get_by_role("link", name=CAMPAIGN_NAME)
    ).to_be_visible()
    sign_out(page)

    # The clerk of another unit does not see it at all.
    sign_in(page, live_server, "clerk_meo_vac", PASSWORD)
    page.goto(reverse("home"))
    expect(campaigns_panel(page)).to_contain_text("No launched campaign is open for your units.")
    expect(page.get_by_role("link", name=CAMPAIGN_NAME)).to_have_count(0)
    page.goto(reverse("campaign_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Emulation campaigns")
    expect(page.locator("main [role=status]")).to_have_text("0 campaigns")
    expect(page.locator("main")).to_contain_text("No campaign matches.")
    expect(page.get_by_role("link", name=CAMPAIGN_NAME)).to_have_count(0)
    # Its address, typed in: a 404 page. Chromium logs every 404 response as a console error,
    # so the expected one is opened in a second tab of the same signed-in session, watched here
    # for every other error (CSP violations, JavaScript exceptions) instead of by the fixture.
    tab = page.context.new_page()
    tab_errors = []
    tab.on("console", lambda m: m.type == "error" and tab_errors.append(m.text))
    tab.on("pageerror", lambda error: tab_errors.append(f"JavaScript exception: {error}"))
    try:
        response = tab.goto(detail_url)
        assert response is not None and response.status == 404
        expect(tab.get_by_role("heading", level=1)).to_have_text("Not found")
        expect(tab.locator("main")).to_contain_text("belongs to a unit you do not have access to")
        expect(tab.locator("main")).not_to_contain_text(CAMPAIGN_NAME)
        download_url = reverse("campaign_document_download", args=[campaign.pk, document.pk])
        assert tab.request.get(f"{live_server.url}{download_url}").status == 404
        tab.evaluate("0")  # a round trip, so events already sent have been delivered
        unexpected = [text for text in tab_errors if "status of 404 (Not Found)" not in text]
        assert unexpected == [], unexpected
    finally:
        tab.close()


# --- 2. a registration, returned once, then approved ------------------------------------------


def test_clerk_registers_titles_and_officer_returns_then_approves(
    page, live_server, clerk_a, officer, tree, people_a
):
    unit = tree["a"]
    first, second = people_a
    edit_url = reverse("registration_edit", args=[unit.pk, YEAR])
    list_url = f"{reverse('registration_list')}?year={YEAR}"

    # 1. The clerk registers the unit's collective title and one person's title, and submits.
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(list_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Emulation registrations, {YEAR}")
    row = page.locator("table.registration-table tbody tr", has=page.locator(
        f"a[href='{edit_url}']"))  # fmt: skip
    expect(row.locator(".state-badge")).to_have_text("Not registered")
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile(r"^Register")).click()
    expect(page).to_have_url(f"{live_server.url}{edit_url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Emulation registration {YEAR}: {unit.name}"
    )
    expect(state_badge(page)).to_have_text("Not registered")
    # Only the unit's active people are offered.
    expect(page.locator("main table tbody tr")).to_have_count(2)
    expect(page.locator("main table")).not_to_contain_text("Sùng Mí Chớ")

    collective = field(page, "Collective title the unit aims for")
    expect(collective.locator("option", has_text="Advanced Labour Collective")).to_have_text(
        COLLECTIVE_LABEL
    )
    expect(collective.locator("option", has_text="Tập thể lao động tiên tiến")).to_have_count(0)
    collective.select_option(label=COLLECTIVE_LABEL)
    first_select = page.get_by_label(first.full_name, exact=True)
    second_select = page.get_by_label(second.full_name, exact=True)
    expect(first_select).to_have_value("")
    first_select.select_option(label=FIRST_TITLE_LABEL)
    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit").click()
    expect(success(page)).to_contain_text(
        f"The registration of {unit.name} for {YEAR} was submitted."
    )
    expect(state_badge(page)).to_have_text("Submitted")
    expect(page.locator("main [role=status]").first).to_contain_text("awaits review")
    expect(collective).to_be_disabled()
    expect(collective.locator("option:checked")).to_have_text(COLLECTIVE_LABEL)
    expect(first_select.locator("option:checked")).to_have_text(FIRST_TITLE_LABEL)
    expect(page.get_by_role("button", name="Save and submit")).to_have_count(0)
    registration = Registration.objects.get(unit=unit, year=YEAR)
    assert registration.state == Registration.State.SUBMITTED
    sign_out(page)

    # 2. The officer finds it on the home page and returns it; a reason is required.
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(reverse("home"))
    panel = campaigns_panel(page)
    expect(panel).to_contain_text("1 registration awaits your review")
    with page.expect_navigation():
        panel.get_by_role("link", name=str(YEAR)).click()
    row = page.locator("table.registration-table tbody tr", has=page.locator(
        f"a[href='{edit_url}']"))  # fmt: skip
    expect(row.locator(".state-badge")).to_have_text("Submitted")
    expect(row).to_contain_text("Advanced Labour Collective")
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile(r"^Open")).click()
    expect(page).to_have_url(f"{live_server.url}{edit_url}")

    page.locator("details.workflow-reason summary", has_text="Return for correction").click()
    reason = page.locator(f"#reason-return-{unit.pk}")
    expect(reason).to_be_visible()
    return_button = page.locator("form[action$='/return/'] button[type=submit]")
    # Empty: the browser refuses to send the form (the textarea is required).
    return_button.click()
    assert reason.evaluate("el => el.validity.valueMissing") is True
    expect(page).to_have_url(f"{live_server.url}{edit_url}")
    # Only spaces: the browser lets it through, the server refuses.
    reason.fill("   ")
    with page.expect_navigation():
        return_button.click()
    expect(page.locator(".alert-danger").first).to_contain_text("Return for correction")
    expect(state_badge(page)).to_have_text("Submitted")
    registration.refresh_from_db()
    assert registration.state == Registration.State.SUBMITTED

    page.locator("details.workflow-reason summary", has_text="Return for correction").click()
    page.locator(f"#reason-return-{unit.pk}").fill(RETURN_REASON)
    with page.expect_navigation():
        page.locator("form[action$='/return/'] button[type=submit]").click()
    expect(success(page)).to_contain_text(
        f"The registration of {unit.name} for {YEAR} was returned to the unit."
    )
    expect(state_badge(page)).to_have_text("Returned")
    sign_out(page)

    # 3. The clerk reads the reason, adds the missing title and submits again.
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(list_url)
    row = page.locator("table.registration-table tbody tr", has=page.locator(
        f"a[href='{edit_url}']"))  # fmt: skip
    expect(row.locator(".state-badge")).to_have_text("Returned")
    expect(row).to_contain_text(RETURN_REASON)
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile(r"^Edit")).click()
    notice = page.locator(".alert-warning", has_text="Returned for correction:")
    expect(notice).to_contain_text(RETURN_REASON)
    expect(state_badge(page)).to_have_text("Returned")
    expect(collective).to_be_enabled()
    expect(collective.locator("option:checked")).to_have_text(COLLECTIVE_LABEL)
    expect(first_select.locator("option:checked")).to_have_text(FIRST_TITLE_LABEL)
    expect(second_select).to_have_value("")
    second_select.select_option(label=SECOND_TITLE_LABEL)
    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit").click()
    expect(success(page)).to_contain_text(
        f"The registration of {unit.name} for {YEAR} was submitted."
    )
    expect(state_badge(page)).to_have_text("Submitted")
    expect(second_select.locator("option:checked")).to_have_text(SECOND_TITLE_LABEL)
    sign_out(page)

    # 4. The officer approves it.
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(edit_url)
    expect(state_badge(page)).to_have_text("Submitted")
    expect(second_select.locator("option:checked")).to_have_text(SECOND_TITLE_LABEL)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Approve")).click()
    expect(success(page)).to_contain_text(
        f"The registration of {unit.name} for {YEAR} was approved."
    )
    expect(state_badge(page)).to_have_text("Approved")
    expect(page.locator(".alert-success", has_text="The registration is approved.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Approve"))).to_have_count(0)

    # 5. Registered vs achieved: three titles, none achieved yet.
    page.goto(f"{reverse('registration_results')}?year={YEAR}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Registered vs achieved, {YEAR}")
    expect(page.locator("main p[role=status]")).to_have_text("0 of 3 registered titles achieved")
    section = page.locator(f"section[aria-labelledby='unit-{unit.pk}']")
    expect(section.locator(".state-badge")).to_have_text("Approved")
    expect(section.get_by_role("heading")).to_contain_text("0 / 3 achieved")
    results = section.locator("table.results-table tbody tr")
    expect(results).to_have_count(3)
    expected_rows = [
        (unit.name, "Advanced Labour Collective", "TTLDTT"),
        (first.full_name, "Advanced Worker", "LDTT"),
        (second.full_name, "Grassroots Emulation Fighter", "CSTDCS"),
    ]
    for subject, title, code in expected_rows:
        result_row = results.filter(has_text=subject).filter(has_text=title)
        expect(result_row).to_have_count(1)
        expect(result_row).to_contain_text(code)
        expect(result_row.locator(".result-pending")).to_have_text("not yet")
    expect(section.locator(".result-achieved")).to_have_count(0)
    expect(results.first).to_contain_text("(collective)")

    # What the database holds.
    registration.refresh_from_db()
    assert registration.state == Registration.State.APPROVED
    assert registration.collective_award.code == "TTLDTT"
    assert sorted(registration.lines.values_list("person__code", "award_type__code")) == [
        ("PA1", "LDTT"),
        ("PA2", "CSTDCS"),
    ]
    assert audit_trail(
        registration,
        ["registration.submitted", "registration.returned", "registration.approved"],
    ) == [
        ("registration.submitted", "draft", "submitted", "clerk_a", ""),
        ("registration.returned", "submitted", "returned", "officer", RETURN_REASON),
        ("registration.submitted", "returned", "submitted", "clerk_a", ""),
        ("registration.approved", "submitted", "approved", "officer", ""),
    ]
    assert audit_trail(registration, ["registration.save"]) == [
        ("registration.save", "", "draft", "clerk_a", ""),
        ("registration.save", "returned", "returned", "clerk_a", ""),
    ]


# --- 3. the ratings grid, keyboard only -------------------------------------------------------


def test_clerk_rates_the_unit_and_its_people_in_the_grid(
    page, live_server, clerk_a, tree, people_a
):
    unit = tree["a"]
    first, second = people_a
    grid_url = reverse("ratings_grid", args=[unit.pk, RATING_YEAR])
    # Field name → (keys pressed on the focused select, value expected, label shown).
    plan = {
        f"unit_{unit.pk}": (["ArrowDown"], "HTXSNV", "HTXSNV — Excellently completed duties"),
        f"person_{first.pk}": (
            ["ArrowDown", "ArrowDown"],
            "HTTNV",
            "HTTNV — Well completed duties",
        ),
        f"person_{second.pk}": ("HTN", "HTNV", "HTNV — Completed duties"),
    }

    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(grid_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ratings {RATING_YEAR}: {unit.name}")
    selects = page.locator("#ratings-grid select")
    expect(selects).to_have_count(3)
    names = selects.evaluate_all("els => els.map(el => el.name)")
    assert names[0] == f"unit_{unit.pk}"  # the collective rating comes first
    assert sorted(names) == sorted(plan)
    for name in names:
        expect(page.locator(f"#ratings-grid select[name='{name}']")).to_have_value("")

    # Tab from the top of the page to each select in turn and choose with the keyboard.
    page.locator("body").focus()
    for name in names:
        focus_by_tabbing(page, f"el.tagName === 'SELECT' && el.name === {name!r}")
        keys, value, _label = plan[name]
        if isinstance(keys, str):
            page.keyboard.type(keys)
        else:
            for key in keys:
                page.keyboard.press(key)
        expect(page.locator(f"#ratings-grid select[name='{name}']")).to_have_value(value)
    focus_by_tabbing(page, "el.type === 'submit' && !!el.closest('#ratings-grid')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}{grid_url}")
    expect(success(page)).to_have_text("3 ratings were saved.")
    for name, (_keys, value, label) in plan.items():
        select = page.locator(f"#ratings-grid select[name='{name}']")
        expect(select).to_have_value(value)
        expect(select.locator("option:checked")).to_have_text(label)
    expect(page.locator("main p.small").first).to_contain_text("2 of 2 active people rated")

    # What the database holds.
    stored = {
        (rating.person.code if rating.person_id else rating.unit.code): rating.rating
        for rating in AnnualRating.objects.filter(year=RATING_YEAR).select_related("person", "unit")
    }
    assert stored == {"UNIT-A": "HTXSNV", "PA1": "HTTNV", "PA2": "HTNV"}
    assert not AnnualRating.objects.exclude(year=RATING_YEAR).exists()
