import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.filters import UnitSubtreeFilter
from organizations.models import Person, Unit


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    unit = UnitSubtreeFilter(
        label=_("Unit (with its sub-units)"),
        help_text=_("Its code, or a part of its name."),
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
        # No choices are listed: the field looks the typed unit up among the user's own.
        self.filters["unit"].extra["units"] = Unit.objects.visible_to(user)

    @property
    def chosen_unit(self):
        """The unit filtered on, once the form is valid, for the page to name it."""
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("unit")
        return None

    @property
    def searching(self):
        return bool(self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("q"))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
