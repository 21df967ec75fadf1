"""What every write to a nomination shares: its states, the permission check, the row lock,
the state check and the move with its audit row and notice to the creator."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import Nomination
from organizations.access import scope_of
from organizations.audit.services import audit_record
from organizations.notifications.services import notify_owner
from organizations.workflow import WorkflowError

State = Nomination.State
EDIT = "nomination.edit"
REVIEW = "nomination.review"
EDITABLE_STATES = {State.DRAFT, State.RETURNED}
UNDER_REVIEW = {State.SUBMITTED, State.RESUBMITTED}
OVERRIDABLE_STATES = EDITABLE_STATES | UNDER_REVIEW


def _require(actor, action, unit):
    if not scope_of(actor).may(action, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit.name})


def _locked(nomination):
    """The nomination row, locked until the end of the transaction, as it is now."""
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


def _refuse_state(nomination, allowed):
    if nomination.state not in allowed:
        raise WorkflowError(
            _("This cannot be done while the nomination is “%(state)s”.")
            % {"state": nomination.get_state_display()}
        )


def _require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    return reason


def _sync(target, source, fields):
    """Copy what the locked row now holds onto the caller's instance."""
    for name in fields:
        setattr(target, name, getattr(source, name))


def _move(*, actor, nomination, allowed_from, to, action, reason="", extra_fields=(), changes=None):
    """The common shape of a transition on a row the caller already locked."""
    _refuse_state(nomination, allowed_from)
    previous = nomination.state
    nomination.state = to
    nomination.save(update_fields=["state", "updated_at", *extra_fields])
    audit_record(
        actor=actor,
        obj=nomination,
        action=action,
        from_state=previous,
        to_state=to,
        reason=reason,
        changes=changes,
    )
    _notify_creator(actor, nomination, action=action, from_state=previous, to_state=to,
                    reason=reason)  # fmt: skip
    return nomination


def _notify_creator(actor, nomination, **values):
    """The clerk who made the nomination hears of every state change someone else makes, as
    long as they may still see it (a clerk moved to another unit is told nothing about it)."""
    if nomination.created_by_id in (None, getattr(actor, "pk", None)):
        return
    creator = nomination.created_by
    if not scope_of(creator).may("award.view", nomination.unit):
        return
    label = f"{nomination.nominee} ({nomination.award_type.code} {nomination.year})"
    url = reverse("nomination_detail", args=[nomination.pk])
    notify_owner(actor=actor, owner=creator, subject=label, url=url, **values)


def nomination_lock(nomination):
    """For the later stages (council, decisions, proposals): the row locked for this transaction."""
    return _locked(nomination)


def nomination_move(*, actor, nomination, allowed_from, to, action, reason="", changes=None):
    """Move a nomination the caller locked (nomination_lock) from one of `allowed_from` to `to`,
    with its audit row; the later stages use this so every state change is written one way."""
    return _move(actor=actor, nomination=nomination, allowed_from=allowed_from, to=to,
                 action=action, reason=reason, changes=changes)  # fmt: skip
