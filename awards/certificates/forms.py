"""Forms of the certificate screens: printing a decision's certificates, a printer's offset.
They validate and offer choices; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.certificates.models import MAX_OFFSET_MM, PrinterOffset
from awards.certificates.services import MANAGE_PRINTERS
from organizations.access import units_where
from organizations.lookups import UnitLookupField


class PrinterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, printer):
        return f"{printer.name} ({printer.unit.name})"


class PrintAllForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Print on"), widget=forms.RadioSelect, initial="full",
        choices=[("full", _("plain paper (full design)")),
                 ("overprint", _("the office's pre-printed blanks (overprint)"))],
    )  # fmt: skip
    printer = PrinterChoiceField(
        label=_("Printer"), queryset=PrinterOffset.objects.none(), required=False,
        empty_label=_("No offset"),
        help_text=_("Overprint only: its offset moves every field."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printer"].queryset = PrinterOffset.objects.usable_by(user).select_related(
            "unit"
        )


def _millimetres(label, help_text):
    # Localised: a Vietnamese officer types "1,5"; the range check gives a translated error.
    return forms.DecimalField(
        label=label, help_text=help_text, max_digits=5, decimal_places=1, localize=True,
        min_value=-MAX_OFFSET_MM, max_value=MAX_OFFSET_MM,
    )  # fmt: skip


class PrinterOffsetForm(forms.Form):
    # Typed by code or name: the department's officer keeps printers for any of its units.
    unit = UnitLookupField(label=_("Unit"))
    name = forms.CharField(
        label=_("Printer"), max_length=100,
        help_text=_("As the office calls it, e.g. “HP LaserJet, room 203”."),
    )  # fmt: skip
    dx_mm = _millimetres(_("Shift right (mm)"), _("Negative: to the left."))
    dy_mm = _millimetres(_("Shift down (mm)"), _("Negative: upwards."))

    def __init__(self, *args, user, printer=None, **kwargs):
        self.printer = printer
        if printer is not None:
            current = {"unit": printer.unit, "name": printer.name, "dx_mm": printer.dx_mm,
                       "dy_mm": printer.dy_mm}  # fmt: skip
            kwargs.setdefault("initial", current)
        super().__init__(*args, **kwargs)
        units = units_where(user, MANAGE_PRINTERS).order_by("path")
        self.fields["unit"].units = units
        if printer is None and not self.is_bound:
            # A new printer: most likely the officer's own office, with no shift yet.
            self.initial.update({"unit": units.first(), "dx_mm": 0, "dy_mm": 0})

    def clean(self):
        cleaned = super().clean()
        unit, name = cleaned.get("unit"), cleaned.get("name")
        if unit is not None and name:
            taken = PrinterOffset.objects.filter(unit=unit, name__iexact=name.strip())
            if self.printer is not None:
                taken = taken.exclude(pk=self.printer.pk)
            if taken.exists():
                self.add_error("name", _("This unit already has a printer of that name."))
        return cleaned
