"""Holds (officers only): list, create, end."""

import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awards.history import services
from awards.history.forms import (
    HoldEditForm,
    HoldFilter,
    HoldForm,
)
from awards.history.views._common import (
    HISTORY,
    _visible,
)
from awards.models import Hold
from organizations.access import require


class SubjectColumn(tables.Column):
    """A person (with their unit) or a unit, linked to its page."""

    def render(self, record):
        if record.person_id:
            return format_html(
                '<a href="{}">{}</a> <span class="text-body-secondary small">{} · {}</span>',
                reverse("person_detail", args=[record.person_id]),
                record.person.full_name,
                record.person.code,
                record.person.unit.display_name,
            )
        return format_html(
            '<a href="{}">{}</a> <span class="text-body-secondary small">{}</span>',
            reverse("unit_detail", args=[record.unit_id]),
            record.unit.name,
            record.unit.code,
        )


def _with_subject_sort(queryset):
    return queryset.annotate(subject_sort=Coalesce(F("person__sort_name"), F("unit__sort_name")))


class HoldTable(tables.Table):
    subject = SubjectColumn(
        verbose_name=gettext_lazy("Person or unit"), empty_values=(), order_by=("subject_sort",)
    )
    reason = tables.Column(verbose_name=gettext_lazy("Reason"))
    start = tables.DateColumn(verbose_name=gettext_lazy("From"), short=True)
    end = tables.DateColumn(verbose_name=gettext_lazy("To"), short=True)
    state = tables.Column(verbose_name=gettext_lazy("State"), empty_values=(), orderable=False)
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        model = Hold
        fields = ["subject", "reason", "start", "end", "state", "actions"]
        order_by = ("-start",)
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = gettext_lazy("No holds match.")

    def render_state(self, record):
        today = timezone.localdate()
        if record.start > today:
            return format_html('<span class="badge text-bg-secondary">{}</span>', _("planned"))
        if record.end is None or record.end >= today:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("in force"))
        return format_html('<span class="badge text-bg-light border">{}</span>', _("ended"))

    def render_actions(self, record):
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary" href="{}"><i class="bi bi-pencil" '
            'aria-hidden="true"></i> {}<span class="visually-hidden"> {}</span></a>',
            reverse("hold_update", args=[record.pk]),
            _("Edit"),
            record.reason,
        )


def hold_list(request):
    require(request.user, HISTORY)
    holds = _with_subject_sort(
        _visible(Hold.objects.all(), request.user).select_related("person__unit", "unit")
    )
    found = HoldFilter(request.GET or None, queryset=holds, user=request.user)
    table = HoldTable(found.qs)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"filter": found, "table": table}
    return render(request, "awards/history/inputs_hold_list.html", context)


@require_http_methods(["GET", "POST"])
def hold_create(request):
    require(request.user, HISTORY)
    form = HoldForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.hold_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hold was recorded."))
            return redirect("hold_list")
    return render(request, "awards/history/inputs_hold_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def hold_update(request, pk):
    require(request.user, HISTORY)
    hold = (
        _visible(Hold.objects.all(), request.user)
        .select_related("person__unit", "unit")
        .filter(pk=pk)
        .first()
    )
    if hold is None:
        raise Http404
    require(request.user, HISTORY, hold.person.unit if hold.person_id else hold.unit)
    form = HoldEditForm(request.POST if request.method == "POST" else None, instance=hold)
    if request.method == "POST" and form.is_valid():
        try:
            services.hold_update(actor=request.user, hold=hold, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("hold_list")
    return render(request, "awards/history/inputs_hold_form.html", {"form": form, "hold": hold})
