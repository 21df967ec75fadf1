"""Award history for the directory pages, without touching their views:

    {% load awards_inputs %}
    {% person_award_history person %}   awards, annual ratings and initiatives (3 queries)
    {% unit_award_history unit %}       the unit's own awards and collective ratings (2 queries)

The caller has already checked that the user may see the person or unit.
"""

from django import template

from awards.models import AnnualRating, AwardRecord, Initiative

register = template.Library()
TEMPLATE = "awards/history/inputs_person_history.html"


def _awards(**subject):
    return list(
        AwardRecord.objects.filter(**subject)
        .select_related("award_type", "decision")
        .order_by("-year", "award_type__display_order")
    )


@register.inclusion_tag(TEMPLATE)
def person_award_history(person, years=10):
    return {
        "subject": person,
        "is_unit": False,
        "awards": _awards(person=person),
        "ratings": list(AnnualRating.objects.filter(person=person).order_by("-year")[:years]),
        "initiatives": list(
            Initiative.objects.filter(person=person)
            .select_related("consumed_by__award_type")
            .order_by("-year", "title")
        ),
    }


@register.inclusion_tag(TEMPLATE)
def unit_award_history(unit, years=10):
    return {
        "subject": unit,
        "is_unit": True,
        "awards": _awards(unit=unit, person__isnull=True),
        "ratings": list(
            AnnualRating.objects.filter(unit=unit, person__isnull=True).order_by("-year")[:years]
        ),
        "initiatives": [],
    }
