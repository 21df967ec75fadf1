"""Revocation links for other pages, without touching their views:

    {% load awards_revocation %}
    {% revocable_awards decision request.user as revocable %}   the decision's awards (2 queries)

Each entry: the award, the pk of its revocation (None while in force) and whether the user may
revoke it ("award.revoke" on the recipient's unit and on the decision's: the Director).
"""

from django import template

from awards.models import AwardRecord, Revocation
from organizations.scope import scope_of

register = template.Library()


@register.simple_tag
def revocable_awards(decision, user):
    if decision is None or decision.state != "issued":
        return []
    awards = list(
        AwardRecord.objects.filter(decision=decision)
        .select_related("award_type", "person__unit", "unit")
        .order_by("pk")
    )
    revoked = dict(
        Revocation.objects.filter(award__in=[a for a in awards if a.revoked]).values_list(
            "award_id", "pk"
        )
    ) if any(a.revoked for a in awards) else {}  # fmt: skip
    scope = scope_of(user)
    entries = [
        {
            "award": award,
            "revocation": revoked.get(award.pk),
            "can_revoke": not award.revoked
            and scope.may("award.revoke", decision.unit)
            and scope.may("award.revoke", award.person.unit if award.person_id else award.unit),
        }
        for award in awards
    ]
    return entries if any(e["can_revoke"] or e["revocation"] for e in entries) else []
