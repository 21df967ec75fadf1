from datetime import date

import factory

from awards.models import (
    AnnualRating,
    AwardRecord,
    AwardType,
    Campaign,
    Cluster,
    ClusterMember,
    Hold,
    Initiative,
    Nomination,
)
from tests.factories import PersonFactory, UnitFactory


def award_type(code):
    """The preloaded catalogue entry (the data migration creates all sixteen)."""
    return AwardType.objects.get(code=code)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualRating

    person = factory.SubFactory(PersonFactory)
    year = 2023
    rating = "HTTNV"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    person = factory.SubFactory(PersonFactory)
    year = 2023
    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    level = "grassroots"


class HoldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hold

    person = factory.SubFactory(PersonFactory)
    reason = "Đang xem xét kỷ luật"
    start = date(2023, 6, 1)


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    award_type = factory.LazyFunction(lambda: award_type("LDTT"))
    person = factory.SubFactory(PersonFactory)
    year = 2023
    commendation_type = "merit"
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-SLĐTBXH")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = "block"
    year = 2023


class ClusterMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterMember

    cluster = factory.SubFactory(ClusterFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "member"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Phong trào thi đua năm 2023 số {n}")
    type = "annual"
    year = 2023
    nominations_open = date(2024, 1, 1)
    nominations_close = date(2030, 12, 31)
    state = "open"

    @factory.post_generation
    def award_types(obj, create, extracted, **kwargs):
        if create:
            obj.award_types.set(extracted if extracted is not None else AwardType.objects.all())


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    campaign = factory.SubFactory(CampaignFactory)
    award_type = factory.LazyFunction(lambda: award_type("LDTT"))
    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda n: n.person.unit if n.person else UnitFactory())
    year = 2023
    summary = "Hoàn thành xuất sắc nhiệm vụ được giao."
