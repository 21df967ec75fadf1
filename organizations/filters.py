import django_filters
from django.forms.models import ModelChoiceIterator

from organizations.lookups import UnitLookupField


class UnitLookupFilter(django_filters.Filter):
    """A unit typed by code or name (organizations.lookups), never a drop-down of every unit;
    the filter set gives its `units` (extra["units"]) and, with `method`, what it filters."""

    field_class = UnitLookupField


class UnitSubtreeFilter(UnitLookupFilter):
    def filter(self, queryset, unit):
        if unit is None:
            return queryset
        return queryset.filter(unit__path__in_subtree=unit.path)


class ListedChoices(ModelChoiceIterator):
    """The options of a short drop-down (campaigns, award types) read with one plain
    query: Django's `iterator()` opens a server-side cursor on PostgreSQL, three round trips
    for a dozen rows on a page every reviewer opens all day."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for choice in self.queryset:
            yield self.choice(choice)


class ListedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ListedChoices


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField
