"""Forms of the nomination screens. They validate and offer choices; the services decide."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType, Campaign, CommendationType, Nomination
from awards.nominations.services import (
    ALLOWED_EXTENSIONS,
    DOSSIER_MAX_BYTES,
    accepting_campaigns,
    check_upload,
)
from organizations.access import units_where
from organizations.lookups import PersonLookupField, UnitLookupField
from organizations.models import Person

EDIT = "nomination.edit"
# The commendation type a campaign suggests (the clerk may change it).
COMMENDATION_OF_CAMPAIGN = {
    Campaign.Type.ANNUAL: CommendationType.MERIT,
    Campaign.Type.THEMATIC: CommendationType.THEMATIC,
    Campaign.Type.ADHOC: CommendationType.ADHOC,
}
ACCEPT = ",".join(sorted(ALLOWED_EXTENSIONS))
SUMMARY_HELP = _(
    "The achievements of the year in a few paragraphs; the full report goes in the dossier."
)


class AwardTypeSelect(forms.Select):
    """Options carry the campaigns that accept the award and who may receive it, so that
    static/js/nomination-form.js can narrow the list; without JavaScript every option shows and
    the form checks the combination."""

    def __init__(self, *args, campaigns_of=None, recipient_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaigns_of = campaigns_of or {}
        self.recipient_of = recipient_of or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        if key in self.recipient_of:
            option["attrs"]["data-campaigns"] = " ".join(str(pk) for pk in self.campaigns_of[key])
            option["attrs"]["data-recipient"] = self.recipient_of[key]
        return option


class NominationCreateForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    award_type = forms.ModelChoiceField(
        label=_("Award"), queryset=AwardType.objects.none(), widget=AwardTypeSelect
    )
    # The nominee is typed by code or name: a select of every person the department's
    # officer may nominate would hold 100,000 options.
    person = PersonLookupField(
        label=_("Person nominated"),
        required=False,
        help_text=_("For an individual award. Leave empty when you nominate a unit."),
    )
    unit = UnitLookupField(
        label=_("Unit nominated"),
        required=False,
        help_text=_("For a collective award. Leave empty when you nominate a person."),
    )
    commendation_type = forms.ChoiceField(
        label=_("Commendation type"), choices=CommendationType.choices
    )
    summary = forms.CharField(
        label=_("Achievement summary"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=SUMMARY_HELP,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = list(accepting_campaigns(user).only("pk"))
        self.fields["campaign"].queryset = Campaign.objects.filter(pk__in=[c.pk for c in campaigns])
        self.fields["campaign"].widget.attrs["data-nomination-campaign"] = ""
        campaigns_of = defaultdict(list)
        through = Campaign.award_types.through.objects.filter(
            campaign_id__in=[c.pk for c in campaigns]
        )
        for campaign_id, award_type_id in through.values_list("campaign_id", "awardtype_id"):
            campaigns_of[award_type_id].append(campaign_id)
        self.campaigns_of = campaigns_of
        award_types = AwardType.objects.filter(pk__in=list(campaigns_of), is_active=True)
        self.fields["award_type"].queryset = award_types
        widget = self.fields["award_type"].widget
        widget.campaigns_of = campaigns_of
        widget.recipient_of = dict(award_types.values_list("pk", "recipient"))
        widget.attrs["data-nomination-award"] = ""
        units = units_where(user, EDIT).filter(is_active=True)
        self.fields["person"].people = Person.objects.filter(unit__in=units, is_active=True)
        self.fields["person"].widget.attrs["data-nomination-person"] = ""
        self.fields["unit"].units = units
        self.fields["unit"].widget.attrs["data-nomination-unit"] = ""

    def clean(self):
        data = super().clean()
        person, unit = data.get("person"), data.get("unit")
        if person and unit:
            raise ValidationError(_("Nominate either a person or a unit, not both."))
        if not person and not unit and not (self.has_error("person") or self.has_error("unit")):
            raise ValidationError(_("Choose the person or the unit you nominate."))
        campaign, award = data.get("campaign"), data.get("award_type")
        if campaign and award and campaign.pk not in self.campaigns_of.get(award.pk, []):
            self.add_error(
                "award_type",
                _("The campaign “%(campaign)s” does not accept this award.")
                % {"campaign": campaign},
            )
        elif award and (person or unit) and not award.accepts(individual=bool(person)):
            self.add_error(
                "person" if person else "unit",
                _("%(award)s is for %(recipient)s nominees only.")
                % {"award": award.name, "recipient": award.get_recipient_display().lower()},
            )
        return data


class NominationUpdateForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["commendation_type", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"summary": SUMMARY_HELP}


class DossierUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most %(limit)s MB.")
        % {"limit": DOSSIER_MAX_BYTES // 1024 // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, award_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.award_type = award_type
        self.fields["kind"].choices = [
            (doc["code"], doc.get("label") or doc["code"])
            for doc in award_type.required_documents or []
            if doc.get("code")
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("file"):
            try:
                check_upload(data["kind"], data["file"], self.award_type)
            except ValidationError as refusal:
                self.add_error("file", refusal)
        return data
