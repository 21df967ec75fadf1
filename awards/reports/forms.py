"""The report pickers. They only show what the view resolved: the view reads the values itself,
so that a unit outside the user's scope is a 404 and a bad year falls back to the default."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.history.services import YEAR_MAX, YEAR_MIN
from indicators.report.forms import UNIT_SELECT_LIMIT
from organizations.lookups import UnitLookupInput


def _unit_choices(units, label):
    choices = [("", label)]
    if units:
        top = min(u.depth for u in units)
        choices += [(u.pk, "\u2003" * (u.depth - top) + u.name) for u in units]
    return choices


class _Picker(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *, units, unit, initial):
        # Beyond UNIT_SELECT_LIMIT units (the department's officer sees 3,000), a box for a
        # unit's code, read by the view as ?unit_code=, as the indicator report has.
        self.unit_lookup = len(units) > UNIT_SELECT_LIMIT
        if self.unit_lookup:
            initial = {**initial, "unit_code": unit.code if unit else ""}
        else:
            initial = {**initial, "unit": unit.pk if unit else ""}
        super().__init__(initial=initial)
        if self.unit_lookup:
            del self.fields["unit"]
            self.fields["unit_code"] = forms.CharField(
                label=_("Unit"),
                required=False,
                help_text=_("Its code, or a part of its name."),
                widget=UnitLookupInput({"placeholder": _("All my units")}),
            )
        else:
            self.fields["unit"].choices = _unit_choices(units, _("All my units"))

    @property
    def unit_field(self):
        return self["unit_code" if self.unit_lookup else "unit"]


class YearRangePicker(_Picker):
    year_from = forms.IntegerField(label=_("From year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    year_to = forms.IntegerField(label=_("To year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    field_order = ["year_from", "year_to", "unit"]


class YearPicker(_Picker):
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    field_order = ["year", "unit"]
