"""The report's figures for a whole subtree in one pass: read as tuples, rolled up in memory.

A department of 3,000 units and 68 indicators holds ~360,000 figures for a year and the year
before. Building a Python object (and Decimal arithmetic) per figure and per report row took
10–20 s; here the figures are read in one query as plain tuples and kept as integers counting
ten-thousandths (DecimalField(18, 4) holds exactly that), so that sums are exact and cheap.
`derive` computes the report's columns from them with the arithmetic of indicators/arithmetic.py,
which stays the reference: tests/indicators/test_report_arithmetic.py checks that the two agree.
"""

import bisect
import contextlib
import decimal
from decimal import Decimal

from django.db import connections, transaction
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Cast

from indicators.arithmetic import COUNT, HIGHER, HUNDRED, _round
from indicators.models import DataStatus, Indicator, IndicatorValue

SCALE = 10_000  # a figure of 12.5 is kept as 125000
_PERCENT = 100 * SCALE
# Decimal rounds a quotient to 28 digits before rounding it to 4 decimal places; the integer
# shortcut below rounds once. The two differ only for a quotient within ~10^-19 of a half (or
# beyond 10^16 %): those are left to Decimal. Real figures never get there.
_UNSURE = object()
_HUGE = 10**20
_DIGITS = 10**26
_MARGIN = 10**7


def to_decimal(scaled):
    """A scaled figure as the Decimal the database returns for it (4 decimal places)."""
    return None if scaled is None else Decimal(scaled).scaleb(-4)


def _scaled(number):
    return int(number.scaleb(4))


def _ratio(numerator, divisor):
    """numerator / divisor × 100 in ten-thousandths, rounded half away from zero, as `_round`
    rounds it; _UNSURE when only Decimal can tell. `divisor` > 0."""
    quotient, rest = divmod(abs(numerator) * _PERCENT, divisor)
    if quotient >= _HUGE:
        return _UNSURE
    if rest:
        twice = 2 * rest
        if abs(twice - divisor) * _DIGITS <= divisor * (quotient + _MARGIN):
            return _UNSURE
        if twice >= divisor:
            quotient += 1
    return quotient if numerator >= 0 else -quotient


def _plan(numerator, divisor):
    """(percent of plan, exceeded by) as arithmetic.percent_of_plan and exceeded_by give them."""
    if divisor > 0:
        share = _ratio(numerator, divisor)
        if share is not _UNSURE:
            # Away from a half (where _ratio is sure), rounding and subtracting 100 commute.
            return share, share - _PERCENT
    elif divisor == 0:
        return None, None
    share = to_decimal(numerator) / to_decimal(divisor) * HUNDRED
    return _scaled(_round(share)), _scaled(_round(share - HUNDRED))


def _change_percent(change, previous):
    if previous == 0:
        return None
    if previous > 0:
        share = _ratio(change, previous)
        if share is not _UNSURE:
            return share
    return _scaled(_round(to_decimal(change) / to_decimal(previous) * HUNDRED))


def derive(target, result, previous, higher):
    """(percent of plan, exceeded by, change, change %, met) of one row, scaled like the
    figures: what arithmetic.figures computes on Decimals."""
    if target is None or result is None:
        share = exceeded = met = None
    else:
        if higher:
            numerator, divisor, met = result, target, result >= target
        else:
            numerator, divisor, met = target, result, result <= target
        share = _ratio(numerator, divisor) if divisor > 0 else _UNSURE
        if share is _UNSURE:
            share, exceeded = _plan(numerator, divisor)
        else:
            exceeded = share - _PERCENT  # see _plan
    if result is None or previous is None:
        return share, exceeded, None, None, met
    change = result - previous
    change_percent = _ratio(change, previous) if previous > 0 else _UNSURE
    if change_percent is _UNSURE:
        change_percent = _change_percent(change, previous)
    return share, exceeded, change, change_percent, met


