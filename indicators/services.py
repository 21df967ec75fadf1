"""Writes to indicators, their figures and the approval of a unit's year. One transaction each."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.models import DataStatus, Indicator, IndicatorValue, Period, ValueChange
from organizations.audit import audit_record
from organizations.models import Unit
from organizations.services import ImportResult
from organizations.tabular import ImportRefused, RowError, parse_decimal, read_table
from organizations.workflow import WorkflowError

INDICATOR_COLUMNS = ["code", "name", "unit_of_measure", "direction", "value_type"]
VALUE_COLUMNS = ["indicator", "unit", "year", "target", "result"]
YEAR_MIN, YEAR_MAX = 1990, 2100
State = DataStatus.State


class LockedFigures(WorkflowError):
    pass


@dataclass
class Conflict:
    indicator: Indicator
    stored: IndicatorValue


class StaleCells(Exception):
    """Someone saved these cells after the form was opened; nothing was saved."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__(", ".join(c.indicator.code for c in conflicts))


def check_figure(indicator, number):
    """The reason a figure is unacceptable for this indicator, or None."""
    if number is None:
        return None
    if number < 0:
        return _("A figure cannot be negative.")
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


def _store(*, cell, values, actor, source):
    now = timezone.now()
    changes = [
        change
        for name, number in values.items()
        if (change := _write_cell(cell=cell, field=name, number=number, actor=actor,
                                  source=source, now=now))
    ]  # fmt: skip
    if changes:
        cell.version += 1
        cell.save()  # first, so that a new cell has a key for its history rows
        for change in changes:
            change.value = cell
            change.save()
    return bool(changes)


@transaction.atomic
def figures_save(*, actor, unit, year, rows, period=Period.YEAR):
    """Save a grid of figures for one unit and period.

    `rows` maps indicator → {"target", "result", "note", "version"}; `version` is the cell version
    the form showed (0 for a cell that did not exist). If any cell changed since, nothing is saved.
    """
    status = status_for_update(unit=unit, year=year, period=period)
    if status.is_locked:
        raise LockedFigures(_locked_message(status))
    stored = {
        cell.indicator_id: cell
        for cell in IndicatorValue.objects.select_for_update().filter(
            unit=unit, year=year, period=period, indicator__in=list(rows)
        )
    }
    conflicts = [
        Conflict(indicator, stored[indicator.pk])
        for indicator, row in rows.items()
        if (stored[indicator.pk].version if indicator.pk in stored else 0) != row["version"]
    ]
    if conflicts:
        raise StaleCells(conflicts)
    changed = 0
    for indicator, row in rows.items():
        values = {name: row[name] for name in ("target", "result", "note")}
        cell = stored.get(indicator.pk)
        if cell is None:
            if values["target"] is None and values["result"] is None and not values["note"]:
                continue
            cell = IndicatorValue(indicator=indicator, unit=unit, year=year, period=period,
                                  version=0)  # fmt: skip
        changed += _store(cell=cell, values=values, actor=actor, source="grid")
    return changed


def _transition(*, actor, unit, year, allowed_from, to, reason="", period=Period.YEAR):
    status = status_for_update(unit=unit, year=year, period=period)
    if status.state not in allowed_from:
        raise WorkflowError(
            _("This cannot be done while the figures are “%(state)s”.")
            % {"state": status.get_state_display()}
        )
    previous = status.state
    status.state = to
    status.reason = reason
    status.changed_by = actor
    status.changed_at = timezone.now()
    status.save(update_fields=["state", "reason", "changed_by", "changed_at"])
    audit_record(actor=actor, obj=status, action=f"figures.{to}", from_state=previous, to_state=to,
                 reason=reason)  # fmt: skip
    return status


def _require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    return reason


@transaction.atomic
def figures_submit(*, actor, unit, year):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.OPEN, State.RETURNED},
                       to=State.SUBMITTED)  # fmt: skip


@transaction.atomic
def figures_approve(*, actor, unit, year):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.SUBMITTED},
                       to=State.APPROVED)  # fmt: skip


@transaction.atomic
def figures_return(*, actor, unit, year, reason):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.SUBMITTED},
                       to=State.RETURNED, reason=_require_reason(reason))  # fmt: skip


@transaction.atomic
def figures_reopen(*, actor, unit, year, reason):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.APPROVED},
                       to=State.OPEN, reason=_require_reason(reason))  # fmt: skip


