"""What every approval workflow shares: the refusal a state change raises, and how a page's
posted transition is run and reported to the user."""

from django.contrib import messages

from organizations.forms import ReasonForm


class WorkflowError(Exception):
    """A transition that the current state does not allow; the message is shown to the user."""


def run_unit_year_transition(request, *, spec, unit, year):
    """Run a unit's yearly transition posted from a page (figures, registrations): check the
    reason when the step asks for one, call the step's service and say how it went.

    `spec` holds the step's "service", whether a "reason" is required, its "label" and the
    "done" message (formatted with the unit's name and the year)."""
    form = ReasonForm(request.POST, required=spec["reason"])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{spec['label']}: {error}")
        return
    extra = {"reason": form.cleaned_data["reason"]} if spec["reason"] else {}
    try:
        spec["service"](actor=request.user, unit=unit, year=year, **extra)
    except WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, spec["done"] % {"unit": unit.name, "year": year})
