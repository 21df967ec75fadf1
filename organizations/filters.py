import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit

# How many matching units the "several match" message names as examples.
EXAMPLES = 5


class UnitChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, unit):
        return "\u2003" * unit.depth + unit.name


class UnitFilter(django_filters.ModelChoiceFilter):
    """A drop-down of units, indented as a tree: for lists whose users hold few units (the
    award history pages); the people list, seen by the whole department, uses the lookup."""

    field_class = UnitChoiceField


class UnitLookupInput(forms.TextInput):
    """A plain text box for a unit's code; static/js/unit-lookup.js turns it into a search by
    name that fills the code in. Without JavaScript the code (or a part of the name that only
    one unit matches) is typed and submitted as it is."""

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


class UnitLookupField(forms.CharField):
    """A unit among `units`, by code (any case), by id (older links), or by a part of its name
    that only one of them matches."""

    widget = UnitLookupInput

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units if units is not None else Unit.objects.none()

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        unit = self.units.filter(code__iexact=text).first()
        if unit is None and text.isdigit():
            unit = self.units.filter(pk=int(text)).first()
        if unit is not None:
            return unit
        matches = list(self.units.search(text).order_by("depth", "sort_name")[: EXAMPLES + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(_("None of your units has this code or name."), code="unknown")
        examples = "; ".join(f"{unit.code} — {unit.name}" for unit in matches[:EXAMPLES])
        raise ValidationError(
            _("Several of your units match: type the code of one, e.g. %(examples)s."),
            code="ambiguous",
            params={"examples": examples},
        )


class UnitSubtreeFilter(django_filters.Filter):
    field_class = UnitLookupField

    def filter(self, queryset, unit):
        if unit is None:
            return queryset
        return queryset.filter(unit__path__in_subtree=unit.path)
