"""A unit's year as a spreadsheet: the template to fill in, and its upload."""

import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from indicators.entry import services
from indicators.entry.views._common import ENTER, _check_year, _stored_cells
from indicators.models import Indicator
from organizations.access import get_unit_for_user, units_where
from organizations.imports.forms import ImportForm
from organizations.jobs.services import import_in_background, runs_in_background
from organizations.tabular import ImportRefused, append_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_COLUMNS = [*services.VALUE_COLUMNS, "name", "unit_of_measure"]


def _plain(number):
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


@require_safe
def figures_template(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=ENTER)
    _check_year(year)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    cells = _stored_cells(unit, year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    sheet.append(TEMPLATE_COLUMNS)
    for indicator in Indicator.objects.filter(is_active=True):
        cell = cells.get(indicator.pk)
        append_row(
            sheet,
            [
                indicator.code,
                unit.code,
                year,
                _plain(cell.target) if cell else None,
                _plain(cell.result) if cell else None,
                indicator.name,
                indicator.unit_of_measure,
            ],
        )
    for header in sheet[1]:
        header.font = Font(bold=True)
    widths = {"A": 24, "B": 14, "C": 8, "D": 14, "E": 14, "F": 60, "G": 16}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    filename = f"bieu-mau-{slugify(unit.code) or unit.pk}-{year}.xlsx"
    return HttpResponse(
        buffer.getvalue(),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@require_http_methods(["GET", "POST"])
def figures_upload(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=ENTER)
    _check_year(year)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if runs_in_background(upload):
            return import_in_background(
                request, upload=upload, kind="values", target={"unit": unit.pk, "year": year}
            )
        try:
            result = services.values_import(
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
                allowed_units=units_where(request.user, ENTER),
            )
        except ImportRefused as refusal:
            errors = refusal.errors
            messages.error(
                request, _("Nothing was saved. Correct the lines below and upload the file again.")
            )
        else:
            messages.success(
                request,
                _(
                    "Upload finished: %(created)s figures created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % vars(result),
            )
            return redirect("figures_entry", unit_pk=unit.pk, year=year)
    return render(
        request,
        "indicators/entry/upload.html",
        {"unit": unit, "year": year, "form": form, "errors": errors, "columns": TEMPLATE_COLUMNS},
    )
