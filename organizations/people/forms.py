from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.access import units_where
from organizations.forms import DateTextInput
from organizations.lookups import UnitLookupField
from organizations.models import Person


class PersonForm(forms.ModelForm):
    # Typed by code or name: an officer may place people in any of the department's units.
    unit = UnitLookupField(label=_("Unit"))

    class Meta:
        model = Person
        fields = ["code", "full_name", "sex", "date_of_birth", "position", "unit", "sector_start",
                  "is_active"]  # fmt: skip
        widgets = {"date_of_birth": DateTextInput(), "sector_start": DateTextInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units_where(user, "person.manage")
        self.fields["date_of_birth"].localize = True
        self.fields["sector_start"].localize = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
