"""The award reports, on screen and as XLSX: awards by year × award type × unit, a decision's
annex, and performance vs awards.

Access: every role may read the reports ("award.view") for the units it covers; a unit outside
them is a 404. A decision's annex follows the decision page (awards.decisions.queries): people
with a role on the issuing unit read it, drafts included, and once issued so do the units it
names; anyone else gets a 404.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from awards.decisions.queries import visible_decisions
from awards.history.services import YEAR_MAX, YEAR_MIN
from awards.models import Decision
from awards.reports import xlsx
from awards.reports.forms import YearPicker, YearRangePicker
from awards.reports.queries import (
    VIEW,
    annex_groups,
    awards_report,
    performance_report,
    report_units,
)
from indicators.years import latest_year_with_results
from organizations.access import get_unit_for_user, require, units_where
from organizations.lookups import UnitLookupField

RECENT_DECISIONS = 20


def _year(request, name):
    """?<name>=YYYY, or the latest year with results in the user's units (a query, only then)."""
    text = request.GET.get(name, "").strip()
    if text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX:
        return int(text)
    return _last_year(request)


def _last_year(request):
    """Awards and results are reported for the latest year with results in the user's units."""
    return latest_year_with_results(request.user)


def _scope(request):
    """(the chosen unit or None, the units the report covers), the unit named by ?unit= (its
    id) or ?unit_code= (its code, or a part of its name only one of the user's units matches).
    Outside the user's units, or not one unit: 404."""
    require(request.user, VIEW)
    text = request.GET.get("unit", "").strip()
    code = request.GET.get("unit_code", "").strip()[:100]
    unit = None
    if text:
        if not text.isdigit():
            raise Http404
        unit = get_unit_for_user(request.user, int(text), action=VIEW)
    elif code:
        try:
            unit = UnitLookupField(units=units_where(request.user, VIEW)).clean(code)
        except ValidationError:
            raise Http404 from None
    everything = report_units(request.user)
    units = everything if unit is None else [u for u in everything if u.path.startswith(unit.path)]
    return unit, units, everything


def _scope_name(unit):
    return unit.name if unit else "Tất cả đơn vị được xem"


def _query(unit, **values):
    return urlencode({**values, **({"unit": unit.pk} if unit else {})})


@require_safe
def report_index(request):
    require(request.user, VIEW)
    decisions = visible_decisions(request.user).filter(state=Decision.State.ISSUED)
    decisions = decisions.order_by("-decision_date", "-number", "-id")[:RECENT_DECISIONS]
    return render(request, "awards/reports/report_index.html", {"decisions": decisions})


def _awards(request):
    unit, units, everything = _scope(request)
    year_from, year_to = _year(request, "year_from"), _year(request, "year_to")
    if year_from > year_to:
        year_from, year_to = year_to, year_from
    return unit, everything, awards_report(units, year_from, year_to)


@require_safe
def report_awards(request):
    unit, everything, report = _awards(request)
    initial = {"year_from": report.year_from, "year_to": report.year_to}
    return render(
        request,
        "awards/reports/report_awards.html",
        {
            "report": report,
            "unit": unit,
            "picker": YearRangePicker(units=everything, unit=unit, initial=initial),
            "xlsx_url": f"{reverse('report_awards_xlsx')}?{_query(unit, **initial)}",
        },
    )


@require_safe
def report_awards_xlsx(request):
    unit, _everything, report = _awards(request)
    years = (f"{report.year_from}" if report.year_from == report.year_to
             else f"{report.year_from}-{report.year_to}")  # fmt: skip
    name = f"khen-thuong-{years}" + (f"-{unit.code}" if unit else "") + ".xlsx"
    return xlsx.response(xlsx.awards_workbook(report, _scope_name(unit)), name)


@require_safe
def decision_annex_xlsx(request, pk):
    decision = visible_decisions(request.user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    number = decision.number_text or f"du-thao-{decision.pk}"
    name = f"danh-sach-kem-theo-{number.replace('/', '-')}.xlsx"
    return xlsx.response(xlsx.annex_workbook(decision, annex_groups(decision)), name)


def _performance(request):
    unit, units, everything = _scope(request)
    year = _year(request, "year")
    return unit, everything, year, performance_report(units, year)


@require_safe
def report_performance(request):
    unit, everything, year, rows = _performance(request)
    return render(
        request,
        "awards/reports/report_performance.html",
        {
            "rows": rows,
            "unit": unit,
            "year": str(year),  # a year, not a quantity: never "2.023"
            "picker": YearPicker(units=everything, unit=unit, initial={"year": year}),
            "xlsx_url": f"{reverse('report_performance_xlsx')}?{_query(unit, year=year)}",
            "flag_count": sum(1 for row in rows if row.flags),
            "unbacked_count": sum(1 for row in rows if row.flags_backed is False),
        },
    )


@require_safe
def report_performance_xlsx(request):
    unit, _everything, year, rows = _performance(request)
    name = f"chi-tieu-va-khen-thuong-{year}" + (f"-{unit.code}" if unit else "") + ".xlsx"
    return xlsx.response(xlsx.performance_workbook(rows, year, _scope_name(unit)), name)
