"""Permission-matrix rows for the data-entry and approval pages (indicators/entry/views/).

Entering figures needs "indicator.enter" (clerks and officers) on the unit: clerk_b does not
see unit A (404), council, approver and viewer see it but may not enter (403).
`figures_transition` is POST only and checks the method before anything else, so a GET is a
405 for every signed-in persona, whatever the unit; its permissions are tested with POSTs in
tests/indicators/test_status_views.py.
"""

from tests.matrix.outcomes import ALL_OK, PERSONAS

ENTER_UNIT_A = {
    "clerk_a": 200,
    "clerk_b": 404,
    "officer": 200,
    "council": 403,
    "approver": 403,
    "viewer": 403,
    "superuser": 200,
    "officer_a": 200,
    "viewer_a": 403,
    "council_a": 403,
    "approver_a": 403,
}


def _unit_a_2024(get):
    return [get("tree")["a"].pk, 2024]


ROWS = {
    "figures_status": (lambda get: [], ALL_OK),
    "figures_entry": (_unit_a_2024, ENTER_UNIT_A),
    "figures_template": (_unit_a_2024, ENTER_UNIT_A),
    "figures_upload": (_unit_a_2024, ENTER_UNIT_A),
    "figures_transition": (
        lambda get: [*_unit_a_2024(get), "submit"],
        dict.fromkeys(PERSONAS[1:], 405),
    ),
}
