"""The user's own notifications: the list, opening one (which marks it read) and "mark all read".

Notifications belong to one user: another user's notification does not exist for anyone else,
superusers included (404).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from organizations.models import Notification
from organizations.notifications.services import (
    describe,
    is_local_path,
    notification_mark_all_read,
    notification_mark_read,
)

PER_PAGE = 25


@require_safe
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    for notification in page:
        notification.sentence = describe(notification)
    return render(request, "organizations/notifications/notification_list.html", {"page": page})


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notification_mark_read(user=request.user, notification=notification)
    # Only a path on this site: a stored address must never send the reader elsewhere.
    if is_local_path(notification.url):
        return redirect(notification.url)
    return redirect("notification_list")


@require_POST
def notification_read_all(request):
    count = notification_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notification_list")
