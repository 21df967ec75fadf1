"""Campaigns (phong trào, đợt khen thưởng).

Permissions: a campaign exists for a user when Campaign.objects.visible_to(user) holds it
(the launched ones aimed at the user's units, and, drafts included, those the user may manage);
otherwise it is a 404. Creating, editing, launching, closing and attaching documents need
"campaign.manage" on every unit the campaign is aimed at, and on every top-level unit for a
campaign aimed at everyone (a 403 on a visible campaign: a district officer reads the
department's campaigns but does not manage them). The POST-only endpoints check the method
before anything else, so a GET is a 405 whatever the object.
"""

import mimetypes
import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards.campaigns import services
from awards.campaigns.forms import (
    CampaignDocumentForm,
    CampaignForm,
)
from awards.models import Campaign, CampaignDocument
from awards.pages import error_messages, history_of, year_choices, year_param
from organizations.access import require, scope_of
from organizations.http import next_url
from organizations.models import Unit

MANAGE = "campaign.manage"
NOMINATE = "nomination.edit"
CampaignState = Campaign.State
PER_PAGE = 25

CAMPAIGN_TRANSITIONS = {
    "launch": {
        "service": services.campaign_launch,
        "from": CampaignState.DRAFT,
        "label": gettext_lazy("Launch"),
        "done": gettext_lazy("“%(name)s” was launched: the units it targets can see it now."),
    },
    "close": {
        "service": services.campaign_close,
        "from": CampaignState.OPEN,
        "label": gettext_lazy("Close"),
        "done": gettext_lazy("“%(name)s” was closed: it accepts no more nominations."),
    },
}


# --- Helpers -----------------------------------------------------------------------------------


