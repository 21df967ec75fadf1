"""Forms of the indicator catalogue, and the year/unit pickers of the report and the dashboard."""

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


class PickerForm(forms.Form):
    """Year and unit selects. Built from lists the view already holds (no queries); the view
    itself resolves and checks the values, so that a unit outside the user's scope is a 404."""

    # The hint is written under the whole row (report_picker.html), not under the year alone,
    # so that the selects and the button line up.
    year = forms.ChoiceField(label=_("Year"), required=False)
    year_hint = _("By default, the latest year with results in your units.")
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *, years, units, year, unit, all_units_label=None):
        super().__init__(initial={"year": str(year), "unit": unit.pk if unit else ""})
        self.fields["year"].choices = [(str(y), str(y)) for y in years]
        choices = [("", all_units_label)] if all_units_label else []
        if units:
            top = min(u.depth for u in units)
            choices += [(u.pk, "\u2003" * (u.depth - top) + u.name) for u in units]
        self.fields["unit"].choices = choices
