"""The indicator catalogue's table."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator

NUMERIC = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}

DIRECTION_ICONS = {
    Indicator.Direction.HIGHER: "bi-arrow-up-circle",
    Indicator.Direction.LOWER: "bi-arrow-down-circle",
}


class IndicatorTable(tables.Table):
    group = tables.Column(
        verbose_name=_("Group or sector"), order_by=("group", "display_order", "code")
    )
    display_order = tables.Column(verbose_name=_("Order"), attrs=NUMERIC)
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(verbose_name=_("Name"))
    unit_of_measure = tables.Column(verbose_name=_("Unit of measure"))
    value_type = tables.Column(verbose_name=_("Value type"))
    direction = tables.Column(verbose_name=_("Direction"))
    is_active = tables.Column(verbose_name=_("Active"))
    actions = tables.TemplateColumn(
        template_name="indicators/catalogue/catalogue_actions.html",
        verbose_name=_("Actions"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = Indicator
        fields = [
            "group",
            "display_order",
            "code",
            "name",
            "unit_of_measure",
            "value_type",
            "direction",
            "is_active",
        ]
        order_by = ("group", "display_order")
        attrs = {"class": "table table-sm table-hover align-middle catalogue-table"}
        empty_text = _("No indicators yet.")

    def __init__(self, *args, can_edit=False, **kwargs):
        super().__init__(*args, exclude=() if can_edit else ("actions",), **kwargs)

    def render_name(self, value, record):
        if record.description:
            return format_html(
                '{}<div class="small text-body-secondary">{}</div>', value, record.description
            )
        return value

    def render_direction(self, value, record):
        return format_html(
            '<i class="bi {}" aria-hidden="true"></i> {}',
            DIRECTION_ICONS.get(record.direction, "bi-circle"),
            record.get_direction_display(),
        )

    def render_is_active(self, value):
        if value:
            return format_html(
                '<i class="bi bi-check-lg text-success" aria-hidden="true"></i> {}', _("yes")
            )
        return format_html(
            '<i class="bi bi-slash-circle text-body-secondary" aria-hidden="true"></i> {}', _("no")
        )
