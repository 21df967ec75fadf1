"""Dashboard of one unit: each indicator's target and result across the years, and the unit's
direct sub-units compared for one year.

The series come from one query over the unit's figures of every year, rolled up in memory with
the same `roll_up_all` as the report, so the page costs a fixed number of queries. The chart data
goes to static/js/dashboard.js through json_script; every chart has a data table under it.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators.arithmetic import figures, roll_up_all
from indicators.models import Indicator, IndicatorValue, Period
from indicators.report.build import report_units
from indicators.report.formats import (
    RATIO_PLACES,
    figure_places,
    format_figure,
    format_number,
    met_badge,
)
from indicators.report.forms import PickerForm
from indicators.report.views import (
    requested_unit,
    requested_year,
    subtree,
    year_choices,
)
from organizations.access import require

FIELDS = ("target", "result")


def _number(value):
    """A Decimal as a JSON number (Chart.js plots numbers, not strings)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _own_figures(unit, period=Period.YEAR):
    """(indicator id, year, field) -> {unit id: value} for the unit's whole subtree, all years."""
    own = defaultdict(dict)
    cells = IndicatorValue.objects.filter(unit__path__startswith=unit.path, period=period)
    for cell in cells.values("indicator_id", "unit_id", "year", "target", "result"):
        for field in FIELDS:
            if cell[field] is not None:
                own[(cell["indicator_id"], cell["year"], field)][cell["unit_id"]] = cell[field]
    return own


def _rolled(indicator, own, unit_ids, children_of, year):
    return {
        field: roll_up_all(
            unit_ids, own[(indicator.pk, year, field)], children_of, indicator.value_type
        )
        for field in FIELDS
    }


def dashboard_context(*, unit, units, indicators, own, year):
    """Charts and their tables for `unit`, whose subtree is `units` (tree order)."""
    children_of = defaultdict(list)
    for u in units:
        children_of[u.parent_id].append(u.pk)
    children = [u for u in units if u.parent_id == unit.pk]
    ids = [unit.pk, *(c.pk for c in children)]
    all_years = sorted({y for (_i, y, _f) in own})

    series, comparisons = [], []
    for indicator in indicators:
        by_year = {y: _rolled(indicator, own, ids, children_of, y) for y in all_years}
        years = [y for y in all_years if any(by_year[y][f][unit.pk] is not None for f in FIELDS)]
        if years:
            span = list(range(years[0], years[-1] + 1))
            points = [
                (y, *(by_year.get(y, {}).get(f, {}).get(unit.pk) for f in FIELDS)) for y in span
            ]
            series.append(
                {
                    "indicator": indicator,
                    "canvas": f"chart-years-{indicator.pk}",
                    "rows": [
                        {
                            "year": str(y),
                            "target": format_figure(t, indicator),
                            "result": format_figure(r, indicator),
                        }
                        for y, t, r in points
                    ],
                    "chart": {
                        "canvas": f"chart-years-{indicator.pk}",
                        "kind": "line",
                        "labels": [str(y) for y in span],
                        "target": [_number(t) for _y, t, _r in points],
                        "result": [_number(r) for _y, _t, r in points],
                        "decimals": figure_places(indicator),
                        "unit": indicator.unit_of_measure,
                        # Counts are read against zero; a rate's trend may zoom in.
                        "zero": not indicator.is_percent,
                    },
                }
            )
        rolled = by_year.get(year) or _rolled(indicator, own, ids, children_of, year)
        # Sub-units without a figure for this indicator are left out of its chart and counted.
        compared = [
            (child, rolled["target"][child.pk], rolled["result"][child.pk])
            for child in children
            if rolled["target"][child.pk] is not None or rolled["result"][child.pk] is not None
        ]
        if compared:
            comparisons.append(
                {
                    "indicator": indicator,
                    "canvas": f"chart-children-{indicator.pk}",
                    "without_figures": len(children) - len(compared),
                    "rows": [_child_row(indicator, child, t, r) for child, t, r in compared],
                    "chart": {
                        "canvas": f"chart-children-{indicator.pk}",
                        "kind": "bar",
                        "labels": [child.display_name for child, _t, _r in compared],
                        "target": [_number(t) for _c, t, _r in compared],
                        "result": [_number(r) for _c, _t, r in compared],
                        "decimals": figure_places(indicator),
                        "unit": indicator.unit_of_measure,
                        "zero": True,
                    },
                }
            )
    return {
        "series": series,
        "comparisons": comparisons,
        "children": children,
        "chart_data": {
            "locale": get_language(),
            "labels": {"target": _("Target"), "result": _("Result")},
            "charts": [item["chart"] for item in series + comparisons],
        },
    }


def _child_row(indicator, child, target, result):
    f = figures(target, result, None, indicator.direction)
    return {
        "unit": child,
        "target": format_figure(target, indicator),
        "result": format_figure(result, indicator),
        "percent_of_plan": format_number(f.percent_of_plan, RATIO_PLACES),
        "met": met_badge(target, result, f.met),
    }


def indicator_dashboard(request):
    require(request.user, "directory.view")
    unit = requested_unit(request)
    visible = list(report_units(request.user))
    if unit is None and visible:
        unit = visible[0]  # the user's highest unit, first in tree order
    if unit is None:
        return render(request, "indicators/dashboard/dashboard.html", {"unit": None})
    own = _own_figures(unit)
    years = {y for (_i, y, _f) in own}
    year = requested_year(request)
    context = dashboard_context(
        unit=unit,
        units=subtree(visible, unit),
        indicators=Indicator.objects.all(),
        own=own,
        year=year,
    )
    context.update(
        unit=unit,
        year=str(year),  # a year, not a quantity: never "2.023"
        picker=PickerForm(
            years=year_choices(years, year),
            units=visible,
            year=year,
            unit=unit,
        ),
        report_query=urlencode({"year": year, "unit": unit.pk}),
    )
    return render(request, "indicators/dashboard/dashboard.html", context)
