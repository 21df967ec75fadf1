"""The publicity services: publishing accepted nominees, withdrawing, days off, comments from
the public with their throttle, and the check the council makes before a vote."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from awards.models import Nomination
from awards.publicity.models import DayOff, PublicComment, PublicNotice
from awards.publicity.services import (
    WorkflowError,
    address_hash,
    comment_add,
    dayoff_add,
    dayoff_remove,
    notice_publish,
    notice_withdraw,
    publicity_block,
)
from organizations.models import AuditEntry
from tests.awards.factories import NominationFactory, award_type
from tests.awards.factories_publicity import (
    PublicNoticeEntryFactory,
    PublicNoticeFactory,
    accepted_cstdtq,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 2, 2)  # a Monday, a week before Tết Bính Ngọ


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def publish(actor, nominations, unit, **kwargs):
    return notice_publish(
        actor=actor,
        unit=unit,
        title=kwargs.pop("title", "Lấy ý kiến nhân dân đối với cá nhân đề nghị khen thưởng"),
        starts_on=kwargs.pop("starts_on", date(2026, 2, 9)),
        working_days=kwargs.pop("working_days", None),
        nominations=nominations,
    )


# --- Publishing --------------------------------------------------------------------------------


def test_publishing_counts_the_award_types_window_in_working_days_over_tet(officer, tree, person_a):
    nomination = accepted_cstdtq(person_a)
    notice = publish(officer, [nomination], tree["dept"])
    assert (notice.starts_on, notice.ends_on, notice.working_days) == (
        date(2026, 2, 9),
        date(2026, 2, 27),
        10,
    )
    audit = AuditEntry.objects.get(action="publicity.publish")
    assert audit.actor == officer and audit.changes["nominations"] == [nomination.pk]


def test_an_officer_may_ask_for_a_longer_window_than_the_award_requires(officer, tree, person_a):
    notice = publish(officer, [accepted_cstdtq(person_a)], tree["dept"], working_days=15)
    assert notice.ends_on == date(2026, 3, 6)


def test_publishing_copies_only_the_public_facts(officer, tree):
    person = PersonFactory(
        full_name="Giàng Seo Phử",
        code="NV-0042",
        unit=tree["a"],
        date_of_birth=date(1980, 5, 17),
        sex="M",
    )
    nomination = accepted_cstdtq(person, summary="Đào tạo nghề cho 300 lao động. " * 60)
    entry = publish(officer, [nomination], tree["dept"]).entries.get()
    assert entry.display_name == "Giàng Seo Phử"
    assert entry.display_unit == tree["a"].name
    assert entry.award_name == nomination.award_type.name_vi
    assert len(entry.summary) <= 1000 and entry.summary.endswith("…")
    copied = " ".join([entry.display_name, entry.display_unit, entry.award_name, entry.summary])
    assert "NV-0042" not in copied and "1980" not in copied


def test_a_collective_nominee_is_shown_by_its_unit_name(officer, tree):
    nomination = NominationFactory(
        person=None, unit=tree["a"], award_type=award_type("HCLD3"), state=Nomination.State.ACCEPTED
    )
    entry = publish(officer, [nomination], tree["dept"]).entries.get()
    assert entry.display_name == entry.display_unit == tree["a"].name


def test_publishing_refuses_a_nomination_not_yet_accepted_and_names_it(officer, tree, person_a):
    submitted = accepted_cstdtq(person_a, state=Nomination.State.SUBMITTED)
    with pytest.raises(WorkflowError, match=person_a.full_name):
        publish(officer, [submitted], tree["dept"])
    assert not PublicNotice.objects.exists()


def test_publishing_refuses_another_units_nomination(officer, tree, person_a, person_b):
    with pytest.raises(WorkflowError, match=f"{person_b.full_name}.*does not belong"):
        publish(officer, [accepted_cstdtq(person_a), accepted_cstdtq(person_b)], tree["a"])
    assert not PublicNotice.objects.exists()


def test_publishing_refuses_an_award_that_needs_no_public_comment(officer, tree, person_a):
    ldtt = NominationFactory(person=person_a, state=Nomination.State.ACCEPTED)
    with pytest.raises(WorkflowError, match="needs no public comment"):
        publish(officer, [ldtt], tree["dept"])


def test_a_nominee_already_open_for_comment_is_not_published_twice(officer, tree, person_a):
    nomination = accepted_cstdtq(person_a)
    publish(officer, [nomination], tree["dept"])
    with pytest.raises(WorkflowError, match="already open for comment"):
        publish(officer, [nomination], tree["dept"])


def test_only_officers_publish_and_only_over_their_units(clerk_a, tree, person_a):
    with pytest.raises(PermissionDenied):
        publish(clerk_a, [accepted_cstdtq(person_a)], tree["a"])


def test_a_window_cannot_start_in_the_past(officer, tree, person_a):
    with pytest.raises(WorkflowError, match="past"):
        publish(officer, [accepted_cstdtq(person_a)], tree["dept"], starts_on=date(2026, 1, 30))


def test_withdrawing_needs_a_reason_and_is_audited(officer, tree, person_a):
    notice = publish(officer, [accepted_cstdtq(person_a)], tree["dept"])
    with pytest.raises(WorkflowError):
        notice_withdraw(actor=officer, notice=notice, reason=" ")
    notice_withdraw(actor=officer, notice=notice, reason="Sai danh sách")
    notice.refresh_from_db()
    assert notice.state == PublicNotice.State.WITHDRAWN
    assert AuditEntry.objects.get(action="publicity.withdraw").reason == "Sai danh sách"
    with pytest.raises(WorkflowError, match="already withdrawn"):
        notice_withdraw(actor=officer, notice=notice, reason="again")


# --- Days off ----------------------------------------------------------------------------------


def test_an_officer_adds_and_removes_an_extra_day_off_with_audit(officer):
    day = dayoff_add(actor=officer, date=date(2026, 3, 4), name="Nghỉ bù")
    assert AuditEntry.objects.filter(action="publicity.dayoff_add").count() == 1
    dayoff_remove(actor=officer, day=day)
    assert not DayOff.objects.exists()
    assert AuditEntry.objects.filter(action="publicity.dayoff_remove").count() == 1


def test_a_public_holiday_or_a_weekend_is_not_added_as_a_day_off(officer):
    with pytest.raises(WorkflowError, match="public holiday"):
        dayoff_add(actor=officer, date=date(2026, 2, 17), name="Tết")
    with pytest.raises(WorkflowError, match="not a working day"):
        dayoff_add(actor=officer, date=date(2026, 3, 7), name="Thứ bảy")


def test_a_clerk_may_not_add_days_off(clerk_a):
    with pytest.raises(PermissionDenied):
        dayoff_add(actor=clerk_a, date=date(2026, 3, 4), name="Nghỉ bù")


def test_the_window_counts_an_extra_day_off_added_before_publishing(officer, tree, person_a):
    dayoff_add(actor=officer, date=date(2026, 2, 24), name="Nghỉ bù của tỉnh")
    notice = publish(officer, [accepted_cstdtq(person_a)], tree["dept"])
    assert notice.ends_on == date(2026, 3, 2)


# --- Comments ----------------------------------------------------------------------------------


def open_entry(**notice):
    notice = PublicNoticeFactory(starts_on=TODAY - timedelta(days=1), ends_on=TODAY, **notice)
    return PublicNoticeEntryFactory(notice=notice)


def test_a_comment_is_stored_with_a_keyed_hash_of_the_address_not_the_address():
    comment = comment_add(entry=open_entry(), text=" Đề nghị xem lại. ", address="203.0.113.7")
    assert comment.text == "Đề nghị xem lại."
    assert comment.address_hash == address_hash("203.0.113.7")
    assert "203.0.113.7" not in comment.address_hash and len(comment.address_hash) == 64


def test_the_sixth_comment_from_one_address_in_an_hour_is_refused_another_address_is_fine():
    entry = open_entry()
    for n in range(5):
        comment_add(entry=entry, text=f"Ý kiến {n}", address="203.0.113.7")
    with pytest.raises(WorkflowError, match="last hour"):
        comment_add(entry=entry, text="Ý kiến 6", address="203.0.113.7")
    comment_add(entry=entry, text="Ý kiến khác", address="198.51.100.1")
    assert PublicComment.objects.count() == 6


def test_comments_older_than_an_hour_do_not_count_against_the_address():
    entry = open_entry()
    for n in range(5):
        comment_add(entry=entry, text=f"Ý kiến {n}", address="203.0.113.7")
    PublicComment.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    comment_add(entry=entry, text="Một giờ sau", address="203.0.113.7")


def test_a_comment_longer_than_2000_characters_or_empty_is_refused():
    entry = open_entry()
    with pytest.raises(WorkflowError, match="at most 2000"):
        comment_add(entry=entry, text="x" * 2001, address="203.0.113.7")
    with pytest.raises(WorkflowError):
        comment_add(entry=entry, text="   ", address="203.0.113.7")
    assert not PublicComment.objects.exists()


@pytest.mark.parametrize(
    "starts, ends",
    [
        (TODAY + timedelta(days=1), TODAY + timedelta(days=5)),
        (TODAY - timedelta(days=9), TODAY - timedelta(days=1)),
    ],
)
def test_a_comment_outside_the_window_is_refused(starts, ends):
    entry = PublicNoticeEntryFactory(notice=PublicNoticeFactory(starts_on=starts, ends_on=ends))
    with pytest.raises(WorkflowError, match="not being accepted"):
        comment_add(entry=entry, text="Trễ", address="203.0.113.7")


def test_a_withdrawn_notice_takes_no_comment():
    entry = open_entry(state=PublicNotice.State.WITHDRAWN)
    with pytest.raises(WorkflowError):
        comment_add(entry=entry, text="Ý kiến", address="203.0.113.7")


# --- The council's check -----------------------------------------------------------------------


def test_the_council_may_not_vote_before_the_window_has_ended(officer, tree, person_a):
    nomination = accepted_cstdtq(person_a)
    assert "not been published" in publicity_block(nomination, date(2026, 3, 2))
    publish(officer, [nomination], tree["dept"])
    assert "27/02/2026" in publicity_block(nomination, date(2026, 2, 20))
    assert "27/02/2026" in publicity_block(nomination, date(2026, 2, 27))
    assert publicity_block(nomination, date(2026, 2, 28)) is None


def test_a_withdrawn_notice_does_not_count_as_publication(officer, tree, person_a):
    nomination = accepted_cstdtq(person_a)
    notice = publish(officer, [nomination], tree["dept"])
    notice_withdraw(actor=officer, notice=notice, reason="Sai tên")
    assert "not been published" in publicity_block(nomination, date(2026, 3, 2))


def test_an_award_without_public_comment_is_never_blocked(person_a):
    ldtt = NominationFactory(person=person_a, state=Nomination.State.ACCEPTED)
    assert publicity_block(ldtt, TODAY) is None
