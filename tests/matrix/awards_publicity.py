"""Permission-matrix rows for the publicity pages (awards/publicity/views.py).

A notice published by unit A does not exist for clerk_b (404); everyone else who holds a role
over unit A may read it with its comments ("award.view"). Publishing and the days off are for
officers ("publicity.manage"; a district officer publishes for their district and reads the days
off, which only the department's officers change, tested in tests/test_district_scope.py). The
POST-only URLs check the method first: a GET is a 405; their permissions are tested with POSTs in
tests/awards/test_publicity_views.py.

The public pages (no sign-in) are in the PUBLIC dict of tests/test_permission_matrix.py.
"""

from tests.awards.factories_publicity import (
    DayOffFactory,
    PublicNoticeEntryFactory,
    PublicNoticeFactory,
    accepted_cstdtq,
)
from tests.matrix.outcomes import ALL_OK, OFFICERS_ONLY, PERSONAS, UNIT_A_READ

POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)


def notice_of_unit_a(get):
    """A notice of unit A with person_a's accepted nomination and its public entry."""
    notice = PublicNoticeFactory(unit=get("tree")["a"])
    PublicNoticeEntryFactory(notice=notice, nomination=accepted_cstdtq(get("person_a")))
    return notice


ROWS = {
    "publicity_notice_list": (lambda get: [], ALL_OK),
    "publicity_notice_create": (lambda get: [], OFFICERS_ONLY),
    "publicity_notice_detail": (lambda get: [notice_of_unit_a(get).pk], UNIT_A_READ),
    "publicity_notice_withdraw": (lambda get: [notice_of_unit_a(get).pk], POST_ONLY),
    "publicity_dayoff_list": (lambda get: [], OFFICERS_ONLY),
    "publicity_dayoff_add": (lambda get: [], POST_ONLY),
    "publicity_dayoff_remove": (lambda get: [DayOffFactory().pk], POST_ONLY),
}
