"""A granted award with its certificate, made directly in the database."""

from datetime import date

from awards.certificates.services import certificate_issue
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
