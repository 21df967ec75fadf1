"""The report page's table: one page of rows out of a department's 200,000, sorted on any column.

Sorting computes one key per row (the figures are already in memory, indicators/report/rollup.py)
and keeps the order for the next request (indicators/report/memo.py); only the page's 100 rows
are then derived, formatted and written, each as one string of cells (no template per cell).
"""

from array import array
from dataclasses import dataclass

from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from indicators.arithmetic import HIGHER
from indicators.report.formats import (
    MINUS,
    RATIO_PLACES,
    figure_places,
    format_number,
    format_signed,
    met_badge,
    state_badge,
)
from indicators.report.rollup import derive, to_decimal

PER_PAGE = 100
NUMERIC_CELL = ' class="text-end text-nowrap"'


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    numeric: bool = False

    @property
    def css(self):
        return "text-end" if self.numeric else ""


COLUMNS = [
    Column("indicator", _("Indicator")),
    Column("unit", _("Unit")),
    Column("state", _("Approval")),
    Column("target", _("Target"), numeric=True),
    Column("result", _("Result"), numeric=True),
    Column("previous_result", _("Previous year's result"), numeric=True),
    # xgettext:no-python-format
    Column("percent_of_plan", _("% of plan"), numeric=True),
    Column("exceeded_by", _("Exceeded by (%)"), numeric=True),
    Column("change", _("Change"), numeric=True),
    Column("change_percent", _("Change (%)"), numeric=True),
    Column("met", _("Plan met")),
]
SORTABLE = {column.name for column in COLUMNS}
# Position of each figure in RolledUp.lines rows.
FIGURE_AT = {"target": 2, "result": 3, "previous_result": 4, "percent_of_plan": 5,
             "exceeded_by": 6, "change": 7, "change_percent": 8}  # fmt: skip
MET_ORDER = {True: 0, False: 1, None: 2}
MISSING = float("inf")  # missing figures sort after every number (before them, descending)


def requested_sort(text):
    """(column name, descending) from ?sort=; the tree order by default."""
    name = (text or "").lstrip("-")
    if name not in SORTABLE:
        return "unit", False
    return name, text.startswith("-")


def headers(sort, descending):
    """(column, "asc" / "desc" / False, the ?sort= its link asks for) of each column: a click
    sorts on the column, a second click the other way."""
    return [
        (
            column,
            sort == column.name and ("desc" if descending else "asc"),
            f"-{column.name}" if sort == column.name and not descending else column.name,
        )
        for column in COLUMNS
    ]


def sort_keys(report, column):
    """One key per row of the report, in tree order; ties keep the tree order."""
    if column == "indicator":
        return array("I", (k for _i, k, *_rest in report.rows()))
    if column == "state":
        return [report.states[i] for i, *_rest in report.rows()]
    if column == "met":
        return array("B", (MET_ORDER[row[-1]] for row in report.lines()))
    at = FIGURE_AT[column]
    if at <= 4:
        return [MISSING if row[at] is None else row[at] for row in report.rows()]
    return [MISSING if row[at] is None else row[at] for row in report.lines()]


def ordered(keys):
    """Row numbers sorted on `keys` (stable: equal keys stay in tree order)."""
    return array("I", sorted(range(len(keys)), key=keys.__getitem__))


@dataclass
class Summary:
    rows: int
    met: int
    not_met: int
    undecided: int


class ReportRows:
    """The rows first..last - 1 of a computed report (one subtree, in tree order): what the
    page counts, and the HTML of the few it shows."""

    def __init__(self, report, row_units, row_indicators, met, first, last):
        self.report = report
        self.row_units = row_units
        self.row_indicators = row_indicators
        self.met = met  # per report row: 0 met, 1 not met, 2 neither
        self.first, self.last = first, last  # the subtree's rows: first..last - 1

    def __len__(self):
        return self.last - self.first

    def summary(self):
        met = self.met[self.first : self.last]
        return Summary(len(self), met.count(0), met.count(1), met.count(2))

    def html(self, positions):
        """The <tr> of each report row in `positions`."""
        report, cells = self.report, _Cells(self.report)
        higher = [ind.direction == HIGHER for ind in report.indicators]
        lines = []
        for position in positions:
            i, k = self.row_units[position], self.row_indicators[position]
            c = report.columns[k]
            t, r, p = report.target[i][c], report.result[i][c], report.previous[i][c]
            lines.append(cells.row(i, k, (t, r, p, *derive(t, r, p, higher[k])), report.owns(i, k)))
        return lines


