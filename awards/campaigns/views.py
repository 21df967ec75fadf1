"""Campaigns (phong trào, đợt khen thưởng) and registrations (đăng ký thi đua).

Permissions: a campaign exists for a user when Campaign.objects.visible_to(user) holds it
(the launched ones aimed at the user's units, and, drafts included, those the user may manage);
otherwise it is a 404. Creating, editing, launching, closing and attaching documents need
"campaign.manage" on every unit the campaign is aimed at, and on every top-level unit for a
campaign aimed at everyone (a 403 on a visible campaign: a district officer reads the
department's campaigns but does not manage them). A registration belongs to its unit: editing
and submitting need "registration.edit" on it, approving and returning "registration.review"
(a unit outside the user's subtrees is a 404). The POST-only endpoints check the method before
anything else, so a GET is a 405 whatever the object.
"""

import mimetypes
import os
from collections import Counter, defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Subquery
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
    RegistrationForm,
)
from awards.models import AwardRecord, Campaign, CampaignDocument, Registration, RegistrationLine
from indicators.years import latest_year_with_data, latest_year_with_results
from organizations.access import get_unit_for_user, require, scope_of
from organizations.http import next_url
from organizations.models import AuditEntry, Unit
from organizations.workflow import run_unit_year_transition

MANAGE = "campaign.manage"
EDIT = "registration.edit"
REVIEW = "registration.review"
NOMINATE = "nomination.edit"
CampaignState = Campaign.State
RegistrationState = Registration.State
NOT_REGISTERED = "none"
PER_PAGE = 25
# Bootstrap padding that shows a unit's depth below the top unit the user sees.
INDENT_CLASSES = ["", "ps-3", "ps-4", "ps-5"]
HISTORY_LIMIT = 50

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
REGISTRATION_TRANSITIONS = {
    "submit": {
        "permission": EDIT,
        "service": services.registration_submit,
        "reason": False,
        "from": services.EDITABLE_REGISTRATION,
        "label": gettext_lazy("Submit for approval"),
        "done": gettext_lazy("The registration of %(unit)s for %(year)s was submitted."),
    },
    "approve": {
        "permission": REVIEW,
        "service": services.registration_approve,
        "reason": False,
        "from": {RegistrationState.SUBMITTED},
        "label": gettext_lazy("Approve"),
        "done": gettext_lazy("The registration of %(unit)s for %(year)s was approved."),
    },
    "return": {
        "permission": REVIEW,
        "service": services.registration_return,
        "reason": True,
        "from": {RegistrationState.SUBMITTED},
        "label": gettext_lazy("Return for correction"),
        "done": gettext_lazy("The registration of %(unit)s for %(year)s was returned to the unit."),
    },
}


# --- Helpers -----------------------------------------------------------------------------------


def _year_or_404(year):
    if not services.YEAR_MIN <= year <= services.YEAR_MAX:
        raise Http404


def _year_param(request, default=None):
    text = request.GET.get("year", "").strip()
    if text.isdigit() and services.YEAR_MIN <= int(text) <= services.YEAR_MAX:
        return int(text)
    return default


def _year_choices(year, extra=()):
    current = timezone.localdate().year
    return sorted({*range(current - 5, current + 2), *extra, *([year] if year else [])},
                  reverse=True)  # fmt: skip


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


def _history(obj):
    return (
        AuditEntry.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=str(obj.pk),
        )
        .select_related("actor")
        .order_by("-at", "-id")[:HISTORY_LIMIT]
    )


def _error_messages(error):
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


# --- Campaigns ---------------------------------------------------------------------------------


@require_safe
def campaign_list(request):
    scope = scope_of(request.user)
    visible = Campaign.objects.visible_to(request.user)
    may_manage = scope.may(MANAGE)
    year = _year_param(request)
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
            "years": _year_choices(year, years),
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
            "history": _history(campaign) if may_manage else [],
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
            for message in _error_messages(error):
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


# --- Registrations -----------------------------------------------------------------------------


def _registration_actions(scope, unit, state, *, include_submit=True):
    return [
        {"name": name, "label": spec["label"], "reason": spec["reason"]}
        for name, spec in REGISTRATION_TRANSITIONS.items()
        if state in spec["from"]
        and scope.may(spec["permission"], unit)
        and (include_submit or name != "submit")
    ]


@require_safe
def registration_list(request):
    year = _year_param(request) or latest_year_with_data(request.user)
    scope = scope_of(request.user)
    units = list(
        Unit.objects.visible_to(request.user)
        .filter(is_active=True)
        .in_tree_order()
        .only("id", "code", "name", "short_name", "parent_id", "path", "depth")
    )
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("collective_award")
        .annotate(line_count=Count("lines"))
    }
    wanted = request.GET.get("state", "")
    if wanted not in {*RegistrationState.values, NOT_REGISTERED}:
        wanted = ""
    top = min((unit.depth for unit in units), default=0)
    counts, rows = Counter(), []
    for unit in units:
        registration = registrations.get(unit.pk)
        state = registration.state if registration else NOT_REGISTERED
        counts[state] += 1
        if wanted and state != wanted:
            continue
        rows.append(
            {
                "unit": unit,
                "indent_class": INDENT_CLASSES[min(unit.depth - top, len(INDENT_CLASSES) - 1)],
                "registration": registration,
                "state": RegistrationState(state) if registration else None,
                "may_edit": scope.may(EDIT, unit),
                "actions": _registration_actions(scope, unit, state, include_submit=False)
                if registration
                else [],
            }
        )
    summary = [(NOT_REGISTERED, _("Not registered"), counts[NOT_REGISTERED])] + [
        (state.value, state.label, counts[state.value]) for state in RegistrationState
    ]
    return render(
        request,
        "awards/campaigns/registration_list.html",
        {
            "year": year,
            "years": _year_choices(year),
            "rows": rows,
            "summary": summary,
            "state_filter": wanted,
            "total": len(units),
            "next": request.get_full_path(),
            "may_review": scope.may(REVIEW),
        },
    )


