"""Who holds which role where, and which roles allow which action.

Kept apart from the models so that the models' `visible_to` methods can use it directly: this
module imports no model (it reads memberships through the user's related manager).
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Lookup, Q, QuerySet, Subquery
from django.db.models.lookups import StartsWith

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


class InSubtree(Lookup):
    """`path__in_subtree="/00000001/00000005/"`: the unit with that path and every unit below it.

    SQLite cannot serve `LIKE 'prefix%'` from an index (its LIKE ignores case), so there the
    prefix becomes the range [prefix, prefix with its last character bumped), which the path
    index answers; that needs byte-order comparison, which SQLite's default collation is.
    PostgreSQL compares with the database's collation, where "/" may sort anywhere, so it keeps
    the LIKE, served by the `varchar_pattern_ops` index Django adds beside every indexed
    CharField. Registered on the path columns in organizations.models."""

    lookup_name = "in_subtree"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        return StartsWith(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = str(self.rhs)
        if not prefix:
            return f"{lhs} IS NOT NULL", list(lhs_params)
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, upper]


@dataclass
class Scope:
    is_superuser: bool = False
    grants: list[Grant] = field(default_factory=list)
    # How many top-level units (no parent) the directory holds, read with the grants.
    top_level_units: int = 0

    def unit_filter(self, prefix="", roles=None):
        grants = [g for g in self.grants if roles is None or g.role in roles]
        if not grants:
            return Q(pk__in=[])
        if self._covers_every_unit(grants):
            # Still a condition on the path, so that rows without a unit stay out as before.
            return Q(**{f"{prefix}path__isnull": False})
        paths = sorted({g.unit_path for g in grants})
        return reduce(or_, (Q(**{f"{prefix}path__in_subtree": path}) for path in paths))

    def sees_every_unit(self):
        """Whether nothing is hidden from this user: a superuser, or roles on every top-level
        unit (the department's own staff). Lists then read rows in their index order without
        checking each row's unit."""
        return self.is_superuser or self._covers_every_unit(self.grants)

    def _covers_every_unit(self, grants):
        top = {g.unit_path for g in grants if g.unit_path.count("/") == 2}
        return self.top_level_units > 0 and len(top) >= self.top_level_units

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
        rows = list(
            user.memberships.annotate(top_level_units=_top_level_count(user)).values_list(
                "unit_id", "unit__path", "role", "top_level_units"
            )
        )
        cached = Scope(
            is_superuser=user.is_superuser,
            grants=[Grant(unit_id, path, role) for unit_id, path, role, _top in rows],
            top_level_units=(rows[0][3] or 0) if rows else 0,
        )
        user._thidua_scope = cached
    return cached


def _top_level_count(user):
    """The number of top-level units, as a subquery of the grants' own query (no extra round
    trip); reached through the membership model since this module imports none."""
    unit_model = user.memberships.model._meta.get_field("unit").related_model
    top_level = unit_model._default_manager.filter(parent__isnull=True).order_by()
    return Subquery(top_level.values("parent").annotate(count=Count("pk")).values("count"))


class UnitScopedQuerySet(QuerySet):
    """Rows that belong to one unit (`unit` foreign key): a user sees those inside the subtrees
    where they hold any role."""

    def visible_to(self, user):
        scope = scope_of(user)
        return self if scope.sees_every_unit() else self.filter(scope.unit_filter(prefix="unit__"))
