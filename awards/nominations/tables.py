import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination


class NominationTable(tables.Table):
    nominee = tables.Column(
        verbose_name=_("Nominee"),
        accessor="pk",
        order_by=("person__sort_name", "unit__sort_name"),
    )
    unit = tables.Column(verbose_name=_("Unit"), accessor="unit__name", order_by=("unit__path",))
    award_type = tables.Column(
        verbose_name=_("Award"), order_by=("award_type__display_order", "award_type__code")
    )
    campaign = tables.Column(verbose_name=_("Campaign"), order_by=("campaign__name",))
    year = tables.Column(verbose_name=_("Year"), localize=False)
    state = tables.Column(verbose_name=_("State"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"), short=True)
    updated_at = tables.DateTimeColumn(verbose_name=_("Last change"), short=True)

    class Meta:
        model = Nomination
        fields = [
            "nominee",
            "unit",
            "award_type",
            "campaign",
            "year",
            "state",
            "submitted_at",
            "updated_at",
        ]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No nominations match.")
        order_by = ("-updated_at",)

    def render_nominee(self, record):
        icon, kind = (
            ("bi-person", _("Individual")) if record.person_id else ("bi-people", _("Collective"))
        )
        return format_html(
            '<i class="bi {}" aria-hidden="true"></i><span class="visually-hidden">{}: </span> '
            '<a href="{}">{}</a>',
            icon,
            kind,
            reverse("nomination_detail", args=[record.pk]),
            record.nominee,
        )

    def render_award_type(self, value):
        return format_html('<span title="{}">{}</span>', value.code, value.name)

    def render_state(self, record):
        return render_to_string(
            "awards/nominations/nomination_state_badge.html",
            {"state": record.state, "label": record.get_state_display()},
        )
