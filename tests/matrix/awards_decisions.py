"""Permission-matrix rows for the decisions pages (awards/decisions/views.py).

A draft belongs to its issuing unit (here the department): district clerks and the other district
roles do not know it exists (404); every role on the department reads it; only approvers (and
superusers) draft, edit and issue (403 for the others; a district's approver drafts for their
district). An issued decision is also readable by the units it names: clerk_a and the district
roles read the department's decision that granted person_a, clerk_b does not know it exists. The
POST-only URLs answer a GET with 405; who may post them is tested in
tests/awards/test_decisions_views.py.
"""

from awards.models import Decision
from tests.awards.factories_decisions import DecisionFactory, line_for_person
from tests.matrix.outcomes import ALL_OK, DISTRICT, PERSONAS, UNIT_A_READ

APPROVERS_ONLY = {**dict.fromkeys(PERSONAS[1:], 403), "approver": 200, "approver_a": 200,
                  "superuser": 200}  # fmt: skip
APPROVE_DEPT_DRAFT = {**APPROVERS_ONLY, "clerk_a": 404, "clerk_b": 404,
                      **dict.fromkeys(DISTRICT, 404)}  # fmt: skip
POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)


def _draft(get):
    decision = DecisionFactory(unit=get("tree")["dept"])
    line = line_for_person(decision, get("person_a"))
    return decision, line


def _draft_pk(get):
    return [_draft(get)[0].pk]


def _line(get):
    decision, line = _draft(get)
    return [decision.pk, line.pk]


def _issued_naming_person_a(get):
    decision = DecisionFactory(unit=get("tree")["dept"], issued=True)
    line_for_person(decision, get("person_a"))
    assert decision.state == Decision.State.ISSUED
    return [decision.pk]


ROWS = {
    "decision_list": (lambda get: [], ALL_OK),
    "decision_create": (lambda get: [], APPROVERS_ONLY),
    "decision_detail": (_issued_naming_person_a, UNIT_A_READ),
    "decision_update": (_draft_pk, APPROVE_DEPT_DRAFT),
    "decision_issue": (_draft_pk, APPROVE_DEPT_DRAFT),
    "decision_discard": (_draft_pk, POST_ONLY),
    "decision_amend": (_issued_naming_person_a, POST_ONLY),
    "decision_line_remove": (_line, POST_ONLY),
}


# The decision as PDF, Word and signed PDF (awards/documents/views.py): whoever reads the decision
# downloads it.
def _issued_and_a_signing_key(get):
    from awards.documents.signing import ensure_demo_key

    ensure_demo_key()
    return _issued_naming_person_a(get)


ROWS.update({
    "decision_pdf": (_issued_naming_person_a, UNIT_A_READ),
    "decision_docx": (_issued_naming_person_a, UNIT_A_READ),
    "decision_pdf_signed": (_issued_and_a_signing_key, UNIT_A_READ),
})  # fmt: skip


# Revocation (awards/decisions/revocation_views.py): person_a's award, granted by the department's
# decision; clerk_b does not know it exists (404); only the department's approver revokes it (403
# for the others, the district's approver included: the department decided it); every role reads
# a revocation.
def _award_of_person_a(get):
    from tests.awards.factories import AwardRecordFactory

    decision = DecisionFactory(unit=get("tree")["dept"], issued=True)
    line_for_person(decision, get("person_a"))
    return AwardRecordFactory(person=get("person_a"), decision=decision, source="granted")


def _revocation_of_person_a(get):
    from datetime import date

    from awards.models import Revocation

    award = _award_of_person_a(get)
    award.revoked = True
    award.save()
    revocation = Revocation.objects.create(award=award, reason="Khai man thành tích",
                                           decision_number="25/QĐ-SLĐTBXH",
                                           decision_date=date(2024, 6, 1))  # fmt: skip
    return [revocation.pk]


ROWS.update({
    "award_revoke": (lambda get: [_award_of_person_a(get).pk],
                     {**APPROVERS_ONLY, "clerk_b": 404, "approver_a": 403}),
    "revocation_detail": (_revocation_of_person_a, UNIT_A_READ),
    "revocation_list": (lambda get: [], ALL_OK),
})  # fmt: skip
