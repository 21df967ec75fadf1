"""Permission-matrix rows for the reports pages (awards/reports/views.py).

Every role reads the reports for the units it covers. A decision's annex is read like the
decision page: the department's issued decision that names unit A is read by clerk_a, and does
not exist for clerk_b (404).
"""

from tests.awards.factories_reports import DecisionFactory, DecisionLineFactory
from tests.matrix.outcomes import ALL_OK, UNIT_A_READ


def _decision(get):
    tree = get("tree")
    decision = DecisionFactory(unit=tree["dept"])
    DecisionLineFactory(decision=decision, unit=tree["a"], recipient_name=tree["a"].name)
    return [decision.pk]


ROWS = {
    "report_index": (lambda get: [], ALL_OK),
    "report_awards": (lambda get: [], ALL_OK),
    "report_awards_xlsx": (lambda get: [], ALL_OK),
    "report_performance": (lambda get: [], ALL_OK),
    "report_performance_xlsx": (lambda get: [], ALL_OK),
    "decision_annex_xlsx": (_decision, UNIT_A_READ),
}
