"""Permission-matrix rows for the award catalogue and the eligibility inputs
(awards/catalogue/views.py, awards/history/views/).

- The catalogue, initiatives, award history and clusters are read by everyone with a role
  (each list shows only what the user's subtrees hold).
- Ratings and initiatives are entered by clerks and officers ("award.inputs"): a ratings grid of
  unit A is a 404 for clerk_b and a 403 for council, approver and viewer.
- Holds, past-award imports and cluster imports are for officers (a district officer's within
  their district); catalogue edits for the officers of the whole department only.
"""

from awards.models import AwardType
from tests.awards.factories import HoldFactory, InitiativeFactory
from tests.matrix.outcomes import (
    ALL_OK,
    DEPARTMENT_OFFICERS,
    MANAGE_PEOPLE,
    OFFICERS_ONLY,
    UNIT_A_MANAGE,
)

INPUTS = MANAGE_PEOPLE  # clerks and officers, wherever they hold the role


def _unit_a_2024(get):
    return [get("tree")["a"].pk, 2024]


ROWS = {
    "award_type_list": (lambda get: [], ALL_OK),
    "award_type_update": (
        lambda get: [AwardType.objects.get(code="LDTT").pk],
        DEPARTMENT_OFFICERS,
    ),
    "ratings_index": (lambda get: [], INPUTS),
    "ratings_grid": (_unit_a_2024, UNIT_A_MANAGE),
    "initiative_list": (lambda get: [], ALL_OK),
    "initiative_create": (lambda get: [], INPUTS),
    "initiative_update": (
        lambda get: [InitiativeFactory(person=get("person_a")).pk],
        UNIT_A_MANAGE,
    ),
    "hold_list": (lambda get: [], OFFICERS_ONLY),
    "hold_create": (lambda get: [], OFFICERS_ONLY),
    "hold_update": (lambda get: [HoldFactory(person=get("person_a")).pk], OFFICERS_ONLY),
    "award_history": (lambda get: [], ALL_OK),
    "cluster_list": (lambda get: [], ALL_OK),
    "import_ratings": (lambda get: [], INPUTS),
    "import_initiatives": (lambda get: [], INPUTS),
    "import_holds": (lambda get: [], OFFICERS_ONLY),
    "import_awards": (lambda get: [], OFFICERS_ONLY),
    "import_clusters": (lambda get: [], OFFICERS_ONLY),
}