def indicators_import(*, data, filename, actor=None):
    rows = read_table(data, filename, INDICATOR_COLUMNS)
    directions = set(Indicator.Direction.values)
    value_types = set(Indicator.ValueType.values)
    errors, planned = [], {}
    for row in rows:
        code = row.text("code")
        if not code:
            errors.append(RowError(row.line, _("The code is empty.")))
            continue
        if code in planned:
            errors.append(
                RowError(
                    row.line,
                    _("The code %(code)s already appears on line %(line)s.")
                    % {"code": code, "line": planned[code][0].line},
                )
            )
            continue
        values = {
            "name": row.text("name"),
            "unit_of_measure": row.text("unit_of_measure"),
            "direction": row.text("direction").lower(),
            "value_type": row.text("value_type").lower(),
        }
        for column in ("group", "description", "source"):
            if column in row.values:
                values[column] = row.text(column)
        if not values["name"]:
            errors.append(RowError(row.line, _("The name is empty.")))
        if values["direction"] not in directions:
            errors.append(RowError(row.line, _("direction must be “higher” or “lower”.")))
        if values["value_type"] not in value_types:
            errors.append(RowError(row.line, _("value_type must be “count” or “percent”.")))
        planned[code] = (row, values)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for code, (_row, values) in planned.items():
            indicator = Indicator.objects.filter(code=code).first()
            if indicator is None:
                indicator = Indicator.objects.create(code=code, **values)
                audit_record(actor=actor, obj=indicator, action="indicator.import.create")
                result.created += 1
            elif any(getattr(indicator, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(indicator, name, value)
                indicator.save()
                audit_record(actor=actor, obj=indicator, action="indicator.import.update")
                result.updated += 1
            else:
                result.unchanged += 1
    return result


def _parse_year(text):
    try:
        year = int(Decimal(text))
    except (ArithmeticError, ValueError):
        return None
    return year if YEAR_MIN <= year <= YEAR_MAX and Decimal(text) == year else None


def values_import(*, data, filename, actor=None, allowed_units=None, period=Period.YEAR):
    """Import figures. `allowed_units` (a Unit queryset) limits a web upload to the uploader's
    units; the command line passes None and may write any unit."""
    rows = read_table(data, filename, VALUE_COLUMNS)
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = {
        u.code: u for u in (allowed_units if allowed_units is not None else Unit.objects.all())
    }
    errors, planned = [], {}
    for row in rows:
        line_errors = []
        indicator = indicators.get(row.text("indicator"))
        unit = units.get(row.text("unit"))
        year = _parse_year(row.text("year"))
        if indicator is None:
            line_errors.append(
                _("Unknown indicator code “%(code)s”.") % {"code": row.text("indicator")}
            )
        if unit is None:
            line_errors.append(_("Unknown unit code “%(code)s”.") % {"code": row.text("unit")})
        if year is None:
            line_errors.append(
                _("The year must be a whole number from %(min)s to %(max)s.")
                % {"min": YEAR_MIN, "max": YEAR_MAX}
            )
        numbers = {}
        for column in ("target", "result"):
            try:
                numbers[column] = parse_decimal(row.values.get(column))
            except ValueError as error:
                line_errors.append(f"{column}: {error}")
                continue
            if indicator is not None:
                problem = check_figure(indicator, numbers[column])
                if problem:
                    line_errors.append(f"{column}: {problem}")
        key = (row.text("indicator"), row.text("unit"), year)
        if not line_errors and key in planned:
            line_errors.append(
                _("The same indicator, unit and year already appear on line %(line)s.")
                % {"line": planned[key][0].line}
            )
        if line_errors:
            errors.extend(RowError(row.line, message) for message in line_errors)
            continue
        planned[key] = (row, indicator, unit, year, numbers)
    if errors:
        raise ImportRefused(errors)

    result = ImportResult()
    with transaction.atomic():
        statuses = {}
        for _key, (row, indicator, unit, year, numbers) in planned.items():
            status = statuses.get((unit.pk, year))
            if status is None:
                status = statuses[(unit.pk, year)] = status_for_update(
                    unit=unit, year=year, period=period
                )
            if status.is_locked:
                errors.append(RowError(row.line, _locked_message(status)))
                continue
            cell, created = IndicatorValue.objects.select_for_update().get_or_create(
                indicator=indicator, unit=unit, year=year, period=period
            )
            changed = _store(cell=cell, values=numbers, actor=actor, source="import")
            if created:
                result.created += 1
            elif changed:
                result.updated += 1
            else:
                result.unchanged += 1
        if errors:
            raise ImportRefused(errors)
    return result
