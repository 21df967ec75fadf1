"""The workflow actions on a unit's year (submit, approve, return, reopen)."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from indicators.entry.views._common import TRANSITIONS, _check_year
from indicators.models import IndicatorValue
from organizations.access import get_unit_for_user
from organizations.http import next_url
from organizations.workflow import run_unit_year_transition


@require_POST
def figures_transition(request, unit_pk, year, action):
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise Http404
    unit = get_unit_for_user(request.user, unit_pk, action=spec["permission"])
    _check_year(year)
    fallback = f"{reverse('figures_status')}?year={year}"
    if action == "submit" and not request.POST.get("confirm_empty") and _is_empty(unit, year):
        # Submitting a year without a single figure is almost always a slip: ask first.
        return render(
            request,
            "indicators/entry/submit_empty_confirm.html",
            {"unit": unit, "year": year, "next": next_url(request, fallback)},
        )
    run_unit_year_transition(request, spec=spec, unit=unit, year=year)
    return redirect(next_url(request, fallback))


def _is_empty(unit, year):
    """No target or result for the year in the unit or its sub-units. One query."""
    return not (
        IndicatorValue.objects.filter(unit__path__startswith=unit.path, year=year)
        .filter(Q(target__isnull=False) | Q(result__isnull=False))
        .exists()
    )
