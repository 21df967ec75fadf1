"""The emulation office's screens for the public comment window (công khai): the notices, the
publish form, a notice with the comments received, and the extra days off.

Access: a notice belongs to its publishing unit. Outside the user's subtrees it does not exist
(404); everyone who may read awards on that unit ("award.view") may read it and its comments;
publishing and withdrawing need "publicity.manage" (officers) on the notice's unit. The days off
are one calendar for every unit: any officer reads them, only the officers of the whole
department (the role on a top-level unit) change them. The POST-only URLs check the method first,
so a GET is a 405 whatever the object.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards.publicity import calendar, services
from awards.publicity.forms import DayOffForm, NoticeForm, WithdrawForm
from awards.publicity.models import DayOff, PublicComment, PublicNotice
from organizations.access import may_department_wide, require, require_department_wide, scope_of

VIEW = "award.view"
MANAGE = services.MANAGE


def window_status(notice, today):
    """The window as the badges and texts say it: upcoming, open, ended or withdrawn."""
    if notice.state == PublicNotice.State.WITHDRAWN:
        return "withdrawn"
    if today < notice.starts_on:
        return "upcoming"
    return "open" if today <= notice.ends_on else "ended"


def get_notice_for_user(user, pk, *, action=VIEW):
    """The notice if the user may see its unit (else 404) and may do `action` there (else 403)."""
    notice = (
        PublicNotice.objects.visible_to(user)
        .select_related("unit", "published_by")
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    require(user, action, notice.unit)
    return notice


@require_safe
def publicity_notice_list(request):
    require(request.user, VIEW)
    notices = list(
        PublicNotice.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(
            entry_count=Count("entries", distinct=True),
            comment_count=Count("entries__comments", distinct=True),
        )
    )
    today = timezone.localdate()
    for notice in notices:
        notice.status = window_status(notice, today)
    return render(
        request,
        "awards/publicity/notice_list.html",
        {"notices": notices, "can_manage": scope_of(request.user).may(MANAGE)},
    )


def _preselected(request):
    wanted = [value for value in request.GET.getlist("nomination") if value.isdigit()]
    return {"nominations": wanted} if wanted else {}


def _preview(form):
    """The window the form would give, before anything is saved. Only the start, the number of
    days and the nominations matter here: the title and the unit may still be empty."""
    form.is_valid()
    for name in ("unit", "title", "nominations"):
        form.errors.pop(name, None)
    data = form.cleaned_data
    if "starts_on" not in data or "working_days" not in data:
        return None
    if not data["working_days"] and not data.get("nominations"):
        form.add_error("working_days", _("Type a number of days or choose the nominations."))
        return None
    days = data["working_days"] or services.default_working_days(data["nominations"])
    return {
        "days": days,
        "first": calendar.first_working_day(data["starts_on"]),
        "ends_on": calendar.add_working_days(data["starts_on"], days),
    }


@require_http_methods(["GET", "POST"])
def publicity_notice_create(request):
    require(request.user, MANAGE)
    form = NoticeForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial=_preselected(request),
    )
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        preview = _preview(form)
    elif request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_publish(actor=request.user, **form.cleaned_data)
        except (services.WorkflowError, PermissionDenied) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "The notice was published. Comments are accepted from %(start)s to "
                    "%(end)s (%(days)s working days)."
                )
                % {
                    "start": notice.starts_on.strftime("%d/%m/%Y"),
                    "end": notice.ends_on.strftime("%d/%m/%Y"),
                    "days": notice.working_days,
                },
            )
            return redirect("publicity_notice_detail", pk=notice.pk)
    return render(
        request,
        "awards/publicity/notice_form.html",
        {"form": form, "preview": preview},
        status=400 if form.errors else 200,
    )


@require_safe
def publicity_notice_detail(request, pk):
    notice = get_notice_for_user(request.user, pk)
    entries = list(
        notice.entries.select_related("nomination").prefetch_related(
            Prefetch("comments", queryset=PublicComment.objects.order_by("created_at", "pk"))
        )
    )
    can_manage = scope_of(request.user).may(MANAGE, notice.unit)
    return render(
        request,
        "awards/publicity/notice_detail.html",
        {
            "notice": notice,
            "entries": entries,
            "status": window_status(notice, timezone.localdate()),
            "comment_total": sum(len(entry.comments.all()) for entry in entries),
            "can_manage": can_manage,
            "withdraw_form": WithdrawForm() if can_manage else None,
        },
    )


@require_POST
def publicity_notice_withdraw(request, pk):
    notice = get_notice_for_user(request.user, pk, action=MANAGE)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
        return redirect("publicity_notice_detail", pk=notice.pk)
    try:
        services.notice_withdraw(
            actor=request.user, notice=notice, reason=form.cleaned_data["reason"]
        )
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The notice was withdrawn from the public page."))
    return redirect("publicity_notice_detail", pk=notice.pk)


# --- Extra days off ----------------------------------------------------------------------------


def _render_days_off(request, form, status=200):
    today = timezone.localdate()
    return render(
        request,
        "awards/publicity/dayoff_list.html",
        {
            "days_off": DayOff.objects.filter(date__gte=today.replace(month=1, day=1)),
            "holidays": calendar.coming_public_holidays(today),
            "today": today,
            "form": form,
            "can_edit": may_department_wide(request.user, MANAGE),
        },
        status=status,
    )


@require_safe
def publicity_dayoff_list(request):
    require(request.user, MANAGE)
    return _render_days_off(request, DayOffForm())


@require_POST
def publicity_dayoff_add(request):
    require_department_wide(request.user, MANAGE)
    form = DayOffForm(request.POST)
    if form.is_valid():
        try:
            day = services.dayoff_add(actor=request.user, **form.cleaned_data)
        except services.WorkflowError as refusal:
            form.add_error("date", str(refusal))
        else:
            messages.success(
                request,
                _("%(date)s (%(name)s) is now a day off; windows published from now on skip it.")
                % {"date": day.date.strftime("%d/%m/%Y"), "name": day.name},
            )
            return redirect("publicity_dayoff_list")
    return _render_days_off(request, form, status=400)


@require_POST
def publicity_dayoff_remove(request, pk):
    require_department_wide(request.user, MANAGE)
    day = DayOff.objects.filter(pk=pk).first()
    if day is None:
        raise Http404
    try:
        services.dayoff_remove(actor=request.user, day=day)
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(date)s is a working day again.") % {"date": day.date.strftime("%d/%m/%Y")},
        )
    return redirect("publicity_dayoff_list")
