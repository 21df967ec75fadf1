"""The indicator catalogue: everyone with a role reads it; emulation officers of the whole
department (a role on a top-level unit) manage it, since it is the same for every unit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_tables2 import RequestConfig

from indicators.catalogue import services
from indicators.catalogue.forms import IndicatorForm
from indicators.catalogue.imports import INDICATOR_COLUMNS, indicators_import
from indicators.catalogue.tables import IndicatorTable
from indicators.models import Indicator
from organizations.access import may_department_wide, require, require_department_wide
from organizations.imports.forms import ImportForm
from organizations.jobs.services import import_in_background, runs_in_background
from organizations.tabular import ImportRefused

CATALOGUE = "indicator.catalogue"


def indicator_list(request):
    require(request.user, "directory.view")
    can_edit = may_department_wide(request.user, CATALOGUE)
    table = IndicatorTable(Indicator.objects.all(), can_edit=can_edit)
    RequestConfig(request, paginate=False).configure(table)
    return render(
        request,
        "indicators/catalogue/catalogue.html",
        {"table": table, "can_edit": can_edit, "count": len(table.rows)},
    )


@require_http_methods(["GET", "POST"])
def indicator_create(request):
    require_department_wide(request.user, CATALOGUE)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": indicator.name})
            return redirect("indicator_list")
    return render(
        request, "indicators/catalogue/indicator_form.html", {"form": form, "indicator": None}
    )


@require_http_methods(["GET", "POST"])
def indicator_update(request, pk):
    require_department_wide(request.user, CATALOGUE)
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        frozen_value_type=services.has_figures(indicator),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("indicator_list")
    return render(
        request, "indicators/catalogue/indicator_form.html", {"form": form, "indicator": indicator}
    )


@require_http_methods(["GET", "POST"])
def import_indicators(request):
    """Same page as the directory imports, over indicators.catalogue.imports.indicators_import."""
    require_department_wide(request.user, CATALOGUE)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if runs_in_background(upload):
            return import_in_background(request, upload=upload, kind="indicators")
        try:
            result = indicators_import(data=upload.read(), filename=upload.name, actor=request.user)
        except ImportRefused as refusal:
            errors = refusal.errors
            messages.error(
                request, _("Nothing was imported. Correct the lines below and try again.")
            )
        else:
            messages.success(
                request,
                _(
                    "Import finished: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % vars(result),
            )
            return redirect(request.path)
    return render(
        request,
        "organizations/imports/import.html",
        {
            "form": form,
            "errors": errors,
            "title": _("Import indicators"),
            "columns": INDICATOR_COLUMNS + ["group", "description", "source"],
        },
    )
