"""Transitions of a nomination under review: submit, return, accept, withdraw and the officer's
written override of failing rules."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.eligibility import evaluate_nomination
from awards.nominations.services._common import (
    EDIT,
    EDITABLE_STATES,
    OVERRIDABLE_STATES,
    REVIEW,
    UNDER_REVIEW,
    State,
    _locked,
    _move,
    _refuse_state,
    _require,
    _require_reason,
    _sync,
)
from awards.nominations.services.editing import (
    indicator_evidence,
    missing_documents,
    overridden_rules,
)
from organizations.audit.services import audit_record
from organizations.workflow import WorkflowError


def _describe(results):
    return "; ".join(f"{result.rule}: {result.message}" for result in results)


@transaction.atomic
def nomination_submit(*, actor, nomination):
    """Draft → submitted, returned → resubmitted, once the dossier is complete and every blocking
    rule passes (or an officer overrode the ones that fail). Stores the eligibility checklist and,
    for a collective, a frozen copy of the unit's indicator report for the year."""
    _require(actor, EDIT, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, EDITABLE_STATES)
    verdict = evaluate_nomination(locked)
    problems = []
    failing = verdict.blocking_failures
    if failing:
        covered = overridden_rules(locked)
        uncovered = [result for result in failing if result.rule not in covered]
        if uncovered:
            problems.append(
                _("Blocking eligibility rules fail: %(rules)s.") % {"rules": _describe(uncovered)}
            )
    missing = missing_documents(locked)
    if missing:
        problems.append(
            _("The dossier is incomplete: %(missing)s.") % {"missing": "; ".join(missing)}
        )
    if problems:
        raise WorkflowError(
            _("The nomination was not submitted. %(problems)s") % {"problems": " ".join(problems)}
        )
    # With each message's msgid and parameters: the checklist reads in its reader's language.
    locked.eligibility = [result.as_stored() for result in verdict.results]
    locked.indicator_evidence = (
        [] if locked.is_individual else indicator_evidence(locked.unit, locked.year)
    )
    locked.submitted_at = timezone.now()
    to = State.SUBMITTED if locked.state == State.DRAFT else State.RESUBMITTED
    fields = ["eligibility", "indicator_evidence", "submitted_at"]
    _move(
        actor=actor,
        nomination=locked,
        allowed_from=EDITABLE_STATES,
        to=to,
        action="nomination.submit",
        extra_fields=fields,
        changes={"overridden": sorted(r.rule for r in failing)} if failing else None,
    )
    _sync(nomination, locked, ["state", "updated_at", *fields])
    return locked


def _review_step(*, actor, nomination, permission, allowed_from, to, action, reason=""):
    """Check the permission, lock, move with its audit row, and show the caller the new state."""
    _require(actor, permission, nomination.unit)
    locked = _locked(nomination)
    _move(actor=actor, nomination=locked, allowed_from=allowed_from, to=to, action=action,
          reason=reason)  # fmt: skip
    _sync(nomination, locked, ["state", "updated_at"])
    return locked


@transaction.atomic
def nomination_return(*, actor, nomination, reason):
    """Submitted or resubmitted → returned to the unit, with the reason they must act on."""
    return _review_step(actor=actor, nomination=nomination, permission=REVIEW,
                        allowed_from=UNDER_REVIEW, to=State.RETURNED, action="nomination.return",
                        reason=_require_reason(reason))  # fmt: skip


@transaction.atomic
def nomination_accept(*, actor, nomination):
    """Submitted or resubmitted → accepted, ready for the council."""
    return _review_step(actor=actor, nomination=nomination, permission=REVIEW,
                        allowed_from=UNDER_REVIEW, to=State.ACCEPTED,
                        action="nomination.accept")  # fmt: skip


@transaction.atomic
def nomination_withdraw(*, actor, nomination, reason=""):
    """Draft or returned → withdrawn: the unit no longer proposes it."""
    return _review_step(actor=actor, nomination=nomination, permission=EDIT,
                        allowed_from=EDITABLE_STATES, to=State.WITHDRAWN,
                        action="nomination.withdraw", reason=(reason or "").strip())  # fmt: skip


@transaction.atomic
def nomination_override(*, actor, nomination, reason):
    """An officer lets the nomination go forward although blocking rules fail, in writing.

    The override covers the rules failing now (named in the audit row); a rule that starts
    failing later needs a new override."""
    reason = _require_reason(reason)
    _require(actor, REVIEW, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, OVERRIDABLE_STATES)
    failing = sorted(result.rule for result in evaluate_nomination(locked).blocking_failures)
    if not failing:
        raise WorkflowError(_("No blocking rule fails: there is nothing to override."))
    locked.override_reason = reason
    locked.save(update_fields=["override_reason", "updated_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="nomination.override",
        from_state=locked.state,
        to_state=locked.state,
        reason=reason,
        changes={"rules": failing},
    )
    _sync(nomination, locked, ["override_reason", "updated_at"])
    return locked
