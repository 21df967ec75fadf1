"""Award journeys through the browser: a clerk nominates their unit for the provincial emulation
flag, watches the eligibility checklist turn from failing to passing once the unit's figures are
entered and approved, uploads the dossier and submits; an officer returns it with a reason, the
clerk corrects and resubmits, the officer accepts it for the council."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Nomination
from indicators.models import DataStatus, IndicatorValue
from organizations.models import AuditEntry
from tests.awards.factories import CampaignFactory, ClusterFactory, ClusterMemberFactory
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.files import pdf_bytes
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

YEAR = 2025
FLAG = "CO_TINH"
FLAG_NAME_EN = "Provincial People's Committee Emulation Flag"
INDICATOR_RULE = "Indicator targets met"
CLUSTER_RULE = "Voted leading unit of a cluster or block"
# The dossier the catalogue asks for with the flag: (code, label shown, file name uploaded).
DOSSIER = [
    ("to_trinh", "Tờ trình / văn bản đề nghị (Mẫu 01)", "to-trinh-co-thi-dua.pdf"),
    ("bao_cao_thanh_tich", "Báo cáo thành tích", "bao-cao-thanh-tich-2025.pdf"),
    ("bien_ban_hoi_dong", "Biên bản họp Hội đồng Thi đua – Khen thưởng", "bien-ban-hoi-dong.pdf"),
    ("bien_ban_cum_khoi", "Biên bản họp, bình xét của cụm/khối thi đua", "bien-ban-cum.pdf"),
]
SUMMARY = "Dẫn đầu cụm thi đua các huyện vùng cao năm 2025; hoàn thành vượt mức mọi chỉ tiêu."
SUMMARY_FIXED = SUMMARY + " Đã bổ sung số liệu giải quyết việc làm theo yêu cầu của Sở."
RETURN_REASON = "Báo cáo thành tích thiếu số liệu giải quyết việc làm quý IV; bổ sung vào tóm tắt."


# --- helpers (copied small on purpose: test modules do not import each other) -----------------


def sign_out(page):
    """Through the account menu, as a user would: open the dropdown, press "Sign out"."""
    page.locator("#main-nav .navbar-nav").last.locator(".dropdown-toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def pdf(path):
    """A tiny file that is a PDF by its first bytes, which is what the upload checks."""
    path.write_bytes(pdf_bytes("To trinh"))
    return path


def checklist_row(page, label):
    return page.locator(".eligibility-checklist li.list-group-item", has_text=label)


def dossier_row(page, label):
    header = page.get_by_role("rowheader", name=label, exact=True)
    return page.locator("table.dossier-table tbody tr", has=header)


def success(page):
    return page.locator(".alert-success").first


def open_nomination_from_list(page, nomination_url):
    page.goto(reverse("nomination_list"))
    with page.expect_navigation():
        page.locator(f"table a[href='{nomination_url}']").click()


def timeline_items(page):
    return page.locator("#timeline ol.timeline > li")


@pytest.fixture
def flag_setting(tree):
    """An open 2025 campaign accepting every award, UNIT-A voted leading unit of its cluster in
    2025, and one indicator with a 2025 target for UNIT-A but no result yet."""
    campaign = CampaignFactory(name="Phong trào thi đua yêu nước năm 2025", year=YEAR)
    assert campaign.award_types.filter(code=FLAG).exists()
    cluster = ClusterFactory(name="Cụm thi đua các huyện vùng cao", kind="cluster", year=YEAR)
    ClusterMemberFactory(cluster=cluster, unit=tree["a"], role="winner")
    ClusterMemberFactory(cluster=cluster, unit=tree["b"], role="member")
    jobs = IndicatorFactory(
        code="VIEC_LAM", name="Số lao động được tạo việc làm", unit_of_measure="người",
        display_order=1,
    )  # fmt: skip
    IndicatorValueFactory(indicator=jobs, unit=tree["a"], year=YEAR, target=100, result=None)
    return {"campaign": campaign, "cluster": cluster, "jobs": jobs}


# --- the journey -------------------------------------------------------------------------------


def test_clerk_nominates_unit_for_flag_officer_returns_then_accepts(
    page, live_server, clerk_a, officer, tree, flag_setting, tmp_path
):
    unit = tree["a"]
    campaign, jobs = flag_setting["campaign"], flag_setting["jobs"]

    # 1. The clerk starts a nomination of the unit for the flag.
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("nomination_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My units' nominations")
    with page.expect_navigation():
        page.get_by_role("link", name="New nomination").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('nomination_create')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("New nomination")

    page.get_by_label("Campaign").select_option(label=campaign.name)
    award = page.locator("#id_award_type")  # labelled "Award*" (required mark)
    award.select_option(label=FLAG_NAME_EN)
    # A collective award: the person field is switched off, the unit field stays on.
    expect(page.get_by_label("Person nominated")).to_be_disabled()
    # The unit is looked up by a part of its name, typed without diacritics, and picked.
    unit_box = page.get_by_role("combobox", name="Unit nominated")
    expect(unit_box).to_be_enabled()
    unit_box.fill("dong van")
    page.get_by_role("option", name=f"{unit.name} {unit.code}").click()
    expect(unit_box).to_have_value(unit.code)
    expect(page.locator("#div_id_unit")).to_contain_text(unit.name)
    page.get_by_label("Commendation type").select_option(label="Merit (annual)")
    page.get_by_label("Achievement summary").fill(SUMMARY)

    # The checklist before saving: the cluster rule passes, the indicator rule fails.
    with page.expect_navigation():
        page.get_by_role("button", name="Check eligibility").click()
    expect(page.locator("#checklist")).to_contain_text("Nothing was saved yet.")
    expect(checklist_row(page, CLUSTER_RULE).locator(".badge").first).to_have_text("Pass")
    expect(checklist_row(page, INDICATOR_RULE).locator(".badge").first).to_have_text("Fail")
    assert not Nomination.objects.exists()

    with page.expect_navigation():
        page.get_by_role("button", name="Create the draft").click()
    nomination = Nomination.objects.get()
    detail_url = reverse("nomination_detail", args=[nomination.pk])
    expect(page).to_have_url(f"{live_server.url}{detail_url}")
    expect(success(page)).to_contain_text("The nomination was created as a draft.")
    expect(page.locator(".state-badge")).to_have_text("Draft")
    expect(page.locator("p.lead")).to_contain_text(FLAG_NAME_EN)

    cluster_row = checklist_row(page, CLUSTER_RULE)
    expect(cluster_row.locator(".badge").first).to_have_text("Pass")
    expect(cluster_row).to_contain_text(f"Voted leading unit of {flag_setting['cluster'].name}")
    indicator_row = checklist_row(page, INDICATOR_RULE)
    expect(indicator_row).to_have_class(re.compile(r"list-group-item-danger"))
    expect(indicator_row.locator(".badge").first).to_have_text("Fail")
    expect(indicator_row).to_contain_text("blocking")
    expect(indicator_row).to_contain_text(
        f"The unit's indicator figures for {YEAR} are not approved yet"
    )
    expect(page.locator(".eligibility-checklist [role=status]")).to_contain_text(
        "At least one blocking rule fails"
    )
    submit = page.get_by_role("button", name="Submit", exact=True)
    expect(submit).to_be_disabled()
    blockers = page.locator("#submit-blockers li")
    expect(blockers.filter(has_text=INDICATOR_RULE)).to_have_count(1)
    expect(blockers.filter(has_text="Missing document")).to_have_count(len(DOSSIER))

    # 2. The missing result goes into the figures grid; the year is submitted and approved.
    page.goto(f"{reverse('figures_status')}?year={YEAR}")
    row = page.locator("table.status-table tbody tr", has=page.get_by_role(
        "link", name=unit.display_name, exact=True))  # fmt: skip
    with page.expect_navigation():
        row.get_by_role("link", name="Enter figures").click()
    result_cell = page.locator(f"#entry-grid input[name='i{jobs.pk}-result']")
    expect(page.locator(f"#entry-grid input[name='i{jobs.pk}-target']")).to_have_value("100")
    expect(result_cell).to_have_value("")
    result_cell.fill("120")
    with page.expect_navigation():
        page.locator("#entry-save").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved: 1 indicator changed.")
    expect(result_cell).to_have_value("120")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".state-badge")).to_have_text("Submitted")

    # Submitted is not approved yet: the rule still fails.
    page.goto(detail_url)
    expect(checklist_row(page, INDICATOR_RULE).locator(".badge").first).to_have_text("Fail")

    sign_out(page)
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{reverse('figures_status')}?year={YEAR}")
    row = page.locator("table.status-table tbody tr", has=page.get_by_role(
        "link", name=unit.display_name, exact=True))  # fmt: skip
    with page.expect_navigation():
        row.get_by_role("button", name="Approve").click()
    expect(row.locator(".state-badge")).to_have_text("Approved")
    assert DataStatus.objects.get(unit=unit, year=YEAR).state == DataStatus.State.APPROVED
    assert IndicatorValue.objects.get(indicator=jobs, unit=unit, year=YEAR).result == 120
    sign_out(page)

    sign_in(page, live_server, "clerk_a", PASSWORD)
    open_nomination_from_list(page, detail_url)
    indicator_row = checklist_row(page, INDICATOR_RULE)
    expect(indicator_row.locator(".badge").first).to_have_text("Pass")
    expect(indicator_row).not_to_have_class(re.compile(r"list-group-item-danger"))
    expect(indicator_row).to_contain_text(f"1 of 1 approved targets met in {YEAR}")
    expect(page.locator(".eligibility-checklist [role=status]")).to_contain_text(
        "No blocking rule fails."
    )
    # Only the dossier holds the nomination back now.
    expect(submit).to_be_disabled()
    expect(blockers.filter(has_text=INDICATOR_RULE)).to_have_count(0)
    expect(blockers).to_have_count(len(DOSSIER))

    # 3. The dossier, one upload form per required document; then the nomination is submitted.
    expect(page.locator("#dossier")).to_contain_text(
        f"{len(DOSSIER)} required documents are missing."
    )
    for _code, label, filename in DOSSIER:
        row = dossier_row(page, label)
        expect(row.locator(".badge")).to_have_text("Missing")
        row.locator("input[type=file]").set_input_files(str(pdf(tmp_path / filename)))
        with page.expect_navigation():
            row.get_by_role("button", name="Upload").click()
        expect(success(page)).to_contain_text(f"“{filename}” was added to the dossier.")
        row = dossier_row(page, label)
        expect(row.get_by_role("link", name=filename)).to_be_visible()
        expect(row).to_contain_text("Clerk_A")
        expect(row.get_by_role("button", name="Replace")).to_be_visible()
    expect(page.locator("#dossier")).to_contain_text("Every required document is uploaded.")
    assert sorted(nomination.documents.values_list("kind", flat=True)) == sorted(
        code for code, _label, _name in DOSSIER
    )

    submit = page.get_by_role("button", name="Submit", exact=True)
    expect(submit).to_be_enabled()
    expect(page.locator("#submit-blockers")).to_have_count(0)
    with page.expect_navigation():
        submit.click()
    expect(success(page)).to_contain_text("The nomination was submitted")
    expect(page.locator(".state-badge")).to_have_text("Submitted")
    # Stored with it: the checklist and the unit's indicator report, as copies.
    expect(page.locator(".eligibility-checklist")).to_contain_text("Stored at submission")
    expect(page.locator("#evidence")).to_contain_text("VIEC_LAM")
    expect(page.locator("#evidence")).to_contain_text("met")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.locator("table.dossier-table input[type=file]")).to_have_count(0)
    sign_out(page)

    # 4. The officer returns it; a reason is required.
    sign_in(page, live_server, "officer", PASSWORD)
    open_nomination_from_list(page, detail_url)
    expect(page.locator(".state-badge")).to_have_text("Submitted")
    page.locator("details.workflow-reason summary", has_text="Return to the unit").click()
    reason = page.locator("#reason-return")
    expect(reason).to_be_visible()
    return_button = page.locator("form[action$='/return/'] button[type=submit]")
    # Empty: the browser refuses to send the form (the textarea is required).
    return_button.click()
    assert reason.evaluate("el => el.validity.valueMissing") is True
    expect(page).to_have_url(f"{live_server.url}{detail_url}")
    assert Nomination.objects.get().state == Nomination.State.SUBMITTED
    # Only spaces: the browser lets it through, the server refuses.
    reason.fill("   ")
    with page.expect_navigation():
        return_button.click()
    expect(page.locator(".alert-danger").first).to_contain_text("Give a reason.")
    expect(page.locator(".state-badge")).to_have_text("Submitted")
    assert Nomination.objects.get().state == Nomination.State.SUBMITTED

    page.locator("details.workflow-reason summary", has_text="Return to the unit").click()
    page.locator("#reason-return").fill(RETURN_REASON)
    with page.expect_navigation():
        page.locator("form[action$='/return/'] button[type=submit]").click()
    expect(success(page)).to_contain_text("The nomination was returned to the unit.")
    expect(page.locator(".state-badge")).to_have_text("Returned")
    returned_item = timeline_items(page).filter(has_text=RETURN_REASON)
    expect(returned_item).to_have_count(1)
    expect(returned_item).to_contain_text("Returned")
    expect(returned_item).to_contain_text("Officer")
    sign_out(page)

    # 5. The clerk reads the reason, corrects the summary and resubmits.
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(reverse("nomination_list"))
    listed = page.locator("table tbody tr", has=page.locator(f"a[href='{detail_url}']"))
    expect(listed.locator(".state-badge")).to_have_text("Returned")
    with page.expect_navigation():
        listed.locator(f"a[href='{detail_url}']").click()
    notice = page.get_by_role("alert").filter(has_text="Returned by Officer")
    expect(notice).to_contain_text(RETURN_REASON)
    expect(notice).to_contain_text("Correct what is asked, then resubmit")

    with page.expect_navigation():
        page.get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(
        f"{live_server.url}{reverse('nomination_update', args=[nomination.pk])}"
    )
    summary = page.get_by_label("Achievement summary")
    expect(summary).to_have_value(SUMMARY)
    summary.fill(SUMMARY_FIXED)
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{detail_url}")
    expect(success(page)).to_contain_text("The changes were saved.")
    expect(page.locator("#summary-heading + div")).to_contain_text(SUMMARY_FIXED)
    expect(checklist_row(page, INDICATOR_RULE).locator(".badge").first).to_have_text("Pass")

    resubmit = page.get_by_role("button", name="Resubmit")
    expect(resubmit).to_be_enabled()
    with page.expect_navigation():
        resubmit.click()
    expect(page.locator(".state-badge")).to_have_text("Resubmitted")
    sign_out(page)

    # 6. The officer accepts it for the council.
    sign_in(page, live_server, "officer", PASSWORD)
    open_nomination_from_list(page, detail_url)
    expect(page.locator(".state-badge")).to_have_text("Resubmitted")
    expect(page.locator("#summary-heading + div")).to_contain_text(SUMMARY_FIXED)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept for the council").click()
    expect(success(page)).to_contain_text("The nomination was accepted for the council.")
    expect(page.locator(".state-badge")).to_have_text("Accepted for the council")
    expect(page.locator("#actions-heading")).to_have_count(0)

    # The timeline tells every step, with who did it.
    items = timeline_items(page)
    steps = [
        ("Created", "Draft", "Clerk_A"),
        ("Submitted", r"Draft\s+(to\s+)?Submitted", "Clerk_A"),
        ("Returned", r"Submitted\s+(to\s+)?Returned", "Officer"),
        ("Edited", "Achievement summary changed", "Clerk_A"),
        ("Resubmitted", r"Returned\s+(to\s+)?Resubmitted", "Clerk_A"),
        ("Accepted", r"Resubmitted\s+(to\s+)?Accepted for the council", "Officer"),
    ]
    texts = [re.sub(r"\s+", " ", text) for text in items.all_inner_texts()]
    uploads = [t for t in texts if t.startswith("Document uploaded")]
    assert len(uploads) == len(DOSSIER), texts
    for _code, _label, filename in DOSSIER:
        assert any(filename in t and "Clerk_A" in t for t in uploads), (filename, uploads)
    flow = [t for t in texts if not t.startswith("Document uploaded")]
    assert len(flow) == len(steps), flow
    for text, (label, states, who) in zip(flow, steps, strict=True):
        assert text.startswith(label), (label, text)
        assert re.search(states, text), (states, text)
        assert who in text, (who, text)
    assert RETURN_REASON in flow[2]

    # What the database holds.
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.ACCEPTED
    assert nomination.summary == SUMMARY_FIXED
    stored = {rule["rule"]: rule for rule in nomination.eligibility}
    assert stored["indicator_targets_met"]["outcome"] == "pass"
    assert stored["cluster_leader"]["outcome"] == "pass"
    assert not any(r["outcome"] == "fail" and r["blocking"] for r in nomination.eligibility)
    evidence = {row["indicator"]: row for row in nomination.indicator_evidence}
    assert evidence["VIEC_LAM"]["state"] == DataStatus.State.APPROVED
    assert evidence["VIEC_LAM"]["met"] is True

    transitions = list(
        AuditEntry.objects.filter(
            content_type__app_label="awards",
            content_type__model="nomination",
            object_id=str(nomination.pk),
            action__in=[
                "nomination.create",
                "nomination.submit",
                "nomination.return",
                "nomination.accept",
            ],
        )
        .order_by("at", "pk")
        .values_list("action", "from_state", "to_state", "actor__username", "reason")
    )
    assert transitions == [
        ("nomination.create", "", "draft", "clerk_a", ""),
        ("nomination.submit", "draft", "submitted", "clerk_a", ""),
        ("nomination.return", "submitted", "returned", "officer", RETURN_REASON),
        ("nomination.submit", "returned", "resubmitted", "clerk_a", ""),
        ("nomination.accept", "resubmitted", "accepted", "officer", ""),
    ]
    assert AuditEntry.objects.filter(
        object_id=str(nomination.pk), action="nomination.document_upload"
    ).count() == len(DOSSIER)
