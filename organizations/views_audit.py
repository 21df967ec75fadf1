"""The audit log: every recorded change in the user's units, for auditors and the office.

Rows come from organizations.AuditEntry, which every service writes; the page is scoped like
everything else (entries about other units do not exist for the reader) and exports to CSV
with the same filters, for an inspection that works in Excel.
"""

import csv
from datetime import datetime, time, timedelta

import django_filters
import django_tables2 as tables
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from organizations.access import require
from organizations.audit_labels import action_label, states_text
from organizations.forms import DateTextInput
from organizations.models import AuditEntry
from organizations.paging import LongListData
from organizations.rows import WRITTEN_ROWS_TEMPLATE, WrittenRows, short_datetime
from organizations.tabular import safe_text
from organizations.text import fold

EXPORT_COLUMNS = [
    "at", "actor", "unit", "object", "action", "from", "to", "reason", "changes", "action_label"
]  # fmt: skip


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Object or reason"), method="filter_text")
    action = django_filters.CharFilter(label=_("Action"), lookup_expr="startswith")
    actor = django_filters.CharFilter(label=_("Who (user name)"), field_name="actor__username")
    since = django_filters.DateFilter(label=_("From"), method="filter_since",
                                      widget=DateTextInput)  # fmt: skip
    until = django_filters.DateFilter(label=_("To"), method="filter_until",
                                      widget=DateTextInput)  # fmt: skip

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "actor", "since", "until"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value))

    # Days are bounded by local midnights, so that the ordering index on `at` serves them
    # (`at__date` compares a computed date, row by row).
    def filter_since(self, queryset, name, day):
        return queryset.filter(at__gte=_midnight(day))

    def filter_until(self, queryset, name, day):
        return queryset.filter(at__lt=_midnight(day + timedelta(days=1)))


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


AUDIT_ROW = "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"


class AuditTable(WrittenRows, tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("When"), short=True)
    actor = tables.Column(verbose_name=_("Who"), default="—", order_by=("actor__username",))
    unit = tables.Column(verbose_name=_("Unit"), default="—", order_by=("unit__path",))
    object_repr = tables.Column(verbose_name=_("Object"))
    action = tables.Column(verbose_name=_("Action"))
    states = tables.Column(verbose_name=_("From → to"), empty_values=(), orderable=False)
    reason = tables.Column(verbose_name=_("Reason"), default="")

    class Meta:
        model = AuditEntry
        fields = ["at", "actor", "unit", "object_repr", "action", "states", "reason"]
        attrs = {"class": "table table-sm align-middle"}
        empty_text = _("No recorded change matches.")
        template_name = WRITTEN_ROWS_TEMPLATE

    def row_html(self, entry, context):
        return format_html(
            AUDIT_ROW,
            short_datetime(entry.at, empty=""),
            entry.actor.username if entry.actor else "—",
            entry.unit.display_name if entry.unit else "—",
            entry.object_repr,
            action_label(entry.action),
            states_text(entry),
            entry.reason,
        )


@require_safe
def audit_log(request):
    require(request.user, "audit.view")
    entries = AuditEntry.objects.visible_to(request.user).select_related("actor", "unit")
    audit_filter = AuditFilter(request.GET or None, queryset=entries.order_by("-at", "-id"))
    if request.GET.get("format") == "csv":
        return _csv(audit_filter.qs)
    searched = bool(audit_filter.is_bound and audit_filter.form.is_valid()
                    and audit_filter.form.cleaned_data.get("q"))  # fmt: skip
    # The changes are shown on the object's own page and in the CSV, not in the list.
    table = AuditTable(LongListData(audit_filter.qs.defer("changes"), searched=searched))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "organizations/audit_log.html", {"filter": audit_filter, "table": table})


def _csv(entries):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = content_disposition_header(True, f"audit-{stamp}.csv")
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow([
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            *map(safe_text, [
                entry.actor.username if entry.actor else "",
                entry.unit.code if entry.unit else "",
                entry.object_repr, entry.action, entry.from_state, entry.to_state,
                entry.reason, str(entry.changes or ""), str(action_label(entry.action)),
            ]),
        ])  # fmt: skip
    return response
