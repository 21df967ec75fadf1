"""The audit log: every recorded change in the user's units, for auditors and the office.

Rows come from organizations.AuditEntry, which every service writes; the page is scoped like
everything else (entries about other units do not exist for the reader) and exports to CSV
with the same filters, for an inspection that works in Excel.
"""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from organizations.access import require
from organizations.audit.filters import AuditFilter
from organizations.audit.labels import action_label
from organizations.audit.tables import AuditTable
from organizations.models import AuditEntry
from organizations.paging import LongListData
from organizations.tabular import safe_text

EXPORT_COLUMNS = [
    "at", "actor", "unit", "object", "action", "from", "to", "reason", "changes", "action_label"
]  # fmt: skip


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
    return render(
        request, "organizations/audit/audit_log.html", {"filter": audit_filter, "table": table}
    )


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
