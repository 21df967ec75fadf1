"""Boxes that take a unit or a person by code or name, where a select would list every one the
user may choose: 3,000 units and 100,000 people for the department's officer, megabytes of
options on every page. static/js/lookup.js turns each box into a search by name that fills the
code in; without JavaScript the code, or a part of the name only one of them matches, is typed
and submitted as it is."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from organizations.models import Person, Unit

# How many matches the "several match" message names as examples.
EXAMPLES = 5
# The most suggestions a lookup offers at once: the user types more to narrow them down.
SUGGESTIONS = 20
# Longer digit strings are no id: SQLite refuses integers beyond 64 bits.
ID_DIGITS = 18
# What separates the units typed in one box.
SEPARATORS = re.compile(r"[,;\n]+")


class UnitLookupInput(forms.TextInput):
    """A text box for a unit's code, searched by name through the `unit_lookup` URL."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "data-unit-lookup": reverse_lazy("unit_lookup"),
                "data-unit-lookup-empty": _("No unit of yours matches."),
                "data-unit-lookup-failed": _("The search of units failed; type a code."),
                **(attrs or {}),
            }
        )


class PersonLookupInput(forms.TextInput):
    """A text box for a person's staff number, searched by name through `person_lookup`."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "data-person-lookup": reverse_lazy("person_lookup"),
                "data-person-lookup-empty": _("No person of yours matches."),
                "data-person-lookup-failed": _("The search of people failed; type a staff number."),
                **(attrs or {}),
            }
        )


class _LookupField(forms.CharField):
    """One row of `rows()`, typed as its code (any case), its id (older links and forms), or a
    part of its name that only one row matches. Subclasses name the rows and the messages."""

    def rows(self):
        raise NotImplementedError

    def ordered(self, matches):
        return matches

    def example(self, row):
        raise NotImplementedError

    def exact(self, text):
        """The row whose code is `text`, else the one whose id it is, else None."""
        row = self.rows().filter(code__iexact=text).first()
        if row is None and text.isdigit() and len(text) <= ID_DIGITS:
            row = self.rows().filter(pk=int(text)).first()
        return row

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        row = self.exact(text)
        if row is not None:
            return row
        matches = list(self.ordered(self.rows().search(text))[: EXAMPLES + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(self.unknown_message, code="unknown")
        examples = "; ".join(self.example(row) for row in matches[:EXAMPLES])
        raise ValidationError(
            self.ambiguous_message, code="ambiguous", params={"examples": examples}
        )

    def prepare_value(self, value):
        """The box shows a code: a row given as initial value, or its id (a link's ?unit=12,
        a model form's initial), is shown by its code; typed text is shown as typed."""
        if isinstance(value, models.Model):
            return value.code
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.isdigit():
            row = self.exact(value)
            return row.code if row is not None else value
        return value


class UnitLookupField(_LookupField):
    """A unit among `units`."""

    widget = UnitLookupInput
    unknown_message = _("None of your units has this code or name.")
    ambiguous_message = _("Several of your units match: type the code of one, e.g. %(examples)s.")

    def __init__(self, *args, units=None, **kwargs):
        kwargs.setdefault("help_text", _("Its code, or a part of its name."))
        super().__init__(*args, **kwargs)
        self.units = units if units is not None else Unit.objects.none()

    def rows(self):
        return self.units

    def ordered(self, matches):
        return matches.order_by("depth", "sort_name")

    def example(self, unit):
        return f"{unit.code} — {unit.name}"


class PersonLookupField(_LookupField):
    """A person among `people`."""

    widget = PersonLookupInput
    unknown_message = _("None of your people has this staff number or name.")
    ambiguous_message = _(
        "Several of your people match: type the staff number of one, e.g. %(examples)s."
    )

    def __init__(self, *args, people=None, **kwargs):
        kwargs.setdefault("help_text", _("Their staff number, or a part of their name."))
        super().__init__(*args, **kwargs)
        self.people = people if people is not None else Person.objects.none()

    def rows(self):
        return self.people

    def ordered(self, matches):
        return matches.select_related("unit").order_by("sort_name", "code")

    def example(self, person):
        return f"{person.code} — {person.full_name} ({person.unit.display_name})"


class UnitsLookupInput(UnitLookupInput):
    """Several units' codes in one box, separated by commas; static/js/lookup.js completes the
    last one typed."""

    def __init__(self, attrs=None):
        super().__init__({"data-unit-lookup-multiple": "", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        # A form written for a multiple select posts one value per unit: they are joined.
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if isinstance(values, list | tuple):
            return ", ".join(str(value) for value in values if value)
        return values


class UnitsLookupField(forms.CharField):
    """Units among `units`, each typed as UnitLookupField takes one, separated by commas: a
    list of units, each once, in the order typed."""

    widget = UnitsLookupInput

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units if units is not None else Unit.objects.none()

    def to_python(self, value):
        # A disabled field is cleaned from its initial value: the units themselves.
        return super().to_python(self.prepare_value(value))

    def clean(self, value):
        text = super().clean(value) or ""
        one = UnitLookupField(units=self.units)
        chosen, errors = [], []
        for typed in (part.strip() for part in SEPARATORS.split(text)):
            if not typed:
                continue
            try:
                unit = one.clean(typed)
            except ValidationError as error:
                errors += [
                    ValidationError(
                        _("“%(typed)s”: %(error)s"), params={"typed": typed, "error": message}
                    )
                    for message in error.messages
                ]
                continue
            if unit not in chosen:
                chosen.append(unit)
        if errors:
            raise ValidationError(errors)
        return chosen

    def prepare_value(self, value):
        """Units (or their ids) as their codes, separated by commas; typed text as typed."""
        if value is None or isinstance(value, str):
            return value
        items = list(value)
        ids = [item for item in items if not isinstance(item, models.Model)]
        codes = {}
        if ids:
            rows = self.units.filter(pk__in=[i for i in ids if str(i).isdigit()])
            codes = {str(pk): code for pk, code in rows.values_list("pk", "code")}
        return ", ".join(
            item.code if isinstance(item, models.Model) else codes.get(str(item), str(item))
            for item in items
        )


class UnitSwitchForm(forms.Form):
    """The box above a page that works on one of `units` (a decision's issuing unit, a
    council's unit): the unit typed by code or name, sent by GET to reload the page on it."""

    unit = UnitLookupField()

    def __init__(self, *args, units, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units
        self.fields["unit"].label = label

    @classmethod
    def choose(cls, wanted, *, units, label):
        """(the unit `wanted` names, or None; the form to show): the form shows the chosen
        unit's code, or what was typed with the reason it names no unit."""
        chooser = cls({"unit": wanted} if wanted else None, units=units, label=label)
        if not wanted or not chooser.is_valid():
            return None, chooser
        unit = chooser.cleaned_data["unit"]
        return unit, cls(initial={"unit": unit}, units=units, label=label)
