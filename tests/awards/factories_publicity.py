"""Factories for the public comment window (awards/publicity)."""

from datetime import timedelta

import factory
from django.utils import timezone

from awards.models import AwardType, Nomination
from awards.publicity.models import DayOff, PublicComment, PublicNotice, PublicNoticeEntry
from tests.awards.factories import NominationFactory
from tests.factories import UnitFactory


def accepted_cstdtq(person, **kwargs):
    """An accepted nomination for National Emulation Fighter, an award that requires a public
    comment window of 10 working days in the preloaded catalogue."""
    kwargs.setdefault("state", Nomination.State.ACCEPTED)
    return NominationFactory(
        person=person, award_type=AwardType.objects.get(code="CSTDTQ"), **kwargs
    )


class PublicNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicNotice

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Lấy ý kiến nhân dân đợt {n}")
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda notice: notice.starts_on + timedelta(days=13))
    working_days = 10


class PublicNoticeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicNoticeEntry

    notice = factory.SubFactory(PublicNoticeFactory)
    nomination = factory.SubFactory(NominationFactory)
    display_name = factory.LazyAttribute(lambda e: e.nomination.person.full_name)
    display_unit = factory.LazyAttribute(lambda e: e.nomination.unit.name)
    award_name = factory.LazyAttribute(lambda e: e.nomination.award_type.name_vi)
    summary = factory.LazyAttribute(lambda e: e.nomination.summary)


class PublicCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicComment

    entry = factory.SubFactory(PublicNoticeEntryFactory)
    author_name = "Người dân"
    text = "Tôi đồng ý với đề nghị khen thưởng."
    address_hash = "0" * 64


class DayOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayOff

    date = factory.Sequence(lambda n: timezone.localdate() + timedelta(days=30 + n))
    name = "Nghỉ bù"
