"""The form of the indicator catalogue."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit_of_measure",
            "value_type",
            "direction",
            "group",
            "description",
            "source",
            "display_order",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, frozen_value_type=False, **kwargs):
        super().__init__(*args, **kwargs)
        if frozen_value_type:
            self.fields["value_type"].help_text = _(
                "Figures are already stored for this indicator, so its value type cannot change."
            )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
