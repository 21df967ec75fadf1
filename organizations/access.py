"""The one place that answers "what may this user see and do".

A membership on a unit covers the unit and all its descendants. Objects outside the user's
subtrees do not exist for them (404); a visible object the user's role may not change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organizations.models import Person, Unit
from organizations.scope import ACTIONS, Grant, Scope, scope_of

__all__ = ["ACTIONS", "Grant", "Scope", "get_person_for_user", "get_unit_for_user",
           "may_department_wide", "may_on_units", "require", "require_department_wide",
           "require_on_units", "scope_of", "units_where"]  # fmt: skip


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


def may_department_wide(user, action):
    """Whether the user may do `action` for the whole department: a superuser, or a role allowing
    it on a top-level unit (one with no parent). Edits that are the same for every unit (the
    indicator and award catalogues, the calendar of days off) need this: a role on a district
    covers that district only."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    allowed = ACTIONS[action]
    # A top-level unit's path has one segment ("/00000001/"); no query needed.
    return any(g.role in allowed and g.unit_path.count("/") == 2 for g in scope.grants)


def require_department_wide(user, action):
    if not may_department_wide(user, action):
        raise PermissionDenied


def may_on_units(user, action, units):
    """Whether the user may do `action` on every one of `units`. No units means every unit (a
    campaign aimed at nobody reaches everyone): then the role is needed on every top-level unit."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    units = list(units)
    if not units:
        units = list(Unit.objects.filter(parent__isnull=True).only("pk", "path"))
        if not units:
            return False
    return all(scope.may(action, unit) for unit in units)


def require_on_units(user, action, units):
    if not may_on_units(user, action, units):
        raise PermissionDenied
