"""Report rows: every indicator × unit with a target or a result (own or rolled up) for a year.

Costs a fixed number of queries whatever the size of the tree: the visible units, the
indicators, the figures of the year and the year before, and the approval states.
"""

from collections import defaultdict
from dataclasses import dataclass

from indicators.arithmetic import Figures, figures, roll_up_all
from indicators.models import DataStatus, Indicator, IndicatorValue, Period
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


def report_units(user, unit=None):
    """The units a report covers: all the user may see, or one visible unit's subtree."""
    units = Unit.objects.visible_to(user)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    return units.only("id", "code", "name", "short_name", "parent_id", "path", "depth").order_by(
        "path"
    )


def build_report(*, units, year, period=Period.YEAR, indicators=None):
    units = list(units)
    unit_ids = [u.pk for u in units]
    indicators = list(indicators if indicators is not None else Indicator.objects.all())
    children_of = defaultdict(list)
    for unit in units:
        children_of[unit.parent_id].append(unit.pk)
    own = defaultdict(dict)  # (indicator id, year, field) -> {unit id: value}
    for cell in IndicatorValue.objects.filter(
        unit_id__in=unit_ids, year__in=[year, year - 1], period=period
    ).values("indicator_id", "unit_id", "year", "target", "result"):
        for field in ("target", "result"):
            if cell[field] is not None:
                own[(cell["indicator_id"], cell["year"], field)][cell["unit_id"]] = cell[field]
    states = dict(
        DataStatus.objects.filter(unit_id__in=unit_ids, year=year, period=period).values_list(
            "unit_id", "state"
        )
    )
    rows = []
    for indicator in indicators:
        rolled = {
            (y, field): roll_up_all(
                unit_ids, own[(indicator.pk, y, field)], children_of, indicator.value_type
            )
            for y, field in ((year, "target"), (year, "result"), (year - 1, "result"))
        }
        for unit in units:
            target = rolled[(year, "target")][unit.pk]
            result = rolled[(year, "result")][unit.pk]
            if target is None and result is None:
                continue
            rows.append(
                ReportRow(
                    indicator=indicator,
                    unit=unit,
                    year=year,
                    figures=figures(
                        target, result, rolled[(year - 1, "result")][unit.pk], indicator.direction
                    ),
                    own_target=unit.pk in own[(indicator.pk, year, "target")],
                    own_result=unit.pk in own[(indicator.pk, year, "result")],
                    state=states.get(unit.pk, DataStatus.State.OPEN),
                )
            )
    rows.sort(key=lambda r: (r.unit.path, r.indicator.display_order, r.indicator.code))
    return rows
