"""The department's decisions through their services: drafting from passed nominations, the annex
and grant orders, issuing (which grants the awards), immutability once issued, corrections."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from awards.decisions import services
from awards.decisions.lines import grant_order
from awards.decisions.services import WorkflowError
from awards.eligibility import evaluate
from awards.models import AwardRecord, Decision, Nomination
from organizations.models import AuditEntry
from tests.awards.factories import CampaignFactory, InitiativeFactory, RatingFactory, award_type
from tests.awards.factories_decisions import DRAFT_TEXTS, passed
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
ISSUED_ON = date(2024, 1, 15)


def draft(actor, unit, nominations, **texts):
    return services.decision_draft(actor=actor, unit=unit, nominations=nominations,
                                   **{**DRAFT_TEXTS, **texts})  # fmt: skip


@pytest.fixture
def dinh(tree):
    return PersonFactory(code="PB2", full_name="Ly Thị Dính", unit=tree["b"], position="Kế toán")


@pytest.fixture
def campaign():
    return CampaignFactory(year=2023)


@pytest.fixture
def mixed(tree, person_a, dinh, campaign):
    """A collective TTLĐTT, a collective Giấy khen, two LĐTT and a CSTĐCS, in one campaign."""
    return {
        "ttldtt_a": passed(unit=tree["a"], code="TTLDTT", campaign=campaign),
        "gk_b": passed(unit=tree["b"], code="GK_SO", campaign=campaign),
        "ldtt_my": passed(person=person_a, campaign=campaign),
        "ldtt_dinh": passed(person=dinh, campaign=campaign),
        "cstdcs_my": passed(person=person_a, code="CSTDCS", campaign=campaign),
    }


def test_a_draft_lists_collectives_first_then_individuals_by_award_then_given_name(
    approver, tree, mixed
):
    decision = draft(approver, tree["dept"], mixed.values())
    lines = list(decision.lines.order_by("order"))
    assert [(line.award_type.code, line.recipient_name) for line in lines] == [
        ("TTLDTT", "Phòng LĐTBXH huyện Đồng Văn"),
        ("GK_SO", "Phòng LĐTBXH huyện Mèo Vạc"),
        ("LDTT", "Ly Thị Dính"),
        ("LDTT", "Vàng Thị Mỷ"),
        ("CSTDCS", "Vàng Thị Mỷ"),
    ]
    assert [line.order for line in lines] == [1, 2, 3, 4, 5]
    dinh = lines[2]
    assert (dinh.position, dinh.unit_name) == ("Kế toán", "Phòng LĐTBXH huyện Mèo Vạc")
    assert lines[0].unit_name == "Sở Lao động – Thương binh và Xã hội"  # the collective's parent
    assert decision.state == Decision.State.DRAFT and decision.number is None
    assert decision.campaign == mixed["ldtt_my"].campaign
    assert AuditEntry.objects.filter(action="decision.draft", object_id=str(decision.pk)).exists()


def test_prerequisites_are_granted_before_the_titles_built_on_them(approver, tree, mixed):
    decision = draft(approver, tree["dept"], mixed.values())
    order = [(line.award_type.code, line.recipient_name) for line in grant_order(
        decision.lines.select_related("award_type"))]  # fmt: skip
    assert order == [
        ("GK_SO", "Phòng LĐTBXH huyện Mèo Vạc"),
        ("LDTT", "Ly Thị Dính"),
        ("LDTT", "Vàng Thị Mỷ"),
        ("TTLDTT", "Phòng LĐTBXH huyện Đồng Văn"),
        ("CSTDCS", "Vàng Thị Mỷ"),
    ]
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    created = list(AwardRecord.objects.order_by("pk").values_list("award_type__code", flat=True))
    assert created == ["GK_SO", "LDTT", "LDTT", "TTLDTT", "CSTDCS"]


def test_the_members_advanced_worker_titles_count_when_their_collective_is_granted(
    approver, tree, person_a, campaign
):
    """Granted members first: when the collective's title is granted, the eligibility that
    judges it finds the members' LĐTT held, not merely proposed."""
    RatingFactory(person=None, unit=tree["a"], year=2023, rating="HTTNV")
    RatingFactory(person=person_a, year=2023)
    nominations = [passed(unit=tree["a"], code="TTLDTT", campaign=campaign),
                   passed(person=person_a, campaign=campaign)]  # fmt: skip
    before = evaluate(award_type=award_type("TTLDTT"), year=2023, unit=tree["a"],
                      campaign=campaign)  # fmt: skip
    assert _outcome(before, "advanced_collective") == "warning"
    decision = draft(approver, tree["dept"], nominations)
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    after = evaluate(award_type=award_type("TTLDTT"), year=2023, unit=tree["a"])
    assert "1 of 1 members" in _message(after, "advanced_collective")


