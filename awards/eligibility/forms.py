from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType, Nomination
from organizations.text import fold

OPEN_STATES = [(value, label) for value, label in Nomination.State.choices
               if value not in Nomination.CLOSED_STATES]  # fmt: skip


class ScreeningFilterForm(forms.Form):
    """Narrows a campaign's screening by what the database knows (nominee, award, state): the
    verdicts themselves are judged page by page, so they cannot filter the list."""

    q = forms.CharField(
        label=_("Nominee"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )  # fmt: skip
    award_type = forms.ModelChoiceField(
        label=_("Award"), required=False, queryset=AwardType.objects.none(),
        empty_label=_("Every award"), widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Every state")), *OPEN_STATES],
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = campaign.award_types.only(
            "id", "code", "name_vi", "name_en", "name_fr", "display_order"
        )

    def filter(self, nominations):
        if not self.is_valid():
            return nominations
        data = self.cleaned_data
        if data["award_type"]:
            nominations = nominations.filter(award_type=data["award_type"])
        if data["state"]:
            nominations = nominations.filter(state=data["state"])
        folded, code = fold(data["q"]), data["q"].strip()
        if folded:
            nominations = nominations.filter(
                Q(person__search_text__contains=folded)
                | Q(person__code__iexact=code)
                | Q(person__isnull=True, unit__search_text__contains=folded)
                | Q(person__isnull=True, unit__code__iexact=code)
            )
        return nominations
