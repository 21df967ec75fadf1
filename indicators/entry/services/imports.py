"""Importing figures from a file: read and checked whole, then written in batches."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.entry.services._common import (
    _FIGURE,
    FIGURE_LIMIT,
    FIGURE_QUANTUM,
    _locked_message,
    _write_cell,
    check_figure,
)
from indicators.models import DataStatus, Indicator, IndicatorValue, Period, ValueChange
from indicators.report import memo
from indicators.years import YEAR_MAX, YEAR_MIN
from organizations.imports._bulk import insert_rows, update_rows
from organizations.imports._common import ImportResult, allowed_ids, by_code
from organizations.models import Unit
from organizations.tabular import ImportRefused, RowError, parse_decimal, read_table, shown

VALUE_COLUMNS = ["indicator", "unit", "year", "target", "result"]
# In an import, the cell that empties a stored figure; a blank cell leaves it as it is.
CLEAR = "-"
_CELL_FIELDS = ["target", "result", "target_by", "target_at", "result_by", "result_at", "version"]


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
        memo.forget()  # bulk writes send no signal
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
