"""Proposals upward: the list, drafting one, its page, signing, the printable proposal (tờ
trình), the ZIP of the nominees' dossiers, and recording the higher authority's decision.

Access: a proposal belongs to the proposing unit; outside the user's subtrees it does not exist
(404). Reading it, printing it and downloading the dossiers need "award.view" on that unit;
drafting and signing need "decision.issue" (the Director), recording the outside decision
"decision.record" (the emulation office); a visible proposal without the role is a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards.decisions import text
from awards.models import Proposal, ProposalLine
from awards.proposals import downloads, services
from awards.proposals.forms import OutsideDecisionForm, ProposalForm, SignForm
from organizations.access import require, scope_of

VIEW = "award.view"
PER_PAGE = 50
State = Proposal.State


def get_proposal_for_user(user, pk, *, action=VIEW):
    proposal = (
        Proposal.objects.visible_to(user)
        .select_related("unit__parent", "created_by", "signed_by")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    require(user, action, proposal.unit)
    return proposal


@require_safe
def proposal_list(request):
    require(request.user, VIEW)
    proposals = (
        Proposal.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(
            line_count=Count("lines"),
            pending_count=Count("lines", filter=Q(lines__outcome=ProposalLine.Outcome.PENDING)),
        )
        .order_by("-created_at", "-id")
    )
    state = request.GET.get("state", "")
    if state in State.values:
        proposals = proposals.filter(state=state)
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/proposals/proposal_list.html",
        {
            "page": page,
            "states": State.choices,
            "state": state,
            "can_create": scope_of(request.user).may(services.ISSUE),
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    require(request.user, services.ISSUE)
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_draft(actor=request.user, **form.cleaned_data)
        except (services.WorkflowError, PermissionDenied) as refusal:
            form.add_error(None, str(refusal) or _("You may not propose for this unit."))
        else:
            messages.success(request, _("The proposal was drafted. Check it, then sign it."))
            return redirect("proposal_detail", pk=proposal.pk)
    chosen = set(form.data.getlist("nominations")) if form.is_bound else set()
    groups = {}
    for nomination in form.fields["nominations"].queryset:
        groups.setdefault(nomination.award_type.authority, []).append(
            {"nomination": nomination, "checked": str(nomination.pk) in chosen}
        )
    return render(
        request,
        "awards/proposals/proposal_form.html",
        {"form": form, "groups": list(groups.items())},
    )


@require_safe
def proposal_detail(request, pk):
    return _render_detail(request, get_proposal_for_user(request.user, pk))


def _render_detail(request, proposal, *, sign_form=None, status=200):
    scope = scope_of(request.user)
    rows = downloads.nominee_rows(proposal)
    can_sign = proposal.state == State.DRAFT and scope.may(services.ISSUE, proposal.unit)
    if can_sign and sign_form is None:
        sign_form = SignForm(initial={"signed_on": timezone.localdate()})
    decisions = {row["line"].decision for row in rows if row["line"].decision_id}
    return render(
        request,
        "awards/proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": rows,
            "collectives": [r for r in rows if r["collective"]],
            "individuals": [r for r in rows if not r["collective"]],
            "decisions": sorted(decisions, key=lambda d: (d.decision_date, d.pk)),
            "sign_form": sign_form if can_sign else None,
            "can_record": proposal.state == State.SIGNED
            and scope.may(services.RECORD, proposal.unit),
        },
        status=status,
    )


@require_POST
def proposal_sign(request, pk):
    proposal = get_proposal_for_user(request.user, pk, action=services.ISSUE)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The proposal was not signed; see the reason below."))
        return _render_detail(request, proposal, sign_form=form, status=400)
    try:
        services.proposal_sign(actor=request.user, proposal=proposal, **form.cleaned_data)
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The proposal was signed; its nominees are now proposed."))
    return redirect("proposal_detail", pk=proposal.pk)


@require_safe
def proposal_print(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    return render(
        request, "awards/proposals/proposal_print.html", proposal_document_context(proposal)
    )


def proposal_document_context(proposal):
    """What the proposal as printed needs: its print page, its PDF and its Word file share it."""
    rows = downloads.nominee_rows(proposal)
    unit = proposal.unit
    return {
        "proposal": proposal,
        "collectives": [r for r in rows if r["collective"]],
        "individuals": [r for r in rows if not r["collective"]],
        "superior": unit.parent.name.upper() if unit.parent_id else "",
        "issuer": unit.name.upper(),
        "place_date": text.place_date(proposal.signed_on),
    }


@require_safe
def proposal_dossier_zip(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    name = downloads._safe(proposal.number_text).replace(" ", "-") or f"de-nghi-{proposal.pk}"
    return FileResponse(
        downloads.dossier_zip(proposal),
        as_attachment=True,
        filename=f"ho-so-{name}.zip",
        content_type="application/zip",
    )


@require_http_methods(["GET", "POST"])
def outside_decision_record(request, pk):
    proposal = get_proposal_for_user(request.user, pk, action=services.RECORD)
    if proposal.state != State.SIGNED:
        messages.error(
            request,
            _("Only a signed proposal with nominees still pending awaits a decision.")
            if proposal.state == State.DRAFT
            else _("Every nominee of this proposal has been answered already."),
        )
        return redirect("proposal_detail", pk=proposal.pk)
    lines = list(
        proposal.lines.filter(outcome=ProposalLine.Outcome.PENDING).select_related(
            "nomination__person", "nomination__unit", "nomination__award_type"
        )
    )
    form = OutsideDecisionForm(request.POST or None, proposal=proposal, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.outside_decision_record(
                actor=request.user,
                proposal=proposal,
                number_text=form.cleaned_data["number_text"],
                decision_date=form.cleaned_data["decision_date"],
                authority=form.cleaned_data["authority"],
                outcomes=form.outcomes(),
            )
        except services.WorkflowError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Decision %(number)s was recorded.") % {"number": decision.number_text},
            )
            return redirect("proposal_detail", pk=proposal.pk)
    return render(
        request,
        "awards/proposals/outside_decision_form.html",
        {"proposal": proposal, "form": form},
    )
