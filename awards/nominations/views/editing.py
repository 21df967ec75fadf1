"""The nomination form: create and edit, with the eligibility preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awards.eligibility import evaluate
from awards.nominations import services
from awards.nominations.forms import (
    COMMENDATION_OF_CAMPAIGN,
    NominationCreateForm,
    NominationUpdateForm,
)
from awards.nominations.views._common import (
    EDIT,
    checklist_of,
    get_nomination_for_user,
    passes_all,
)
from organizations.access import require


def _preview(form, nomination=None):
    """The checklist for what the form says, without saving anything."""
    data = form.cleaned_data
    if nomination is None:
        person, unit = data.get("person"), data.get("unit")
        return evaluate(
            award_type=data["award_type"],
            year=data["campaign"].year,
            person=person,
            unit=unit,
            commendation_type=data["commendation_type"],
            campaign=data["campaign"],
        )
    return evaluate(
        award_type=nomination.award_type,
        year=nomination.year,
        person=nomination.person,
        unit=nomination.unit,
        commendation_type=data["commendation_type"],
        nomination_id=nomination.pk,
        campaign=nomination.campaign,
    )


@require_http_methods(["GET", "POST"])
def nomination_create(request):
    require(request.user, EDIT)
    initial = {}
    wanted = request.GET.get("campaign", "")
    if wanted.isdigit():
        campaign = services.accepting_campaigns(request.user).filter(pk=wanted).first()
        if campaign is not None:
            initial = {
                "campaign": campaign.pk,
                "commendation_type": COMMENDATION_OF_CAMPAIGN.get(campaign.type),
            }
    form = NominationCreateForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    checklist = None
    if request.method == "POST" and form.is_valid():
        if "check" in request.POST:
            checklist = checklist_of(_preview(form))
        else:
            try:
                nomination = services.nomination_create(actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as refusal:
                form.add_error(None, _messages_of(refusal))
            else:
                messages.success(
                    request,
                    _("The nomination was created as a draft. Upload its dossier, then submit it."),
                )
                return redirect("nomination_detail", pk=nomination.pk)
    return render(
        request,
        "awards/nominations/nomination_form.html",
        {
            "form": form,
            "nomination": None,
            "checklist": checklist,
            "checklist_eligible": checklist is not None and passes_all(checklist),
            "no_campaign": not form.fields["campaign"].queryset.exists(),
        },
    )


def _messages_of(refusal):
    if isinstance(refusal, ValidationError):
        return refusal.messages
    return [str(refusal) or _("You may not nominate outside your units.")]


@require_http_methods(["GET", "POST"])
def nomination_update(request, pk):
    nomination = get_nomination_for_user(request.user, pk, action=EDIT)
    if nomination.state not in services.EDITABLE_STATES:
        messages.error(request, _("Only a draft or returned nomination can be edited."))
        return redirect("nomination_detail", pk=nomination.pk)
    form = NominationUpdateForm(
        request.POST if request.method == "POST" else None, instance=nomination
    )
    checklist = None
    if request.method == "POST" and form.is_valid():
        if "check" in request.POST:
            checklist = checklist_of(_preview(form, nomination))
        else:
            try:
                services.nomination_update(
                    actor=request.user, nomination=nomination, **form.cleaned_data
                )
            except services.WorkflowError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("The changes were saved."))
            return redirect("nomination_detail", pk=nomination.pk)
    return render(
        request,
        "awards/nominations/nomination_form.html",
        {
            "form": form,
            "nomination": nomination,
            "checklist": checklist,
            "checklist_eligible": checklist is not None and passes_all(checklist),
        },
    )
