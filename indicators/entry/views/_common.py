"""What the entry pages share: the roles they check, the workflow actions a state offers, the
year in the address and the unit's stored cells."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from indicators.entry import services
from indicators.models import DataStatus, IndicatorValue, Period
from indicators.years import YEAR_MAX, YEAR_MIN, latest_year_with_data

ENTER = "indicator.enter"
APPROVE = "indicator.approve"
State = DataStatus.State
LOCKED_STATES = {State.SUBMITTED, State.APPROVED}
# Which workflow action a state offers, and to whom.
OFFERS = {
    State.OPEN: [("submit", ENTER)],
    State.RETURNED: [("submit", ENTER)],
    State.SUBMITTED: [("approve", APPROVE), ("return", APPROVE)],
    State.APPROVED: [("reopen", APPROVE)],
}
TRANSITIONS = {
    "submit": {
        "permission": ENTER,
        "service": services.figures_submit,
        "reason": False,
        "label": gettext_lazy("Submit for approval"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were submitted for approval."),
    },
    "approve": {
        "permission": APPROVE,
        "service": services.figures_approve,
        "reason": False,
        "label": gettext_lazy("Approve"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were approved and locked."),
    },
    "return": {
        "permission": APPROVE,
        "service": services.figures_return,
        "reason": True,
        "label": gettext_lazy("Return for correction"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were returned to the unit."),
    },
    "reopen": {
        "permission": APPROVE,
        "service": services.figures_reopen,
        "reason": True,
        "label": gettext_lazy("Reopen"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were reopened for entry."),
    },
}


def _check_year(year):
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404


def _year_param(request):
    """?year=YYYY, or the latest year with figures in the user's units when absent or not a
    year."""
    text = request.GET.get("year", "").strip()
    if text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX:
        return int(text)
    return latest_year_with_data(request.user)


def _year_choices(year):
    current = timezone.localdate().year
    return sorted({*range(current - 5, current + 2), year}, reverse=True)


def _actions(scope, unit, state):
    """The workflow actions this user may take on the unit in this state."""
    return [
        {"name": name, "label": TRANSITIONS[name]["label"], "reason": TRANSITIONS[name]["reason"]}
        for name, permission in OFFERS[state]
        if scope.may(permission, unit)
    ]


def _status_of(unit, year):
    return (
        DataStatus.objects.filter(unit=unit, year=year, period=Period.YEAR)
        .select_related("changed_by")
        .first()
    )


def _stored_cells(unit, year):
    return {
        cell.indicator_id: cell
        for cell in IndicatorValue.objects.filter(unit=unit, year=year, period=Period.YEAR)
    }
