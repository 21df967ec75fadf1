"""The years of figures: the range a page or a file may name, and the year a page opens on when
the address names none.

The calendar year is often empty (figures for a year are entered during the next one, and the
demo holds 2022–2024), so every year selector starts on the latest year holding figures in the
user's units, and falls back to the calendar year when there are none.
"""

from django.db.models import Max, Q, Subquery
from django.utils import timezone

from indicators.models import IndicatorValue
from organizations.access import scope_of

# The years a page address or an imported file may name.
YEAR_MIN, YEAR_MAX = 1990, 2100


def latest_years(user):
    """(latest year with any target or result, latest year with a result) in the user's units,
    each None when there is none. One query."""
    scope = scope_of(user)
    if scope.sees_every_unit():
        # No unit filter: both years come from the end of an index on `year` (the report's
        # covering index) instead of a scan of every figure, which the home page paid on every
        # request at a province's size. One query: the latest row carries the other year.
        with_result = IndicatorValue.objects.filter(result__isnull=False).order_by("-year")
        latest = (
            IndicatorValue.objects.order_by("-year")
            .annotate(results=Subquery(with_result.values("year")[:1]))
            .values_list("year", "results")
            .first()
        )
        return latest or (None, None)
    values = IndicatorValue.objects.filter(scope.unit_filter(prefix="unit__"))
    found = values.aggregate(any=Max("year"), results=Max("year", filter=Q(result__isnull=False)))
    return found["any"], found["results"]


def latest_year_with_data(user):
    """The latest year with a target or a result in the user's units, else the calendar year:
    the year figures are entered and registrations made for (the demo: 2024's targets)."""
    latest, _results = latest_years(user)
    return latest or timezone.localdate().year


def latest_year_with_results(user):
    """The latest year with a result in the user's units, else the latest year with any figure,
    else the calendar year: the year reports, ratings and awards are about (the demo: 2023)."""
    latest, results = latest_years(user)
    return results or latest or timezone.localdate().year
