"""Where a nomination stands upward, for the nomination page:

    {% load awards_proposals %}
    {% proposals_for nomination request.user as upward %}   its proposal lines (1 query)

Each entry: the line (outcome, the outside decision), its proposal (number, date, authority) and
whether the user may open the proposal's page (proposals belong to the proposing unit, which a
clerk of the nominee's unit usually does not see).
"""

from django import template

from awards.models import ProposalLine
from organizations.scope import scope_of

register = template.Library()


@register.simple_tag
def proposals_for(nomination, user):
    lines = (
        ProposalLine.objects.filter(nomination=nomination)
        .select_related("proposal__unit", "decision")
        .order_by("-proposal__created_at", "-id")
    )
    scope = scope_of(user)
    return [
        {
            "line": line,
            "proposal": line.proposal,
            "visible": scope.is_superuser or scope.may("award.view", line.proposal.unit),
        }
        for line in lines
    ]
