"""Factories for the decisions tests: passed nominations ready for a decision, and decisions
made directly in the database (the permission matrix needs them without going through issuing)."""

from datetime import date

import factory

from awards.models import Decision, DecisionLine, Nomination
from tests.awards.factories import CampaignFactory, NominationFactory, award_type
from tests.factories import UnitFactory


def passed(*, person=None, unit=None, code="LDTT", campaign=None, year=2023):
    """A nomination the council passed, for a person or (unit=…, person=None) a collective."""
    values = {"award_type": award_type(code), "state": Nomination.State.PASSED, "year": year,
              "campaign": campaign or CampaignFactory(year=year)}  # fmt: skip
    if person is not None:
        return NominationFactory(person=person, **values)
    return NominationFactory(person=None, unit=unit, **values)


DRAFT_TEXTS = {
    "subject": "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2023",
    "legal_bases": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
    "proposal_phrase": "Hội đồng Thi đua - Khen thưởng Sở",
    "signer_name": "Nguyễn Văn Hùng",
    "signer_title": "GIÁM ĐỐC",
}


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    unit = factory.SubFactory(UnitFactory)
    issuer_code = "DEPT"
    issuer_name = factory.LazyAttribute(lambda d: d.unit.name)
    subject = DRAFT_TEXTS["subject"]
    legal_bases = DRAFT_TEXTS["legal_bases"]
    proposal_phrase = DRAFT_TEXTS["proposal_phrase"]
    signer_name = DRAFT_TEXTS["signer_name"]
    signer_title = DRAFT_TEXTS["signer_title"]

    class Params:
        issued = factory.Trait(
            state=Decision.State.ISSUED,
            number=factory.Sequence(lambda n: n + 1),
            year=2024,
            number_text=factory.LazyAttribute(lambda d: f"{d.number}/QĐ-{d.issuer_code}"),
            decision_date=date(2024, 1, 15),
            base_salary=1_800_000,
        )


def line_for_person(decision, person, code="LDTT", nomination=None):
    return DecisionLine.objects.create(
        decision=decision, nomination=nomination, award_type=award_type(code), person=person,
        unit=person.unit, recipient_name=person.full_name, position=person.position,
        unit_name=person.unit.name, order=1,
    )  # fmt: skip
