"""The one place that answers "what may this user see and do".

A membership on a unit covers the unit and all its descendants. Objects outside the user's
subtrees do not exist for them (404); a visible object the user's role may not change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organizations.models import Person, Unit
from organizations.scope import ACTIONS, Grant, Scope, scope_of

__all__ = ["ACTIONS", "Grant", "Scope", "get_person_for_user", "get_unit_for_user", "require",
           "scope_of", "units_where"]  # fmt: skip


def require(user, action, unit=None):
    if not scope_of(user).may(action, unit):
        raise PermissionDenied


def get_unit_for_user(user, pk, *, action="directory.view"):
    unit = Unit.objects.visible_to(user).filter(pk=pk).select_related("parent").first()
    if unit is None:
        raise Http404
    require(user, action, unit)
    return unit


def get_person_for_user(user, pk, *, action="directory.view"):
    person = Person.objects.visible_to(user).filter(pk=pk).select_related("unit").first()
    if person is None:
        raise Http404
    require(user, action, person.unit)
    return person


def units_where(user, action):
    """Units on which the user may perform the action (for form choices)."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(scope.unit_filter(roles=ACTIONS[action]))
