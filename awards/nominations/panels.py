"""The nominations panel on the "my units" home page."""

from django.db.models import Count

from awards.models import Nomination
from organizations.access import scope_of


def nominations(request):
    """What waits for this user among the nominations: for clerks, drafts and returned ones of
    their units; for officers, those sent in for review. One query."""
    scope = scope_of(request.user)
    may_edit, may_review = scope.may("nomination.edit"), scope.may("nomination.review")
    if not (may_edit or may_review):
        return None
    counts = dict(
        Nomination.objects.visible_to(request.user)
        .values_list("state")
        .annotate(count=Count("id"))
        .order_by()
    )
    State = Nomination.State
    waiting = [
        {"state": state, "label": State(state).label, "count": counts.get(state, 0)}
        for state in (
            [State.SUBMITTED, State.RESUBMITTED] if may_review else [State.DRAFT, State.RETURNED]
        )
    ]
    return {
        "template": "awards/nominations/panel_nominations.html",
        "waiting": waiting,
        "total": sum(counts.get(state, 0) for state in State.values if state != State.WITHDRAWN),
        "reviewer": may_review,
    }
