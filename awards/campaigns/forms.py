"""Forms of the campaign screens. They only collect and check input; the
services in awards/campaigns/services.py decide and write."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.campaigns import services
from awards.models import AwardType, Campaign
from organizations.access import units_where
from organizations.forms import DateTextInput
from organizations.lookups import UnitsLookupField

DATE_FIELDS = ["starts_on", "ends_on", "nominations_open", "nominations_close"]
DOCUMENT_ACCEPT = ",".join(f".{extension}" for extension in services.DOCUMENT_TYPES)


class AwardTypeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, award_type):
        return f"{award_type.name} ({award_type.code})"


class CampaignForm(forms.ModelForm):
    award_types = AwardTypeMultipleChoiceField(
        label=_("Award types accepted"),
        queryset=AwardType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one is needed to launch the campaign."),
    )
    # Typed by code or name, separated by commas: the department's officer aims campaigns at
    # any of its 3,000 units, too many for a select.
    target_units = UnitsLookupField(
        label=_("Target units"),
        required=False,
        help_text=_(
            "Their codes, separated by commas; each unit with its sub-units. Leave empty to "
            "target every unit."
        ),
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "type",
            "year",
            "starts_on",
            "ends_on",
            "description",
            "nominations_open",
            "nominations_close",
            "award_types",
            "target_units",
        ]
        widgets = {
            **{name: DateTextInput() for name in DATE_FIELDS},
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["award_types"].queryset = AwardType.objects.filter(
            is_active=True
        ) | AwardType.objects.filter(pk__in=instance.award_types.all() if instance.pk else [])
        self.fields["target_units"].units = units_where(user, services.MANAGE)
        # Aiming at everyone needs the role on every top-level unit; others choose their units.
        self.may_target_everyone = services.may_manage(user, [])
        if not self.may_target_everyone:
            self.fields["target_units"].required = True
            self.fields["target_units"].error_messages["required"] = _(
                "Choose the units the campaign is aimed at: aiming it at every unit needs the "
                "emulation officer's role on the whole department."
            )
            self.fields["target_units"].help_text = _(
                "Their codes, separated by commas, among the units where you manage campaigns; "
                "each unit with its sub-units."
            )
        for name in DATE_FIELDS:
            self.fields[name].localize = True
        self.fields["year"].help_text = _("The year whose achievements the campaign rewards.")
        self.locked_fields = []
        if instance.pk and instance.state == Campaign.State.OPEN:
            for name, field in self.fields.items():
                if name not in services.OPEN_EDITABLE:
                    field.disabled = True
                    self.locked_fields.append(name)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        cleaned = super().clean()
        errors = services.window_errors(
            year=cleaned.get("year"),
            starts_on=cleaned.get("starts_on"),
            ends_on=cleaned.get("ends_on"),
            nominations_open=cleaned.get("nominations_open"),
            nominations_close=cleaned.get("nominations_close"),
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def service_arguments(self):
        """The cleaned data split as the services take it: fields and the two relations."""
        data = dict(self.cleaned_data)
        relations = {name: data.pop(name) for name in ("award_types", "target_units")}
        return data, relations


class CampaignDocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("For example: Kế hoạch phát động phong trào thi đua. Empty: the file name."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, DOCX, XLSX, JPG or PNG, at most %(limit)s.") % {
            "limit": services.size_text(services.document_max_bytes())
        }
