"""The award history of what the user can see."""

import django_tables2 as tables
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from awards.history.forms import AwardRecordFilter
from awards.history.views._common import (
    HISTORY,
    READ,
    _visible,
)
from awards.history.views.holds import (
    SubjectColumn,
    _with_subject_sort,
)
from awards.models import AwardRecord
from organizations.access import require, scope_of


class AwardRecordTable(tables.Table):
    year = tables.Column(verbose_name=gettext_lazy("Year"), localize=False)
    award_type = tables.Column(
        verbose_name=gettext_lazy("Award"), order_by=("award_type__display_order", "award_type")
    )
    subject = SubjectColumn(
        verbose_name=gettext_lazy("Recipient"), empty_values=(), order_by=("subject_sort",)
    )
    commendation_type = tables.Column(verbose_name=gettext_lazy("Commendation type"))
    decision_number = tables.Column(verbose_name=gettext_lazy("Decision"))
    decision_date = tables.DateColumn(verbose_name=gettext_lazy("Decision date"), short=True)
    issuer = tables.Column(verbose_name=gettext_lazy("Issuer"))
    source = tables.Column(verbose_name=gettext_lazy("Source"))

    class Meta:
        model = AwardRecord
        fields = ["year", "award_type", "subject", "commendation_type", "decision_number",
                  "decision_date", "issuer", "source"]  # fmt: skip
        order_by = ("-year", "award_type")
        attrs = {"class": "table table-sm table-hover align-middle"}
        row_attrs = {"class": lambda record: "text-decoration-line-through" if record.revoked
                     else ""}  # fmt: skip
        empty_text = gettext_lazy("No awards match.")

    def render_award_type(self, record):
        return format_html(
            '<span class="badge text-bg-light border me-1">{}</span>{}',
            record.award_type.code,
            record.award_type.name,
        )


def award_history(request):
    require(request.user, READ)
    records = _with_subject_sort(
        _visible(AwardRecord.objects.all(), request.user).select_related(
            "award_type", "person__unit", "unit"
        )
    )
    found = AwardRecordFilter(request.GET or None, queryset=records, user=request.user)
    table = AwardRecordTable(found.qs)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    scope = scope_of(request.user)
    return render(
        request,
        "awards/history/inputs_award_history.html",
        {"filter": found, "table": table, "can_import": scope.may(HISTORY)},
    )
