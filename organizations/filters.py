import django_filters

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
