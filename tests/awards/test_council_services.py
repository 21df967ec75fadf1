"""The council services: opening a session, attendance, recusals, secret ballots, closing with
the threshold over all members (domain rule 14), and the publicity window."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from awards.council.services import (
    WorkflowError,
    ballot_cast,
    conflict_declare,
    session_close,
    session_open,
    session_set_attendance,
    tally_passes,
)
from awards.models import AgendaItem, Ballot, CouncilSession, Nomination, Recusal
from organizations.models import AuditEntry, Role
from tests.awards.factories_council import (
    accepted,
    council_member,
    council_of,
    open_session,
    published,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
State = Nomination.State


def item_of(session, nomination):
    return AgendaItem.objects.get(session=session, nomination=nomination)


def vote(users, item, choice):
    for user in users:
        ballot_cast(actor=user, item=item, choice=choice)


# --- Opening -----------------------------------------------------------------------------------


def test_the_council_is_everyone_with_the_council_role_on_the_unit_or_above(
    officer, council, tree, person_a
):
    district = council_member("district", tree["a"])
    nomination = accepted(person_a)
    dept_session = open_session(officer, tree["dept"], [nomination])
    members = set(dept_session.members.values_list("user__username", flat=True))
    assert members == {"council"}
    session_close(actor=officer, session=dept_session)
    other = accepted(PersonFactory(unit=tree["a1"]))
    district_session = open_session(officer, tree["a"], [other])
    members = set(district_session.members.values_list("user__username", flat=True))
    assert members == {"council", district.username}


def test_an_officer_may_pick_some_members_but_only_council_role_holders(
    officer, council, approver, tree, person_a
):
    second = council_member("second", tree["dept"])
    session = open_session(officer, tree["dept"], [accepted(person_a)], member_users=[second])
    assert list(session.members.values_list("user__username", flat=True)) == ["second"]
    with pytest.raises(WorkflowError, match="do not hold the council role"):
        open_session(officer, tree["dept"], [accepted(PersonFactory(unit=tree["b"]))],
                     member_users=[council, approver])  # fmt: skip


def test_opening_writes_an_audit_row_with_members_and_agenda(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    entry = AuditEntry.objects.get(action="council.open", object_id=str(session.pk))
    assert entry.actor == officer and entry.unit == tree["dept"]
    assert entry.changes["members"] == ["council"] and len(entry.changes["agenda"]) == 1


@pytest.mark.parametrize("persona", ["clerk_a", "council", "approver", "viewer"])
def test_only_officers_open_sessions(persona, request, council, tree, person_a):
    with pytest.raises(PermissionDenied):
        open_session(request.getfixturevalue(persona), tree["dept"], [accepted(person_a)])
    assert not CouncilSession.objects.exists()


def test_only_accepted_nominations_of_the_subtree_go_on_the_agenda(
    officer, council, tree, person_a, person_b
):
    submitted = accepted(person_a)
    submitted.state = State.SUBMITTED
    submitted.save()
    with pytest.raises(WorkflowError, match="only accepted nominations"):
        open_session(officer, tree["dept"], [submitted])
    council_member("district", tree["a"])
    with pytest.raises(WorkflowError, match="not from"):
        open_session(officer, tree["a"], [accepted(person_b)])


def test_a_nomination_is_on_one_open_session_at_a_time(officer, council, tree, person_a):
    nomination = accepted(person_a)
    open_session(officer, tree["dept"], [nomination])
    with pytest.raises(WorkflowError, match="already on the agenda"):
        open_session(officer, tree["dept"], [nomination])
    assert CouncilSession.objects.count() == 1


def test_a_council_without_members_cannot_open(officer, tree, person_a):
    with pytest.raises(WorkflowError, match="no members"):
        open_session(officer, tree["dept"], [accepted(person_a)])


# --- Recusals ----------------------------------------------------------------------------------


def test_a_member_holding_a_role_on_the_nominated_unit_is_recused_automatically(
    officer, council, tree, person_a, person_b
):
    insider = council_member("insider", tree["dept"], (Role.CLERK, tree["a"]))
    from_a, from_b = accepted(person_a), accepted(person_b)
    session = open_session(officer, tree["dept"], [from_a, from_b])
    recusal = Recusal.objects.get()
    assert recusal.member.user == insider and recusal.item.nomination == from_a
    assert recusal.automatic and tree["a"].name in recusal.reason
    with pytest.raises(WorkflowError, match="stand aside"):
        ballot_cast(actor=insider, item=item_of(session, from_a), choice="agree")
    ballot_cast(actor=insider, item=item_of(session, from_b), choice="agree")
    assert Ballot.objects.count() == 1


def test_the_council_role_itself_does_not_recuse_anyone(officer, council, tree):
    dept_collective = accepted(code="GK_SO", unit=tree["dept"])
    open_session(officer, tree["dept"], [dept_collective])
    assert not Recusal.objects.exists()


def test_a_declared_conflict_is_recorded_and_blocks_the_vote(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    item = session.items.get()
    with pytest.raises(WorkflowError, match="reason"):
        conflict_declare(actor=council, item=item, reason="  ")
    conflict_declare(actor=council, item=item, reason="Người nhà của người được đề nghị")
    recusal = Recusal.objects.get()
    assert not recusal.automatic and recusal.member.user == council
    with pytest.raises(WorkflowError, match="stand aside"):
        ballot_cast(actor=council, item=item, choice="agree")
    entry = AuditEntry.objects.get(action="council.conflict_declare")
    assert entry.reason == "Người nhà của người được đề nghị"


def test_a_conflict_cannot_be_declared_after_voting(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    item = session.items.get()
    ballot_cast(actor=council, item=item, choice="agree")
    with pytest.raises(WorkflowError, match="already voted"):
        conflict_declare(actor=council, item=item, reason="Late")
    assert not Recusal.objects.exists()


# --- Ballots -----------------------------------------------------------------------------------


def test_a_member_may_change_their_ballot_until_closing(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    item = session.items.get()
    ballot_cast(actor=council, item=item, choice="agree")
    ballot_cast(actor=council, item=item, choice="disagree")
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["disagree"]


def test_the_audit_row_of_a_ballot_never_holds_the_choice(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    ballot_cast(actor=council, item=session.items.get(), choice="disagree")
    entry = AuditEntry.objects.get(action="ballot.cast")
    assert entry.actor == council
    text = f"{entry.reason} {entry.changes} {entry.object_repr} {entry.from_state} {entry.to_state}"
    assert "disagree" not in text.lower() and "agree" not in text.lower()


@pytest.mark.parametrize("persona", ["officer", "approver", "viewer", "clerk_a", "superuser"])
def test_only_members_of_the_session_vote(persona, request, officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    with pytest.raises(PermissionDenied):
        ballot_cast(actor=request.getfixturevalue(persona), item=session.items.get(),
                    choice="agree")  # fmt: skip
    assert not Ballot.objects.exists()


def test_a_council_role_holder_left_out_of_the_session_does_not_vote(
    officer, council, tree, person_a
):
    second = council_member("second", tree["dept"])
    session = open_session(officer, tree["dept"], [accepted(person_a)], member_users=[second])
    with pytest.raises(PermissionDenied):
        ballot_cast(actor=council, item=session.items.get(), choice="agree")


def test_an_unknown_choice_is_refused(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    with pytest.raises(WorkflowError):
        ballot_cast(actor=council, item=session.items.get(), choice="maybe")


def test_no_vote_before_the_public_comment_window_ends(officer, council, tree, person_a):
    nomination = accepted(person_a, code="CSTDTQ")
    notice = published(nomination, ends_in_days=5, unit=tree["dept"])
    session = open_session(officer, tree["dept"], [nomination])
    item = session.items.get()
    with pytest.raises(WorkflowError, match="public comment window runs until"):
        ballot_cast(actor=council, item=item, choice="agree")
    with pytest.raises(WorkflowError, match="cannot close"):
        session_close(actor=officer, session=session)
    notice.ends_on = notice.starts_on
    notice.save()
    ballot_cast(actor=council, item=item, choice="agree")
    assert Ballot.objects.count() == 1


def test_no_vote_on_an_award_needing_publicity_that_was_never_published(
    officer, council, tree, person_a
):
    session = open_session(officer, tree["dept"], [accepted(person_a, code="CSTDTQ")])
    with pytest.raises(WorkflowError, match="cannot be voted on yet"):
        ballot_cast(actor=council, item=session.items.get(), choice="agree")


# --- Attendance --------------------------------------------------------------------------------


def test_officers_record_attendance_and_written_opinions(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    member = session.members.get()
    session_set_attendance(actor=officer, session=session, member=member, present=False,
                           written_opinion="Đồng ý với tờ trình.")  # fmt: skip
    member.refresh_from_db()
    assert not member.present and member.written_opinion == "Đồng ý với tờ trình."
    session_set_attendance(actor=officer, session=session, member=member, present=True,
                           written_opinion="ignored")  # fmt: skip
    member.refresh_from_db()
    assert member.present and member.written_opinion == ""
    assert AuditEntry.objects.filter(action="council.attendance").count() == 2
    with pytest.raises(PermissionDenied):
        session_set_attendance(actor=council, session=session, member=member, present=False)


# --- Closing and thresholds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agree", "members", "threshold", "passes"),
    [(9, 10, "0.9", True), (8, 10, "0.9", False), (2, 3, "0.9", False), (2, 3, "0.5", True),
     (1, 2, "0.5", True), (2, 3, "0.667", False), (0, 0, "0.5", False)],
)  # fmt: skip
def test_the_threshold_is_compared_exactly(agree, members, threshold, passes):
    assert tally_passes(agree=agree, members_total=members,
                        threshold=Decimal(threshold)) is passes  # fmt: skip


def test_nine_of_ten_members_pass_a_ninety_percent_award(officer, tree):
    members = council_of(tree["dept"], 10)
    nomination = accepted(PersonFactory(unit=tree["a"]), code="CSTD_TINH")
    session = open_session(officer, tree["dept"], [nomination])
    vote(members[:9], session.items.get(), "agree")
    vote(members[9:], session.items.get(), "disagree")
    session_close(actor=officer, session=session)
    item = session.items.get()
    assert (item.agree, item.disagree, item.members_total, item.passed) == (9, 1, 10, True)
    assert item.threshold == Decimal("0.9")
    nomination.refresh_from_db()
    assert nomination.state == State.PASSED


def test_eight_of_ten_members_do_not_pass_a_ninety_percent_award(officer, tree):
    members = council_of(tree["dept"], 10)
    nomination = accepted(PersonFactory(unit=tree["a"]), code="CSTD_TINH")
    session = open_session(officer, tree["dept"], [nomination])
    vote(members[:8], session.items.get(), "agree")
    session_close(actor=officer, session=session)
    nomination.refresh_from_db()
    assert nomination.state == State.NOT_PASSED
    assert session.items.get().passed is False


def test_absent_members_count_in_the_denominator(officer, tree):
    members = council_of(tree["dept"], 3)
    fighter = accepted(PersonFactory(unit=tree["a"]), code="CSTD_TINH")
    worker = accepted(PersonFactory(unit=tree["b"]), code="LDTT")
    session = open_session(officer, tree["dept"], [fighter, worker])
    absent = session.members.get(user=members[2])
    session_set_attendance(actor=officer, session=session, member=absent, present=False)
    for item in session.items.all():
        vote(members[:2], item, "agree")
    session_close(actor=officer, session=session)
    fighter.refresh_from_db()
    worker.refresh_from_db()
    # 2 of 3 is below 90% but above a simple majority.
    assert fighter.state == State.NOT_PASSED and worker.state == State.PASSED
    assert item_of(session, fighter).members_total == 3


def test_recused_members_stay_in_the_denominator(officer, tree, person_a):
    members = [council_member("insider", tree["dept"], (Role.CLERK, tree["a"])),
               *council_of(tree["dept"], 2)]  # fmt: skip
    nomination = accepted(person_a, code="CSTD_TINH")
    session = open_session(officer, tree["dept"], [nomination])
    vote(members[1:], session.items.get(), "agree")
    session_close(actor=officer, session=session)
    item = session.items.get()
    assert (item.agree, item.recused, item.members_total, item.passed) == (2, 1, 3, False)


def test_closing_moves_each_nomination_with_its_tally_in_the_audit(officer, council, tree):
    second = council_member("second", tree["dept"])
    yes = accepted(PersonFactory(unit=tree["a"]))
    no = accepted(PersonFactory(unit=tree["b"]))
    session = open_session(officer, tree["dept"], [yes, no])
    vote([council, second], item_of(session, yes), "agree")
    vote([council], item_of(session, no), "disagree")
    vote([second], item_of(session, no), "abstain")
    session_close(actor=officer, session=session)
    passed = AuditEntry.objects.get(action="nomination.council_pass", object_id=str(yes.pk))
    failed = AuditEntry.objects.get(action="nomination.council_fail", object_id=str(no.pk))
    assert (passed.from_state, passed.to_state) == (State.ACCEPTED, State.PASSED)
    assert (failed.from_state, failed.to_state) == (State.ACCEPTED, State.NOT_PASSED)
    assert "2 agree" in passed.reason and "of 2 members" in passed.reason
    assert "0 agree, 1 disagree, 1 abstain" in failed.reason
    session.refresh_from_db()
    assert session.state == CouncilSession.State.CLOSED and session.closed_by == officer
    closing = AuditEntry.objects.get(action="council.close")
    assert closing.changes["members"] == 2 and len(closing.changes["items"]) == 2


def test_one_agree_of_two_members_passes_a_simple_majority_award(officer, council, tree, person_a):
    council_member("second", tree["dept"])
    nomination = accepted(person_a)
    session = open_session(officer, tree["dept"], [nomination])
    ballot_cast(actor=council, item=session.items.get(), choice="agree")
    session_close(actor=officer, session=session)
    nomination.refresh_from_db()
    assert nomination.state == State.PASSED


def test_the_ballots_are_locked_once_closed(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    item = session.items.get()
    ballot_cast(actor=council, item=item, choice="agree")
    session_close(actor=officer, session=session)
    with pytest.raises(WorkflowError, match="closed"):
        ballot_cast(actor=council, item=item, choice="disagree")
    with pytest.raises(WorkflowError, match="closed"):
        conflict_declare(actor=council, item=item, reason="late")
    with pytest.raises(WorkflowError, match="closed"):
        session_close(actor=officer, session=session)
    with pytest.raises(WorkflowError, match="closed"):
        session_set_attendance(actor=officer, session=session, member=session.members.get(),
                               present=False)  # fmt: skip
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["agree"]


def test_only_officers_close(officer, council, tree, person_a):
    session = open_session(officer, tree["dept"], [accepted(person_a)])
    with pytest.raises(PermissionDenied):
        session_close(actor=council, session=session)
    session.refresh_from_db()
    assert session.state == CouncilSession.State.OPEN


def test_a_nomination_may_return_to_a_new_session_once_the_first_closed(
    officer, council, tree, person_a
):
    nomination = accepted(person_a)
    first = open_session(officer, tree["dept"], [nomination])
    session_close(actor=officer, session=first)
    nomination.refresh_from_db()
    assert nomination.state == State.NOT_PASSED
    with pytest.raises(WorkflowError, match="only accepted"):
        session_open(actor=officer, unit=tree["dept"], title="Again", date=first.date,
                     place="x", nominations=[nomination])  # fmt: skip
