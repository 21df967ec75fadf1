"""The decision screens: list, drafting form, the printed layout, issuing; who may do what; the
decision shown on the nomination page and in the award history; the admin's read-only view."""

import re
from datetime import date

import pytest
from django.urls import reverse

from awards.decisions import services
from awards.models import AwardRecord, BaseSalary, Decision, Nomination
from organizations.models import AuditEntry
from tests.awards.factories import award_type
from tests.awards.factories_decisions import DRAFT_TEXTS, DecisionFactory, line_for_person, passed

pytestmark = pytest.mark.django_db
ISSUED_ON = date(2024, 1, 15)


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def assert_csp_clean(html):
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def draft(approver, unit, nominations):
    return services.decision_draft(actor=approver, unit=unit, nominations=nominations,
                                   **DRAFT_TEXTS)  # fmt: skip


@pytest.fixture
def issued(approver, tree, person_a):
    """The department's decision 1/QĐ-DEPT of 15/01/2024: unit A's TTLĐTT and person_a's LĐTT."""
    nominations = [passed(unit=tree["a"], code="TTLDTT"), passed(person=person_a)]
    decision = draft(approver, tree["dept"], nominations)
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    return decision


# --- List --------------------------------------------------------------------------------------


def test_the_list_shows_drafts_to_the_issuing_unit_and_issued_decisions_to_those_named(
    as_user, approver, clerk_a, clerk_b, tree, issued, person_b
):
    pending = draft(approver, tree["dept"], [passed(person=person_b)])
    seen = as_user(approver).get(reverse("decision_list"))
    assert [d.pk for d in seen.context["decisions"]] == [pending.pk, issued.pk]
    assert "1/QĐ-DEPT" in text_of(seen) and "New decision" in text_of(seen)
    clerk = as_user(clerk_a).get(reverse("decision_list"))
    assert [d.pk for d in clerk.context["decisions"]] == [issued.pk]
    assert "New decision" not in text_of(clerk)
    assert list(as_user(clerk_b).get(reverse("decision_list")).context["decisions"]) == []


def test_the_list_filters_by_year_and_state(as_user, approver, tree, issued, person_b):
    pending = draft(approver, tree["dept"], [passed(person=person_b)])
    client = as_user(approver)
    by_year = client.get(reverse("decision_list"), {"year": 2024})
    assert [d.pk for d in by_year.context["decisions"]] == [issued.pk]
    assert list(client.get(reverse("decision_list"), {"year": 2023}).context["decisions"]) == []
    drafts = client.get(reverse("decision_list"), {"state": "draft"})
    assert [d.pk for d in drafts.context["decisions"]] == [pending.pk]


def test_the_list_costs_the_same_queries_for_2_or_20_decisions(
    as_user, approver, tree, django_assert_max_num_queries
):
    # session, user, memberships (the scope), the count, the page of decisions with their unit;
    # the unread notifications of the menu, and the session saved (savepoint, update, release).
    client = as_user(approver)

    def count():
        with django_assert_max_num_queries(9) as captured:
            assert client.get(reverse("decision_list")).status_code == 200
        return len(captured.captured_queries)

    DecisionFactory.create_batch(2, unit=tree["dept"])
    few = count()
    DecisionFactory.create_batch(18, unit=tree["a"], issued=True)
    assert count() == few


# --- Drafting ----------------------------------------------------------------------------------


def test_the_form_offers_passed_nominations_of_awards_the_department_decides(
    as_user, approver, tree, person_a, person_b
):
    ldtt = passed(person=person_a)
    upward = passed(person=person_b, code="BK_TINH")
    accepted = passed(person=person_b)
    Nomination.objects.filter(pk=accepted.pk).update(state=Nomination.State.ACCEPTED)
    response = as_user(approver).get(reverse("decision_create"))
    offered = {row["nomination"].pk for row in response.context["rows"]}
    assert offered == {ldtt.pk}
    form = response.context["form"]
    assert form["issuer_code"].value() == "DEPT"
    assert (
        form["subject"].value()
        == "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2023"
    )
    assert "06/2022/QH15" in form["legal_bases"].value()
    assert upward.pk not in offered
    assert_csp_clean(response.content.decode())


def test_drafting_a_decision_leads_to_its_page(as_user, approver, tree, person_a):
    nomination = passed(person=person_a)
    data = {"unit": tree["dept"].pk, "nominations": [nomination.pk], **DRAFT_TEXTS,
            "issuer_code": "SLĐTBXH", "issuer_name": tree["dept"].name,
            "decision_date": "15/01/2024"}  # fmt: skip
    response = as_user(approver).post(reverse("decision_create"), data, follow=True)
    decision = Decision.objects.get()
    assert response.redirect_chain[-1][0] == reverse("decision_detail", args=[decision.pk])
    assert (decision.issuer_code, decision.decision_date) == ("SLĐTBXH", ISSUED_ON)
    assert decision.lines.get().nomination == nomination


