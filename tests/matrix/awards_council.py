"""Permission-matrix rows for the council pages (awards/council/views.py).

A session belongs to the department's council: clerks and the other roles of a district do not
know it exists (404); every role on the department may read it; only officers open sessions (a
district officer those of their district's council). The POST-only URLs
(ballot, conflict, attendance, close) answer a GET with 405; who may post them is tested in
tests/awards/test_council_views.py.
"""

from datetime import date

from awards.models import AgendaItem, CouncilMember, CouncilSession, Nomination
from tests.awards.factories import NominationFactory
from tests.matrix.outcomes import ALL_OK, DEPT_READ, OFFICERS_ONLY, PERSONAS

POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)


def _session(get):
    """An open session of the department's council, the council persona its member, with
    person_a's accepted nomination on the agenda."""
    session = CouncilSession.objects.create(unit=get("tree")["dept"], title="Phiên họp 2023",
                                            date=date(2024, 1, 15), place="Phòng họp")  # fmt: skip
    CouncilMember.objects.create(session=session, user=get("council"))
    nomination = NominationFactory(person=get("person_a"), state=Nomination.State.ACCEPTED)
    item = AgendaItem.objects.create(session=session, nomination=nomination, order=1)
    return session, item


def _session_pk(get):
    return [_session(get)[0].pk]


def _item(get):
    session, item = _session(get)
    return [session.pk, item.pk]


ROWS = {
    "council_session_list": (lambda get: [], ALL_OK),
    "council_session_create": (lambda get: [], OFFICERS_ONLY),
    "council_session_detail": (_session_pk, DEPT_READ),
    "council_session_minutes": (_session_pk, DEPT_READ),
    "council_minutes_pdf": (_session_pk, DEPT_READ),  # awards/documents/views.py
    "council_attendance": (_session_pk, POST_ONLY),
    "council_session_close": (_session_pk, POST_ONLY),
    "council_ballot_cast": (_item, POST_ONLY),
    "council_conflict_declare": (_item, POST_ONLY),
}
