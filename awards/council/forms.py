"""Forms of the council screens. They only collect and check input; awards/council/services.py
decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.council.models import Ballot, CouncilSession
from awards.council.services import council_holders
from awards.nominations.models import Nomination
from organizations.forms import DateTextInput

OPINION_MAX = 5000


def candidate_nominations(user, unit):
    """Accepted nominations of the unit's subtree that the user sees and that no open session
    has on its agenda yet."""
    return (
        Nomination.objects.visible_to(user)
        .filter(state=Nomination.State.ACCEPTED, unit__path__startswith=unit.path)
        .exclude(agenda_items__session__state=CouncilSession.State.OPEN)
        .select_related("award_type", "person", "unit")
        .order_by("award_type__display_order", "award_type__code", "unit__path", "pk")
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class SessionOpenForm(forms.Form):
    """The session's facts, its agenda and its members, for the unit chosen above the form
    (the template draws the agenda checkboxes grouped by award)."""

    title = forms.CharField(label=_("Title"), max_length=255)
    date = forms.DateField(label=_("Meeting date"), widget=DateTextInput(), localize=True)
    place = forms.CharField(label=_("Place"), max_length=255)
    notes = forms.CharField(
        label=_("Notes for the minutes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    nominations = forms.ModelMultipleChoiceField(
        label=_("Agenda"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Put at least one nomination on the agenda.")},
    )
    member_users = MemberChoiceField(
        label=_("Members of the council"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone holding the council role on this unit or above it, unless unticked."),
        error_messages={"required": _("The council needs at least one member.")},
    )

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["nominations"].queryset = candidate_nominations(user, unit)
        holders = council_holders(unit)
        self.fields["member_users"].queryset = holders
        if not self.is_bound:
            self.initial.setdefault("member_users", [user.pk for user in holders])

    def chosen(self, name):
        """The primary keys ticked in a checkbox field, as typed (also after an error)."""
        value = self[name].value() or []
        return {str(pk) for pk in value}


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Ballot.Choice.choices)


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Conflict of interest"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttendanceForm(forms.Form):
    """Presence and, for the absent, the written opinion of every member, in one form."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"present_{member.pk}"] = forms.BooleanField(
                label=_("Present"), required=False, initial=member.present
            )
            self.fields[f"opinion_{member.pk}"] = forms.CharField(
                label=_("Written opinion"),
                required=False,
                max_length=OPINION_MAX,
                initial=member.written_opinion,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [
            (member, self[f"present_{member.pk}"], self[f"opinion_{member.pk}"])
            for member in self.members
        ]

    def changes(self):
        """(member, present, written opinion) for each member whose line changed."""
        data = self.cleaned_data
        changed = []
        for member in self.members:
            present = data[f"present_{member.pk}"]
            opinion = "" if present else data[f"opinion_{member.pk}"].strip()
            if present != member.present or opinion != member.written_opinion:
                changed.append((member, present, opinion))
        return changed


class CloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that voting is over: the ballots are counted and locked."),
        error_messages={"required": _("Tick the confirmation to close the session.")},
    )
