"""The decisions' part of other pages, without touching their views:

{% load awards_decisions %}
{% nomination_decisions nomination request.user as decision_lines %}   the nomination page
{{ amount|vnd }}                                                       710.000 (dots)
"""

from django import template
from django.utils import timezone

from awards.decisions import text
from awards.decisions.granting import bonus_for
from awards.decisions.queries import visible_decisions
from awards.models import DecisionLine
from organizations.workflow import WorkflowError

register = template.Library()


@register.filter
def vnd(amount):
    return text.vnd(amount)


@register.filter
def vn_date(value):
    return text.vn_date(value) if value else ""


@register.simple_tag
def nomination_decisions(nomination, user):
    """The decisions (draft or issued) that carry the nomination, newest first, each line with
    `readable` when the user may open the decision and its `bonus` (estimated on a draft)."""
    lines = list(
        DecisionLine.objects.filter(nomination=nomination)
        .select_related("decision", "award_type")
        .order_by("-decision__created_at", "-id")
    )
    if lines:
        readable = set(
            visible_decisions(user)
            .filter(pk__in=[line.decision_id for line in lines])
            .values_list("pk", flat=True)
        )
        for line in lines:
            line.readable = line.decision_id in readable
            line.bonus = line.bonus_amount
            if line.decision.state == line.decision.State.DRAFT:
                line.bonus = _estimate(line)
    return lines


def _estimate(line):
    """A draft's bonus at the base salary of its planned date (or today); None without one."""
    on_date = line.decision.decision_date or timezone.localdate()
    try:
        _base, amount = bonus_for(award_type=line.award_type, on_date=on_date,
                                  collective=line.person_id is None)  # fmt: skip
    except WorkflowError:
        return None
    return amount
