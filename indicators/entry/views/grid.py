"""The entry grid of one unit's year: its figures, last year's results beside them, and the
refusal of a save when someone else changed a cell meanwhile."""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from indicators.arithmetic import roll_up
from indicators.entry import services
from indicators.entry.forms import EntryGrid, display_number
from indicators.entry.views._common import (
    ENTER,
    LOCKED_STATES,
    State,
    _actions,
    _check_year,
    _status_of,
    _stored_cells,
)
from indicators.models import Indicator, IndicatorValue, Period
from organizations.access import get_unit_for_user, scope_of
from organizations.models import Unit


def _previous_results(unit, year, indicators):
    """Last year's result of each indicator: the unit's own, or for counts the sum over its
    sub-units. Maps indicator id → (value or None, rolled up?). Two queries."""
    children_of = defaultdict(list)
    for unit_id, parent_id in Unit.objects.filter(path__startswith=unit.path).values_list(
        "id", "parent_id"
    ):
        children_of[parent_id].append(unit_id)
    own = defaultdict(dict)
    for indicator_id, unit_id, result in IndicatorValue.objects.filter(
        unit__path__startswith=unit.path,
        year=year - 1,
        period=Period.YEAR,
        result__isnull=False,
    ).values_list("indicator_id", "unit_id", "result"):
        own[indicator_id][unit_id] = result
    previous = {}
    for indicator in indicators:
        mine = own[indicator.pk].get(unit.pk)
        if mine is not None:
            previous[indicator.pk] = (mine, False)
        else:
            value = roll_up(unit.pk, own[indicator.pk], children_of, indicator.value_type)
            previous[indicator.pk] = (value, value is not None)
    return previous


def _dash(number):
    return display_number(number) or "—"


def _conflict_message(conflicts):
    parts = []
    for conflict in conflicts:
        stored = conflict.stored
        parts.append(
            _("%(code)s (now: target %(target)s, result %(result)s)")
            % {
                "code": conflict.indicator.code,
                "target": _dash(stored.target),
                "result": _dash(stored.result),
            }
        )
    return _(
        "Nothing was saved: someone else changed these figures after you opened the page: "
        "%(list)s. Your values are kept below; check them and save again."
    ) % {"list": "; ".join(parts)}


@require_http_methods(["GET", "POST"])
def figures_entry(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=ENTER)
    _check_year(year)
    here = reverse("figures_entry", args=[unit.pk, year])
    status = _status_of(unit, year)
    state = State(status.state) if status else State.OPEN
    locked = state in LOCKED_STATES
    indicators = list(Indicator.objects.filter(is_active=True))
    conflicts = {}
    if request.method == "POST":
        if locked:
            messages.error(request, _locked_notice(unit, year, state))
            return redirect(here)
        grid = EntryGrid(indicators=indicators, cells={}, data=request.POST)
        if not grid.is_valid():
            messages.error(
                request,
                ngettext(
                    "Nothing was saved: %(count)s figure needs correcting (marked below).",
                    "Nothing was saved: %(count)s figures need correcting (marked below).",
                    grid.error_count,
                )
                % {"count": grid.error_count},
            )
        else:
            rows = grid.changed_rows()
            if not rows:
                messages.info(request, _("Nothing was changed."))
                return redirect(here)
            try:
                changed = services.figures_save(actor=request.user, unit=unit, year=year, rows=rows)
            except services.LockedFigures as refusal:
                messages.error(request, str(refusal))
                return redirect(here)
            except services.StaleCells as stale:
                conflicts = {c.indicator.pk: c for c in stale.conflicts}
                messages.warning(request, _conflict_message(stale.conflicts))
                grid = grid.refreshed(_stored_cells(unit, year))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Saved: %(count)s indicator changed.",
                        "Saved: %(count)s indicators changed.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(here)
    else:
        grid = EntryGrid(indicators=indicators, cells=_stored_cells(unit, year))
    previous = _previous_results(unit, year, indicators)
    rows = []
    for form in grid.rows:
        value, rolled = previous[form.indicator.pk]
        conflict = conflicts.get(form.indicator.pk)
        rows.append(
            {
                "indicator": form.indicator,
                "form": form,
                "previous_display": display_number(value),
                "previous_rolled": rolled,
                "conflict": conflict,
                "conflict_target": _dash(conflict.stored.target) if conflict else "",
                "conflict_result": _dash(conflict.stored.result) if conflict else "",
            }
        )
    scope = scope_of(request.user)
    return render(
        request,
        "indicators/entry/entry.html",
        {
            "unit": unit,
            "year": year,
            "status": status,
            "state": state,
            "locked": locked,
            "locked_notice": _locked_notice(unit, year, state) if locked else "",
            "rows": rows,
            "actions": _actions(scope, unit, state),
            "next": here,
            "example_count": display_number(Decimal("17605")),
            "example_rate": display_number(Decimal("69.5")),
        },
    )


def _locked_notice(unit, year, state):
    if state == State.APPROVED:
        return _(
            "The figures of %(unit)s for %(year)s are approved and locked. An emulation officer "
            "can reopen them, giving a reason."
        ) % {"unit": unit.name, "year": year}
    return _(
        "The figures of %(unit)s for %(year)s are submitted and locked while they await "
        "approval. An emulation officer can return them for correction."
    ) % {"unit": unit.name, "year": year}
