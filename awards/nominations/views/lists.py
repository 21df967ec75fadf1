"""The nominations list, on screen and as XLSX."""

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from awards.models import Nomination
from awards.nominations.filters import NominationFilter
from awards.nominations.tables import NominationTable
from awards.nominations.views._common import EDIT, REVIEW
from organizations.access import scope_of
from organizations.paging import LongListData
from organizations.tabular import append_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 50
# What the list and its XLSX show: the dossier's texts and snapshots, and the award type's
# criteria and rules (JSON decoded per row), are for the nomination's own page.
LIST_COLUMNS = [
    *["person_id", "unit_id", "campaign_id", "award_type_id", "year", "commendation_type"],
    *["state", "submitted_at", "updated_at", "person__full_name", "person__code"],
    *["unit__name", "unit__code", "campaign__name", "award_type__code"],
    *["award_type__name_vi", "award_type__name_en", "award_type__name_fr"],
]


@require_safe
def nomination_list(request):
    scope = scope_of(request.user)
    reviewer = scope.may(REVIEW)
    nominations = (
        Nomination.objects.visible_to(request.user)
        .select_related("person", "unit", "award_type", "campaign")
        .only(*LIST_COLUMNS)
    )
    nomination_filter = NominationFilter(
        request.GET, queryset=nominations, user=request.user, reviewer=reviewer
    )
    form = nomination_filter.form
    searched = bool(form.is_valid() and form.cleaned_data.get("q"))
    table = NominationTable(LongListData(nomination_filter.qs, searched=searched))
    if request.GET.get("format") == "xlsx":
        RequestConfig(request, paginate=False).configure(table)
        return _xlsx([row.record for row in table.rows])
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    export = request.GET.copy()
    export["format"] = "xlsx"
    export.pop("page", None)
    return render(
        request,
        "awards/nominations/nomination_list.html",
        {
            "filter": nomination_filter,
            "table": table,
            "reviewer": reviewer,
            "can_create": scope.may(EDIT),
            "export_query": export.urlencode(),
        },
    )


def _xlsx(nominations):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nominations")[:31]
    sheet.append(
        [
            _("Nominee"),
            _("Code"),
            _("Kind"),
            _("Unit"),
            _("Award code"),
            _("Award"),
            _("Campaign"),
            _("Year"),
            _("Commendation type"),
            _("State"),
            _("Submitted"),
            _("Last change"),
        ]
    )
    local = timezone.localtime
    for n in nominations:
        nominee = n.person or n.unit
        append_row(
            sheet,
            [
                str(nominee),
                nominee.code,
                _("Individual") if n.person_id else _("Collective"),
                n.unit.name,
                n.award_type.code,
                n.award_type.name,
                n.campaign.name,
                n.year,
                n.get_commendation_type_display(),
                n.get_state_display(),
                local(n.submitted_at).replace(tzinfo=None) if n.submitted_at else None,
                local(n.updated_at).replace(tzinfo=None),
            ],
        )
    for header in sheet[1]:
        header.font = Font(bold=True)
    widths = {
        "A": 32,
        "B": 12,
        "C": 12,
        "D": 36,
        "E": 12,
        "F": 40,
        "G": 36,
        "H": 8,
        "I": 20,
        "J": 20,
        "K": 18,
        "L": 18,
    }
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for column in "KL":
        for cell in sheet[column][1:]:
            cell.number_format = "dd/mm/yyyy hh:mm"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    filename = f"nominations-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(
        buffer.getvalue(),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
