"""The campaigns panel on the "my units" home page: open campaigns and registrations to review."""

from django.db.models import Count
from django.utils import timezone

from awards.models import Campaign, Registration
from organizations.access import scope_of

PANEL_CAMPAIGNS = 10


def campaigns(request):
    """Launched campaigns aimed at the user's units whose nomination window has not closed, and
    for those who review registrations the count awaiting review per year. At most four queries.
    """
    user = request.user
    scope = scope_of(user)
    if not scope.is_superuser and not scope.roles:
        return None
    today = timezone.localdate()
    visible = Campaign.objects.visible_to(user).order_by().values("pk")
    open_campaigns = list(
        Campaign.objects.filter(
            pk__in=visible, state=Campaign.State.OPEN, nominations_close__gte=today
        ).order_by("nominations_close", "name")[: PANEL_CAMPAIGNS + 1]
    )
    rows = [
        {"campaign": campaign, "accepting": campaign.is_accepting(today)}
        for campaign in open_campaigns[:PANEL_CAMPAIGNS]
    ]
    awaiting = []
    if scope.may("registration.review"):
        awaiting = list(
            Registration.objects.visible_to(user)
            .filter(state=Registration.State.SUBMITTED)
            .values("year")
            .annotate(count=Count("id"))
            .order_by("-year")
        )
    may_register = scope.may("registration.edit")
    if not rows and not awaiting and not may_register:
        return None
    return {
        "template": "awards/campaigns/panel_campaigns.html",
        "today": today,
        "year": today.year,
        "rows": rows,
        "more": len(open_campaigns) > PANEL_CAMPAIGNS,
        "awaiting": awaiting,
        "awaiting_total": sum(item["count"] for item in awaiting),
        "may_review": scope.may("registration.review"),
        "may_register": may_register,
    }
