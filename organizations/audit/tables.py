import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from organizations.audit.labels import action_label, states_text
from organizations.models import AuditEntry
from organizations.rows import WRITTEN_ROWS_TEMPLATE, WrittenRows

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
            context["dates"].datetime(entry.at, empty=""),
            entry.actor.username if entry.actor else "—",
            entry.unit.display_name if entry.unit else "—",
            entry.object_repr,
            action_label(entry.action),
            states_text(entry),
            entry.reason,
        )
