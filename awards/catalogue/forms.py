"""The form an officer edits an award type with."""

import json

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from organizations.forms import DateTextInput


class PrettyJSONField(forms.JSONField):
    """A JSON textarea that shows the stored value indented, one entry a line."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


def _string(value):
    return isinstance(value, str) and value.strip() != ""


class AwardTypeForm(forms.ModelForm):
    rule_params = PrettyJSONField(
        label=_("Eligibility parameters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "font-monospace", "spellcheck": "false"}),
        help_text=_(
            'A JSON object, for example {"min_rating": "HTTNV", '
            '"configurable": ["vote_threshold"]}. Names listed under “configurable” are shown '
            "as resting on legacy or unverified law."
        ),
    )
    required_documents = PrettyJSONField(
        label=_("Required dossier documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "font-monospace", "spellcheck": "false"}),
        help_text=_(
            'A JSON list of documents, each {"code": "to_trinh", "label": "Tờ trình"}; the code '
            "names the upload slot of a nomination's dossier."
        ),
    )

    class Meta:
        model = AwardType
        fields = [
            "name_vi", "name_en", "name_fr", "kind", "recipient", "authority",
            "decided_by_department", "bonus_coefficient", "vote_threshold",
            "public_comment_required", "public_comment_days", "legal_document", "legal_article",
            "effective_from", "effective_to", "criteria", "required_documents",
            "certificate_template", "rule_params", "display_order", "is_active",
        ]  # fmt: skip
        widgets = {
            "effective_from": DateTextInput(),
            "effective_to": DateTextInput(),
            "criteria": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].localize = True
        self.fields["effective_to"].localize = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_vote_threshold(self):
        share = self.cleaned_data.get("vote_threshold")
        if share is not None and not 0 <= share <= 1:
            raise forms.ValidationError(
                _("Give the share of council members between 0 and 1 (0.9 = 90%).")
            )
        return share

    def clean_rule_params(self):
        params = self.cleaned_data.get("rule_params")
        if params is None:
            return {}
        if not isinstance(params, dict):
            raise forms.ValidationError(
                _('The parameters must be a JSON object: names and values between {"…": …}.')
            )
        configurable = params.get("configurable", [])
        if not isinstance(configurable, list) or not all(_string(n) for n in configurable):
            raise forms.ValidationError(
                _("“configurable” must be a list of parameter or field names.")
            )
        return params

    def clean_required_documents(self):
        documents = self.cleaned_data.get("required_documents")
        if documents is None:
            return []
        message = _('The documents must be a JSON list of {"code": …, "label": …} entries.')
        if not isinstance(documents, list):
            raise forms.ValidationError(message)
        codes = set()
        for document in documents:
            if (
                not isinstance(document, dict)
                or set(document) != {"code", "label"}
                or not _string(document["code"])
                or not _string(document["label"])
            ):
                raise forms.ValidationError(message)
            if document["code"] in codes:
                raise forms.ValidationError(
                    _("The document code “%(code)s” appears twice.") % {"code": document["code"]}
                )
            codes.add(document["code"])
        return documents

    def clean(self):
        data = super().clean()
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("The end date is before the start date."))
        if data.get("public_comment_required") and not data.get("public_comment_days"):
            self.add_error(
                "public_comment_days",
                _("Give the number of working days of the public comment window."),
            )
        return data