class _Cells:
    """The cells of the page's rows in the active language, as formats.format_number,
    format_signed, format_change, state_badge and met_badge write them (a test compares the
    two), without a Decimal or a template per number; what repeats on a page (a unit, an
    indicator, a badge) is written once."""

    def __init__(self, report):
        self.report = report
        language = get_language()
        self.decimal = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
        self.thousands = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)
        # Django groups by NUMBER_GROUPING; Python's "," option groups by 3.
        self.grouped = get_format("NUMBER_GROUPING", language, use_l10n=True) == 3
        self.points = pgettext("percentage points, after a number", "%(change)s pts")
        self.sum_mark = _sum_mark()
        self.indicators, self.units, self.states, self.mets = {}, {}, {}, {}

    def number(self, scaled, places):
        """format_number of the figure."""
        if scaled is None:
            return ""
        if not self.grouped:
            return format_number(to_decimal(scaled), places)
        step = 10 ** (4 - places)
        whole, rest = divmod(abs(scaled), step)
        if 2 * rest >= step:
            whole += 1
        return ("-" if scaled < 0 and whole else "") + self._digits(whole, places)

    def signed(self, scaled, places):
        """format_signed of the figure: +1.086, −0,50."""
        if scaled is None:
            return ""
        if not self.grouped:
            return format_signed(to_decimal(scaled), places)
        step = 10 ** (4 - places)
        whole, rest = divmod(abs(scaled), step)
        if 2 * rest >= step:
            whole += 1
        text = self._digits(whole, places)
        if not whole:
            return text
        return f"+{text}" if scaled > 0 else f"{MINUS}{text}"

    def _digits(self, whole, places):
        if not places:
            return f"{whole:,}".replace(",", self.thousands)
        units, fraction = divmod(whole, 10**places)
        return f"{units:,}".replace(",", self.thousands) + f"{self.decimal}{fraction:0{places}d}"

    def row(self, i, k, figures, owns):
        report = self.report
        indicator = report.indicators[k]
        t, r, p, share, exceeded, change, change_percent, met = figures
        places = figure_places(indicator)
        changed = self.signed(change, places)
        if indicator.is_percent and changed:
            changed = (self.points % {"change": changed}).replace(" ", "\u00a0")
        cells = (
            self._indicator(k),
            self._unit(i),
            self._state(report.states[i]),
            self._figure(self.number(t, places), owns[0]),
            self._figure(self.number(r, places), owns[1]),
            self.number(p, places),
            self.number(share, RATIO_PLACES),
            self.signed(exceeded, RATIO_PLACES),
            conditional_escape(changed),
            self.signed(change_percent, RATIO_PLACES),
            self._met(t is None, r is None, met),
        )
        return mark_safe(
            "<tr>"
            + "".join(
                f"<td{NUMERIC_CELL if column.numeric else ''}>{cell}</td>"
                for column, cell in zip(COLUMNS, cells, strict=True)
            )
            + "</tr>"
        )

    def _figure(self, text, own):
        return text if own or not text else text + self.sum_mark

    def _indicator(self, k):
        if k not in self.indicators:
            indicator = self.report.indicators[k]
            self.indicators[k] = format_html(
                '{}<div class="small text-body-secondary">{} · {}</div>',
                indicator.name, indicator.code, indicator.unit_of_measure,
            )  # fmt: skip
        return self.indicators[k]

    def _unit(self, i):
        if i not in self.units:
            unit = self.report.units[i]
            self.units[i] = format_html(
                '<span class="unit-depth-{}" title="{} · {}">{}</span>',
                min(unit.depth, 6), unit.name, unit.code, unit.display_name,
            )  # fmt: skip
        return self.units[i]

    def _state(self, state):
        if state not in self.states:
            self.states[state] = state_badge(state)
        return self.states[state]

    def _met(self, no_target, no_result, met):
        key = (no_target, no_result, met)
        if key not in self.mets:
            # met_badge reads only whether the target is missing.
            self.mets[key] = met_badge(None if no_target else 0, None if no_result else 0, met)
        return self.mets[key]


def _sum_mark():
    """What follows a figure summed from the sub-units (the unit entered none of its own)."""
    label = _("sum of sub-units")
    return format_html(
        ' <span class="rollup-mark" title="{}" aria-hidden="true">Σ</span>'
        '<span class="visually-hidden">({})</span>',
        label,
        label,
    )


class ComputedReport:
    """A RolledUp and what the page needs of each of its rows, kept between requests
    (memo): which unit and indicator it is, whether the plan is met, and the orders
    already sorted."""

    def __init__(self, report):
        self.report = report
        higher = [ind.direction == HIGHER for ind in report.indicators]
        self.row_units, self.row_indicators, self.met = array("I"), array("H"), array("B")
        # unit_rows[i]: the first row of unit position i (rows come in tree order).
        self.unit_rows = array("I")
        for i, k, t, r, _p in report.rows():
            while len(self.unit_rows) <= i:
                self.unit_rows.append(len(self.row_units))
            self.row_units.append(i)
            self.row_indicators.append(k)
            if t is None or r is None:
                self.met.append(2)
            else:
                self.met.append(0 if (r >= t if higher[k] else r <= t) else 1)
        while len(self.unit_rows) <= len(report.units):
            self.unit_rows.append(len(self.row_units))
        self._orders = {}

    def rows(self, first_unit, last_unit):
        """The rows of the units first_unit..last_unit - 1 (a subtree)."""
        return ReportRows(self.report, self.row_units, self.row_indicators, self.met,
                          self.unit_rows[first_unit], self.unit_rows[last_unit])  # fmt: skip

    def summary(self, rows):
        """How many rows, met, not met and undecided (counted once per subtree)."""
        key = ("summary", rows.first, rows.last)
        if key not in self._orders:
            self._orders[key] = rows.summary()
        return self._orders[key]

    def order(self, name, descending, rows):
        """The report rows of `rows` sorted on the column `name`."""
        first, last = rows.first, rows.last
        if name == "unit":
            return range(last - 1, first - 1, -1) if descending else range(first, last)
        key = (name, descending, first, last)
        if key not in self._orders:
            everything = self._orders.get((name, False, 0, len(self.met)))
            if everything is None:
                everything = ordered(sort_keys(self.report, name))
                self._orders[(name, False, 0, len(self.met))] = everything
            chosen = everything
            if (first, last) != (0, len(self.met)):
                chosen = array("I", (row for row in everything if first <= row < last))
            if len(self._orders) > 32:  # subtrees × columns: forget the older ones
                self._orders.clear()
            self._orders[key] = chosen[::-1] if descending else chosen
        return self._orders[key]