@require_http_methods(["GET", "POST"])
def registration_edit(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=EDIT)
    _year_or_404(year)
    here = reverse("registration_edit", args=[unit.pk, year])
    registration = (
        Registration.objects.filter(unit=unit, year=year).select_related("collective_award").first()
    )
    state = RegistrationState(registration.state) if registration else RegistrationState.DRAFT
    editable = state in services.EDITABLE_REGISTRATION
    people = list(unit.people.filter(is_active=True).order_by("sort_name", "code"))
    stored_lines = (
        list(
            RegistrationLine.objects.filter(registration=registration)
            .select_related("person", "award_type")
            .order_by("award_type__display_order")
        )
        if registration
        else []
    )
    lines = {line.person_id: line.award_type_id for line in stored_lines}
    present = {person.pk for person in people}
    departed = [line for line in stored_lines if line.person_id not in present]
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        people=people,
        lines=lines,
        collective=registration.collective_award if registration else None,
        disabled=not editable,
    )
    if request.method == "POST":
        if not editable:
            messages.error(
                request,
                _("The registration is “%(state)s” and can no longer be changed.")
                % {"state": state.label},
            )
            return redirect(here)
        if form.is_valid():
            try:
                services.registration_save(
                    actor=request.user,
                    unit=unit,
                    year=year,
                    collective_award=form.collective(),
                    lines=form.lines(),
                )
                if "and_submit" in request.POST:
                    services.registration_submit(actor=request.user, unit=unit, year=year)
            except ValidationError as error:
                for message in _error_messages(error):
                    messages.error(request, message)
            except services.WorkflowError as refusal:
                messages.error(request, str(refusal))
            else:
                if "and_submit" in request.POST:
                    messages.success(
                        request,
                        REGISTRATION_TRANSITIONS["submit"]["done"]
                        % {"unit": unit.name, "year": year},
                    )
                else:
                    messages.success(request, _("The registration was saved."))
                return redirect(here)
        else:
            messages.error(request, _("Nothing was saved: correct the choices marked below."))
    scope = scope_of(request.user)
    return render(
        request,
        "awards/campaigns/registration_edit.html",
        {
            "unit": unit,
            "year": year,
            "registration": registration,
            "state": state,
            "editable": editable,
            "form": form,
            "departed": departed,
            "actions": _registration_actions(scope, unit, state, include_submit=False)
            if registration
            else [],
            "history": _history(registration) if registration else [],
            "next": here,
        },
    )


@require_POST
def registration_transition(request, unit_pk, year, action):
    spec = REGISTRATION_TRANSITIONS.get(action)
    if spec is None:
        raise Http404
    unit = get_unit_for_user(request.user, unit_pk, action=spec["permission"])
    _year_or_404(year)
    run_unit_year_transition(request, spec=spec, unit=unit, year=year)
    return redirect(next_url(request, reverse("registration_edit", args=[unit.pk, year])))


@require_safe
def registration_results(request):
    """Registered vs achieved: each registered title beside whether the unit or person holds
    that award for the year (an unrevoked AwardRecord). Four queries whatever the size."""
    year = _year_param(request) or latest_year_with_results(request.user)
    registrations = list(
        Registration.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("unit", "collective_award")
        .order_by("unit__path")
    )
    lines = defaultdict(list)
    for line in (
        RegistrationLine.objects.filter(registration__in=registrations)
        .select_related("person", "award_type")
        .order_by("person__sort_name", "person__code")
    ):
        lines[line.registration_id].append(line)
    held = set()
    if registrations:
        records = AwardRecord.objects.filter(year=year, revoked=False).filter(
            Q(person__in=Subquery(
                RegistrationLine.objects.filter(registration__in=registrations).values("person")
            ))
            | Q(unit__in={registration.unit_id for registration in registrations})
        )  # fmt: skip
        for award_type_id, person_id, unit_id in records.values_list(
            "award_type_id", "person_id", "unit_id"
        ):
            held.add((award_type_id, "person" if person_id else "unit", person_id or unit_id))
    groups, registered, achieved = [], 0, 0
    for registration in registrations:
        rows = []
        if registration.collective_award_id:
            rows.append(
                {
                    "subject": registration.unit,
                    "collective": True,
                    "award_type": registration.collective_award,
                    "achieved": (registration.collective_award_id, "unit", registration.unit_id)
                    in held,
                }
            )
        for line in lines[registration.pk]:
            rows.append(
                {
                    "subject": line.person,
                    "collective": False,
                    "award_type": line.award_type,
                    "achieved": (line.award_type_id, "person", line.person_id) in held,
                }
            )
        registered += len(rows)
        achieved += sum(row["achieved"] for row in rows)
        groups.append(
            {
                "registration": registration,
                "state": RegistrationState(registration.state),
                "rows": rows,
                "achieved": sum(row["achieved"] for row in rows),
            }
        )
    return render(
        request,
        "awards/campaigns/registration_results.html",
        {
            "year": year,
            "years": _year_choices(year),
            "groups": groups,
            "registered": registered,
            "achieved": achieved,
        },
    )
