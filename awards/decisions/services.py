"""Writes to the department's decisions: draft, edit, discard, issue, and the draft of an
amending decision. One transaction and one audit row each.

An issued decision never changes: every function here locks the decision row and refuses
unless it is a draft; a mistake is corrected by a new decision that amends or revokes it.

Numbering: issuing locks the (issuer, year) counter row, so two approvers issuing at once take
turns — numbers are given once and without gaps (a failed issue rolls its number back with it).
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.decisions import text
from awards.decisions.granting import award_grant, base_salary_on, price
from awards.decisions.lines import check_nomination, grant_order, line_for, renumber
from awards.models import Decision, DecisionCounter, DecisionLine, Nomination
from awards.nominations.services import nomination_lock
from organizations.access import scope_of
from organizations.audit.services import audit_record, changes_between
from organizations.workflow import WorkflowError

__all__ = [
    "ISSUE",
    "TEXT_FIELDS",
    "WorkflowError",
    "decision_amend_draft",
    "decision_discard",
    "decision_draft",
    "decision_issue",
    "decision_line_remove",
    "decision_update",
    "last_issuer_code",
]

ISSUE = "decision.issue"
State = Decision.State
TEXT_FIELDS = ["subject", "legal_bases", "proposal_phrase", "signer_name", "signer_title",
               "issuer_code", "issuer_name"]  # fmt: skip
FORBIDDEN_IN_CODE = set("/\\ \t\n")


def _require(actor, unit):
    if not scope_of(actor).may(ISSUE, unit):
        raise PermissionDenied(_("You may not issue decisions for %(unit)s.") % {"unit": unit.name})


def _locked(decision):
    locked = Decision.objects.select_for_update().select_related("unit").get(pk=decision.pk)
    if locked.state != State.DRAFT:
        raise WorkflowError(
            _("Decision %(number)s is issued and can no longer be changed; correct it with a new "
              "decision that amends or revokes it.") % {"number": locked.number_text}
        )  # fmt: skip
    return locked


def _clean_texts(values):
    values = {name: (values[name] or "").strip() for name in TEXT_FIELDS if name in values}
    if "issuer_code" in values:
        code = values["issuer_code"].upper()
        if not code or FORBIDDEN_IN_CODE & set(code):
            raise WorkflowError(_("The issuer code is printed after “QĐ-”: give it without "
                                  "spaces or slashes, e.g. SLĐTBXH."))  # fmt: skip
        values["issuer_code"] = code
    if "proposal_phrase" in values:
        values["proposal_phrase"] = text.clean_proposal_phrase(values["proposal_phrase"])
    for name in ("subject", "issuer_name"):
        if name in values and not values[name]:
            raise WorkflowError(_("A decision needs its subject and its issuer."))
    return values


def _lock_nominations(nominations):
    # Always in the same order, so two drafts taking the same nominations cannot deadlock.
    return [nomination_lock(n) for n in sorted(nominations, key=lambda n: n.pk)]


def _add_lines(decision, nominations):
    locked = _lock_nominations(nominations)
    for nomination in locked:
        check_nomination(nomination, decision.unit, decision=decision)
    lines = [line_for(decision, n) for n in Nomination.objects.filter(
        pk__in=[n.pk for n in locked]).select_related("award_type", "person__unit",
                                                      "unit__parent")]  # fmt: skip
    DecisionLine.objects.bulk_create(lines)
    return lines


def last_issuer_code(unit):
    """The issuer code the unit's latest decision was given (officers correct the default once,
    e.g. SLDTBXH → SLĐTBXH; later drafts start from what they typed)."""
    return (
        Decision.objects.filter(unit=unit)
        .exclude(kind=Decision.Kind.OUTSIDE)
        .order_by("-id")
        .values_list("issuer_code", flat=True)
        .first()
    )


def _campaign_of(nominations):
    campaigns = {n.campaign_id for n in nominations}
    return next(iter(campaigns)) if len(campaigns) == 1 else None


@transaction.atomic
def decision_draft(*, actor, unit, nominations, subject, legal_bases, proposal_phrase,
                   signer_name, signer_title, decision_date=None, issuer_code=None,
                   issuer_name=None):  # fmt: skip
    """A draft decision of `unit` granting the passed nominations, annex in the usual order."""
    _require(actor, unit)
    nominations = list(nominations)
    if not nominations:
        raise WorkflowError(_("Choose at least one passed nomination for the decision."))
    year = max(n.year for n in nominations)
    defaults = text.draft_defaults(unit=unit, year=year, on_date=decision_date,
                                   issuer_code=last_issuer_code(unit))  # fmt: skip
    values = _clean_texts({
        "subject": subject or defaults["subject"], "legal_bases": legal_bases,
        "proposal_phrase": proposal_phrase, "signer_name": signer_name,
        "signer_title": signer_title,
        "issuer_code": issuer_code or defaults["issuer_code"],
        "issuer_name": issuer_name or defaults["issuer_name"],
    })  # fmt: skip
    decision = Decision.objects.create(
        kind=Decision.Kind.GRANT, state=State.DRAFT, unit=unit, decision_date=decision_date,
        campaign_id=_campaign_of(nominations), authority=values["issuer_name"],
        created_by=actor if getattr(actor, "pk", None) else None, **values,
    )  # fmt: skip
    _add_lines(decision, nominations)
    renumber(decision)
    audit_record(actor=actor, obj=decision, action="decision.draft", to_state=State.DRAFT,
                 changes={"nominations": sorted(n.pk for n in nominations)})  # fmt: skip
    return decision


@transaction.atomic
def decision_update(*, actor, decision, nominations=None, decision_date=None, **texts):
    """Change a draft: its wording, its date, and (when `nominations` is given) exactly which
    nominations its annex carries."""
    _require(actor, decision.unit)
    locked = _locked(decision)
    values = _clean_texts(texts)
    if decision_date is not None:
        values["decision_date"] = decision_date
    changes = changes_between(locked, values)
    for name, value in values.items():
        setattr(locked, name, value)
    if changes:
        locked.save(update_fields=list(values))
    if nominations is not None:
        wanted = {n.pk: n for n in nominations}
        current = dict(locked.lines.values_list("nomination_id", "pk"))
        removed = [pk for nomination_id, pk in current.items() if nomination_id not in wanted]
        added = [n for pk, n in wanted.items() if pk not in current]
        if removed or added:
            if len(current) - len(removed) + len(added) == 0 and locked.kind == Decision.Kind.GRANT:
                raise WorkflowError(_("A decision needs at least one nomination; discard the draft "
                                      "instead."))  # fmt: skip
            DecisionLine.objects.filter(pk__in=removed).delete()
            _add_lines(locked, added)
            renumber(locked)
            changes["nominations"] = {"added": sorted(n.pk for n in added),
                                      "removed": len(removed)}  # fmt: skip
    if changes:
        audit_record(actor=actor, obj=locked, action="decision.update", changes=changes)
    return locked


@transaction.atomic
def decision_line_remove(*, actor, line):
    """Take one recipient out of a draft's annex."""
    _require(actor, line.decision.unit)
    locked = _locked(line.decision)
    if locked.kind == Decision.Kind.GRANT and locked.lines.count() <= 1:
        raise WorkflowError(
            _("A decision needs at least one nomination; discard the draft instead.")
        )
    name = line.recipient_name
    DecisionLine.objects.filter(pk=line.pk, decision=locked).delete()
    renumber(locked)
    audit_record(actor=actor, obj=locked, action="decision.line_remove",
                 changes={"recipient": name, "nomination": line.nomination_id})  # fmt: skip
    return locked


