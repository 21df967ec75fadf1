"""Helpers shared by the award-input screens (see the package docstring)."""

from django.db.models import Q
from django.utils import timezone

from awards.history import services
from indicators.years import latest_year_with_results
from organizations.access import scope_of

INPUTS = "award.inputs"
HISTORY = "award.history"
READ = "directory.view"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible(queryset, user, *, person_prefix="person__unit__", unit_prefix="unit__"):
    """Rows about a person or a unit inside the user's subtrees."""
    scope = scope_of(user)
    if scope.is_superuser:
        return queryset
    about_person = Q(person__isnull=False) & scope.unit_filter(prefix=person_prefix)
    about_unit = Q(person__isnull=True) & scope.unit_filter(prefix=unit_prefix)
    return queryset.filter(about_person | about_unit)


def _can_see(scope, unit):
    return scope.is_superuser or bool(scope.roles_on(unit))


def _year_param(request):
    text = request.GET.get("year", "").strip()
    if text.isdigit() and services.YEAR_MIN <= int(text) <= services.YEAR_MAX:
        return int(text)
    return None


def _last_year(user=None):
    """Ratings and awards are about the latest year with results in the user's units (the year
    just finished when nobody is named)."""
    if user is None:
        return timezone.localdate().year - 1
    return latest_year_with_results(user)
