"""Forms of the proposal screens. They only collect and check input; awards/proposals/services.py
decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination, ProposalLine
from awards.proposals.services import ISSUE
from organizations.access import units_where
from organizations.forms import DateTextInput
from organizations.lookups import UnitLookupField


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, nomination):
        return (
            f"{nomination.nominee} · {nomination.award_type.name} ({nomination.award_type.code}) "
            f"· {nomination.year} · {nomination.award_type.authority}"
        )


def proposable(user):
    """Passed nominations the user sees whose award is decided above the department and that
    no draft proposal holds yet."""
    return (
        Nomination.objects.visible_to(user)
        .filter(state=Nomination.State.PASSED, award_type__decided_by_department=False)
        .exclude(proposal_lines__proposal__state="draft")
        .select_related("award_type", "person", "unit")
        .order_by("award_type__authority", "award_type__display_order", "unit__path", "pk")
    )


class ProposalForm(forms.Form):
    # Typed by code or name: the Director issues for every unit of the department.
    unit = UnitLookupField(label=_("Proposing unit"))
    nominations = NominationChoiceField(
        label=_("Nominees"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Passed by the council, all decided by the same authority."),
    )
    authority = forms.CharField(
        label=_("Proposed to (deciding authority)"),
        max_length=255,
        required=False,
        help_text=_("Empty: the authority that decides the chosen awards."),
    )
    subject = forms.CharField(
        label=_("Subject (trích yếu)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="Về việc đề nghị khen thưởng",
    )
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}),
                           required=False)  # fmt: skip
    signer_name = forms.CharField(label=_("Signer"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, required=False,
                                   initial="GIÁM ĐỐC")  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units_where(user, ISSUE)
        self.fields["nominations"].queryset = proposable(user)


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DateTextInput(), localize=True)
    number_text = forms.CharField(
        label=_("Number"),
        max_length=100,
        required=False,
        help_text=_("As printed, e.g. 12/TTr-SLĐTBXH."),
    )


class OutsideDecisionForm(forms.Form):
    number_text = forms.CharField(label=_("Decision number"), max_length=100,
                                  help_text=_("As printed, e.g. 163/QĐ-UBND."))  # fmt: skip
    decision_date = forms.DateField(label=_("Decision date"), widget=DateTextInput(),
                                    localize=True)  # fmt: skip
    authority = forms.CharField(label=_("Deciding authority"), max_length=255)

    def __init__(self, *args, proposal, lines, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("authority", proposal.authority)
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[self.field_name(line)] = forms.ChoiceField(
                label=str(line.nomination.nominee),
                choices=ProposalLine.Outcome.choices,
                initial=ProposalLine.Outcome.PENDING,
            )

    @staticmethod
    def field_name(line):
        return f"line_{line.pk}"

    def rows(self):
        return [(line, self[self.field_name(line)]) for line in self.lines]

    def outcomes(self):
        return {line: self.cleaned_data[self.field_name(line)] for line in self.lines}