@transaction.atomic
def decision_discard(*, actor, decision):
    """Throw a draft away; its nominations stay passed, ready for another decision."""
    _require(actor, decision.unit)
    locked = _locked(decision)
    audit_record(actor=actor, obj=locked, action="decision.discard", from_state=State.DRAFT,
                 changes={"subject": locked.subject})  # fmt: skip
    locked.delete()
    return locked


def _next_number(issuer_code, year):
    """The counter row of (issuer, year), locked for this transaction; created at first use.
    Two first issues of a year may both try to create it: the loser waits for the winner's row."""
    counters = DecisionCounter.objects.select_for_update()
    try:
        with transaction.atomic():
            counter, _created = counters.get_or_create(issuer_code=issuer_code, year=year)
    except IntegrityError:
        counter = counters.get(issuer_code=issuer_code, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def decision_issue(*, actor, decision, decision_date):
    """Draft → issued: number it, price every line on the decision date, grant the awards."""
    _require(actor, decision.unit)
    if decision_date is None:
        raise WorkflowError(_("Give the date the decision is signed."))
    if decision_date > timezone.localdate():
        raise WorkflowError(_("A decision cannot be dated after today."))
    locked = _locked(decision)
    lines = list(locked.lines.select_related("award_type", "nomination", "person", "unit"))
    if not lines and locked.kind == Decision.Kind.GRANT:
        raise WorkflowError(_("The decision has no one to grant."))
    total, base = 0, base_salary_on(decision_date)
    for line in lines:
        line.bonus_amount = price(award_type=line.award_type, base=base,
                                  collective=line.person_id is None)  # fmt: skip
        line.coefficient = line.award_type.bonus_coefficient
        total += line.bonus_amount
    DecisionLine.objects.bulk_update(lines, ["bonus_amount", "coefficient"])
    number = _next_number(locked.issuer_code, decision_date.year)
    locked.number, locked.year = number, decision_date.year
    locked.number_text = f"{number}/QĐ-{locked.issuer_code}"
    locked.decision_date, locked.base_salary, locked.total_bonus = decision_date, base, total
    locked.state, locked.issued_by, locked.issued_at = State.ISSUED, actor, timezone.now()
    locked.save()
    for line in grant_order(lines):
        if line.nomination_id is not None:
            award_grant(actor=actor, nomination=line.nomination, decision=locked, line=line,
                        bonus_amount=line.bonus_amount)  # fmt: skip
    audit_record(actor=actor, obj=locked, action="decision.issue", from_state=State.DRAFT,
                 to_state=State.ISSUED,
                 changes={"number": locked.number_text, "decision_date": str(decision_date),
                          "total_bonus": str(total), "lines": len(lines)})  # fmt: skip
    for name in ("state", "number", "year", "number_text", "decision_date", "base_salary",
                 "total_bonus", "issued_by_id", "issued_at"):  # fmt: skip
        setattr(decision, name, getattr(locked, name))
    return locked


@transaction.atomic
def decision_amend_draft(*, actor, decision, kind=Decision.Kind.AMEND, subject="",
                         legal_bases=None, proposal_phrase=None):  # fmt: skip
    """A draft of a new decision that amends or revokes an issued one (it gets its own number
    when issued; the issued decision itself is never touched)."""
    _require(actor, decision.unit)
    if kind not in (Decision.Kind.AMEND, Decision.Kind.REVOKE):
        raise WorkflowError(_("A correction either amends or revokes the decision."))
    if decision.state != State.ISSUED:
        raise WorkflowError(_("Only an issued decision is corrected by another one; edit the "
                              "draft instead."))  # fmt: skip
    if decision.kind == Decision.Kind.OUTSIDE:
        raise WorkflowError(_("A higher authority's decision is corrected by that authority."))
    verb = "sửa đổi, bổ sung" if kind == Decision.Kind.AMEND else "thu hồi, hủy bỏ"
    default_subject = f"Về việc {verb} Quyết định số {decision.number_text}"
    amendment = Decision.objects.create(
        kind=kind, state=State.DRAFT, unit=decision.unit, amends=decision,
        issuer_code=decision.issuer_code, issuer_name=decision.issuer_name,
        authority=decision.authority, campaign=decision.campaign,
        subject=(subject or "").strip() or default_subject,
        legal_bases=decision.legal_bases if legal_bases is None else legal_bases,
        proposal_phrase=decision.proposal_phrase if proposal_phrase is None
        else text.clean_proposal_phrase(proposal_phrase),
        signer_name=decision.signer_name, signer_title=decision.signer_title,
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    audit_record(actor=actor, obj=amendment, action="decision.draft", to_state=State.DRAFT,
                 changes={"amends": decision.number_text, "kind": kind})  # fmt: skip
    return amendment
