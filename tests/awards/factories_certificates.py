"""A granted award with its certificate, made directly in the database."""

from datetime import date

from awards.certificates.services import certificate_issue
from awards.models import DecisionLine
from tests.awards.factories import AwardRecordFactory, award_type
from tests.awards.factories_decisions import DecisionFactory


def granted(*, person=None, unit=None, code="LDTT", decision=None, year=2023):
    """A granted award of `code` for a person (or a collective with unit=…) and its certificate."""
    decision = decision or DecisionFactory(unit=_decision_unit(person, unit), issued=True)
    values = {"award_type": award_type(code), "year": year, "source": "granted",
              "decision": decision, "decision_number": decision.number_text,
              "decision_date": decision.decision_date or date(2024, 1, 15),
              "issuer": decision.issuer_name}  # fmt: skip
    if person is not None:
        award = AwardRecordFactory(person=person, **values)
    else:
        award = AwardRecordFactory(person=None, unit=unit, **values)
    return certificate_issue(award=award)


def _decision_unit(person, unit):
    subject_unit = person.unit if person is not None else unit
    while subject_unit.parent_id:
        subject_unit = subject_unit.parent
    return subject_unit


def issued_with_certificates(*, unit, people=(), collectives=(), orders=None,
                             issuer_code="SLĐTBXH"):  # fmt: skip
    """An issued decision of `unit` granting Lao động tiên tiến to each person and Tập thể lao
    động tiên tiến to each collective: one annex line, one granted award and one certificate
    each. `orders` gives the lines' annex order (default: collectives, then people, as given)."""
    decision = DecisionFactory(unit=unit, issued=True, issuer_code=issuer_code)
    subjects = [(None, u, "TTLDTT") for u in collectives] + [(p, p.unit, "LDTT") for p in people]
    orders = orders or range(1, len(subjects) + 1)
    for (person, subject_unit, code), order in zip(subjects, orders, strict=True):
        award = AwardRecordFactory(
            person=person, unit=None if person else subject_unit, award_type=award_type(code),
            year=2023, source="granted", decision=decision, decision_number=decision.number_text,
            decision_date=decision.decision_date, issuer=decision.issuer_name,
        )  # fmt: skip
        DecisionLine.objects.create(
            decision=decision, award_type=award_type(code), person=person, unit=subject_unit,
            recipient_name=person.full_name if person else subject_unit.name,
            position=person.position if person else "", unit_name=subject_unit.name,
            order=order, award_record=award,
        )  # fmt: skip
        certificate_issue(award=award)
    return decision
