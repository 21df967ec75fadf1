"""Decisions with their annex lines, for the report tests (tests/awards/test_reports.py)."""

from datetime import date
from decimal import Decimal

import factory

from awards.models import Decision, DecisionLine
from tests.awards.factories import award_type
from tests.factories import UnitFactory


class DecisionFactory(factory.django.DjangoModelFactory):
    """An issued commendation decision of the department."""

    class Meta:
        model = Decision

    kind = Decision.Kind.GRANT
    state = Decision.State.ISSUED
    unit = factory.SubFactory(UnitFactory)
    issuer_code = "SLĐTBXH"
    issuer_name = "Giám đốc Sở Lao động – Thương binh và Xã hội"
    number = factory.Sequence(lambda n: n + 1)
    year = 2024
    number_text = factory.LazyAttribute(lambda d: f"{d.number}/QĐ-{d.issuer_code}")
    decision_date = date(2024, 1, 15)
    subject = "Về việc tặng danh hiệu thi đua năm 2023"
    signer_name = "Nguyễn Văn Giám"
    signer_title = "Giám đốc"


class DecisionLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionLine

    decision = factory.SubFactory(DecisionFactory)
    award_type = factory.LazyFunction(lambda: award_type("LDTT"))
    person = None
    unit = factory.SubFactory(UnitFactory)
    order = factory.Sequence(lambda n: n)
    recipient_name = factory.Sequence(lambda n: f"Người nhận số {n}")
    position = ""
    unit_name = factory.LazyAttribute(lambda line: line.unit.name)
    coefficient = Decimal("0.3")
    bonus_amount = Decimal("710000")
