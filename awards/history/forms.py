"""Forms and filters of the eligibility inputs: ratings, initiatives, holds, award history,
clusters."""

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.history.services import YEAR_MAX, YEAR_MIN
from awards.models import AwardRecord, AwardType, CommendationType, Hold, Initiative, Rating
from organizations.access import units_where
from organizations.filters import ListedChoiceFilter, UnitLookupFilter
from organizations.forms import DateTextInput
from organizations.lookups import PersonLookupField, UnitLookupField, UnitLookupInput
from organizations.models import Person, Unit

INPUTS = "award.inputs"
HISTORY = "award.history"


# Ratings ----------------------------------------------------------------------------------------


def rating_choices():
    """“HTXSNV — Excellently completed duties”: the code first, so a narrow select still shows
    what matters. Built per request, in the active language."""
    return [("", _("— no rating —"))] + [
        (code, f"{code} — {str(label).replace(f' ({code})', '')}") for code, label in Rating.choices
    ]


def subject_field_name(subject):
    return f"unit_{subject.pk}" if isinstance(subject, Unit) else f"person_{subject.pk}"


class RatingsGridForm(forms.Form):
    """One select per subject (the unit first, then its people), and the value each showed, so
    that a change made meanwhile by someone else is noticed instead of overwritten."""

    def __init__(self, *args, subjects, stored, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        choices = rating_choices()
        for subject in subjects:
            name = subject_field_name(subject)
            shown = stored.get(name, "")
            label = subject.name if isinstance(subject, Unit) else subject.full_name
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=shown
            )
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
            self.fields[f"was_{name}"] = forms.ChoiceField(
                choices=choices, required=False, initial=shown, widget=forms.HiddenInput
            )

    def ratings(self):
        return {s: self.cleaned_data[subject_field_name(s)] for s in self.subjects}

    def expected(self):
        return {s: self.cleaned_data[f"was_{subject_field_name(s)}"] for s in self.subjects}


class RatingsPickerForm(forms.Form):
    # Typed by code or name: a department-wide role rates in any of its 3,000 units.
    # The hint goes in the box, so that the row's boxes and button line up.
    unit = UnitLookupField(
        label=_("Unit"),
        help_text="",
        widget=UnitLookupInput({"placeholder": _("Its code, or a part of its name.")}),
    )
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units_where(user, INPUTS).filter(is_active=True).order_by("path")
        self.fields["unit"].units = self.units
        self.fields["year"].widget.attrs["class"] = "form-control"
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False


# Initiatives and holds --------------------------------------------------------------------------


def people_for(user, action):
    units = units_where(user, action)
    return (
        Person.objects.filter(unit__in=units, is_active=True)
        .select_related("unit")
        .order_by("unit__path", "sort_name", "code")
    )


class InitiativeForm(forms.Form):
    person = PersonLookupField(label=_("Person"))
    year = forms.IntegerField(label=_("Year recognised"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    title = forms.CharField(label=_("Title"), max_length=500)
    level = forms.ChoiceField(label=_("Level of recognition"), choices=Initiative.Level.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].people = people_for(user, INPUTS)
        self.fields["year"].localize = False
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        data = super().clean()
        person, year, title = data.get("person"), data.get("year"), data.get("title")
        if person and year and title:
            title = " ".join(title.split())
            data["title"] = title
            if Initiative.objects.filter(person=person, year=year, title=title).exists():
                raise forms.ValidationError(
                    _("This initiative is already recorded for this person and year.")
                )
        return data


class InitiativeEditForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["year", "title", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False
        self.fields["year"].min_value = YEAR_MIN
        self.fields["year"].max_value = YEAR_MAX
        self.fields["year"].validators += [
            MinValueValidator(YEAR_MIN),
            MaxValueValidator(YEAR_MAX),
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def _post_clean(self):
        # The service validates the record itself; the form only checks the fields.
        pass


class HoldEditForm(forms.ModelForm):
    class Meta:
        model = Hold
        fields = ["reason", "start", "end"]
        widgets = {"start": DateTextInput(), "end": DateTextInput()}
        help_texts = {"end": _("Leave empty while the hold lasts.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].localize = True
        self.fields["end"].localize = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def _post_clean(self):
        pass


class HoldForm(forms.Form):
    # Both typed by code or name: the department's officer may hold any of its 100,000 people
    # and 3,000 units, too many for a select.
    person = PersonLookupField(
        label=_("Person"),
        required=False,
        help_text=_("Choose a person or a unit, not both."),
    )
    unit = UnitLookupField(label=_("Unit"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Discipline, investigation, inspection or an open complaint."),
    )
    start = forms.DateField(label=_("From"), widget=DateTextInput(), localize=True)
    end = forms.DateField(
        label=_("To"),
        widget=DateTextInput(),
        localize=True,
        required=False,
        help_text=_("Leave empty while the hold lasts."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].people = people_for(user, HISTORY)
        self.fields["unit"].units = units_where(user, HISTORY)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Choose either a person or a unit."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data


# Filters ----------------------------------------------------------------------------------------


class _ScopedFilter(django_filters.FilterSet):
    # Typed by code or name, never a drop-down: the officer sees the department's 3,000 units.
    unit = UnitLookupFilter(label=_("Unit (with its sub-units)"), method="filter_unit")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].extra["units"] = Unit.objects.visible_to(user)


class InitiativeFilter(_ScopedFilter):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    year = django_filters.NumberFilter(label=_("Year"))
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Initiative.Level.choices)
    used = django_filters.ChoiceFilter(
        label=_("Used for a title"),
        choices=[("no", _("Not yet used")), ("yes", _("Already used"))],
        empty_label=_("Either"),
        method="filter_used",
    )

    class Meta:
        model = Initiative
        fields = ["q", "unit", "year", "level", "used"]

    def filter_search(self, queryset, name, value):
        folded = value.strip()
        if not folded:
            return queryset
        people = Person.objects.search(folded).values("pk")
        return queryset.filter(Q(person__in=people) | Q(title__icontains=folded))

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(person__unit__path__startswith=unit.path)

    def filter_used(self, queryset, name, value):
        return queryset.filter(consumed_by__isnull=value != "yes")


class AwardRecordFilter(_ScopedFilter):
    year = django_filters.NumberFilter(label=_("Year"))
    award_type = ListedChoiceFilter(label=_("Award"), queryset=AwardType.objects.all())
    commendation_type = django_filters.ChoiceFilter(
        label=_("Commendation type"), choices=CommendationType.choices
    )
    source = django_filters.ChoiceFilter(label=_("Source"), choices=AwardRecord.Source.choices)

    class Meta:
        model = AwardRecord
        fields = ["unit", "year", "award_type", "commendation_type", "source"]

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(
            Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
        )


class HoldFilter(_ScopedFilter):
    year = django_filters.NumberFilter(label=_("In force during"), method="filter_year")

    class Meta:
        model = Hold
        fields = ["unit", "year"]

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(
            Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
        )

    def filter_year(self, queryset, name, year):
        year = int(year)
        return queryset.filter(Q(end__isnull=True) | Q(end__year__gte=year), start__year__lte=year)


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].widget.attrs.update({"data-autosubmit": "", "class": "form-select"})
