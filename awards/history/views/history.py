"""The award history of what the user can see."""

import django_tables2 as tables
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from awards.decisions.text import vnd
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
    bonus_amount = tables.Column(verbose_name=gettext_lazy("Bonus (VND)"),
                                 attrs={"td": {"class": "text-end text-nowrap"}})  # fmt: skip
    source = tables.Column(verbose_name=gettext_lazy("Source"))

    class Meta:
        model = AwardRecord
        fields = ["year", "award_type", "subject", "commendation_type", "decision_number",
                  "decision_date", "issuer", "bonus_amount", "source"]  # fmt: skip
        order_by = ("-year", "award_type")
        attrs = {"class": "table table-sm table-hover align-middle"}
        row_attrs = {"class": lambda record: "text-decoration-line-through" if record.revoked
                     else ""}  # fmt: skip
        empty_text = gettext_lazy("No awards match.")

    def render_decision_number(self, record, value):
        # Granted here: the number opens the decision, which the viewer may read since it
        # names a person or unit of theirs (awards.decisions.queries.visible_decisions).
        if record.decision_id is None:
            return value
        signer = record.decision.signer_name
        return format_html(
            '<a class="text-nowrap" href="{}">{}</a>{}',
            reverse("decision_detail", args=[record.decision_id]),
            value or record.decision.number_text,
            format_html('<br><span class="small text-body-secondary">{}</span>', signer)
            if signer
            else "",
        )

    def render_bonus_amount(self, value):
        return vnd(value)

    def render_award_type(self, record):
        badge = format_html(
            '<span class="badge text-bg-light border me-1">{}</span>{}',
            record.award_type.code,
            record.award_type.name,
        )
        if record.source != AwardRecord.Source.GRANTED:
            return badge
        # Every award granted here has its certificate (awards/certificates).
        return format_html(
            '{}<br><a class="small text-nowrap" href="{}"><i class="bi bi-award" '
            'aria-hidden="true"></i> {}</a>',
            badge,
            reverse("certificate_detail", args=[record.pk]),
            gettext_lazy("Certificate"),
        )


def award_history(request):
    require(request.user, READ)
    records = _with_subject_sort(
        _visible(AwardRecord.objects.all(), request.user).select_related(
            "award_type", "person__unit", "unit", "decision__unit"
        )
    )
    found = AwardRecordFilter(request.GET or None, queryset=records, user=request.user)
    # Approvers revoke from here; a revoked award links to its revocation (awards/decisions).
    from awards.decisions.revocation_views import revocation_columns

    table = AwardRecordTable(found.qs, extra_columns=revocation_columns(request.user))
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    scope = scope_of(request.user)
    return render(
        request,
        "awards/history/inputs_award_history.html",
        {"filter": found, "table": table, "can_import": scope.may(HISTORY)},
    )
