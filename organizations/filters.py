import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Person, Unit


class UnitChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, unit):
        return "\u2003" * unit.depth + unit.name


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    unit = UnitFilter(
        label=_("Unit (with its sub-units)"), queryset=Unit.objects.none(), method="filter_unit"
    )
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Person.Sex.choices)
    is_active = django_filters.BooleanFilter(
        label=_("Active"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "sex", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = (
            Unit.objects.visible_to(user).order_by("path").only("id", "name", "depth")
        )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit__path__startswith=unit.path)
