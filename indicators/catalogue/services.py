"""Writes to the indicator catalogue. Each function runs in one transaction and is audited.

The catalogue is the same for every unit: changing it needs "indicator.catalogue" on a top-level
unit (PermissionDenied otherwise), not merely on a district."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from indicators.models import Indicator
from organizations.access import may_department_wide
from organizations.audit.services import audit_record, changes_between, changes_created

CATALOGUE = "indicator.catalogue"

INDICATOR_FIELDS = [
    "code",
    "name",
    "unit_of_measure",
    "value_type",
    "direction",
    "group",
    "description",
    "source",
    "is_active",
    "display_order",
]


def has_figures(indicator):
    """True when a target or a result is stored for the indicator, for any unit and year."""
    return indicator.values.filter(Q(target__isnull=False) | Q(result__isnull=False)).exists()


def _require_catalogue(actor):
    if not may_department_wide(actor, CATALOGUE):
        raise PermissionDenied(
            _("Only the emulation office of the whole department may change the catalogue.")
        )


@transaction.atomic
def indicator_create(*, actor, **values):
    _require_catalogue(actor)
    indicator = Indicator(**values)
    indicator.full_clean()
    indicator.save()
    audit_record(
        actor=actor,
        obj=indicator,
        action="indicator.create",
        changes=changes_created({name: getattr(indicator, name) for name in INDICATOR_FIELDS}),
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator, **values):
    """Change an indicator. Its value type is frozen once figures exist: a count read as a
    percentage (or the reverse) would silently change the meaning of every stored number."""
    _require_catalogue(actor)
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    diff = changes_between(locked, values)
    if not diff:
        return locked
    if "value_type" in diff and has_figures(locked):
        raise ValidationError(
            {
                "value_type": _(
                    "The value type cannot change: figures are already stored for this "
                    "indicator and would be read differently. Create a new indicator instead."
                )
            }
        )
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, obj=locked, action="indicator.update", changes=diff)
    return locked
