"""Report rows: every indicator × unit with a target or a result (own or rolled up) for a year.

Costs a fixed number of queries whatever the size of the tree: the units, the indicators, the
figures of the year and the year before, and the approval states (indicators/report/rollup.py).
`report_lines` is what the exports and the command write; `build_report` gives the same rows as
objects with Decimals, for the callers that read a few of them (awards).
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from indicators.arithmetic import HIGHER, Figures
from indicators.models import DataStatus, Indicator, IndicatorValue, Period
from indicators.report.rollup import SCALE, derive, roll_up, to_decimal
from organizations.models import Unit

COLUMNS = ["indicator", "unit", "year", "target", "result", "previous_result", "percent_of_plan",
           "exceeded_by", "change", "change_percent", "met"]  # fmt: skip


@dataclass(frozen=True)
class ReportRow:
    indicator: Indicator
    unit: Unit
    year: int
    figures: Figures
    own_target: bool
    own_result: bool
    state: str

    def record(self):
        """The row as the CLI and the exports write it: codes and plain numbers."""
        f = self.figures
        return {
            "indicator": self.indicator.code,
            "unit": self.unit.code,
            "year": self.year,
            "target": f.target,
            "result": f.result,
            "previous_result": f.previous_result,
            "percent_of_plan": f.percent_of_plan,
            "exceeded_by": f.exceeded_by,
            "change": f.change,
            "change_percent": f.change_percent,
            "met": f.met,
        }


REPORT_UNIT_FIELDS = ("id", "code", "name", "short_name", "parent_id", "path", "depth")


def report_units(user, unit=None):
    """The units a report covers: all the user may see, or one visible unit's subtree."""
    units = Unit.objects.visible_to(user)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    return units.only(*REPORT_UNIT_FIELDS).order_by("path")


def rolled_up(*, units, year, period=Period.YEAR, indicators=None):
    """indicators.report.rollup.RolledUp of `units` (a queryset, read here, or model instances)."""
    values = statuses = None
    if isinstance(units, QuerySet) and not (units.query.has_filters() or units.query.is_sliced):
        values, statuses = IndicatorValue.objects.all(), DataStatus.objects.all()  # every unit
    elif isinstance(units, QuerySet):
        # The figures of the units as a subquery: no list of thousands of keys in the SQL.
        keys = units.order_by().values("pk")
        values = IndicatorValue.objects.filter(unit_id__in=keys)
        statuses = DataStatus.objects.filter(unit_id__in=keys)
    return roll_up(
        units=list(units),
        year=year,
        period=period,
        indicators=indicators,
        values=values,
        statuses=statuses,
    )


def plain(scaled):
    """A scaled figure as JSON writes it: a whole number as an int, any other as a float."""
    if scaled is None:
        return None
    whole, fraction = divmod(scaled, SCALE)
    return scaled / SCALE if fraction else whole


def report_lines(report, start=0, stop=None):
    """Each row as a tuple in COLUMNS order: codes and plain numbers (int or float)."""
    units, indicators, year = report.units, report.indicators, report.year
    higher = [ind.direction == HIGHER for ind in indicators]
    for i, k, t, r, p in report.rows(start, stop):
        share, exceeded, change, change_percent, met = derive(t, r, p, higher[k])
        figures = (t, r, p, share, exceeded, change, change_percent)
        yield (indicators[k].code, units[i].code, year, *map(plain, figures), met)


def department_report_rows(*, year, units=None, period=Period.YEAR):
    """Every row of the report of `units` (default: every unit) as report_lines gives them; what
    `manage.py indicator_report` writes, for timing the report without any output format."""
    units = Unit.objects.all() if units is None else units
    report = rolled_up(units=units.only(*REPORT_UNIT_FIELDS), year=year, period=period)
    return report_lines(report)


def build_report(*, units, year, period=Period.YEAR, indicators=None):
    report = rolled_up(units=units, year=year, period=period, indicators=indicators)
    higher = [ind.direction == HIGHER for ind in report.indicators]
    rows = []
    for i, k, t, r, p in report.rows():
        share, exceeded, change, change_percent, met = derive(t, r, p, higher[k])
        own_target, own_result = report.owns(i, k)
        figures = Figures(
            target=to_decimal(t),
            result=to_decimal(r),
            previous_result=to_decimal(p),
            percent_of_plan=to_decimal(share),
            exceeded_by=to_decimal(exceeded),
            change=to_decimal(change),
            change_percent=to_decimal(change_percent),
            met=met,
        )
        rows.append(
            ReportRow(
                indicator=report.indicators[k],
                unit=report.units[i],
                year=year,
                figures=figures,
                own_target=own_target,
                own_result=own_result,
                state=report.states[i],
            )
        )
    return rows
