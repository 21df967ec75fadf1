"""The nomination services: creating, the dossier, and each transition with its audit row."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import DossierDocument, Nomination
from awards.nominations.services import (
    WorkflowError,
    dossier_upload,
    nomination_accept,
    nomination_create,
    nomination_override,
    nomination_return,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from indicators.models import DataStatus, IndicatorValue
from organizations.models import AuditEntry
from tests.awards.factories import (
    CampaignFactory,
    HoldFactory,
    RatingFactory,
    award_type,
)
from tests.files import pdf_bytes
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db
State = Nomination.State
PDF = pdf_bytes("To trinh")


def pdf(name="to-trinh.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def required_kinds(nomination):
    return [doc["code"] for doc in nomination.award_type.required_documents]


def complete_dossier(nomination, actor, skip=()):
    for kind in required_kinds(nomination):
        if kind not in skip:
            dossier_upload(actor=actor, nomination=nomination, kind=kind, file=pdf(f"{kind}.pdf"))


def draft(actor, *, campaign=None, code="LDTT", person=None, unit=None, commendation="merit"):
    return nomination_create(
        actor=actor,
        campaign=campaign or CampaignFactory(),
        award_type=award_type(code),
        person=person,
        unit=unit,
        commendation_type=commendation,
        summary="Hoàn thành tốt nhiệm vụ năm 2023.",
    )


def ready(actor, person):
    """A draft LDTT nomination of a well-rated person with a complete dossier."""
    RatingFactory(person=person, year=2023, rating="HTTNV")
    nomination = draft(actor, person=person)
    complete_dossier(nomination, actor)
    return nomination


def entries(nomination, action=None):
    rows = AuditEntry.objects.filter(content_type__model="nomination", object_id=str(nomination.pk))
    return rows.filter(action=action) if action else rows


# --- Creating ----------------------------------------------------------------------------------


def test_create_makes_a_draft_for_the_campaign_year(clerk_a, person_a):
    campaign = CampaignFactory(year=2023)
    nomination = draft(clerk_a, campaign=campaign, person=person_a)
    assert nomination.state == State.DRAFT
    assert (nomination.year, nomination.unit, nomination.person) == (2023, person_a.unit, person_a)
    assert nomination.created_by == clerk_a
    entry = entries(nomination).get()
    assert (entry.action, entry.from_state, entry.to_state) == ("nomination.create", "", "draft")


def test_create_nominates_a_unit(clerk_a, tree):
    nomination = draft(clerk_a, code="TTLDTT", unit=tree["a1"])
    assert nomination.person is None
    assert nomination.unit == tree["a1"]
    assert not nomination.is_individual


@pytest.mark.parametrize("nominee", ["person_b", "unit_b"])
def test_a_clerk_cannot_nominate_outside_their_units(nominee, clerk_a, person_b, tree):
    kwargs = {"person": person_b} if nominee == "person_b" else {"unit": tree["b"]}
    code = "LDTT" if nominee == "person_b" else "TTLDTT"
    with pytest.raises(PermissionDenied):
        draft(clerk_a, code=code, **kwargs)
    assert not Nomination.objects.exists()


def test_viewer_cannot_nominate(viewer, person_a):
    with pytest.raises(PermissionDenied):
        draft(viewer, person=person_a)


@pytest.mark.parametrize(
    "campaign_kwargs",
    [
        {"state": "closed"},
        {"state": "draft"},
        {"nominations_open": date(2020, 1, 1), "nominations_close": date(2020, 2, 1)},
    ],
)
def test_create_needs_a_campaign_accepting_nominations(campaign_kwargs, clerk_a, person_a):
    with pytest.raises(ValidationError, match="not accepting"):
        draft(clerk_a, campaign=CampaignFactory(**campaign_kwargs), person=person_a)


def test_create_needs_an_award_the_campaign_accepts(clerk_a, person_a):
    campaign = CampaignFactory(award_types=[award_type("CSTDCS")])
    with pytest.raises(ValidationError, match="does not accept"):
        draft(clerk_a, campaign=campaign, person=person_a)


def test_create_needs_a_campaign_aimed_at_the_nominee(clerk_a, person_a, tree):
    campaign = CampaignFactory()
    campaign.target_units.set([tree["b"]])
    with pytest.raises(ValidationError, match="not aimed"):
        draft(clerk_a, campaign=campaign, person=person_a)
    campaign.target_units.set([tree["dept"]])
    assert draft(clerk_a, campaign=campaign, person=person_a).pk


def test_create_needs_an_award_for_this_kind_of_nominee(clerk_a, tree, person_a):
    with pytest.raises(ValidationError):
        draft(clerk_a, code="LDTT", unit=tree["a"])
    with pytest.raises(ValidationError):
        draft(clerk_a, code="TTLDTT", person=person_a)


def test_create_needs_exactly_one_nominee(clerk_a, tree, person_a):
    with pytest.raises(ValidationError):
        draft(clerk_a, code="GK_SO", person=person_a, unit=tree["a"])
    with pytest.raises(ValidationError):
        draft(clerk_a, code="GK_SO")


def test_a_second_open_nomination_for_the_same_award_and_year_is_refused(clerk_a, person_a):
    campaign = CampaignFactory()
    first = draft(clerk_a, campaign=campaign, person=person_a)
    with pytest.raises(ValidationError, match="already has an open nomination"):
        draft(clerk_a, campaign=campaign, person=person_a)
    nomination_withdraw(actor=clerk_a, nomination=first)
    assert draft(clerk_a, campaign=campaign, person=person_a).pk != first.pk


def test_update_changes_a_draft_and_is_audited(clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)
    nomination_update(
        actor=clerk_a, nomination=nomination, commendation_type="adhoc", summary="Cứu người."
    )
    nomination.refresh_from_db()
    assert (nomination.commendation_type, nomination.summary) == ("adhoc", "Cứu người.")
    entry = entries(nomination, "nomination.update").get()
    assert entry.changes["commendation_type"] == ["merit", "adhoc"]


def test_update_is_refused_once_submitted(clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    with pytest.raises(WorkflowError):
        nomination_update(actor=clerk_a, nomination=nomination, commendation_type="merit",
                          summary="Khác.")  # fmt: skip


# --- Submitting --------------------------------------------------------------------------------


def test_submit_stores_the_eligibility_checklist(clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == State.SUBMITTED
    assert nomination.submitted_at is not None
    rules = {row["rule"]: row for row in nomination.eligibility}
    assert rules["minimum_rating"]["outcome"] == "pass"
    assert set(rules["minimum_rating"]) == {"rule", "outcome", "blocking", "message", "msgid",
                                            "params"}  # fmt: skip
    assert nomination.indicator_evidence == []  # individuals carry no indicator report


def test_the_stored_checklist_does_not_follow_later_data(clerk_a, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    HoldFactory(person=person_a, start=date(2024, 1, 1))
    nomination.refresh_from_db()
    assert {row["rule"]: row["outcome"] for row in nomination.eligibility}["no_hold"] == "pass"


def test_a_failing_blocking_rule_prevents_submission(clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)  # no rating for 2023
    complete_dossier(nomination, clerk_a)
    with pytest.raises(WorkflowError, match="minimum_rating"):
        nomination_submit(actor=clerk_a, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == State.DRAFT
    assert nomination.eligibility == []
    assert not entries(nomination, "nomination.submit").exists()


def test_a_missing_document_prevents_submission_and_is_named(clerk_a, person_a):
    RatingFactory(person=person_a, year=2023, rating="HTTNV")
    nomination = draft(clerk_a, person=person_a)
    complete_dossier(nomination, clerk_a, skip={"bien_ban_hoi_dong"})
    with pytest.raises(WorkflowError, match="dossier is incomplete") as refusal:
        nomination_submit(actor=clerk_a, nomination=nomination)
    assert "Biên bản họp Hội đồng" in str(refusal.value)
    assert "Báo cáo thành tích" not in str(refusal.value)
    nomination.refresh_from_db()
    assert nomination.state == State.DRAFT


def test_officer_override_lets_a_failing_nomination_be_submitted(clerk_a, officer, person_a):
    nomination = draft(clerk_a, person=person_a)
    complete_dossier(nomination, clerk_a)
    nomination_override(actor=officer, nomination=nomination, reason="Xếp loại đang chờ duyệt.")
    nomination.refresh_from_db()
    assert nomination.override_reason == "Xếp loại đang chờ duyệt."
    override = entries(nomination, "nomination.override").get()
    assert override.changes == {"rules": ["minimum_rating"]}
    assert (override.actor, override.reason) == (officer, "Xếp loại đang chờ duyệt.")
    assert override.from_state == override.to_state == "draft"

    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == State.SUBMITTED
    stored = {row["rule"]: row["outcome"] for row in nomination.eligibility}
    assert stored["minimum_rating"] == "fail"  # stored as it was, with the override beside it
    assert entries(nomination, "nomination.submit").get().changes == {
        "overridden": ["minimum_rating"]
    }


def test_an_override_covers_only_the_rules_failing_when_it_was_given(clerk_a, officer, person_a):
    nomination = draft(clerk_a, person=person_a)
    complete_dossier(nomination, clerk_a)
    nomination_override(actor=officer, nomination=nomination, reason="Chờ xếp loại.")
    HoldFactory(person=person_a, start=date(2024, 1, 1))
    with pytest.raises(WorkflowError, match="no_hold") as refusal:
        nomination_submit(actor=clerk_a, nomination=nomination)
    assert "minimum_rating" not in str(refusal.value)


def test_override_is_for_officers_with_a_reason(clerk_a, officer, person_a):
    nomination = draft(clerk_a, person=person_a)
    with pytest.raises(PermissionDenied):
        nomination_override(actor=clerk_a, nomination=nomination, reason="Tôi muốn.")
    with pytest.raises(WorkflowError, match="reason"):
        nomination_override(actor=officer, nomination=nomination, reason="  ")
    assert not entries(nomination, "nomination.override").exists()


def test_override_is_refused_when_nothing_fails(clerk_a, officer, person_a):
    RatingFactory(person=person_a, year=2023, rating="HTTNV")
    nomination = draft(clerk_a, person=person_a)
    with pytest.raises(WorkflowError, match="nothing to override"):
        nomination_override(actor=officer, nomination=nomination, reason="Phòng xa.")


def test_override_is_refused_after_acceptance(clerk_a, officer, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination_accept(actor=officer, nomination=nomination)
    with pytest.raises(WorkflowError):
        nomination_override(actor=officer, nomination=nomination, reason="Muộn.")


def test_a_collective_nomination_freezes_the_indicator_report(clerk_a, tree):
    unit = tree["a"]
    RatingFactory(person=None, unit=unit, year=2023, rating="HTTNV")
    jobs = IndicatorFactory(code="VIEC_LAM", name="Lao động có việc làm mới")
    IndicatorValueFactory(indicator=jobs, unit=unit, year=2023, target=100, result=Decimal("105.5"))
    IndicatorValueFactory(indicator=jobs, unit=unit, year=2022, target=90, result=95)
    # A sub-unit's figure is not the unit's own row; a sibling's is none of its business.
    IndicatorValueFactory(indicator=jobs, unit=tree["b"], year=2023, target=1, result=1)
    DataStatus.objects.create(unit=unit, year=2023, state=DataStatus.State.APPROVED)
    nomination = draft(clerk_a, code="GK_SO", unit=unit)
    complete_dossier(nomination, clerk_a)

    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination.refresh_from_db()
    assert len(nomination.indicator_evidence) == 1
    row = nomination.indicator_evidence[0]
    assert row["indicator"] == "VIEC_LAM" and row["unit"] == "UNIT-A" and row["year"] == 2023
    assert (row["target"], row["result"], row["previous_result"]) == ("100", "105.5", "95")
    assert row["met"] is True
    assert row["indicator_name"] == "Lao động có việc làm mới"
    assert row["state"] == "approved"
    frozen = list(nomination.indicator_evidence)

    IndicatorValue.objects.filter(unit=unit, year=2023).update(result=Decimal("10"))
    nomination.refresh_from_db()
    assert nomination.indicator_evidence == frozen


# --- Reviewing ---------------------------------------------------------------------------------


def submitted(clerk, person):
    nomination = ready(clerk, person)
    nomination_submit(actor=clerk, nomination=nomination)
    return nomination


def test_return_needs_a_reason(clerk_a, officer, person_a):
    nomination = submitted(clerk_a, person_a)
    with pytest.raises(WorkflowError, match="reason"):
        nomination_return(actor=officer, nomination=nomination, reason=" ")
    nomination.refresh_from_db()
    assert nomination.state == State.SUBMITTED
    assert not entries(nomination, "nomination.return").exists()


def test_return_then_resubmit(clerk_a, officer, person_a):
    nomination = submitted(clerk_a, person_a)
    nomination_return(actor=officer, nomination=nomination, reason="Thiếu chữ ký.")
    nomination.refresh_from_db()
    assert nomination.state == State.RETURNED
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf("ky.pdf"))
    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == State.RESUBMITTED
    nomination_accept(actor=officer, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == State.ACCEPTED


def test_only_officers_review(clerk_a, council, person_a):
    nomination = submitted(clerk_a, person_a)
    for actor in (clerk_a, council):
        with pytest.raises(PermissionDenied):
            nomination_accept(actor=actor, nomination=nomination)
        with pytest.raises(PermissionDenied):
            nomination_return(actor=actor, nomination=nomination, reason="Không.")


def test_transitions_refuse_the_wrong_state(clerk_a, officer, person_a):
    nomination = ready(clerk_a, person_a)
    with pytest.raises(WorkflowError):
        nomination_accept(actor=officer, nomination=nomination)
    with pytest.raises(WorkflowError):
        nomination_return(actor=officer, nomination=nomination, reason="Sớm quá.")
    nomination_submit(actor=clerk_a, nomination=nomination)
    with pytest.raises(WorkflowError):
        nomination_submit(actor=clerk_a, nomination=nomination)
    with pytest.raises(WorkflowError):
        nomination_withdraw(actor=clerk_a, nomination=nomination)
    nomination_accept(actor=officer, nomination=nomination)
    with pytest.raises(WorkflowError):
        nomination_accept(actor=officer, nomination=nomination)


def test_withdraw_a_draft(clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)
    nomination_withdraw(actor=clerk_a, nomination=nomination, reason="Nhầm người.")
    nomination.refresh_from_db()
    assert nomination.state == State.WITHDRAWN
    entry = entries(nomination, "nomination.withdraw").get()
    assert (entry.from_state, entry.to_state, entry.reason) == ("draft", "withdrawn", "Nhầm người.")


def test_each_transition_writes_exactly_one_audit_row(clerk_a, officer, person_a):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination_return(actor=officer, nomination=nomination, reason="Bổ sung biên bản.")
    nomination_submit(actor=clerk_a, nomination=nomination)
    nomination_accept(actor=officer, nomination=nomination)
    moves = [
        (e.action, e.from_state, e.to_state, e.reason, e.actor)
        for e in entries(nomination).exclude(from_state="", to_state="").order_by("at", "pk")
        if e.from_state != e.to_state
    ]
    assert moves == [
        ("nomination.create", "", "draft", "", clerk_a),
        ("nomination.submit", "draft", "submitted", "", clerk_a),
        ("nomination.return", "submitted", "returned", "Bổ sung biên bản.", officer),
        ("nomination.submit", "returned", "resubmitted", "", clerk_a),
        ("nomination.accept", "resubmitted", "accepted", "", officer),
    ]
    assert entries(nomination, "nomination.document_upload").count() == 3


def test_dossier_history_keeps_every_upload(clerk_a, person_a):
    nomination = draft(clerk_a, person=person_a)
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf("v1.pdf"))
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf("v2.pdf"))
    versions = DossierDocument.objects.filter(nomination=nomination, kind="to_trinh")
    assert [d.original_name for d in versions.order_by("uploaded_at", "pk")] == ["v1.pdf", "v2.pdf"]
