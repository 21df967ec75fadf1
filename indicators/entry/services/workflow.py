"""The approval of a unit's year: submit, approve, return and reopen, each audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.entry.services._common import State, status_for_update
from indicators.models import Period
from organizations.audit.services import audit_record
from organizations.workflow import WorkflowError


def _transition(*, actor, unit, year, allowed_from, to, reason="", period=Period.YEAR):
    status = status_for_update(unit=unit, year=year, period=period)
    if status.state not in allowed_from:
        raise WorkflowError(
            _("This cannot be done while the figures are “%(state)s”.")
            % {"state": status.get_state_display()}
        )
    previous = status.state
    status.state = to
    status.reason = reason
    status.changed_by = actor
    status.changed_at = timezone.now()
    status.save(update_fields=["state", "reason", "changed_by", "changed_at"])
    audit_record(actor=actor, obj=status, action=f"figures.{to}", from_state=previous, to_state=to,
                 reason=reason)  # fmt: skip
    return status


def _require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    return reason


@transaction.atomic
def figures_submit(*, actor, unit, year):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.OPEN, State.RETURNED},
                       to=State.SUBMITTED)  # fmt: skip


@transaction.atomic
def figures_approve(*, actor, unit, year):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.SUBMITTED},
                       to=State.APPROVED)  # fmt: skip


@transaction.atomic
def figures_return(*, actor, unit, year, reason):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.SUBMITTED},
                       to=State.RETURNED, reason=_require_reason(reason))  # fmt: skip


@transaction.atomic
def figures_reopen(*, actor, unit, year, reason):
    return _transition(actor=actor, unit=unit, year=year, allowed_from={State.APPROVED},
                       to=State.OPEN, reason=_require_reason(reason))  # fmt: skip
