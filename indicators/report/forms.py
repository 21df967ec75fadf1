"""The year/unit pickers of the report and the dashboard."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.lookups import UnitLookupInput

# Up to this many units the picker lists them all; beyond, it is a box that looks a unit up by
# its code or name (static/js/lookup.js): a select of a department's 3,000 units weighs
# hundreds of kilobytes on every page.
UNIT_SELECT_LIMIT = 200


class PickerForm(forms.Form):
    """Year and unit selects. Built from lists the view already holds (no queries); the view
    itself resolves and checks the values, so that a unit outside the user's scope is a 404."""

    # The hint is written under the whole row (report_picker.html), not under the year alone,
    # so that the selects and the button line up.
    year = forms.ChoiceField(label=_("Year"), required=False)
    year_hint = _("By default, the latest year with results in your units.")
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *, years, units, year, unit, all_units_label=None):
        self.unit_lookup = len(units) > UNIT_SELECT_LIMIT
        initial = {"year": str(year)}
        if self.unit_lookup:
            initial["unit_code"] = unit.code if unit else ""
        else:
            initial["unit"] = unit.pk if unit else ""
        super().__init__(initial=initial)
        self.fields["year"].choices = [(str(y), str(y)) for y in years]
        if self.unit_lookup:
            del self.fields["unit"]
            self.fields["unit_code"] = _unit_lookup_field()
            return
        choices = [("", all_units_label)] if all_units_label else []
        if units:
            top = min(u.depth for u in units)
            choices += [(u.pk, "\u2003" * (u.depth - top) + u.name) for u in units]
        self.fields["unit"].choices = choices

    @property
    def unit_field(self):
        return self["unit_code" if self.unit_lookup else "unit"]


def _unit_lookup_field():
    """A box for a unit's code that static/js/lookup.js turns into a search by name (the
    lookup of organizations' lists); the view reads it as ?unit_code=."""
    return forms.CharField(
        label=_("Unit"),
        required=False,
        help_text=_("Its code, or a part of its name."),
        widget=UnitLookupInput(),
    )
