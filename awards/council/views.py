"""Council sessions: the list, opening one, its page with the member's secret ballot, attendance,
closing, and the printable minutes (biên bản họp).

Access: a session belongs to the unit whose council it is; outside the user's subtrees it does
not exist (404). Opening, attendance and closing need "council.manage" on the session's unit
(officers); voting and declaring a conflict need a seat in the session and "council.vote" (403
otherwise). Secrecy: no page here reads a ballot's choice except the signed-in member's own,
and only while the session is open; everyone else, officers and superusers included, sees how
many members have voted, and after closing the tallies.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards.council import services
from awards.council.forms import (
    AttendanceForm,
    BallotForm,
    CloseForm,
    ConflictForm,
    SessionOpenForm,
)
from awards.council.models import AgendaItem, Ballot, CouncilMember, CouncilSession, Recusal
from organizations.access import require, scope_of, units_where
from organizations.lookups import UnitSwitchForm

MANAGE = services.MANAGE
VOTE = services.VOTE
VIEW = "award.view"
PER_PAGE = 50
State = CouncilSession.State


# --- Access ------------------------------------------------------------------------------------


def get_session_for_user(user, pk, *, action=VIEW):
    """The session if the user may see it (else 404) and may do `action` on its unit (else 403)."""
    session = (
        CouncilSession.objects.visible_to(user)
        .select_related("unit", "opened_by", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    require(user, action, session.unit)
    return session


def _item_of(session, item_pk):
    return get_object_or_404(
        AgendaItem.objects.select_related("nomination__award_type", "session"),
        session=session,
        pk=item_pk,
    )


def _seat_of(user, session):
    seat = CouncilMember.objects.filter(session=session, user_id=user.pk).first()
    if seat is None:
        raise PermissionDenied
    return seat


def _back(session, item=None):
    url = reverse("council_session_detail", args=[session.pk])
    return redirect(f"{url}#item-{item.pk}" if item is not None else url)


# --- List --------------------------------------------------------------------------------------


@require_safe
def council_session_list(request):
    scope = scope_of(request.user)
    sessions = (
        CouncilSession.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(
            item_count=Count("items", distinct=True), member_count=Count("members", distinct=True)
        )
        .order_by("-date", "-id")
    )
    page = Paginator(sessions, PER_PAGE).get_page(request.GET.get("page"))
    seats = set(
        CouncilMember.objects.filter(
            user_id=request.user.pk, session__in=[s.pk for s in page.object_list]
        ).values_list("session_id", flat=True)
    )
    return render(
        request,
        "awards/council/session_list.html",
        {"page": page, "sessions": page.object_list, "seats": seats,
         "can_open": scope.may(MANAGE)},
    )  # fmt: skip


# --- Opening -----------------------------------------------------------------------------------


def _grouped(form):
    """The agenda checkboxes grouped by award, each with what still blocks its vote today."""
    from awards.publicity.services import publicity_block

    today = timezone.localdate()
    chosen = form.chosen("nominations")
    groups = defaultdict(list)
    for nomination in form.fields["nominations"].queryset:
        groups[nomination.award_type].append(
            {
                "nomination": nomination,
                "checked": str(nomination.pk) in chosen,
                "blocked": publicity_block(nomination, today),
            }
        )
    return list(groups.items())


@require_http_methods(["GET", "POST"])
def council_session_create(request):
    require(request.user, MANAGE)
    units = units_where(request.user, MANAGE).order_by("path")
    # The council's unit is typed by code or name above the form (the department's officer
    # runs the councils of every unit: no select of them all); the form posts its id.
    wanted = (request.POST.get("unit") or request.GET.get("unit") or "").strip()
    label = _("Council of")
    unit, chooser = UnitSwitchForm.choose(wanted, units=units, label=label)
    if unit is None and request.method == "POST":
        raise Http404
    if unit is None:
        unit = units.first()
        if unit is None:
            raise PermissionDenied
        if not chooser.errors:
            chooser = UnitSwitchForm(initial={"unit": unit}, units=units, label=label)
    data = request.POST if request.method == "POST" else None
    form = SessionOpenForm(data, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_open(
                actor=request.user,
                unit=unit,
                title=form.cleaned_data["title"],
                date=form.cleaned_data["date"],
                place=form.cleaned_data["place"],
                notes=form.cleaned_data["notes"],
                nominations=list(form.cleaned_data["nominations"]),
                member_users=list(form.cleaned_data["member_users"]),
            )
        except (services.WorkflowError, PermissionDenied) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The council session was opened; members may now vote."))
            return redirect("council_session_detail", pk=session.pk)
    return render(
        request,
        "awards/council/session_form.html",
        {"form": form, "unit": unit, "chooser": chooser, "several_units": units.count() > 1,
         "groups": _grouped(form), "members_chosen": form.chosen("member_users")},
    )  # fmt: skip


# --- Session page ------------------------------------------------------------------------------


def _session_facts(session):
    items = list(
        session.items.select_related(
            "nomination__award_type", "nomination__person", "nomination__unit"
        ).order_by("order", "pk")
    )
    members = list(session.members.select_related("user").order_by("pk"))
    recusals = defaultdict(list)
    for recusal in Recusal.objects.filter(item__session=session).select_related("member__user"):
        recusals[recusal.item_id].append(recusal)
    return items, members, recusals


def _detail_context(request, session):
    from awards.publicity.services import publicity_block

    scope = scope_of(request.user)
    is_open = session.state == State.OPEN
    items, members, recusals = _session_facts(session)
    seat = next((member for member in members if member.user_id == request.user.pk), None)
    can_vote = bool(is_open and seat is not None and scope.may(VOTE, session.unit))
    can_manage = scope.may(MANAGE, session.unit)
    # Counts only: how many members voted on each item, never who voted what.
    voted = dict(
        Ballot.objects.filter(item__session=session)
        .values("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )
    # The member's own ballots, while the session is open, and nobody else's ever.
    mine = {}
    if can_vote:
        mine = dict(Ballot.objects.filter(member=seat).values_list("item_id", "choice"))
    today = timezone.localdate()
    rows = []
    for item in items:
        stood_aside = [r for r in recusals[item.pk] if seat is not None and r.member_id == seat.pk]
        rows.append(
            {
                "item": item,
                "voted": voted.get(item.pk, 0),
                "recusals": recusals[item.pk],
                "my_recusal": stood_aside[0] if stood_aside else None,
                "my_choice": mine.get(item.pk, ""),
                "blocked": publicity_block(item.nomination, today) if is_open else None,
            }
        )
    return {
        "session": session,
        "rows": rows,
        "members": members,
        "present": [m for m in members if m.present],
        "absent": [m for m in members if not m.present],
        "seat": seat,
        "can_vote": can_vote,
        "can_manage": can_manage and is_open,
        "choices": BallotForm.base_fields["choice"].choices,
        "attendance_form": AttendanceForm(members=members) if can_manage and is_open else None,
        "close_form": CloseForm() if can_manage and is_open else None,
    }


@require_safe
def council_session_detail(request, pk):
    session = get_session_for_user(request.user, pk)
    return render(request, "awards/council/session_detail.html", _detail_context(request, session))


@require_safe
def council_session_minutes(request, pk):
    session = get_session_for_user(request.user, pk)
    return render(request, "awards/council/session_minutes.html", minutes_context(session))


def minutes_context(session):
    """What the minutes as printed need: their page and their PDF share it."""
    items, members, recusals = _session_facts(session)
    return {
        "session": session,
        "rows": [{"item": item, "recusals": recusals[item.pk]} for item in items],
        "members": members,
        "present": [m for m in members if m.present],
        "absent": [m for m in members if not m.present],
    }


# --- Members' actions --------------------------------------------------------------------------


@require_POST
def council_ballot_cast(request, pk, item_pk):
    session = get_session_for_user(request.user, pk, action=VOTE)
    item = _item_of(session, item_pk)
    _seat_of(request.user, session)
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose agree, disagree or abstain."))
        return _back(session, item)
    try:
        services.ballot_cast(actor=request.user, item=item, choice=form.cleaned_data["choice"])
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Your vote was recorded. You may change it until the session closes.")
        )
    return _back(session, item)


@require_POST
def council_conflict_declare(request, pk, item_pk):
    session = get_session_for_user(request.user, pk, action=VOTE)
    item = _item_of(session, item_pk)
    _seat_of(request.user, session)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the conflict of interest is."))
        return _back(session, item)
    try:
        services.conflict_declare(actor=request.user, item=item, reason=form.cleaned_data["reason"])
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your conflict of interest was recorded; you stand aside."))
    return _back(session, item)


# --- Officers' actions -------------------------------------------------------------------------


@require_POST
def council_attendance(request, pk):
    session = get_session_for_user(request.user, pk, action=MANAGE)
    members = list(session.members.select_related("user").order_by("pk"))
    form = AttendanceForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("The attendance was not saved: a written opinion is too long."))
        return _back(session)
    try:
        with transaction.atomic():
            for member, present, opinion in form.changes():
                services.session_set_attendance(
                    actor=request.user,
                    session=session,
                    member=member,
                    present=present,
                    written_opinion=opinion,
                )
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The attendance was saved."))
    return _back(session)


@require_POST
def council_session_close(request, pk):
    session = get_session_for_user(request.user, pk, action=MANAGE)
    if not CloseForm(request.POST).is_valid():
        messages.error(request, _("Tick the confirmation to close the session."))
        return _back(session)
    try:
        services.session_close(actor=request.user, session=session)
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
        return _back(session)
    messages.success(request, _("The session was closed and the votes counted."))
    return redirect("council_session_minutes", pk=session.pk)
