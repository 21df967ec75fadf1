"""Proposals upward and revocation through the browser: the Director drafts and signs a proposal
of two passed nominees for the provincial Diploma of Merit, prints it; an officer records the
chairman's decision (one granted, one still pending); the nominee's page says where it stands;
the Director then revokes the granted award from the award history and sees its flags."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import AwardRecord, Nomination, Proposal, Revocation
from tests.awards.factories_proposals import dossier_file, passed
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factories import PersonFactory
from tests.files import pdf_bytes


def sign_out(page):
    page.locator("#main-nav .navbar-nav").last.locator(".dropdown-toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def success(page):
    return page.locator(".alert-success").first


@pytest.fixture
def nominees(tree, person_a):
    other = PersonFactory(code="PA2", full_name="Giàng Seo Phử", unit=tree["a"])
    first, second = passed(person_a), passed(other)
    dossier_file(first, "to-trinh.pdf", pdf_bytes("To trinh"))
    return first, second


def test_director_proposes_officer_records_the_answer_then_director_revokes(
    page, live_server, approver, officer, tree, person_a, nominees
):
    first, second = nominees

    # 1. The Director drafts the proposal from the Awards menu.
    sign_in(page, live_server, "approver", PASSWORD)
    page.goto(reverse("home"))
    page.get_by_role("button", name="Awards").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Proposals upward").click()
    with page.expect_navigation():
        page.get_by_role("link", name="New proposal").click()
    page.get_by_label("Proposing unit").fill(tree["dept"].code)
    page.get_by_label(person_a.full_name).check()
    page.get_by_label("Giàng Seo Phử").check()
    page.get_by_label("Signer", exact=True).fill("Nguyễn Văn An")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the draft").click()
    expect(success(page)).to_contain_text("The proposal was drafted.")
    proposal = Proposal.objects.get()
    assert proposal.authority == "Chủ tịch Ủy ban nhân dân tỉnh"

    # 2. … signs it: both nominees become "proposed".
    page.get_by_label("Number").fill("12/TTr-SLĐTBXH")
    page.get_by_label("Signed on").fill("01/02/2024")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign", exact=True).click()
    expect(success(page)).to_contain_text("its nominees are now proposed")
    assert set(Nomination.objects.values_list("state", flat=True)) == {"proposed"}

    # 3. … and opens the printable proposal.
    with page.expect_navigation():
        page.get_by_role("link", name="Printable proposal").click()
    document = page.locator("article.vn-document")
    expect(document).to_contain_text("TỜ TRÌNH")
    expect(document).to_contain_text("Số: 12/TTr-SLĐTBXH")
    expect(document).to_contain_text(person_a.full_name)
    sign_out(page)

    # 4. The officer records the chairman's decision: one granted, one pending.
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(reverse("proposal_detail", args=[proposal.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="Record the decision received").click()
    page.get_by_label("Decision number").fill("163/QĐ-UBND")
    page.get_by_label("Decision date").fill("15/03/2024")
    page.get_by_label(person_a.full_name).select_option("granted")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    expect(success(page)).to_contain_text("Decision 163/QĐ-UBND was recorded.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("granted", "proposed")

    # 5. The nominee's page says where it stands upward.
    page.goto(reverse("nomination_detail", args=[first.pk]))
    panel = page.locator("section[aria-labelledby=upward-heading]")
    expect(panel).to_contain_text("12/TTr-SLĐTBXH")
    expect(panel).to_contain_text("Decision 163/QĐ-UBND of 15/03/2024")
    sign_out(page)

    # 6. The Director revokes the granted award from the award history.
    award = AwardRecord.objects.get(nomination=first)
    sign_in(page, live_server, "approver", PASSWORD)
    page.goto(reverse("award_history"))
    with page.expect_navigation():
        page.locator(f"a[href='{reverse('award_revoke', args=[award.pk])}']").click()
    page.get_by_label("Revoking decision number").fill("25/QĐ-UBND")
    page.get_by_label("Revoking decision date").fill("01/06/2024")
    page.get_by_label("Reason").fill("Khai man thành tích.")
    with page.expect_navigation():
        page.get_by_role("button", name="Revoke the award").click()
    expect(success(page)).to_contain_text("The award was revoked")
    expect(page.get_by_role("heading", level=1)).to_contain_text("25/QĐ-UBND")
    assert Revocation.objects.get().award == award