def test_the_form_keeps_what_was_typed_when_the_service_refuses(as_user, approver, tree, person_a):
    nomination = passed(person=person_a)
    data = {"unit": tree["dept"].pk, "nominations": [nomination.pk], **DRAFT_TEXTS,
            "issuer_code": "QĐ/X", "issuer_name": "Sở"}  # fmt: skip
    response = as_user(approver).post(reverse("decision_create"), data)
    assert response.status_code == 200
    assert "slashes" in text_of(response)
    assert response.context["form"]["issuer_code"].value() == "QĐ/X"
    assert not Decision.objects.exists()


def test_editing_a_draft_changes_its_texts_and_annex(as_user, approver, tree, person_a, person_b):
    mine, hers = passed(person=person_a), passed(person=person_b)
    decision = draft(approver, tree["dept"], [mine])
    data = {**DRAFT_TEXTS, "issuer_code": "DEPT", "issuer_name": "Sở",
            "subject": "Về việc khác", "nominations": [mine.pk, hers.pk]}  # fmt: skip
    response = as_user(approver).post(reverse("decision_update", args=[decision.pk]), data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.subject == "Về việc khác" and decision.lines.count() == 2


# --- The document ------------------------------------------------------------------------------


def test_the_decision_page_lays_out_the_administrative_document(as_user, viewer, issued):
    response = as_user(viewer).get(reverse("decision_detail", args=[issued.pk]))
    page = text_of(response)
    for expected in [
        "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1/QĐ-DEPT",
        "ngày 15 tháng 01 năm 2024",
        "QUYẾT ĐỊNH",
        DRAFT_TEXTS["subject"],
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Sở.",
        "Điều 1.",
        "1 tập thể và 1 cá nhân",
        "Điều 3.",
        "I TẬP THỂ",
        "II CÁ NHÂN",
        "Phòng LĐTBXH huyện Đồng Văn",
        "Vàng Thị Mỷ",
        "1.440.000",  # TTLĐTT: 0.8 × 1,800,000
        "540.000",  # LĐTT: 0.3 × 1,800,000
        "1.980.000",  # the total
        "Nguyễn Văn Hùng",
        "(Kèm theo Quyết định số 1/QĐ-DEPT ngày 15 tháng 01 năm 2024",
    ]:
        assert expected in page, expected
    assert "DỰ THẢO" not in page
    html = response.content.decode()
    assert "css/decision.css" in html and "js/decision-print.js" in html
    assert_csp_clean(html)
    assert "Issue…" not in page  # issued, and a viewer besides


def test_a_draft_is_marked_and_offers_the_approver_its_actions(as_user, approver, tree, person_a):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    page = text_of(as_user(approver).get(reverse("decision_detail", args=[decision.pk])))
    assert "DỰ THẢO" in page and "Số: &emsp;&emsp;/QĐ-DEPT" in page  # the number is left blank
    assert "Issue…" in page and "Discard the draft" in page


def test_the_issue_page_issues_with_the_date_and_confirmation(as_user, approver, tree, person_a):
    nomination = passed(person=person_a)
    decision = draft(approver, tree["dept"], [nomination])
    client = as_user(approver)
    url = reverse("decision_issue", args=[decision.pk])
    unconfirmed = client.post(url, {"decision_date": "15/01/2024"})
    assert unconfirmed.status_code == 200 and "confirm" in unconfirmed.context["form"].errors
    response = client.post(url, {"decision_date": "15/01/2024", "confirm": "on"}, follow=True)
    assert "Decision 1/QĐ-DEPT was issued; its awards are granted." in messages_of(response)
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.GRANTED
    assert nomination.award.decision_id == decision.pk


@pytest.mark.parametrize("persona", ["officer", "council", "viewer"])
def test_only_approvers_issue(as_user, request, approver, tree, person_a, persona):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    client = as_user(request.getfixturevalue(persona))
    response = client.post(reverse("decision_issue", args=[decision.pk]),
                           {"decision_date": "15/01/2024", "confirm": "on"})  # fmt: skip
    assert response.status_code == 403
    for name in ("decision_discard", "decision_amend"):
        assert client.post(reverse(name, args=[decision.pk])).status_code == 403
    decision.refresh_from_db()
    assert decision.state == Decision.State.DRAFT


def test_a_clerk_cannot_issue_their_own_units_decision(as_user, approver, clerk_a, tree, person_a):
    decision = draft(approver, tree["a"], [passed(person=person_a)])
    client = as_user(clerk_a)
    assert client.get(reverse("decision_detail", args=[decision.pk])).status_code == 200
    response = client.post(reverse("decision_issue", args=[decision.pk]),
                           {"decision_date": "15/01/2024", "confirm": "on"})  # fmt: skip
    assert response.status_code == 403
    line = decision.lines.get()
    remove = reverse("decision_line_remove", args=[decision.pk, line.pk])
    assert client.post(remove).status_code == 403


def test_a_superuser_may_issue(as_user, superuser, approver, tree, person_a):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    data = {"decision_date": "15/01/2024", "confirm": "on"}
    response = as_user(superuser).post(reverse("decision_issue", args=[decision.pk]), data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.number_text == "1/QĐ-DEPT"


def test_an_issued_decision_sends_its_edit_and_issue_pages_back(as_user, approver, issued):
    client = as_user(approver)
    for name in ("decision_update", "decision_issue"):
        response = client.get(reverse(name, args=[issued.pk]), follow=True)
        assert response.redirect_chain[-1][0] == reverse("decision_detail", args=[issued.pk])
    response = client.post(reverse("decision_discard", args=[issued.pk]), follow=True)
    assert any("can no longer be changed" in m for m in messages_of(response))
    assert Decision.objects.filter(pk=issued.pk, state="issued").exists()


def test_discarding_a_draft_returns_to_the_list(as_user, approver, tree, person_a):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    response = as_user(approver).post(reverse("decision_discard", args=[decision.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("decision_list")
    assert not Decision.objects.exists()


def test_an_issued_decision_offers_a_correcting_draft(as_user, approver, issued):
    response = as_user(approver).post(reverse("decision_amend", args=[issued.pk]),
                                      {"kind": "revoke"})  # fmt: skip
    revoking = Decision.objects.get(amends=issued)
    assert response["Location"] == reverse("decision_update", args=[revoking.pk])
    assert revoking.kind == "revoke" and revoking.state == "draft"


# --- Elsewhere: the nomination page, the award history, the admin --------------------------------


def test_the_nomination_page_shows_its_decision_and_bonus(as_user, clerk_a, issued, person_a):
    nomination = Nomination.objects.get(person=person_a)
    page = text_of(as_user(clerk_a).get(reverse("nomination_detail", args=[nomination.pk])))
    assert "1/QĐ-DEPT" in page and "15/01/2024" in page and "540.000 VND" in page


def test_the_nomination_page_shows_a_draft_with_its_estimated_bonus(
    as_user, approver, officer, tree, person_a
):
    nomination = passed(person=person_a)
    draft(approver, tree["dept"], [nomination])
    page = text_of(as_user(officer).get(reverse("nomination_detail", args=[nomination.pk])))
    assert "Draft decision" in page and "Estimated bonus" in page


def test_the_award_history_links_each_award_to_its_decision(as_user, clerk_a, issued, person_a):
    client = as_user(clerk_a)
    link = reverse("decision_detail", args=[issued.pk])
    person_page = client.get(reverse("person_detail", args=[person_a.pk])).content.decode()
    assert f'href="{link}"' in person_page and "540.000" in person_page
    assert "signed by Nguyễn Văn Hùng" in person_page
    history = client.get(reverse("award_history")).content.decode()
    assert f'href="{link}"' in history and "1.440.000" in history
    assert client.get(link).status_code == 200


def test_the_admin_shows_decisions_read_only(client, superuser, issued):
    client.force_login(superuser)
    change = reverse("admin:awards_decision_change", args=[issued.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"subject": "Sửa lén"}).status_code == 403
    delete = reverse("admin:awards_decision_delete", args=[issued.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:awards_decision_add")).status_code == 403
    issued.refresh_from_db()
    assert issued.subject == DRAFT_TEXTS["subject"]
    counter = reverse("admin:awards_decisioncounter_changelist")
    assert client.get(counter).status_code == 200


def test_the_admin_keeps_the_base_salary_with_an_audit_row(client, superuser):
    client.force_login(superuser)
    data = {"valid_from": "2025-07-01", "amount": "2500000", "legal_basis": "Nghị định mới"}
    response = client.post(reverse("admin:awards_basesalary_add"), data)
    assert response.status_code == 302
    salary = BaseSalary.objects.get(valid_from=date(2025, 7, 1))
    entry = AuditEntry.objects.get(action="base_salary.create", object_id=str(salary.pk))
    assert entry.actor == superuser and entry.changes["amount"] == [None, "2500000"]


def test_granted_awards_are_history_with_their_source(issued, tree):
    award = AwardRecord.objects.get(unit=tree["a"])
    assert award.award_type == award_type("TTLDTT") and award.get_source_display() == (
        "Granted through Thi đua")  # fmt: skip


def test_a_new_draft_starts_from_the_issuer_code_the_unit_used_last(
    as_user, approver, tree, person_a, person_b
):
    texts = {**DRAFT_TEXTS, "issuer_code": "SLĐTBXH"}
    services.decision_draft(actor=approver, unit=tree["dept"],
                            nominations=[passed(person=person_a)], **texts)  # fmt: skip
    passed(person=person_b)
    form = as_user(approver).get(reverse("decision_create")).context["form"]
    assert form["issuer_code"].value() == "SLĐTBXH"


def test_a_recorded_outside_decision_shows_its_number_and_annex_without_an_invented_text(
    as_user, officer, tree, person_a
):
    decision = DecisionFactory(unit=tree["dept"], issued=True, kind="outside", number=None,
                               number_text="163/QĐ-UBND", issuer_name="UBND tỉnh")  # fmt: skip
    line_for_person(decision, person_a, code="BK_TINH")
    page = text_of(as_user(officer).get(reverse("decision_detail", args=[decision.pk])))
    assert "Số: 163/QĐ-UBND" in page and "Vàng Thị Mỷ" in page
    assert "Điều 1." not in page and "Draft an amending decision" not in page
