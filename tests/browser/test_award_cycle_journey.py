"""The award cycle after acceptance, through the browser: a clerk nominates their unit for the
Advanced Labour Collective and two of its members for Advanced Worker; the officer accepts them and
opens a council session of three members, one of whom holds a role on the nominated unit and is
recused automatically; the members vote, each in their own browser; the officer closes the session
and reads the tallies and the minutes; the Director drafts and issues the decision; the awards show
in the person's and the unit's award history with the decision's number and the bonus."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import AwardRecord, CouncilSession, Decision, Nomination, Recusal
from organizations.models import Role
from tests.awards.factories import CampaignFactory, RatingFactory
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.files import pdf_bytes

YEAR = 2025
CAMPAIGN = "Phong trào thi đua năm 2025"
SESSION = "Phiên họp xét danh hiệu thi đua năm 2025"
DECISION_DATE = "05/01/2026"
# Base salary on 05/01/2026: 2,340,000 VND. LĐTT 0.3 → 702,000, rounded up to 710,000;
# TTLĐTT 0.8 → 1,872,000, rounded up to 1,880,000.
LDTT_BONUS, TTLDTT_BONUS = "710.000", "1.880.000"
TOTAL = "3.300.000"
BASIC_DOSSIER = ["Tờ trình / văn bản đề nghị (Mẫu 01)", "Báo cáo thành tích",
                 "Biên bản họp Hội đồng Thi đua – Khen thưởng"]  # fmt: skip
# Screenshots for a person checking the pages while developing: THIDUA_JOURNEY_SHOTS=/tmp/journey
SHOTS = os.environ.get("THIDUA_JOURNEY_SHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def sign_out(page):
    page.locator("#main-nav .navbar-nav").last.locator(".dropdown-toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def success(page):
    return page.locator(".alert-success").first


def go(page, name):
    """Open a page of the Awards menu as a user would."""
    page.get_by_role("button", name="Awards").click()
    with page.expect_navigation():
        page.locator("#main-nav").get_by_role("link", name=name, exact=True).click()


@contextmanager
def own_browser(browser, live_server, username):
    """A member's own browser (own cookies, own session), signed in, in English; fails when the
    page logs a console error."""
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        sign_in(page, live_server, username, PASSWORD)
        yield page
        assert not problems, problems
    finally:
        context.close()


@pytest.fixture
def setting(tree, person_a, clerk_a, officer, approver, council):
    """A 2025 campaign; UNIT-A with two people rated for 2025; three council members on the
    department, the third of whom also reads UNIT-A (its head), so stands aside on its items."""
    unit = tree["a"]
    other = PersonFactory(code="PA2", full_name="Giàng Seo Phử", unit=unit, position="Chuyên viên")
    for person in (person_a, other):
        RatingFactory(person=person, year=YEAR, rating="HTTNV")
    RatingFactory(person=None, unit=unit, year=YEAR, rating="HTTNV")
    council.first_name = "Trần Thị Mai"
    council.save()
    second = UserFactory(username="council2", first_name="Lê Minh Tuấn")
    MembershipFactory(user=second, unit=tree["dept"], role=Role.COUNCIL)
    head = UserFactory(username="council3", first_name="Sùng Mí Páo")
    MembershipFactory(user=head, unit=tree["dept"], role=Role.COUNCIL)
    MembershipFactory(user=head, unit=unit, role=Role.VIEWER)
    approver.first_name = "Nguyễn Văn Hùng"
    approver.save()
    campaign = CampaignFactory(name=CAMPAIGN, year=YEAR)
    return {"unit": unit, "people": [person_a, other], "campaign": campaign}


def nominate(page, tmp_path, *, award, summary, person=None, unit=None):
    """Create the draft, upload the three documents, submit: the clerk's part."""
    page.goto(reverse("nomination_create"))
    page.get_by_label("Campaign").select_option(label=CAMPAIGN)
    page.locator("#id_award_type").select_option(label=award)
    # The nominee boxes take a staff number or a unit's code (the lookups of static/js/lookup.js).
    if person is not None:
        page.get_by_label("Person nominated").fill(person.code)
    else:
        page.get_by_label("Unit nominated").fill(unit.code)
    page.get_by_label("Achievement summary").fill(summary)
    with page.expect_navigation():
        page.get_by_role("button", name="Create the draft").click()
    expect(success(page)).to_contain_text("The nomination was created as a draft.")
    for index, label in enumerate(BASIC_DOSSIER):
        header = page.get_by_role("rowheader", name=label, exact=True)
        row = page.locator("table.dossier-table tbody tr", has=header)
        path = tmp_path / f"doc-{index}.pdf"
        path.write_bytes(pdf_bytes(label.encode("ascii", "replace").decode()))
        row.locator("input[type=file]").set_input_files(str(path))
        with page.expect_navigation():
            row.get_by_role("button", name="Upload").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit", exact=True).click()
    expect(success(page)).to_contain_text("The nomination was submitted")
    expect(page.locator(".state-badge")).to_have_text("Submitted")
    return page.url