class RolledUp:
    """Every figure of a report: `units` in tree order, `indicators` in display order, and per
    unit position the rolled-up target, result and previous result and the unit's own target
    and result, each a list over `columns[k]` for indicator position k (scaled integers, None
    where there is none)."""

    def __init__(self, *, year, units, indicators, states, columns, figures):
        self.year = year
        self.units = units
        self.paths = [u.path for u in units]
        self.indicators = indicators
        self.states = states
        self.columns = columns
        self.target, self.result, self.previous, self.own_target, self.own_result = figures

    def rows(self, start=0, stop=None):
        """(unit position, indicator position, target, result, previous) of every row of the
        units start..stop: a row wherever a target or a result exists, in tree order then in
        the indicators' order."""
        columns = list(enumerate(self.columns))
        target, result, previous = self.target, self.result, self.previous
        for i in range(start, len(self.units) if stop is None else stop):
            targets, results, before = target[i], result[i], previous[i]
            for k, c in columns:
                t, r = targets[c], results[c]
                if t is not None or r is not None:
                    yield i, k, t, r, before[c]

    def lines(self, start=0, stop=None):
        """Each row of `rows` with its derived columns: (unit position, indicator position,
        target, result, previous, percent of plan, exceeded by, change, change %, met)."""
        # The loop of `rows` again, rather than a generator over it: this runs for every row
        # of every export.
        columns = [(k, c, ind.direction == HIGHER) for k, (c, ind)
                   in enumerate(zip(self.columns, self.indicators, strict=True))]  # fmt: skip
        target, result, previous = self.target, self.result, self.previous
        for i in range(start, len(self.units) if stop is None else stop):
            targets, results, before = target[i], result[i], previous[i]
            for k, c, higher in columns:
                t, r = targets[c], results[c]
                if t is not None or r is not None:
                    p = before[c]
                    yield (i, k, t, r, p, *derive(t, r, p, higher))

    def owns(self, i, k):
        """(own target?, own result?): whether the unit entered them rather than its children."""
        c = self.columns[k]
        return self.own_target[i][c] is not None, self.own_result[i][c] is not None

    def subtree(self, unit):
        """(first, last + 1) unit positions of `unit`'s subtree, contiguous in tree order."""
        first = bisect.bisect_left(self.paths, unit.path)
        # A path is digits and slashes, and "0" sorts after "/": every path below unit.path
        # sorts before unit.path with its last "/" made a "0".
        return first, bisect.bisect_left(self.paths, unit.path[:-1] + "0", lo=first)


def roll_up(*, units, year, period, indicators=None, values=None, statuses=None):
    """RolledUp of `units`: model instances making whole subtrees, as a user's visible units
    do (a unit whose parent is not among them is a top). `values` and `statuses` are the
    querysets to read figures and states from, restricted to the units (default: by key)."""
    units = sorted(units, key=lambda u: u.path)
    indicators = sorted(
        indicators if indicators is not None else Indicator.objects.all(),
        key=lambda i: (i.display_order, i.code),
    )
    position = {u.pk: i for i, u in enumerate(units)}
    if values is None:
        values = IndicatorValue.objects.filter(unit_id__in=list(position))
    if statuses is None:
        statuses = DataStatus.objects.filter(unit_id__in=list(position))

    # Count indicators in the first columns: only those roll up, as one short list per unit.
    counted = [ind for ind in indicators if ind.value_type == COUNT]
    column = {ind.pk: c for c, ind in enumerate(counted + [i for i in indicators
                                                            if i.value_type != COUNT])}  # fmt: skip
    own = [[[None] * len(indicators) for _u in units] for _field in range(3)]
    _read_figures(values, year, period, position, column, own)

    parents = [position.get(u.parent_id, -1) for u in units]
    rolled = [_roll_up_counts(field, parents, len(counted)) for field in own]
    state_of = dict(
        statuses.filter(year=year, period=period).order_by().values_list("unit_id", "state")
    )
    return RolledUp(
        year=year,
        units=units,
        indicators=indicators,
        states=[state_of.get(u.pk, DataStatus.State.OPEN) for u in units],
        columns=[column[ind.pk] for ind in indicators],
        figures=(*rolled, own[0], own[1]),
    )


