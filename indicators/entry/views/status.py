"""The status table: the approval state of every unit the user sees, for one year."""

from collections import Counter

from django.shortcuts import render
from django.views.decorators.http import require_safe

from indicators.entry.views._common import ENTER, State, _actions, _year_choices, _year_param
from indicators.models import DataStatus, Period
from organizations.access import scope_of
from organizations.models import Unit

MAX_INDENT = 6


@require_safe
def figures_status(request):
    year = _year_param(request)
    scope = scope_of(request.user)
    units = list(
        Unit.objects.visible_to(request.user)
        .in_tree_order()
        .only("id", "code", "name", "short_name", "parent_id", "path", "depth", "is_active")
    )
    statuses = {
        status.unit_id: status
        for status in DataStatus.objects.visible_to(request.user)
        .filter(year=year, period=Period.YEAR)
        .select_related("changed_by")
    }
    wanted = request.GET.get("state", "")
    if wanted not in State.values:
        wanted = ""
    top = min((unit.depth for unit in units), default=0)
    rows, counts = [], Counter()
    for unit in units:
        status = statuses.get(unit.pk)
        state = State(status.state) if status else State.OPEN
        counts[state] += 1
        if wanted and state != wanted:
            continue
        rows.append(
            {
                "unit": unit,
                "indent": min(unit.depth - top, MAX_INDENT),
                "state": state,
                "status": status,
                "may_enter": scope.may(ENTER, unit),
                "actions": _actions(scope, unit, state),
            }
        )
    return render(
        request,
        "indicators/entry/status.html",
        {
            "year": year,
            "years": _year_choices(year),
            "rows": rows,
            "state_filter": wanted,
            "summary": [(state, counts[state]) for state in State],
            "total": len(units),
            "next": request.get_full_path(),
        },
    )
