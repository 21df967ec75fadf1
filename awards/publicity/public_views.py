"""The pages anyone may open without signing in: the notices open for comment and the form to
comment on a nominee.

They read only PublicNotice and PublicNoticeEntry, the copies of the public facts made when a
notice was published; never the nomination or the person. Comments are not shown back to the
public. A withdrawn notice does not exist here (404), and a notice is found only by its
unguessable token, never by its number.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from awards.publicity import services
from awards.publicity.forms import CommentForm
from awards.publicity.models import PublicNotice
from awards.publicity.views import window_status

# How long a closed window stays on the public index.
RECENT_DAYS = 30


def _client_address(request):
    """The sender's address as the sign-in lockout sees it (same proxy settings)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def _published(token):
    notice = (
        PublicNotice.objects.filter(token=token, state=PublicNotice.State.PUBLISHED)
        .select_related("unit")
        .first()
    )
    if notice is None:
        raise Http404
    return notice


@login_not_required
@require_safe
def public_notice_index(request):
    today = timezone.localdate()
    notices = list(
        PublicNotice.objects.filter(
            state=PublicNotice.State.PUBLISHED,
            ends_on__gte=today - timedelta(days=RECENT_DAYS),
        )
        .annotate(entry_count=Count("entries"))
        .order_by("ends_on", "pk")
    )
    for notice in notices:
        notice.status = window_status(notice, today)
    order = {"open": 0, "upcoming": 1, "ended": 2}
    notices.sort(key=lambda n: order[n.status])
    return render(request, "awards/publicity/public_index.html", {"notices": notices})


def _render_notice(request, notice, *, failed_entry=None, failed_form=None, status=200):
    today = timezone.localdate()
    is_open = services.comments_open(notice, today)
    entries = list(notice.entries.all())
    for entry in entries:
        if is_open:
            entry.form = (
                failed_form
                if failed_entry == entry.pk
                else CommentForm(auto_id=f"id_{entry.pk}_%s")
            )
    return render(
        request,
        "awards/publicity/public_notice.html",
        {
            "notice": notice,
            "entries": entries,
            "status": window_status(notice, today),
            "is_open": is_open,
            "failed_entry": failed_entry,
        },
        status=status,
    )


@login_not_required
@require_safe
def public_notice_detail(request, token):
    return _render_notice(request, _published(token))


@login_not_required
@require_POST
def public_comment_create(request, token, entry_pk):
    notice = _published(token)
    entry = notice.entries.filter(pk=entry_pk).first()
    if entry is None:
        raise Http404
    form = CommentForm(request.POST, auto_id=f"id_{entry.pk}_%s")
    if form.is_valid():
        try:
            services.comment_add(entry=entry, address=_client_address(request), **form.cleaned_data)
        except services.WorkflowError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Thank you. Your comment on %(name)s was received by the emulation office.")
                % {"name": entry.display_name},
            )
            return redirect("public_notice_detail", token=notice.token)
    if not services.comments_open(notice):
        messages.error(request, _("Comments on this notice are not being accepted now."))
        return redirect("public_notice_detail", token=notice.token)
    return _render_notice(request, notice, failed_entry=entry.pk, failed_form=form, status=400)