def test_nominations_go_through_council_and_decision_into_the_award_history(
    page, browser, live_server, setting, tmp_path
):
    unit, (first, second) = setting["unit"], setting["people"]

    # 1. The clerk nominates the two members, then the unit (its members' titles are pending).
    sign_in(page, live_server, "clerk_a", PASSWORD)
    urls = [
        nominate(page, tmp_path, award="Advanced Worker", person=person,
                 summary="Hoàn thành tốt nhiệm vụ năm 2025.")
        for person in (first, second)
    ]  # fmt: skip
    summary = "Hoàn thành tốt nhiệm vụ; 100% cá nhân đạt Lao động tiên tiến."
    urls.append(
        nominate(page, tmp_path, award="Advanced Labour Collective", unit=unit, summary=summary)
    )
    checklist = page.locator(".eligibility-checklist")
    expect(checklist).to_contain_text("proposed in the same campaign")
    shot(page, "01-collective-submitted")
    sign_out(page)

    # 2. The officer accepts the three for the council.
    sign_in(page, live_server, "officer", PASSWORD)
    for url in urls:
        page.goto(url)
        with page.expect_navigation():
            page.get_by_role("button", name="Accept for the council").click()
        expect(page.locator(".state-badge")).to_have_text("Accepted for the council")

    # 3. … and opens a council session: the three on the agenda, the three members ticked.
    page.goto(reverse("home"))
    go(page, "Council")
    with page.expect_navigation():
        page.get_by_role("link", name="Open a session").click()
    page.get_by_label("Title").fill(SESSION)
    page.get_by_label("Meeting date").fill("18/12/2025")
    page.get_by_label("Place").fill("Phòng họp tầng 2")
    agenda = page.locator("fieldset", has_text="Agenda")
    for name in (first.full_name, second.full_name):
        agenda.get_by_label(name).check()
    agenda.get_by_label(unit.name, exact=True).check()
    members = page.locator("fieldset", has_text="Members of the council")
    for name in ("Trần Thị Mai", "Lê Minh Tuấn", "Sùng Mí Páo"):
        expect(members.get_by_label(name)).to_be_checked()
    shot(page, "02-session-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the session").click()
    expect(success(page)).to_contain_text("The council session was opened")
    session = CouncilSession.objects.get()
    session_url = reverse("council_session_detail", args=[session.pk])
    # The unit's head stands aside on all three: they concern UNIT-A, where he holds a role.
    standing_aside = page.locator("article.card", has_text="Standing aside: Sùng Mí Páo (automatic")
    expect(standing_aside).to_have_count(3)
    assert Recusal.objects.filter(automatic=True, member__user__username="council3").count() == 3
    shot(page, "03-session-open")

    # 4. Each member votes in their own browser; the recused one cannot.
    for username in ("council", "council2"):
        with own_browser(browser, live_server, username) as member:
            member.goto(session_url)
            for item in member.locator("article.card").all():
                item.get_by_label("Agree", exact=True).check()
                with member.expect_navigation():
                    item.get_by_role("button", name="Vote").click()
                expect(member.locator(".alert-success").first).to_contain_text(
                    "Your vote was recorded"
                )
            expect(member.locator("article.card", has_text="Your vote (recorded")).to_have_count(3)
            if username == "council2":
                shot(member, "04-member-voted")
    with own_browser(browser, live_server, "council3") as head:
        head.goto(session_url)
        expect(head.locator("article.card", has_text="You stand aside on this item")).to_have_count(
            3
        )
        expect(head.get_by_role("button", name="Vote")).to_have_count(0)
        expect(head.locator("article.card").first).to_contain_text("2 of 3 members have voted.")
        shot(head, "05-recused-member")

    # 5. The officer closes the session, reads the tallies and the minutes.
    page.goto(session_url)
    expect(page.locator("article.card").first).to_contain_text("2 of 3 members have voted.")
    page.get_by_label("I confirm that voting is over").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Close and count the votes").click()
    expect(success(page)).to_contain_text("The session was closed and the votes counted.")
    minutes = page.locator("article.council-minutes")
    expect(minutes).to_contain_text("MINUTES OF THE COUNCIL MEETING")
    rows = minutes.locator("table.council-minutes-agenda tbody tr", has_text="Passed")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("2")
    shot(page, "06-minutes")
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the session").click()
    tally = page.locator("article.card").first.locator(".council-tally")
    expect(tally).to_contain_text("Agree")
    expect(tally.locator("dd").first).to_have_text("2")
    expect(tally).to_contain_text("Passed")
    expect(page.get_by_role("button", name="Vote")).to_have_count(0)
    shot(page, "07-session-closed")
    assert set(Nomination.objects.values_list("state", flat=True)) == {"passed"}
    sign_out(page)

    # 6. The Director drafts the decision from the three passed nominations and issues it.
    sign_in(page, live_server, "approver", PASSWORD)
    go(page, "Decisions")
    with page.expect_navigation():
        page.get_by_role("link", name="New decision").click()
    for name in (first.full_name, second.full_name, unit.name):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("Issuer code").fill("SLĐTBXH")
    page.get_by_label("Signer", exact=True).fill("Nguyễn Văn Hùng")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the draft").click()
    expect(success(page)).to_contain_text("The draft decision was saved.")
    shot(page, "08-decision-draft")
    with page.expect_navigation():
        page.get_by_role("link", name="Issue").first.click()
    page.get_by_label("Decision date").fill(DECISION_DATE)
    page.get_by_role("checkbox").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Issue the decision").click()
    expect(success(page)).to_contain_text("Decision 1/QĐ-SLĐTBXH was issued")
    document = page.locator("main")
    expect(document).to_contain_text("1/QĐ-SLĐTBXH")
    expect(document).to_contain_text(TTLDTT_BONUS)
    expect(document).to_contain_text(TOTAL)
    shot(page, "09-decision-issued")
    decision = Decision.objects.get()
    assert (decision.number_text, decision.total_bonus) == ("1/QĐ-SLĐTBXH", 3_300_000)
    assert AwardRecord.objects.filter(decision=decision).count() == 3

    # 7. The awards show in the person's and the unit's history, with number and bonus.
    page.goto(reverse("person_detail", args=[first.pk]))
    row = page.locator("#awards-heading ~ div table tbody tr", has_text="Advanced Worker")
    expect(row).to_contain_text("1/QĐ-SLĐTBXH")
    expect(row).to_contain_text(LDTT_BONUS)
    expect(row).to_contain_text("signed by Nguyễn Văn Hùng")
    shot(page, "10-person-history")
    page.goto(reverse("unit_detail", args=[unit.pk]))
    row = page.locator("#awards-heading ~ div table tbody tr", has_text="TTLDTT")
    expect(row).to_contain_text("Advanced Labour Collective")
    expect(row).to_contain_text("1/QĐ-SLĐTBXH")
    expect(row).to_contain_text(TTLDTT_BONUS)

    # The same page in Vietnamese, through the navbar's language switcher.
    page.locator("#language-select").select_option(label="Tiếng Việt")
    with page.expect_navigation():
        page.locator(".language-switcher button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#awards-heading ~ div table thead")).to_contain_text("Quyết định")
    expect(row).to_contain_text("Tập thể lao động tiên tiến")
    expect(row).to_contain_text("Khen thưởng qua hệ thống Thi đua")
    expect(row).to_contain_text(TTLDTT_BONUS)
    shot(page, "11-unit-history-vi")
    with page.expect_navigation():
        row.get_by_role("link", name="1/QĐ-SLĐTBXH").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('decision_detail', args=[decision.pk])}")
    expect(page.locator("main")).to_contain_text("Số: 1/QĐ-SLĐTBXH")
    shot(page, "12-decision-vi")
