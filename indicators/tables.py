"""Tables of the indicator catalogue and report, and the number formats they share with the
dashboard.

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


# --- report ---------------------------------------------------------------------------------

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


def _missing_last(value):
    """Sort key that puts missing figures after every number (before them when descending)."""
    return (value is None, value if value is not None else 0)


def report_records(rows):
    """build_report rows as records the table can sort: each sortable column has a key."""
    records = []
    for position, row in enumerate(rows):
        f = row.figures
        records.append(
            {
                "row": row,
                "indicator_key": (row.indicator.display_order, row.indicator.code, position),
                "unit_key": position,
                "state": row.state,
                **{
                    name: _missing_last(getattr(f, name))
                    for name in (
                        "target",
                        "result",
                        "previous_result",
                        "percent_of_plan",
                        "exceeded_by",
                        "change",
                        "change_percent",
                    )
                },
                "met": {True: 0, False: 1, None: 2}[f.met],
            }
        )
    return records


class SortedColumn(tables.Column):
    """Renders from the report row and sorts on the record's key `key` (missing figures last),
    then in tree order."""

    def __init__(self, key, **kwargs):
        kwargs.setdefault("accessor", "row")
        kwargs.setdefault("empty_values", ())
        super().__init__(order_by=(key, "unit_key"), **kwargs)


class FigureColumn(SortedColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMERIC)
        super().__init__(*args, **kwargs)


class ReportTable(tables.Table):
    indicator = tables.Column(
        verbose_name=_("Indicator"), accessor="row", order_by=("indicator_key",), empty_values=()
    )
    unit = tables.Column(
        verbose_name=_("Unit"), accessor="row", order_by=("unit_key",), empty_values=()
    )
    state = SortedColumn("state", verbose_name=_("Approval"))
    target = FigureColumn("target", verbose_name=_("Target"))
    result = FigureColumn("result", verbose_name=_("Result"))
    previous_result = FigureColumn("previous_result", verbose_name=_("Previous year's result"))
    # xgettext:no-python-format
    percent_of_plan = FigureColumn("percent_of_plan", verbose_name=_("% of plan"))
    exceeded_by = FigureColumn("exceeded_by", verbose_name=_("Exceeded by (%)"))
    change = FigureColumn("change", verbose_name=_("Change"))
    change_percent = FigureColumn("change_percent", verbose_name=_("Change (%)"))
    met = SortedColumn("met", verbose_name=_("Plan met"))

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle report-table"}
        empty_text = _("No targets or results for this year and unit.")
        order_by = ("unit",)

    def render_indicator(self, value):
        indicator = value.indicator
        return format_html(
            '{}<div class="small text-body-secondary">{} · {}</div>',
            indicator.name,
            indicator.code,
            indicator.unit_of_measure,
        )

    def render_unit(self, value):
        return format_html(
            '<span class="unit-depth-{}" title="{} · {}">{}</span>',
            min(value.unit.depth, 6),
            value.unit.name,
            value.unit.code,
            value.unit.display_name,
        )

    def render_state(self, value):
        return state_badge(value.state)

    def _rolled_up(self, text, own):
        if own or not text:
            return text
        label = _("sum of sub-units")
        return format_html(
            '{} <span class="rollup-mark" title="{}" aria-hidden="true">Σ</span>'
            '<span class="visually-hidden">({})</span>',
            text,
            label,
            label,
        )

    def render_target(self, value):
        return self._rolled_up(
            format_figure(value.figures.target, value.indicator), value.own_target
        )

    def render_result(self, value):
        return self._rolled_up(
            format_figure(value.figures.result, value.indicator), value.own_result
        )

    def render_previous_result(self, value):
        return format_figure(value.figures.previous_result, value.indicator)

    def render_percent_of_plan(self, value):
        return format_number(value.figures.percent_of_plan, RATIO_PLACES)

    def render_exceeded_by(self, value):
        return format_signed(value.figures.exceeded_by, RATIO_PLACES)

    def render_change(self, value):
        return format_change(value.figures.change, value.indicator)

    def render_change_percent(self, value):
        return format_signed(value.figures.change_percent, RATIO_PLACES)

    def render_met(self, value):
        f = value.figures
        return met_badge(f.target, f.result, f.met)
