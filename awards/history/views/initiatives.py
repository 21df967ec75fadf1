"""Initiatives: list, XLSX export, create and edit."""

import io

import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awards.history import services
from awards.history.forms import (
    InitiativeEditForm,
    InitiativeFilter,
    InitiativeForm,
)
from awards.history.views._common import (
    INPUTS,
    READ,
    XLSX,
    _last_year,
)
from awards.models import Initiative
from organizations.access import require, scope_of
from organizations.tabular import append_row


class InitiativeTable(tables.Table):
    person = tables.Column(
        verbose_name=gettext_lazy("Person"),
        linkify=("person_detail", [tables.A("person_id")]),
        order_by=("person__sort_name", "person__code"),
    )
    code = tables.Column(
        verbose_name=gettext_lazy("Staff number"), accessor="person__code", orderable=True
    )
    unit = tables.Column(
        verbose_name=gettext_lazy("Unit"),
        accessor="person__unit__name",
        order_by=("person__unit__sort_name",),
    )
    year = tables.Column(verbose_name=gettext_lazy("Year"), localize=False)
    title = tables.Column(verbose_name=gettext_lazy("Title"))
    level = tables.Column(verbose_name=gettext_lazy("Level"))
    consumed_by = tables.Column(
        verbose_name=gettext_lazy("Used for"), empty_values=(), orderable=False
    )
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        model = Initiative
        fields = ["person", "code", "unit", "year", "title", "level", "consumed_by", "actions"]
        order_by = ("-year", "person")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = gettext_lazy("No initiatives match.")

    def __init__(self, *args, scope, **kwargs):
        self.scope = scope
        super().__init__(*args, **kwargs)
        if not scope.may(INPUTS):
            self.columns.hide("actions")

    def render_consumed_by(self, record):
        used = record.consumed_by
        if used is None:
            return "—"
        return f"{used.award_type.code} {used.year}"

    def render_actions(self, record):
        if record.consumed_by_id or not self.scope.may(INPUTS, record.person.unit):
            return ""
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary" href="{}"><i class="bi bi-pencil" '
            'aria-hidden="true"></i> {}<span class="visually-hidden"> {}</span></a>',
            reverse("initiative_update", args=[record.pk]),
            _("Edit"),
            record.title,
        )


def _initiatives(user):
    return _visible_people_rows(Initiative.objects.all(), user).select_related(
        "person__unit", "consumed_by__award_type"
    )


def _visible_people_rows(queryset, user):
    scope = scope_of(user)
    if scope.is_superuser:
        return queryset
    return queryset.filter(scope.unit_filter(prefix="person__unit__"))


def initiative_list(request):
    require(request.user, READ)
    found = InitiativeFilter(request.GET or None, queryset=_initiatives(request.user),
                             user=request.user)  # fmt: skip
    if request.GET.get("export") == "xlsx":
        return _initiatives_xlsx(found.qs.order_by("person__unit__path", "person__sort_name",
                                                   "-year"))  # fmt: skip
    table = InitiativeTable(found.qs, scope=scope_of(request.user))
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    export = request.GET.copy()
    export["export"] = "xlsx"
    return render(
        request,
        "awards/history/inputs_initiative_list.html",
        {
            "filter": found,
            "table": table,
            "can_create": scope_of(request.user).may(INPUTS),
            "export_query": export.urlencode(),
        },
    )


def _initiatives_xlsx(initiatives):
    """The same columns as the import, so an exported file can be corrected and imported."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "initiatives"
    sheet.append([*services.INITIATIVE_COLUMNS, "full_name", "unit", "used_for"])
    for initiative in initiatives:
        used = initiative.consumed_by
        append_row(
            sheet,
            [
                initiative.person.code,
                initiative.year,
                initiative.title,
                initiative.level,
                initiative.person.full_name,
                initiative.person.unit.code,
                f"{used.award_type.code} {used.year}" if used else "",
            ],
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "initiatives.xlsx")
    return response


@require_http_methods(["GET", "POST"])
def initiative_create(request):
    require(request.user, INPUTS)
    initial = {"year": _last_year()}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = InitiativeForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The initiative “%(title)s” of %(name)s was recorded.")
                % {"title": initiative.title, "name": initiative.person.full_name},
            )
            return redirect("initiative_list")
    return render(request, "awards/history/inputs_initiative_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def initiative_update(request, pk):
    """Correct or delete an initiative of one's units' people, until a title has used it."""
    initiative = (
        _visible_people_rows(Initiative.objects.all(), request.user)
        .select_related("person__unit", "consumed_by__award_type")
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    require(request.user, INPUTS, initiative.person.unit)
    form = InitiativeEditForm(
        request.POST if request.method == "POST" else None, instance=initiative
    )
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                services.initiative_delete(actor=request.user, initiative=initiative)
                messages.success(request, _("The initiative was deleted."))
                return redirect("initiative_list")
            if form.is_valid():
                services.initiative_update(
                    actor=request.user, initiative=initiative, **form.cleaned_data
                )
                messages.success(request, _("The changes were saved."))
                return redirect("initiative_list")
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "awards/history/inputs_initiative_edit.html",
        {"form": form, "initiative": initiative, "locked": initiative.consumed_by_id is not None},
    )
