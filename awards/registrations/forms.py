"""The registration form. It only collects and checks input; awards/registrations/services.py
decides and writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.registrations import services


class RegistrationForm(forms.Form):
    """The collective title and one title select per active person of the unit.

    The title choices are read once and shared by every person's select, so the form costs two
    queries whatever the number of people."""

    collective_award = forms.TypedChoiceField(
        label=_("Collective title the unit aims for"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, people, lines, collective=None, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        collective_titles = list(services.collective_award_choices())
        individual_titles = list(services.individual_award_choices())
        self.collective_titles = {award.pk: award for award in collective_titles}
        self.individual_titles = {award.pk: award for award in individual_titles}
        field = self.fields["collective_award"]
        field.choices = [("", _("— none —"))] + [
            (award.pk, f"{award.name} ({award.code})") for award in collective_titles
        ]
        field.initial = collective.pk if collective else None
        field.disabled = disabled
        choices = [("", _("— none —"))] + [
            (award.pk, f"{award.name} ({award.code})") for award in individual_titles
        ]
        self.people = list(people)
        for person in self.people:
            name = self.person_field(person)
            self.fields[name] = forms.TypedChoiceField(
                label=person.full_name,
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
                initial=lines.get(person.pk),
                disabled=disabled,
            )

    @staticmethod
    def person_field(person):
        return f"person_{person.pk}"

    def rows(self):
        return [(person, self[self.person_field(person)]) for person in self.people]

    def clean_collective_award(self):
        value = self.cleaned_data["collective_award"]
        if value is not None and value not in self.collective_titles:
            raise ValidationError(_("Choose a collective emulation title."))
        return value

    def clean(self):
        cleaned = super().clean()
        for person in self.people:
            value = cleaned.get(self.person_field(person))
            if value is not None and value not in self.individual_titles:
                self.add_error(self.person_field(person), _("Choose an individual title."))
        return cleaned

    def collective(self):
        pk = self.cleaned_data.get("collective_award")
        return self.collective_titles.get(pk) if pk else None

    def lines(self):
        """(person, title) for each person given a title."""
        chosen = []
        for person in self.people:
            pk = self.cleaned_data.get(self.person_field(person))
            if pk:
                chosen.append((person, self.individual_titles[pk]))
        return chosen
