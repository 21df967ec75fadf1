"""Writes to indicators, their figures and the approval of a unit's year. One transaction each."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import report_memo
from indicators.catalogue_import import (  # noqa: F401 - importable from here as before
    INDICATOR_COLUMNS,
    indicators_import,
)
from indicators.models import DataStatus, Indicator, IndicatorValue, Period, ValueChange
from organizations.audit import audit_record
from organizations.imports._bulk import insert_rows, update_rows
from organizations.imports._common import ImportResult, allowed_ids, by_code
from organizations.models import Unit
from organizations.tabular import ImportRefused, RowError, parse_decimal, read_table, shown
from organizations.workflow import WorkflowError

VALUE_COLUMNS = ["indicator", "unit", "year", "target", "result"]
YEAR_MIN, YEAR_MAX = 1990, 2100
# In an import, the cell that empties a stored figure; a blank cell leaves it as it is.
CLEAR = "-"
_FIGURE = IndicatorValue._meta.get_field("target")
# The largest figure the database stores: 10^14 with max_digits 18 and 4 decimal places.
FIGURE_LIMIT = Decimal(10) ** (_FIGURE.max_digits - _FIGURE.decimal_places)
FIGURE_QUANTUM = Decimal(1).scaleb(-_FIGURE.decimal_places)
_CELL_FIELDS = ["target", "result", "target_by", "target_at", "result_by", "result_at", "version"]
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


def _parse_year(text):
    try:
        number = Decimal(text)
    except ArithmeticError:
        return None
    if not number.is_finite() or not YEAR_MIN <= number <= YEAR_MAX or number % 1:
        return None
    return int(number)


def values_import(*, data, filename, actor=None, allowed_units=None, period=Period.YEAR):
    """Import figures. `allowed_units` (a Unit queryset) limits a file to the importer's units;
    None (the command line without --actor) may write any unit.

    A blank cell leaves the stored figure as it is; CLEAR ("-") empties it. The indicators,
    units, approval states and cells a file names are read in one query each, and the cells and
    their history rows are written in batches, so the queries do not grow with the file."""
    rows = read_table(data, filename, VALUE_COLUMNS)
    indicators = by_code(Indicator.objects.all(), (row.text("indicator") for row in rows))
    if allowed_units is not None and not isinstance(allowed_units, QuerySet):
        allowed_units = Unit.objects.filter(pk__in=allowed_ids(allowed_units))
    units = by_code(
        allowed_units if allowed_units is not None else Unit.objects.all(),
        (row.text("unit") for row in rows),
    )
    errors, planned = [], {}
    for row in rows:
        line_errors = []
        indicator = indicators.get(row.text("indicator"))
        unit = units.get(row.text("unit"))
        year = _parse_year(row.text("year"))
        if indicator is None:
            line_errors.append(
                _("Unknown indicator code “%(code)s”.") % {"code": shown(row.text("indicator"))}
            )
        if unit is None:
            line_errors.append(
                _("Unknown unit code “%(code)s”.") % {"code": shown(row.text("unit"))}
            )
        if year is None:
            line_errors.append(
                _("The year must be a whole number from %(min)s to %(max)s.")
                % {"min": YEAR_MIN, "max": YEAR_MAX}
            )
        numbers = _figures(row, indicator, line_errors)
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
    try:
        with transaction.atomic():
            return _save_figures(list(planned.values()), actor=actor, period=period)
    except IntegrityError:
        raise ImportRefused(
            [RowError(1, _("Someone else changed the same records at the same time. Nothing "
                           "was imported; please import the file again."))]
        ) from None  # fmt: skip


def _figures(row, indicator, line_errors):
    """{column: number or None} of the target and result cells that say something: a blank
    cell is left out (the stored figure stays), CLEAR stands for None (it is emptied)."""
    numbers = {}
    for column in ("target", "result"):
        text = row.text(column)
        if text == "":
            continue
        if text == CLEAR:
            numbers[column] = None
            continue
        try:
            number = parse_decimal(row.values.get(column))
        except ValueError as error:
            line_errors.append(f"{column}: {error}")
            continue
        number = _stored_precision(number)
        if indicator is not None and (problem := check_figure(indicator, number)):
            line_errors.append(f"{column}: {problem}")
        numbers[column] = number
    return numbers


def _stored_precision(number):
    """The number as the database keeps it (4 decimals): 33.333333333333336 from an Excel
    division reads back as 33.3333, and comparing with it finds no change."""
    places = -number.as_tuple().exponent
    if abs(number) < FIGURE_LIMIT and places > _FIGURE.decimal_places:
        return number.quantize(FIGURE_QUANTUM)
    return number


def _save_figures(planned, *, actor, period):
    result = ImportResult()
    statuses = _lock_statuses({(unit.pk, year) for _row, _i, unit, year, _n in planned}, period)
    for _row, _indicator, unit, year, _numbers in planned:
        statuses[(unit.pk, year)].unit = unit  # named by the refusal below, without a query
    locked = [
        RowError(row.line, _locked_message(statuses[(unit.pk, year)]))
        for row, _indicator, unit, year, _numbers in planned
        if statuses[(unit.pk, year)].is_locked
    ]
    if locked:
        raise ImportRefused(locked)
    stored = {
        (cell.indicator_id, cell.unit_id, cell.year): cell
        for cell in IndicatorValue.objects.select_for_update().filter(
            indicator_id__in={indicator.pk for _r, indicator, _u, _y, _n in planned},
            unit_id__in={unit.pk for _r, _i, unit, _y, _n in planned},
            year__in={year for _r, _i, _u, year, _n in planned},
            period=period,
        )
    }
    now = timezone.now()
    new, changed, history = [], [], []
    for _row, indicator, unit, year, numbers in planned:
        cell = stored.get((indicator.pk, unit.pk, year))
        if cell is None:
            cell = IndicatorValue(indicator=indicator, unit=unit, year=year, period=period,
                                  version=0)  # fmt: skip
        changes = [
            change
            for name, number in numbers.items()
            if (change := _write_cell(cell=cell, field=name, number=number, actor=actor,
                                      source="import", now=now))
        ]  # fmt: skip
        if not changes:
            result.unchanged += 1
            continue
        cell.version += 1
        (new if cell.pk is None else changed).append(cell)
        history.extend(changes)
    insert_rows(IndicatorValue, new)
    if new:
        keys = {
            (cell.indicator_id, cell.unit_id, cell.year): cell.pk
            for cell in IndicatorValue.objects.filter(
                indicator_id__in={c.indicator_id for c in new},
                unit_id__in={c.unit_id for c in new},
                year__in={c.year for c in new},
                period=period,
            ).only("pk", "indicator_id", "unit_id", "year")
        }
        for cell in new:
            cell.pk = keys[(cell.indicator_id, cell.unit_id, cell.year)]
    update_rows(IndicatorValue, changed, _CELL_FIELDS)
    for change in history:
        change.value_id = change.value.pk  # new cells have their keys only now
    insert_rows(ValueChange, history)
    if new or changed:
        report_memo.forget()  # bulk writes send no signal
    result.created, result.updated = len(new), len(changed)
    return result


def _lock_statuses(pairs, period):
    """The approval states of these (unit, year) pairs, created if missing and locked until
    commit, so that an approval cannot slip between the check and the write. Two queries."""
    DataStatus.objects.bulk_create(
        [DataStatus(unit_id=unit_id, year=year, period=period) for unit_id, year in pairs],
        ignore_conflicts=True,
    )
    found = DataStatus.objects.select_for_update().filter(
        unit_id__in={u for u, _y in pairs}, year__in={y for _u, y in pairs}, period=period
    )
    return {(status.unit_id, status.year): status for status in found}
