"""Council test data: accepted nominations, council members on the department, sessions opened
through the service (so recusals are made the way production makes them)."""

from datetime import date, timedelta

from django.utils import timezone

from awards.council.services import session_open
from awards.models import Nomination, PublicNotice, PublicNoticeEntry
from organizations.models import Role
from tests.awards.factories import NominationFactory, award_type
from tests.factories import MembershipFactory, PersonFactory, UserFactory


def accepted(person=None, *, unit=None, code="LDTT"):
    """An accepted nomination of `person` (or of a new person of `unit`)."""
    person = person or PersonFactory(unit=unit)
    return NominationFactory(person=person, award_type=award_type(code),
                             state=Nomination.State.ACCEPTED)  # fmt: skip


def council_member(username, unit, *also):
    """A user with the council role on `unit`, plus (role, unit) pairs in `also`."""
    user = UserFactory(username=username, first_name=username.title())
    MembershipFactory(user=user, unit=unit, role=Role.COUNCIL)
    for role, other in also:
        MembershipFactory(user=user, unit=other, role=role)
    return user


def council_of(unit, count, prefix="member"):
    return [council_member(f"{prefix}{n}", unit) for n in range(1, count + 1)]


def open_session(officer, unit, nominations, member_users=None, **facts):
    return session_open(
        actor=officer,
        unit=unit,
        title=facts.get("title", "Phiên họp Hội đồng Thi đua – Khen thưởng năm 2023"),
        date=facts.get("date", date(2024, 1, 15)),
        place=facts.get("place", "Phòng họp tầng 2"),
        nominations=nominations,
        member_users=member_users,
    )


def published(nomination, *, ends_in_days, unit):
    """A public notice of the nomination whose comment window ends `ends_in_days` from today."""
    today = timezone.localdate()
    ends = today + timedelta(days=ends_in_days)
    notice = PublicNotice.objects.create(unit=unit, title="Công khai danh sách đề nghị",
                                         starts_on=min(today, ends) - timedelta(days=14),
                                         ends_on=ends, working_days=10)  # fmt: skip
    PublicNoticeEntry.objects.create(notice=notice, nomination=nomination,
                                     display_name=str(nomination.nominee), display_unit="x",
                                     award_name=nomination.award_type.name,
                                     summary=nomination.summary)  # fmt: skip
    return notice
