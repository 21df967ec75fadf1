"""The indicator report: every computed column for a year and a unit's subtree, on screen and as
CSV or XLSX with exactly the columns of `manage.py indicator_report`.

Default year: the latest year with results in the user's units (indicators/years.py).
The page costs a fixed number of queries whatever the number of units and indicators
(see tests/indicators/test_report_views.py).
"""

from collections import Counter
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from indicators.exports import to_csv, to_readable_xlsx
from indicators.forms_catalogue import PickerForm
from indicators.models import IndicatorValue
from indicators.report import build_report, report_units
from indicators.services import YEAR_MAX, YEAR_MIN
from indicators.tables import ReportTable, report_records
from indicators.years import latest_year_with_results
from organizations.access import get_unit_for_user, require, scope_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def years_with_data(user):
    """Years holding any target or result in the user's units (one query)."""
    scope = scope_of(user)
    values = IndicatorValue.objects.all()
    if not scope.is_superuser:
        values = values.filter(scope.unit_filter(prefix="unit__"))
    return set(values.order_by().values_list("year", flat=True).distinct())


def default_year(user):
    """The latest year with results in the user's units (see indicators/years.py)."""
    return latest_year_with_results(user)


def requested_year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default_year(request.user)
    return year if YEAR_MIN <= year <= YEAR_MAX else default_year(request.user)


def requested_unit(request):
    """The unit named by ?unit=, or None for "all my units". Outside the user's scope: 404."""
    text = request.GET.get("unit", "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise Http404
    return get_unit_for_user(request.user, int(text))


def subtree(units, unit):
    return units if unit is None else [u for u in units if u.path.startswith(unit.path)]


def year_choices(years, *selected):
    return sorted({*years, *selected}, reverse=True)


def _download(content, *, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, get_valid_filename(name))
    return response


def indicator_report(request):
    require(request.user, "directory.view")
    unit = requested_unit(request)
    visible = list(report_units(request.user))
    years = years_with_data(request.user)
    year = requested_year(request)
    rows = build_report(units=subtree(visible, unit), year=year)

    export = request.GET.get("format")
    stem = f"indicator-report-{year}" + (f"-{unit.code}" if unit else "")
    if export == "csv":
        return _download(to_csv(rows), content_type="text/csv; charset=utf-8", name=f"{stem}.csv")
    if export == "xlsx":
        return _download(
            to_readable_xlsx(rows, sheet_title=str(year)), content_type=XLSX, name=f"{stem}.xlsx"
        )

    table = ReportTable(report_records(rows))
    RequestConfig(request, paginate={"per_page": 100}).configure(table)
    params = {"year": year, **({"unit": unit.pk} if unit else {})}
    met = Counter(row.figures.met for row in rows)
    return render(
        request,
        "indicators/report.html",
        {
            "table": table,
            "year": str(year),  # a year, not a quantity: never "2.023"
            "unit": unit,
            "row_count": len(rows),
            "met_count": met[True],
            "not_met_count": met[False],
            "undecided_count": met[None],
            "picker": PickerForm(
                years=year_choices(years, year),
                units=visible,
                year=year,
                unit=unit,
                all_units_label=_("All my units"),
            ),
            "csv_query": urlencode({**params, "format": "csv"}),
            "xlsx_query": urlencode({**params, "format": "xlsx"}),
            "dashboard_query": urlencode(params),
        },
    )


urlpatterns = [
    path("report/", indicator_report, name="indicator_report"),
]
