"""Telling a user that something of theirs changed: an in-app notification and an e-mail.

A notification stores the action and its values, not a sentence: `describe()` writes the sentence
in the reader's language each time it is shown. The e-mail has to be written once, when it is
sent, in the language the user chose for themselves (UserPreference) or else the site's default.
It is sent only once the change is committed, so a change that is
rolled back tells nobody anything.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.models import Notification

__all__ = [
    "describe",
    "is_local_path",
    "notification_mark_all_read",
    "notification_mark_read",
    "notify",
    "notify_owner",
    "unread_count",
]

# What happened to a nomination, by the state it reached: the later stages (council, decisions,
# proposals) name their actions themselves, the state they move to says it for all of them.
NOMINATION_SENTENCES = {
    "submitted": gettext_lazy("The nomination of %(subject)s was submitted."),
    "resubmitted": gettext_lazy("The nomination of %(subject)s was submitted again."),
    "returned": gettext_lazy("The nomination of %(subject)s was returned to the unit."),
    "accepted": gettext_lazy("The nomination of %(subject)s was accepted for the council."),
    "passed": gettext_lazy("The nomination of %(subject)s was passed by the council."),
    "not_passed": gettext_lazy("The nomination of %(subject)s was not passed by the council."),
    "proposed": gettext_lazy("The nomination of %(subject)s was proposed to a higher authority."),
    "granted": gettext_lazy("The award for %(subject)s was granted."),
    "refused": gettext_lazy("The nomination of %(subject)s was refused by the higher authority."),
    "withdrawn": gettext_lazy("The nomination of %(subject)s was withdrawn."),
}


def _state_labels(action):
    """Value → translated label of the states the action's object moves between."""
    prefix = action.split(".", 1)[0]
    if prefix == "nomination":
        from awards.nominations.models import Nomination  # awards builds on organizations

        return dict(Nomination.State.choices)
    if prefix == "decision":
        from awards.decisions.models import Decision

        return dict(Decision.State.choices)
    return {}


def describe(notification):
    """The notification as one sentence in the current language."""
    labels = _state_labels(notification.action)
    values = {
        "subject": notification.subject,
        "from": str(labels.get(notification.from_state, notification.from_state)),
        "to": str(labels.get(notification.to_state, notification.to_state)),
    }
    if notification.action.startswith("nomination."):
        sentence = NOMINATION_SENTENCES.get(notification.to_state)
        if sentence is not None:
            return str(sentence) % values
    if notification.from_state and notification.to_state:
        return _("%(subject)s: %(from)s → %(to)s") % values
    if notification.to_state:
        return _("%(subject)s: %(to)s") % values
    return notification.subject


def is_local_path(url):
    """A path on this site ("/awards/…"), never another host, a scheme or "//host"."""
    return (
        bool(url)
        and url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


def _mail(notification_id):
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email:
        return
    from organizations.models import UserPreference

    chosen = (
        UserPreference.objects.filter(user=notification.user)
        .values_list("language", flat=True)
        .first()
    )
    with translation.override(chosen or settings.LANGUAGE_CODE):
        sentence = describe(notification)
        lines = [sentence]
        if notification.reason:
            lines += ["", _("Reason: %(reason)s") % {"reason": notification.reason}]
        if is_local_path(notification.url):
            # No site address is configured, so the link is the path on the Thi đua server.
            lines += ["", _("Open in Thi đua: %(url)s") % {"url": notification.url}]
        send_mail(
            subject=f"[Thi đua] {sentence}"[:200],
            message="\n".join(lines),
            from_email=None,
            recipient_list=[notification.user.email],
        )


def notify(*, user, action, subject, from_state="", to_state="", reason="", url=""):
    """Store a notification for the user and, once the transaction commits, e-mail it to them
    if they have an address. A failing mail server is logged by Django (a robust on_commit
    callback), never shown to the person whose change caused the mail."""
    notification = Notification.objects.create(
        user=user,
        action=action[:64],
        subject=str(subject)[:255],
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        url=(url or "")[:500],
    )
    if user.email:
        transaction.on_commit(lambda: _mail(notification.pk), robust=True)
    return notification


def notify_owner(*, actor, owner, **values):
    """Notify the owner of an object (the clerk who created a nomination, …) of a change to it,
    unless there is no owner, their account is closed or they made the change themselves."""
    if owner is None or not owner.is_active or owner.pk == getattr(actor, "pk", None):
        return None
    return notify(user=owner, **values)


def unread_count(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_mark_read(*, user, notification):
    """A personal reading mark, not a record the department keeps: no audit row."""
    if notification.user_id != user.pk:
        raise ValueError("not the owner")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user):
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
