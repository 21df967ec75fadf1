"""The indicators app's panel on the "my units" home page."""

from django.db.models import Count

from indicators.models import DataStatus, Period
from indicators.years import latest_year_with_data
from organizations.access import scope_of
from organizations.models import Role, Unit

# Every role reads figures: clerks and officers enter them, the others read the status.
FIGURE_ROLES = set(Role.values)
State = DataStatus.State


def entry_status(request):
    """The entry status of the user's own units for the latest year with figures
    (indicators/years.py), and for officers a count per state over every unit they see.
    At most five queries."""
    user = request.user
    scope = scope_of(user)
    if not scope.is_superuser and not (scope.roles & FIGURE_ROLES):
        return None
    year = latest_year_with_data(user)
    unit_ids = {grant.unit_id for grant in scope.grants}
    units = list(
        Unit.objects.filter(pk__in=unit_ids)
        .in_tree_order()
        .only("id", "code", "name", "short_name", "path", "depth")
    )
    states = dict(
        DataStatus.objects.filter(unit_id__in=unit_ids, year=year, period=Period.YEAR).values_list(
            "unit_id", "state"
        )
    )
    rows = [
        {
            "unit": unit,
            "state": State(states.get(unit.pk, State.OPEN)),
            "may_enter": scope.may("indicator.enter", unit),
        }
        for unit in units
    ]
    summary = None
    if scope.is_superuser or scope.may("indicator.approve"):
        counted = dict(
            DataStatus.objects.visible_to(user)
            .filter(year=year, period=Period.YEAR)
            .exclude(state=State.OPEN)
            .values_list("state")
            .annotate(count=Count("id"))
            .order_by()
        )
        total = Unit.objects.visible_to(user).count()
        counted[State.OPEN] = total - sum(counted.values())
        summary = [(state, counted.get(state, 0)) for state in State]
    return {
        "template": "indicators/entry/panel_entry_status.html",
        "year": year,
        "rows": rows,
        "summary": summary,
    }
