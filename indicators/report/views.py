"""The indicator report: every computed column for a year and a unit's subtree, on screen and as
CSV or XLSX with exactly the columns of `manage.py indicator_report`.

Default year: the latest year with results in the user's units (indicators/years.py).
The report of the user's units is computed once and kept (indicators/report/memo.py); a page
then costs a fixed number of queries whatever the number of units and indicators (see
tests/indicators/test_report_views.py), and shows only its 100 rows.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from indicators.models import IndicatorValue, Period
from indicators.report import memo
from indicators.report.build import report_units, rolled_up
from indicators.report.exports import csv_chunks, readable_xlsx_chunks
from indicators.report.forms import PickerForm
from indicators.report.page import PER_PAGE, ComputedReport, headers, requested_sort
from indicators.years import YEAR_MAX, YEAR_MIN, latest_year_with_results
from organizations.access import get_unit_for_user, require, scope_of
from organizations.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _values_in_scope(user):
    scope = scope_of(user)
    values = IndicatorValue.objects.all()
    if not scope.is_superuser:
        values = values.filter(scope.unit_filter(prefix="unit__"))
    return values


def years_and_default(user):
    """(years holding any figure, the latest year with a result — else with any figure, else
    this year: indicators/years.py) in the user's units, in one query."""
    counted = _values_in_scope(user).order_by().values_list("year").annotate(n=Count("result"))
    counted = dict(counted)
    with_results = [year for year, results in counted.items() if results]
    latest = max(with_results or counted or [timezone.localdate().year])
    return set(counted), latest


def default_year(user):
    """The latest year with results in the user's units (see indicators/years.py)."""
    return latest_year_with_results(user)


def requested_year(request, default=None):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is not None and YEAR_MIN <= year <= YEAR_MAX:
        return year
    return default if default is not None else default_year(request.user)


def requested_unit(request):
    """The unit named by ?unit= (its id) or ?unit_code= (its code, or a part of its name that
    only one of the user's units matches), or None for "all my units". Outside the user's
    scope, or unknown: 404."""
    text = request.GET.get("unit", "").strip()
    if text:
        if not text.isdigit():
            raise Http404
        return get_unit_for_user(request.user, int(text))
    code = request.GET.get("unit_code", "").strip()[:100]
    if not code:
        return None
    visible = Unit.objects.visible_to(request.user)
    unit = visible.filter(code__iexact=code).first()
    if unit is None:
        matches = list(visible.search(code)[:2])
        if len(matches) != 1:
            raise Http404
        unit = matches[0]
    return unit


def subtree(units, unit):
    return units if unit is None else [u for u in units if u.path.startswith(unit.path)]


def year_choices(years, *selected):
    return sorted({*years, *selected}, reverse=True)


class Download(StreamingHttpResponse):
    """A file sent as it is written. `content` still gives it whole, for whoever wants it at
    once (tests); it then reads the stream to its end."""

    @property
    def content(self):
        if not hasattr(self, "_whole"):
            self._whole = b"".join(self.streaming_content)
        return self._whole


def _download(chunks, *, content_type, name):
    response = Download(chunks, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, get_valid_filename(name))
    return response


def computed_report(user, year, period=Period.YEAR, stamp=None):
    """The report of all the user's units for the year, computed or kept (memo)."""
    key = (stamp or memo.stamp(), memo.scope_key(user), year, period)

    def compute():
        return ComputedReport(rolled_up(units=report_units(user), year=year, period=period))

    return memo.reports.get(key, compute)


def indicator_report(request):
    require(request.user, "directory.view")
    unit = requested_unit(request)
    stamp = memo.stamp()
    key = (stamp, memo.scope_key(request.user), "years")
    years, latest = memo.years.get(key, lambda: years_and_default(request.user))
    year = requested_year(request, default=latest)
    computed = computed_report(request.user, year, stamp=stamp)
    units = (0, len(computed.report.units)) if unit is None else computed.report.subtree(unit)

    export = request.GET.get("format")
    stem = f"indicator-report-{year}" + (f"-{unit.code}" if unit else "")
    if export == "csv":
        return _download(csv_chunks(computed.report, *units),
                         content_type="text/csv; charset=utf-8", name=f"{stem}.csv")  # fmt: skip
    if export == "xlsx":
        chunks = readable_xlsx_chunks(computed.report, *units, sheet_title=str(year))
        return _download(chunks, content_type=XLSX, name=f"{stem}.xlsx")

    rows = computed.rows(*units)
    sort, descending = requested_sort(request.GET.get("sort", ""))
    page = Paginator(computed.order(sort, descending, rows), PER_PAGE).get_page(
        request.GET.get("page")
    )
    params = {"year": year, **({"unit": unit.pk} if unit else {})}
    summary = computed.summary(rows)
    return render(
        request,
        "indicators/report/report.html",
        {
            "columns": headers(sort, descending),
            "page": page,
            "rows": rows.html(page.object_list),
            "year": str(year),  # a year, not a quantity: never "2.023"
            "unit": unit,
            "row_count": summary.rows,
            "met_count": summary.met,
            "not_met_count": summary.not_met,
            "undecided_count": summary.undecided,
            "picker": PickerForm(
                years=year_choices(years, year),
                units=computed.report.units,
                year=year,
                unit=unit,
                all_units_label=_("All my units"),
            ),
            "csv_query": urlencode({**params, "format": "csv"}),
            "xlsx_query": urlencode({**params, "format": "xlsx"}),
            "dashboard_query": urlencode(params),
        },
    )