def _roll_up_counts(own, parents, count_width):
    """Each unit's figures: its own where entered; otherwise, for a count, the sum of its
    children's rolled-up figures (None when none has one), as arithmetic.roll_up_all does.
    Children follow their parent in tree order, so one pass from the end sees every child
    before its parent."""
    sums = [None] * len(own)
    rolled = [None] * len(own)
    for i in range(len(own) - 1, -1, -1):
        mine, children = own[i], sums[i]
        if children is not None:
            mine = [m if m is not None else s for m, s in zip(mine, children, strict=False)]
            mine.extend(own[i][count_width:])
        rolled[i] = mine
        parent = parents[i]
        if parent >= 0:
            counts = mine[:count_width]
            above = sums[parent]
            sums[parent] = counts if above is None else [
                a if m is None else m if a is None else a + m
                for a, m in zip(above, counts, strict=True)
            ]  # fmt: skip
    return rolled


def _read_figures(values, year, period, position, column, own):
    """Put every stored figure of `year` (target, result) and of the year before (result) into
    `own`, read as plain tuples: no model instance, no Decimal per value. One query per year:
    the year before needs no target, and no column saying which year a row is."""
    values = values.filter(period=period).order_by()
    connection = connections[values.db]
    if connection.vendor == "postgresql":
        # numeric(18, 4) × 10,000 is a whole number: PostgreSQL hands back exact integers.
        values = values.annotate(
            t=Cast(F("target") * Value(SCALE), BigIntegerField()),
            r=Cast(F("result") * Value(SCALE), BigIntegerField()),
        )
        fields, scaled = ("t", "r"), _Same()
    else:
        fields, scaled = ("target", "result"), _Scaled()
    scaled[None] = None  # a missing figure stays missing, with no test per figure
    current = values.filter(year=year).values_list("unit_id", "indicator_id", *fields)
    before = values.filter(year=year - 1, result__isnull=False)
    before = before.values_list("unit_id", "indicator_id", fields[1])
    column_of = column.get
    targets, results, previous = own
    # A server-side cursor on PostgreSQL: the rows come in chunks instead of all at once. In a
    # transaction, for outside one the cursor is declared WITH HOLD and PostgreSQL builds the
    # whole result before the first row (0.15 s of the department report).
    held = connection.vendor == "postgresql" and not connection.in_atomic_block
    in_transaction = transaction.atomic(using=values.db) if held else contextlib.nullcontext()
    with in_transaction:
        unit_id = i = None
        for chunk in _chunks(connection, current):
            for row_unit, indicator_id, t, r in chunk:
                if row_unit != unit_id:  # rows mostly come unit by unit (the report's index)
                    unit_id, i = row_unit, position.get(row_unit)
                    if i is not None:
                        unit_targets, unit_results = targets[i], results[i]
                c = column_of(indicator_id)
                if c is not None and i is not None:
                    unit_targets[c], unit_results[c] = scaled[t], scaled[r]
        unit_id = i = None
        for chunk in _chunks(connection, before):
            for row_unit, indicator_id, r in chunk:
                if row_unit != unit_id:
                    unit_id, i = row_unit, position.get(row_unit)
                    if i is not None:
                        unit_previous = previous[i]
                c = column_of(indicator_id)
                if c is not None and i is not None:
                    unit_previous[c] = scaled[r]


def _chunks(connection, values):
    sql, params = values.query.get_compiler(using=values.db).as_sql()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(20_000):
            yield chunk


class _Same(dict):
    """Figures that come as they are kept (PostgreSQL). A dict like _Scaled: the lookup of a
    value met before costs no Python call."""

    def __missing__(self, value):
        self[value] = value
        return value


class _Scaled(dict):
    """Raw SQLite figures (an int, or a float when not whole) to ten-thousandths, exactly as
    Django's converter reads them (15 significant digits, then 4 decimal places); each distinct
    value is converted once."""

    to_decimal_15 = decimal.Context(prec=15).create_decimal_from_float
    places = Decimal(1).scaleb(-4)
    field_context = decimal.Context(prec=18)

    def __missing__(self, value):
        if type(value) is int:
            found = value * SCALE
        else:
            number = value if isinstance(value, Decimal) else self.to_decimal_15(value)
            found = _scaled(number.quantize(self.places, context=self.field_context))
        self[value] = found
        return found