def _outcome(verdict, rule):
    return next(r.outcome for r in verdict.results if r.rule == rule)


def _message(verdict, rule):
    return next(str(r.message) for r in verdict.results if r.rule == rule)


def test_issuing_grants_each_award_linked_to_its_nomination_and_decision(approver, tree, mixed):
    decision = draft(approver, tree["dept"], mixed.values())
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    decision.refresh_from_db()
    assert decision.state == Decision.State.ISSUED
    assert (decision.number_text, decision.decision_date) == ("1/QĐ-DEPT", ISSUED_ON)
    assert decision.issued_by == approver and decision.issued_at is not None
    for line in decision.lines.select_related("award_record", "nomination"):
        award = line.award_record
        assert award.nomination == line.nomination and award.decision == decision
        assert award.source == AwardRecord.Source.GRANTED
        assert (award.decision_number, award.decision_date) == ("1/QĐ-DEPT", ISSUED_ON)
        assert award.issuer == "Sở Lao động – Thương binh và Xã hội"
        assert award.bonus_amount == line.bonus_amount
        assert line.nomination.state == Nomination.State.GRANTED
    ttldtt = mixed["ttldtt_a"].award
    assert (ttldtt.unit, ttldtt.person) == (tree["a"], None)
    # 1,800,000 VND from 2023-07-01: TTLĐTT 0.8 → 1,440,000; collective Giấy khen 2 × 0.3 →
    # 1,080,000; LĐTT 0.3 → 540,000 (twice); CSTĐCS 1.0 → 1,800,000.
    assert decision.base_salary == Decimal(1_800_000)
    assert decision.total_bonus == Decimal(1_440_000 + 1_080_000 + 540_000 * 2 + 1_800_000)
    entry = AuditEntry.objects.get(action="decision.issue", object_id=str(decision.pk))
    assert (entry.from_state, entry.to_state, entry.actor) == ("draft", "issued", approver)
    granted = AuditEntry.objects.filter(action="nomination.grant")
    assert granted.count() == 5


def test_a_granted_advanced_worker_then_counts_for_the_grassroots_fighter(approver, tree, person_a):
    RatingFactory(person=person_a, year=2023, rating="HTXSNV")
    ldtt = passed(person=person_a)
    fighter = evaluate(award_type=award_type("CSTDCS"), year=2023, person=person_a)
    assert _outcome(fighter, "grassroots_fighter") == "warning"  # LĐTT only proposed
    decision = draft(approver, tree["dept"], [ldtt])
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    fighter = evaluate(award_type=award_type("CSTDCS"), year=2023, person=person_a)
    assert _outcome(fighter, "grassroots_fighter") == "pass"


def test_granting_a_fighter_title_uses_up_the_initiative_it_relied_on(approver, tree, person_a):
    RatingFactory(person=person_a, year=2023, rating="HTTNV")
    initiative = InitiativeFactory(person=person_a, year=2023)
    campaign = CampaignFactory(year=2023)
    nominations = [passed(person=person_a, campaign=campaign),
                   passed(person=person_a, code="CSTDCS", campaign=campaign)]  # fmt: skip
    decision = draft(approver, tree["dept"], nominations)
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    initiative.refresh_from_db()
    assert initiative.consumed_by == nominations[1].award


@pytest.mark.parametrize("code", ["BK_TINH", "CSTD_TINH", "TTLDXS"])
def test_awards_decided_above_the_department_are_refused(approver, tree, person_a, code):
    nomination = (passed(unit=tree["a"], code=code) if code == "TTLDXS"
                  else passed(person=person_a, code=code))  # fmt: skip
    with pytest.raises(WorkflowError, match="propose it upward"):
        draft(approver, tree["dept"], [nomination])
    assert not Decision.objects.exists()


@pytest.mark.parametrize("state", ["accepted", "proposed", "granted", "not_passed"])
def test_only_nominations_the_council_passed_can_be_decided(approver, tree, person_a, state):
    nomination = passed(person=person_a)
    Nomination.objects.filter(pk=nomination.pk).update(state=state)
    nomination.refresh_from_db()
    with pytest.raises(WorkflowError, match="only a nomination the council passed"):
        draft(approver, tree["dept"], [nomination])


def test_a_unit_decides_only_for_its_own_subtree(approver, tree, person_a):
    with pytest.raises(WorkflowError, match="is not in Phòng LĐTBXH huyện Mèo Vạc"):
        draft(approver, tree["b"], [passed(person=person_a)])


