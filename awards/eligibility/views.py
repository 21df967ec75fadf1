"""Eligibility screening of a whole campaign: every open nomination judged against today's data.

Officers use it before the council meets, to see which nominations still fail a rule (for
example a flag whose unit's figures are not approved yet) without opening each one. A campaign
holds thousands of nominations: the page judges only the nominations it shows, with one Evidence
read, so any page of any campaign costs a bounded number of queries. The whole campaign is
judged at once by `engine.screen_campaign`.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from awards.campaigns.views import _campaign_or_404
from awards.eligibility import Candidate, Outcome, evaluate_many
from awards.eligibility.engine import SCREENING_ORDER, UNREAD
from awards.eligibility.forms import ScreeningFilterForm
from awards.models import Nomination
from organizations.access import require

REVIEW = "nomination.review"
PER_PAGE = 50


@require_safe
def campaign_screening(request, pk):
    campaign = _campaign_or_404(request.user, pk)
    require(request.user, REVIEW)
    form = ScreeningFilterForm(request.GET or None, campaign=campaign)
    nominations = form.filter(
        Nomination.objects.visible_to(request.user).open().filter(campaign=campaign)
    )
    nominations = (
        nominations.select_related("award_type", "person", "unit")
        .defer(*UNREAD)
        .order_by(*SCREENING_ORDER)
    )
    page = Paginator(nominations, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    verdicts = evaluate_many(
        Candidate(award_type=n.award_type, year=n.year, person=n.person, unit=n.unit,
                  commendation_type=n.commendation_type, nomination_id=n.pk,
                  campaign=campaign)
        for n in shown
    )  # fmt: skip
    rows = [
        {
            "nomination": nomination,
            "eligible": verdict.eligible,
            "failing": [r for r in verdict.results if r.blocks],
            "warnings": [r for r in verdict.results if r.outcome == Outcome.WARNING],
            "overridden": bool(nomination.override_reason),
        }
        for nomination, verdict in zip(shown, verdicts, strict=True)
    ]
    return render(
        request,
        "awards/eligibility/campaign_screening.html",
        {
            "campaign": campaign,
            "form": form,
            "page": page,
            "rows": rows,
            "eligible_count": sum(row["eligible"] for row in rows),
            "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        },
    )
