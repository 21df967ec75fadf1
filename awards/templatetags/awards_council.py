"""The council's part of other pages, and its number formats:

    {% load awards_council %}
    {% council_agenda_for nomination request.user as council_items %}  sessions it was on (1 query)
    {{ item.threshold|percent }}                   0.900 → "90%"
    {% share_percent item.agree item.members_total %}   9 of 10 → "90%"

Only tallies leave here, never a ballot.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from awards.council.models import AgendaItem
from organizations.scope import scope_of

register = template.Library()


def _percent_text(value):
    value = (Decimal(value) * 100).quantize(Decimal("0.1")).normalize()
    return f"{number_format(value)}%"


@register.filter
def percent(share):
    """A share between 0 and 1 written as a percentage, with at most one decimal."""
    if share in (None, ""):
        return "—"
    return _percent_text(share)


@register.simple_tag
def share_percent(part, whole):
    if not whole or part is None:
        return "—"
    return _percent_text(Decimal(part) / Decimal(whole))


@register.simple_tag
def council_agenda_for(nomination, user):
    """The agenda items that put `nomination` before a council, newest session first, each
    with whether the user may open that session's page (sessions of a unit above theirs are
    not theirs to open; the result reaches them through the nomination's state)."""
    scope = scope_of(user)
    items = list(
        AgendaItem.objects.filter(nomination=nomination)
        .select_related("session__unit")
        .order_by("-session__date", "-session_id")
    )
    for item in items:
        path = item.session.unit.path
        item.session_visible = scope.is_superuser or any(
            path.startswith(grant.unit_path) for grant in scope.grants
        )
    return items
