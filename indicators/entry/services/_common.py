"""What the writes of figures share: the checks of a figure, the lock on a unit's year and the
change of one cell with its history row."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from indicators.models import DataStatus, Indicator, IndicatorValue, Period, ValueChange
from organizations.workflow import WorkflowError

_FIGURE = IndicatorValue._meta.get_field("target")
# The largest figure the database stores: 10^14 with max_digits 18 and 4 decimal places.
FIGURE_LIMIT = Decimal(10) ** (_FIGURE.max_digits - _FIGURE.decimal_places)
FIGURE_QUANTUM = Decimal(1).scaleb(-_FIGURE.decimal_places)
State = DataStatus.State


class LockedFigures(WorkflowError):
    pass


def check_figure(indicator, number):
    """The reason a figure is unacceptable for this indicator, or None."""
    if number is None:
        return None
    if number < 0:
        return _("A figure cannot be negative.")
    if number >= FIGURE_LIMIT:
        return _("A figure cannot have more than %(digits)s digits before the decimal point.") % {
            "digits": _FIGURE.max_digits - _FIGURE.decimal_places
        }
    if indicator.value_type == Indicator.ValueType.PERCENT and number > 100:
        return _("A percentage cannot exceed 100.")
    if indicator.value_type == Indicator.ValueType.COUNT and number != number.to_integral_value():
        return _("%(indicator)s is counted in whole numbers.") % {"indicator": indicator.code}
    return None


def _text(number):
    return "" if number is None else format(number.normalize(), "f")


def status_for_update(*, unit, year, period=Period.YEAR):
    """The unit's status row for the period, created if needed and locked until commit, so that
    saving figures and approving them can never interleave."""
    try:
        with transaction.atomic():
            DataStatus.objects.get_or_create(unit=unit, year=year, period=period)
    except IntegrityError:
        pass  # created concurrently by someone else: fine, we lock theirs below
    return DataStatus.objects.select_for_update().get(unit=unit, year=year, period=period)


def _locked_message(status):
    return _("The figures of %(unit)s for %(year)s are %(state)s and locked.") % {
        "unit": status.unit.code if hasattr(status, "unit") else "",
        "year": status.year,
        "state": status.get_state_display().lower(),
    }


def _write_cell(*, cell, field, number, actor, source, now):
    """Set one field; return the (unsaved) history row, or None when nothing changed."""
    old = getattr(cell, field)
    if old == number:
        return None
    setattr(cell, field, number)
    if field in ("target", "result"):
        setattr(cell, f"{field}_by", actor if getattr(actor, "pk", None) else None)
        setattr(cell, f"{field}_at", now)
    return ValueChange(
        value=cell,
        field=field,
        old=_text(old) if field != "note" else old,
        new=_text(number) if field != "note" else number,
        changed_by=actor if getattr(actor, "pk", None) else None,
        source=source,
    )
