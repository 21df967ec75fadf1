"""Forms of the decision screens. They validate and offer choices; the services decide."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Decision, DecisionLine, Nomination
from organizations.access import ACTIONS, scope_of, units_where
from organizations.forms import DateTextInput
from organizations.models import Unit

ISSUE = "decision.issue"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return "\u2003" * unit.depth + f"{unit.name} ({unit.code})"


class NominationChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, nomination):
        return f"{nomination.award_type.code} · {nomination.nominee} · {nomination.year}"


def decidable_nominations(user, unit=None, decision=None):
    """Passed nominations of award types the department decides, in the subtrees where the user
    may issue decisions (within `unit` when given) and on no other draft decision."""
    scope = scope_of(user)
    nominations = Nomination.objects.filter(
        state=Nomination.State.PASSED, award_type__decided_by_department=True
    )
    if not scope.is_superuser:
        nominations = nominations.filter(scope.unit_filter(prefix="unit__", roles=ACTIONS[ISSUE]))
    if unit is not None:
        nominations = nominations.filter(unit__path__startswith=unit.path)
    others = DecisionLine.objects.filter(decision__state=Decision.State.DRAFT)
    if decision is not None:
        others = others.exclude(decision=decision)
    nominations = nominations.exclude(pk__in=others.values("nomination_id"))
    return nominations.select_related("award_type", "person__unit", "unit", "campaign").order_by(
        "-year", "award_type__display_order", "unit__path", "person__sort_name"
    )


class DecisionTextForm(forms.Form):
    issuer_code = forms.CharField(
        label=_("Issuer code"), max_length=40,
        help_text=_("Printed after “QĐ-” in the number, e.g. SLĐTBXH."),
    )  # fmt: skip
    issuer_name = forms.CharField(label=_("Issuer (as printed)"), max_length=255)
    subject = forms.CharField(
        label=_("Subject (trích yếu)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_bases = forms.CharField(
        label=_("Legal bases (căn cứ)"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One “Căn cứ …;” per line."),
    )  # fmt: skip
    proposal_phrase = forms.CharField(
        label=_("Proposed by (Xét đề nghị của …)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    signer_name = forms.CharField(label=_("Signer"), max_length=200, required=False)
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=200, required=False,
        help_text=_("GIÁM ĐỐC, or KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC when a deputy signs."),
    )  # fmt: skip
    decision_date = forms.DateField(
        label=_("Planned decision date"), required=False, widget=DateTextInput(),
        help_text=_("Fixed when the decision is issued."), localize=True,
    )  # fmt: skip


class DecisionCreateForm(DecisionTextForm):
    unit = UnitChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none())
    nominations = NominationChoiceField(label=_("Nominations"), queryset=Nomination.objects.none())

    field_order = ["unit", "nominations"]

    def __init__(self, *args, user, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_where(user, ISSUE).order_by("path")
        self.fields["nominations"].queryset = decidable_nominations(user, unit)

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        for nomination in cleaned.get("nominations") or []:
            if unit is not None and not nomination.unit.path.startswith(unit.path):
                self.add_error(
                    "nominations",
                    _("%(nominee)s is not in %(unit)s.")
                    % {"nominee": nomination.nominee, "unit": unit.name},
                )
        return cleaned


class DecisionUpdateForm(DecisionTextForm):
    nominations = NominationChoiceField(
        label=_("Nominations"), queryset=Nomination.objects.none(), required=False
    )

    def __init__(self, *args, user, decision, **kwargs):
        super().__init__(*args, **kwargs)
        on_it = Nomination.objects.filter(decision_lines__decision=decision)
        available = decidable_nominations(user, decision.unit, decision)
        either = Q(pk__in=on_it.values("pk")) | Q(pk__in=available.values("pk"))
        self.fields["nominations"].queryset = (
            Nomination.objects.filter(either)
            .select_related("award_type", "person__unit", "unit", "campaign")
            .order_by("-year", "award_type__display_order", "unit__path", "person__sort_name")
        )


class DecisionIssueForm(forms.Form):
    decision_date = forms.DateField(
        label=_("Decision date"), widget=DateTextInput(), localize=True,
        help_text=_("The date the director signs. The bonus is priced on the base salary in "
                    "force on it; the number is taken in its year."),
    )  # fmt: skip
    confirm = forms.BooleanField(
        label=_("I confirm: once issued, the decision is numbered, the awards are granted, and "
                "nothing in it can be changed any more."),
    )  # fmt: skip

    def clean_decision_date(self):
        value = self.cleaned_data["decision_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A decision cannot be dated after today."))
        return value


class DecisionFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    state = forms.ChoiceField(
        label=_("State"), required=False,
        choices=[("", _("Every state")), *Decision.State.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
