import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType, Campaign, Nomination
from organizations.filters import ListedChoiceFilter
from organizations.text import fold

INCOMING = "incoming"
ALL = "all"
# What an officer's "incoming" box holds: everything the units have sent in.
INCOMING_STATES = [
    Nomination.State.SUBMITTED,
    Nomination.State.RESUBMITTED,
    Nomination.State.ACCEPTED,
]


class NominationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nominee"), method="filter_search")
    campaign = ListedChoiceFilter(label=_("Campaign"), queryset=Campaign.objects.none())
    award_type = ListedChoiceFilter(label=_("Award"), queryset=AwardType.objects.none())
    state = django_filters.ChoiceFilter(label=_("State"), choices=Nomination.State.choices)
    year = django_filters.NumberFilter(label=_("Year"), min_value=1990, max_value=2100)
    box = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[(INCOMING, _("Incoming (sent in by the units)")), (ALL, _("Every state"))],
        method="filter_box",
        empty_label=None,
    )

    class Meta:
        model = Nomination
        fields = ["q", "campaign", "award_type", "state", "year", "box"]

    def __init__(self, data=None, *args, user, reviewer, **kwargs):
        if data is not None and reviewer and not data.get("box"):
            data = data.copy()
            data["box"] = INCOMING
        super().__init__(data, *args, **kwargs)
        self.filters["campaign"].queryset = Campaign.objects.visible_to(user).only("id", "name")
        self.filters["award_type"].queryset = AwardType.objects.only(
            "id", "code", "name_vi", "name_en", "name_fr"
        )
        if not reviewer:
            del self.filters["box"]

    def filter_search(self, queryset, name, value):
        folded = fold(value)
        if not folded:
            return queryset
        code = value.strip()
        return queryset.filter(
            Q(person__search_text__contains=folded)
            | Q(person__code__iexact=code)
            | Q(person__isnull=True, unit__search_text__contains=folded)
            | Q(person__isnull=True, unit__code__iexact=code)
        )

    def filter_box(self, queryset, name, value):
        return queryset.filter(state__in=INCOMING_STATES) if value == INCOMING else queryset
