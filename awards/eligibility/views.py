"""Eligibility screening of a whole campaign: every open nomination judged against today's data.

Officers use it before the council meets, to see which nominations still fail a rule (for
example a flag whose unit's figures are not approved yet) without opening each one. The whole
list is judged with one Evidence read, so the page costs the same number of queries for five
nominations or five hundred.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from awards.campaigns.views import _campaign_or_404
from awards.eligibility import Candidate, Outcome, evaluate_many
from awards.models import Nomination
from organizations.access import require

REVIEW = "nomination.review"


@require_safe
def campaign_screening(request, pk):
    campaign = _campaign_or_404(request.user, pk)
    require(request.user, REVIEW)
    nominations = list(
        Nomination.objects.visible_to(request.user)
        .open()
        .filter(campaign=campaign)
        .select_related("award_type", "person", "unit")
        .order_by("award_type__display_order", "unit__path", "person__sort_name")
    )
    verdicts = evaluate_many(
        Candidate(award_type=n.award_type, year=n.year, person=n.person, unit=n.unit,
                  commendation_type=n.commendation_type, nomination_id=n.pk,
                  campaign=campaign)
        for n in nominations
    )  # fmt: skip
    rows = [
        {
            "nomination": nomination,
            "eligible": verdict.eligible,
            "failing": [r for r in verdict.results if r.blocks],
            "warnings": [r for r in verdict.results if r.outcome == Outcome.WARNING],
            "overridden": bool(nomination.override_reason),
        }
        for nomination, verdict in zip(nominations, verdicts, strict=True)
    ]
    return render(
        request,
        "awards/eligibility/campaign_screening.html",
        {
            "campaign": campaign,
            "rows": rows,
            "eligible_count": sum(row["eligible"] for row in rows),
        },
    )
