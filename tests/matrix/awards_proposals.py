"""Permission-matrix rows for the proposals pages (awards/proposals/views.py).

Proposals belong to the proposing unit (the department here): clerks of unit A or B and the
district roles do not know they exist (404); every role on the department reads, prints and
downloads them; only the approver drafts and signs (a district's approver for their district),
only the officer records the outside decision (403 otherwise).
Signing is POST-only (405 on a GET); it is tested with POSTs in tests/awards/test_proposals.py.
"""

from datetime import date

from awards.models import Proposal, ProposalLine
from tests.awards.factories_proposals import passed
from tests.matrix.outcomes import ALL_OK, DEPT_READ, DISTRICT, PERSONAS

APPROVER = {**dict.fromkeys(PERSONAS[1:], 403), "approver": 200, "approver_a": 200,
            "superuser": 200}  # fmt: skip
RECORD = {**dict.fromkeys(PERSONAS[1:], 403), "clerk_a": 404, "clerk_b": 404, "officer": 200,
          "superuser": 200, **dict.fromkeys(DISTRICT, 404)}  # fmt: skip
POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)


def _signed(get):
    """A signed proposal of the department with person_a's nomination pending."""
    nomination = passed(get("person_a"), state="proposed")
    proposal = Proposal.objects.create(
        unit=get("tree")["dept"], authority=nomination.award_type.authority,
        number_text="12/TTr-SLĐTBXH", subject="Về việc đề nghị tặng Bằng khen",
        state=Proposal.State.SIGNED, signed_on=date(2024, 2, 1),
    )  # fmt: skip
    ProposalLine.objects.create(proposal=proposal, nomination=nomination, order=1)
    return [proposal.pk]


ROWS = {
    "proposal_list": (lambda get: [], ALL_OK),
    "proposal_create": (lambda get: [], APPROVER),
    "proposal_detail": (_signed, DEPT_READ),
    "proposal_sign": (_signed, POST_ONLY),
    "proposal_print": (_signed, DEPT_READ),
    # The proposal as PDF and Word (awards/documents/views.py): as its print page.
    "proposal_pdf": (_signed, DEPT_READ),
    "proposal_docx": (_signed, DEPT_READ),
    "proposal_dossier_zip": (_signed, DEPT_READ),
    "outside_decision_record": (_signed, RECORD),
}
