"""Forms of the public comment screens. They only collect and check input; the services in
awards/publicity/services.py decide and write."""

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination
from awards.publicity import services
from awards.publicity.calendar import MAX_WORKING_DAYS
from organizations.access import units_where
from organizations.forms import DateTextInput
from organizations.lookups import UnitLookupField


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, nomination):
        nominee = nomination.person.full_name if nomination.person_id else nomination.unit.name
        return f"{nominee} — {nomination.award_type.name} ({nomination.year})"


def publishable_nominations(user):
    """Accepted nominations of award types that ask for a public comment window, in the units
    where the user manages publicity."""
    return (
        Nomination.objects.filter(
            state=Nomination.State.ACCEPTED,
            award_type__public_comment_required=True,
            unit__in=units_where(user, services.MANAGE),
        )
        .select_related("person", "unit", "award_type", "campaign")
        .order_by("award_type__display_order", "unit__path", "person__sort_name", "pk")
    )


class NoticeForm(forms.Form):
    # Typed by code or name: the department's officer publishes for any of its units.
    unit = UnitLookupField(
        label=_("Publishing unit"),
        help_text=_("Only nominations of this unit and the units below it can be published."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_("As the public will read it, e.g. “Lấy ý kiến nhân dân đối với …”."),
    )
    starts_on = forms.DateField(label=_("Comments open on"), widget=DateTextInput(), localize=True)
    working_days = forms.IntegerField(
        label=_("Working days"),
        required=False,
        min_value=1,
        max_value=MAX_WORKING_DAYS,
        help_text=_("Leave empty to use the longest window the chosen awards ask for."),
    )
    nominations = NominationChoiceField(
        label=_("Nominations to publish"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        units = units_where(user, services.MANAGE).filter(is_active=True).order_by("path")
        self.fields["unit"].units = units
        if "unit" not in self.initial:
            self.initial["unit"] = units.values_list("pk", flat=True).first()
        self.fields["nominations"].queryset = publishable_nominations(user)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DayOffForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateTextInput(), localize=True)
    name = forms.CharField(
        label=_("Occasion"),
        max_length=255,
        help_text=_("E.g. a bridge day the province grants, or a provincial holiday."),
    )


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Your name"), max_length=services.NAME_MAX, required=False
    )
    contact = forms.CharField(
        label=_("Phone or e-mail"),
        max_length=services.CONTACT_MAX,
        required=False,
        help_text=_("Optional; only the emulation office sees it, to reach you if needed."),
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(_("At most {max} characters."), max=services.COMMENT_MAX),
    )
