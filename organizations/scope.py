"""Who holds which role where, and which roles allow which action.

Kept apart from the models so that the models' `visible_to` methods can use it directly: this
module imports no model (it reads memberships through the user's related manager).
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from organizations.roles import Role

# Which roles grant which action. Superusers may do everything.
ACTIONS = {
    "directory.view": set(Role.values),
    "person.manage": {Role.CLERK, Role.OFFICER},
    "directory.import": {Role.OFFICER},
    "audit.view": {Role.VIEWER, Role.OFFICER, Role.APPROVER},
    "indicator.catalogue": {Role.OFFICER},
    "indicator.enter": {Role.CLERK, Role.OFFICER},
    "indicator.approve": {Role.OFFICER},
    "award.catalogue": {Role.OFFICER},
    "award.inputs": {Role.CLERK, Role.OFFICER},
    "award.history": {Role.OFFICER},
    "campaign.manage": {Role.OFFICER},
    "registration.edit": {Role.CLERK, Role.OFFICER},
    "registration.review": {Role.OFFICER},
    "nomination.edit": {Role.CLERK, Role.OFFICER},
    "nomination.review": {Role.OFFICER},
    # The award cycle after acceptance: publicity, council, decisions, proposals upward.
    "award.view": set(Role.values),
    "publicity.manage": {Role.OFFICER},
    "council.manage": {Role.OFFICER},
    "council.vote": {Role.COUNCIL},
    "decision.issue": {Role.APPROVER},
    "decision.record": {Role.OFFICER},
    "award.revoke": {Role.APPROVER},
}


@dataclass(frozen=True)
class Grant:
    unit_id: int
    unit_path: str
    role: str


@dataclass
class Scope:
    is_superuser: bool = False
    grants: list[Grant] = field(default_factory=list)

    def unit_filter(self, prefix="", roles=None):
        paths = {g.unit_path for g in self.grants if roles is None or g.role in roles}
        if not paths:
            return Q(pk__in=[])
        return reduce(or_, (Q(**{f"{prefix}path__startswith": path}) for path in sorted(paths)))

    @property
    def roles(self):
        return {g.role for g in self.grants}

    def roles_on(self, unit):
        return {g.role for g in self.grants if unit.path.startswith(g.unit_path)}

    def may(self, action, unit=None):
        if self.is_superuser:
            return True
        allowed = ACTIONS[action]
        held = self.roles if unit is None else self.roles_on(unit)
        return bool(held & allowed)


def scope_of(user):
    """The user's grants, read once per user object (one query) and reused for the request."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_thidua_scope", None)
    if cached is None:
        grants = [
            Grant(unit_id, path, role)
            for unit_id, path, role in user.memberships.values_list("unit_id", "unit__path", "role")
        ]
        cached = Scope(is_superuser=user.is_superuser, grants=grants)
        user._thidua_scope = cached
    return cached


class UnitScopedQuerySet(QuerySet):
    """Rows that belong to one unit (`unit` foreign key): a user sees those inside the subtrees
    where they hold any role."""

    def visible_to(self, user):
        scope = scope_of(user)
        return self if scope.is_superuser else self.filter(scope.unit_filter(prefix="unit__"))