def test_a_nomination_sits_on_one_draft_at_a_time(approver, tree, person_a):
    nomination = passed(person=person_a)
    first = draft(approver, tree["dept"], [nomination])
    with pytest.raises(WorkflowError, match="already on another draft"):
        draft(approver, tree["dept"], [nomination])
    services.decision_discard(actor=approver, decision=first)
    assert not Decision.objects.filter(pk=first.pk).exists()
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.PASSED
    assert draft(approver, tree["dept"], [nomination]).lines.count() == 1


@pytest.mark.parametrize("persona", ["officer", "clerk_a", "council", "viewer"])
def test_only_approvers_draft_or_issue(request, approver, tree, person_a, persona):
    actor = request.getfixturevalue(persona)
    nomination = passed(person=person_a)
    with pytest.raises(PermissionDenied):
        draft(actor, tree["a"], [nomination])
    decision = draft(approver, tree["dept"], [nomination])
    with pytest.raises(PermissionDenied):
        services.decision_issue(actor=actor, decision=decision, decision_date=ISSUED_ON)
    decision.refresh_from_db()
    assert decision.state == Decision.State.DRAFT


def test_a_superuser_may_issue(superuser, approver, tree, person_a):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    services.decision_issue(actor=superuser, decision=decision, decision_date=ISSUED_ON)
    assert decision.number_text == "1/QĐ-DEPT"


def test_a_draft_can_be_edited_and_its_annex_changed(approver, tree, person_a, dinh):
    mine, hers = passed(person=person_a), passed(person=dinh)
    decision = draft(approver, tree["dept"], [mine])
    services.decision_update(actor=approver, decision=decision, nominations=[hers],
                             subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2023",
                             proposal_phrase="Xét đề nghị của Chánh Văn phòng Sở.")  # fmt: skip
    decision.refresh_from_db()
    assert decision.subject == "Về việc tặng danh hiệu Lao động tiên tiến năm 2023"
    assert decision.proposal_phrase == "Chánh Văn phòng Sở"
    assert [line.nomination for line in decision.lines.all()] == [hers]
    entry = AuditEntry.objects.get(action="decision.update", object_id=str(decision.pk))
    assert entry.changes["nominations"]["added"] == [hers.pk]
    with pytest.raises(WorkflowError, match="at least one nomination"):
        services.decision_line_remove(actor=approver, line=decision.lines.get())


def test_an_issued_decision_never_changes(approver, tree, person_a, dinh):
    decision = draft(approver, tree["dept"], [passed(person=person_a), passed(person=dinh)])
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    attempts = [
        lambda: services.decision_update(actor=approver, decision=decision, subject="Khác"),
        lambda: services.decision_line_remove(actor=approver, line=decision.lines.first()),
        lambda: services.decision_discard(actor=approver, decision=decision),
        lambda: services.decision_issue(actor=approver, decision=decision,
                                        decision_date=date(2024, 2, 1)),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(WorkflowError, match="is issued and can no longer be changed"):
            attempt()
    decision.refresh_from_db()
    assert decision.subject == DRAFT_TEXTS["subject"] and decision.lines.count() == 2
    assert decision.decision_date == ISSUED_ON


def test_a_mistake_is_corrected_by_a_new_decision_that_amends_it(approver, tree, person_a):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    with pytest.raises(WorkflowError, match="Only an issued decision"):
        services.decision_amend_draft(actor=approver, decision=decision)
    services.decision_issue(actor=approver, decision=decision, decision_date=ISSUED_ON)
    amendment = services.decision_amend_draft(actor=approver, decision=decision)
    assert (amendment.kind, amendment.amends, amendment.state) == ("amend", decision, "draft")
    assert amendment.subject == "Về việc sửa đổi, bổ sung Quyết định số 1/QĐ-DEPT"
    services.decision_issue(actor=approver, decision=amendment, decision_date=date(2024, 2, 1))
    assert amendment.number_text == "2/QĐ-DEPT"
    revoking = services.decision_amend_draft(actor=approver, decision=decision, kind="revoke")
    assert revoking.kind == Decision.Kind.REVOKE


def test_a_decision_cannot_be_dated_after_today(approver, tree, person_a):
    decision = draft(approver, tree["dept"], [passed(person=person_a)])
    with pytest.raises(WorkflowError, match="after today"):
        services.decision_issue(actor=approver, decision=decision, decision_date=date(2999, 1, 1))


def test_the_issuer_code_is_printed_without_spaces_or_slashes(approver, tree, person_a):
    nomination = passed(person=person_a)
    with pytest.raises(WorkflowError, match="issuer code"):
        draft(approver, tree["dept"], [nomination], issuer_code="SLĐ/TBXH")
    decision = draft(approver, tree["dept"], [nomination], issuer_code="slđtbxh")
    assert decision.issuer_code == "SLĐTBXH"
