"""The number formats and badges of the report and the dashboard (the report's rows are written
by indicators/report/page.py, to these formats).

Numbers are written the way the active language writes them (Vietnamese: 17.605 and 69,5):
counts with no decimals, percentages with 2, "% of plan" and the other ratios with 1.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from indicators.models import DataStatus

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