def _campaign_or_404(user, pk):
    campaign = Campaign.objects.visible_to(user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _campaign_to_manage(user, pk):
    """The campaign if the user sees it (else 404) and may manage it: "campaign.manage" on every
    unit it is aimed at (else 403)."""
    campaign = _campaign_or_404(user, pk)
    if not services.may_manage(user, campaign.target_units.all()):
        raise PermissionDenied
    return campaign


# --- Campaigns ---------------------------------------------------------------------------------


@require_safe
def campaign_list(request):
    scope = scope_of(request.user)
    visible = Campaign.objects.visible_to(request.user)
    may_manage = scope.may(MANAGE)
    year = year_param(request)
    states = [state for state in CampaignState if may_manage or state != CampaignState.DRAFT]
    state = request.GET.get("state", "")
    if state not in {s.value for s in states}:
        state = ""
    campaigns = Campaign.objects.filter(pk__in=Subquery(visible.order_by().values("pk")))
    if year:
        campaigns = campaigns.filter(year=year)
    if state:
        campaigns = campaigns.filter(state=state)
    campaigns = campaigns.annotate(
        award_type_count=Count("award_types", distinct=True),
        target_count=Count("target_units", distinct=True),
    ).order_by("-year", "-nominations_open", "name")
    page = Paginator(campaigns, PER_PAGE).get_page(request.GET.get("page"))
    years = set(visible.order_by().values_list("year", flat=True).distinct())
    return render(
        request,
        "awards/campaigns/campaign_list.html",
        {
            "page": page,
            "campaigns": page.object_list,
            "year": year,
            "years": year_choices(year, years),
            "states": states,
            "state_filter": state,
            "may_manage": may_manage,
            "today": timezone.localdate(),
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    require(request.user, MANAGE)
    form = CampaignForm(request.POST if request.method == "POST" else None, user=request.user,
                        initial={"year": timezone.localdate().year})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        fields, relations = form.service_arguments()
        try:
            campaign = services.campaign_create(actor=request.user, **relations, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as refusal:
            form.add_error("target_units", str(refusal))
        else:
            messages.success(
                request,
                _("“%(name)s” was saved as a draft. Launch it when it is ready.")
                % {"name": campaign.name},
            )
            return redirect("campaign_detail", pk=campaign.pk)
    return render(request, "awards/campaigns/campaign_form.html", {"form": form, "campaign": None})


@require_http_methods(["GET", "POST"])
def campaign_update(request, pk):
    campaign = _campaign_to_manage(request.user, pk)
    if campaign.state == CampaignState.CLOSED:
        messages.error(request, _("A closed campaign can no longer be changed."))
        return redirect("campaign_detail", pk=campaign.pk)
    form = CampaignForm(request.POST if request.method == "POST" else None, instance=campaign,
                        user=request.user)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        fields, relations = form.service_arguments()
        if campaign.state == CampaignState.OPEN:
            fields = {name: value for name, value in fields.items()
                      if name in services.OPEN_EDITABLE}  # fmt: skip
            relations = {}
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **relations, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        except services.WorkflowError as refusal:
            form.add_error(None, str(refusal))
        except PermissionDenied as refusal:
            form.add_error("target_units", str(refusal))
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("campaign_detail", pk=campaign.pk)
    context = {"form": form, "campaign": campaign}
    return render(request, "awards/campaigns/campaign_form.html", context)


@require_safe
def campaign_detail(request, pk):
    campaign = _campaign_or_404(request.user, pk)
    scope = scope_of(request.user)
    today = timezone.localdate()
    award_types = list(campaign.award_types.all())
    targets = list(campaign.target_units.order_by("path").only("id", "code", "name", "path"))
    may_manage = services.may_manage(request.user, targets)
    visible_ids = set(
        Unit.objects.visible_to(request.user)
        .filter(pk__in=[unit.pk for unit in targets])
        .values_list("pk", flat=True)
    )
    shown_targets = [unit for unit in targets if unit.pk in visible_ids]
    transitions = [
        {"name": name, "label": spec["label"]}
        for name, spec in CAMPAIGN_TRANSITIONS.items()
        if may_manage and campaign.state == spec["from"]
    ]
    return render(
        request,
        "awards/campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "award_types": award_types,
            "targets": shown_targets,
            "hidden_target_count": len(targets) - len(shown_targets),
            "documents": list(campaign.documents.order_by("uploaded_at", "pk")),
            "may_manage": may_manage,
            "may_screen": scope.may("nomination.review"),
            "may_edit": may_manage and campaign.state != CampaignState.CLOSED,
            "transitions": transitions,
            "document_form": CampaignDocumentForm() if may_manage else None,
            "may_nominate": scope.may(NOMINATE) and campaign.is_accepting(today),
            "accepting": campaign.is_accepting(today),
            "history": history_of(campaign) if may_manage else [],
        },
    )


@require_POST
def campaign_transition(request, pk, action):
    spec = CAMPAIGN_TRANSITIONS.get(action)
    if spec is None:
        raise Http404
    campaign = _campaign_to_manage(request.user, pk)
    try:
        spec["service"](actor=request.user, campaign=campaign)
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, spec["done"] % {"name": campaign.name})
    return redirect(next_url(request, reverse("campaign_detail", args=[campaign.pk])))


@require_POST
def campaign_document_upload(request, pk):
    campaign = _campaign_to_manage(request.user, pk)
    form = CampaignDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, _("The document was not attached: %(error)s")
                               % {"error": error})  # fmt: skip
    else:
        try:
            document = services.campaign_document_add(
                actor=request.user,
                campaign=campaign,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, _("The document was not attached: %(error)s")
                               % {"error": message})  # fmt: skip
        else:
            messages.success(request, _("“%(title)s” was attached.") % {"title": document.title})
    return redirect(reverse("campaign_detail", args=[campaign.pk]) + "#documents")


@require_safe
def campaign_document_download(request, pk, document_pk):
    campaign = _campaign_or_404(request.user, pk)
    document = get_object_or_404(CampaignDocument, pk=document_pk, campaign=campaign)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    filename = os.path.basename(document.file.name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
