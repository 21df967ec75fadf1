"""The indicator catalogue's table, and the number formats and badges of the report and the
dashboard (the report's rows are written by indicators/report_page.py, to these formats).

Numbers are written the way the active language writes them (Vietnamese: 17.605 and 69,5):
counts with no decimals, percentages with 2, "% of plan" and the other ratios with 1.
"""

from decimal import ROUND_HALF_UP, Decimal

import django_tables2 as tables
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from indicators.models import DataStatus, Indicator

MINUS = "\u2212"
COUNT_PLACES = 0
PERCENT_PLACES = 2
RATIO_PLACES = 1


def _quantize(value, places):
    # number_format cuts extra decimals off; round half up first so 105.5979 shows as 105,6.
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, places):
    if value is None:
        return ""
    return number_format(
        _quantize(value, places), decimal_pos=places, use_l10n=True, force_grouping=True
    )


def format_signed(value, places):
    """+1.086, −0,50: a difference always shows its sign (a real minus, not a hyphen)."""
    if value is None:
        return ""
    rounded = _quantize(value, places)
    text = number_format(abs(rounded), decimal_pos=places, use_l10n=True, force_grouping=True)
    if rounded > 0:
        return f"+{text}"
    if rounded < 0:
        return f"{MINUS}{text}"
    return text


def figure_places(indicator):
    return PERCENT_PLACES if indicator.is_percent else COUNT_PLACES


def format_figure(value, indicator):
    """A target, result or previous result of the indicator."""
    return format_number(value, figure_places(indicator))


def format_change(value, indicator):
    """The change from last year; for a percentage it is in percentage points ("−0,50 pts")."""
    if value is None:
        return ""
    text = format_signed(value, figure_places(indicator))
    if indicator.is_percent:
        # A whole message with a placeholder, so that makemessages extracts it (a call inside an
        # f-string is never extracted); the no-break space keeps the number and its unit together.
        points = pgettext("percentage points, after a number", "%(change)s pts") % {"change": text}
        return points.replace(" ", "\u00a0")
    return text


NUMERIC = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}

# --- catalogue ------------------------------------------------------------------------------

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
        template_name="indicators/catalogue_actions.html",
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


# --- report badges ---------------------------------------------------------------------------

STATE_BADGES = {
    DataStatus.State.OPEN: ("text-bg-light border", "bi-pencil"),
    DataStatus.State.SUBMITTED: ("text-bg-info", "bi-send"),
    DataStatus.State.RETURNED: ("text-bg-warning", "bi-arrow-return-left"),
    DataStatus.State.APPROVED: ("text-bg-success", "bi-lock-fill"),
}


def met_badge(target, result, met):
    """Met / not met / no target: a colour, an icon and words, never the colour alone."""
    if met is True:
        css, icon, text = "text-success-emphasis", "bi-check-circle-fill", _("Met")
    elif met is False:
        css, icon, text = "text-danger-emphasis", "bi-x-circle-fill", _("Not met")
    elif target is None:
        css, icon, text = "text-body-secondary", "bi-dash-circle", _("No target")
    else:
        css, icon, text = "text-body-secondary", "bi-dash-circle", _("No result")
    return format_html(
        '<span class="met {} text-nowrap"><i class="bi {}" aria-hidden="true"></i> {}</span>',
        css,
        icon,
        text,
    )


def state_badge(state):
    css, icon = STATE_BADGES.get(state, ("text-bg-light border", "bi-question-circle"))
    return format_html(
        '<span class="badge {}"><i class="bi {}" aria-hidden="true"></i> {}</span>',
        css,
        icon,
        DataStatus.State(state).label,
    )
