"""Writes to proposals upward (tờ trình) and the answers of the higher authorities. One
transaction and one audit row each.

Flow (Law 2022 Art. 80, 84): the council passed a nomination whose award the department does not
decide → the Director drafts and signs a proposal to the deciding authority (the nominations
become "proposed") → when that authority's decision arrives, an officer records it: each nominee
granted (an award record, as for the department's own decisions), refused, or still pending.
Several outside decisions may answer one proposal over time; it is answered when none is pending.

Bonus money for an award decided above is paid by the authority that decides it, not by the
department: the award records created here carry no bonus amount.
"""

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Decision, DecisionLine, Nomination, Proposal, ProposalLine
from awards.nominations.services import nomination_lock, nomination_move
from organizations.access import scope_of
from organizations.audit.services import audit_record
from organizations.text import fold
from organizations.workflow import WorkflowError

__all__ = [
    "ISSUE",
    "RECORD",
    "WorkflowError",
    "annex_key",
    "issuer_code_of",
    "outside_decision_record",
    "proposal_draft",
    "proposal_sign",
]

ISSUE = "decision.issue"
RECORD = "decision.record"
State = Proposal.State
Outcome = ProposalLine.Outcome


def _require(actor, action, unit):
    if not scope_of(actor).may(action, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit.name})


def _locked(proposal):
    return (
        Proposal.objects.select_for_update(of=("self",)).select_related("unit").get(pk=proposal.pk)
    )


def annex_key(nomination):
    """The usual order of a list of nominees: I. collectives, II. individuals; by the award's
    place in the catalogue, then by name in Vietnamese order."""
    collective = nomination.person_id is None
    name = nomination.unit.sort_name if collective else nomination.person.sort_name
    return (0 if collective else 1, nomination.award_type.display_order, name, nomination.pk)


def _check_nominations(nominations, unit, authority):
    if not nominations:
        raise WorkflowError(_("Choose at least one nominee to propose."))
    authorities = set()
    for nomination in nominations:
        nominee, award = nomination.nominee, nomination.award_type
        if award.decided_by_department:
            raise WorkflowError(
                _("%(nominee)s: %(award)s is decided by the department: draft a decision "
                  "instead.") % {"nominee": nominee, "award": award.name}
            )  # fmt: skip
        if nomination.state != Nomination.State.PASSED:
            raise WorkflowError(
                _("%(nominee)s: only a nomination the council passed can be proposed; this one "
                  "is “%(state)s”.") % {"nominee": nominee, "state": nomination.get_state_display()}
            )  # fmt: skip
        if not nomination.unit.path.startswith(unit.path):
            raise WorkflowError(
                _("%(nominee)s is not in %(unit)s; this unit cannot propose it.")
                % {"nominee": nominee, "unit": unit.name}
            )
        authorities.add(award.authority)
    named = authorities | ({authority} if authority else set())
    if len(named) > 1:
        raise WorkflowError(
            _("A proposal goes to one authority; these awards are decided by: %(authorities)s.")
            % {"authorities": ", ".join(sorted(named))}
        )
    elsewhere = ProposalLine.objects.filter(
        nomination__in=nominations, proposal__state=State.DRAFT
    ).select_related("nomination__person", "nomination__unit")
    taken = elsewhere.first()
    if taken is not None:
        raise WorkflowError(
            _("%(nominee)s is already on another draft proposal.")
            % {"nominee": taken.nomination.nominee}
        )
    return authorities.pop()


@transaction.atomic
def proposal_draft(*, actor, unit, nominations, authority, subject, body, signer_name,
                   signer_title):  # fmt: skip
    """A draft proposal of passed nominations to the one authority that decides their awards."""
    _require(actor, ISSUE, unit)
    nominations = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(pk__in=[n.pk for n in nominations])
        .select_related("award_type", "person", "unit")
    )
    authority = _check_nominations(nominations, unit, (authority or "").strip())
    subject = " ".join((subject or "").split())
    if not subject:
        raise WorkflowError(_("Give the subject of the proposal (trích yếu)."))
    proposal = Proposal.objects.create(
        unit=unit, authority=authority, subject=subject, body=(body or "").strip(),
        signer_name=(signer_name or "").strip(), signer_title=(signer_title or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=proposal, nomination=nomination, order=index)
        for index, nomination in enumerate(sorted(nominations, key=annex_key), start=1)
    )
    changes = {"authority": authority, "nominations": [n.pk for n in nominations]}
    audit_record(actor=actor, obj=proposal, action="proposal.draft", to_state=State.DRAFT,
                 changes=changes)  # fmt: skip
    return proposal


@transaction.atomic
def proposal_sign(*, actor, proposal, signed_on, number_text=""):
    """The Director signs and sends the proposal: every nominee on it becomes "proposed"."""
    locked = _locked(proposal)
    _require(actor, ISSUE, locked.unit)
    if locked.state != State.DRAFT:
        raise WorkflowError(_("This proposal is already signed."))
    if signed_on is None:
        raise WorkflowError(_("Give the date the proposal is signed."))
    lines = list(locked.lines.select_related("nomination__award_type", "nomination__person",
                                             "nomination__unit"))  # fmt: skip
    if not lines:
        raise WorkflowError(_("The proposal lists no nominee."))
    number_text = " ".join((number_text or "").split())
    for line in lines:
        nomination = nomination_lock(line.nomination)
        nomination_move(actor=actor, nomination=nomination, allowed_from={Nomination.State.PASSED},
                        to=Nomination.State.PROPOSED, action="nomination.propose",
                        changes={"proposal": number_text or str(locked.pk),
                                 "authority": locked.authority})  # fmt: skip
    locked.state, locked.signed_on, locked.number_text = State.SIGNED, signed_on, number_text
    locked.signed_by = actor if getattr(actor, "pk", None) else None
    locked.save(update_fields=["state", "signed_on", "number_text", "signed_by"])
    changes = {"number_text": number_text, "signed_on": signed_on.isoformat()}
    audit_record(actor=actor, obj=locked, action="proposal.sign", from_state=State.DRAFT,
                 to_state=State.SIGNED, changes=changes)  # fmt: skip
    proposal.state, proposal.signed_on, proposal.number_text = (locked.state, locked.signed_on,
                                                                locked.number_text)  # fmt: skip
    return locked


def issuer_code_of(number_text, authority):
    """“163/QĐ-UBND” → “UBND”; without that shape, the initials of the authority
    (“Thủ tướng Chính phủ” → “TTCP”)."""
    found = re.search(r"/\s*[^/\s-]+-\s*([^\s/]+)\s*$", number_text or "")
    if found:
        return found.group(1)[:40]
    words = fold(authority or "").split()
    return ("".join(word[0] for word in words).upper() or "NGOAI")[:40]


def _outside_decision(*, actor, proposal, number_text, decision_date, authority):
    """The authority's decision, recorded once even when it answers several proposals."""
    found = Decision.objects.filter(
        kind=Decision.Kind.OUTSIDE, unit=proposal.unit, number_text=number_text,
        authority=authority, decision_date=decision_date,
    ).first()  # fmt: skip
    if found is not None:
        return found
    decision = Decision.objects.create(
        kind=Decision.Kind.OUTSIDE, state=Decision.State.ISSUED, unit=proposal.unit,
        issuer_code=issuer_code_of(number_text, authority), issuer_name=authority,
        authority=authority, number_text=number_text, decision_date=decision_date,
        year=decision_date.year,
        # A legal document's text is Vietnamese whatever the interface language.
        subject=f"Khen thưởng theo Tờ trình {proposal.number_text or proposal.pk}",
        created_by=actor if getattr(actor, "pk", None) else None,
        issued_by=actor if getattr(actor, "pk", None) else None, issued_at=timezone.now(),
    )  # fmt: skip
    audit_record(actor=actor, obj=decision, action="decision.record", to_state="issued",
                 changes={"number_text": number_text, "authority": authority,
                          "decision_date": decision_date.isoformat(),
                          "proposal": proposal.pk})  # fmt: skip
    return decision


def _decision_line(decision, nomination):
    person = nomination.person
    if person is not None:
        recipient, position, unit_name = person.full_name, person.position, person.unit.name
    else:
        recipient, position = nomination.unit.name, ""
        unit_name = nomination.unit.parent.name if nomination.unit.parent_id else ""
    return DecisionLine.objects.create(
        decision=decision, nomination=nomination, award_type=nomination.award_type,
        person=person, unit=nomination.unit, order=decision.lines.count() + 1,
        recipient_name=recipient, position=position, unit_name=unit_name,
        coefficient=nomination.award_type.bonus_coefficient, bonus_amount=None,
    )  # fmt: skip


@transaction.atomic
def outside_decision_record(*, actor, proposal, number_text, decision_date, authority, outcomes):
    """Record a higher authority's decision on a signed proposal. `outcomes` maps ProposalLine
    (or its id) → "granted" / "refused" / "pending"; lines not named stay pending."""
    from awards.decisions.granting import award_grant

    locked = _locked(proposal)
    _require(actor, RECORD, locked.unit)
    if locked.state == State.DRAFT:
        raise WorkflowError(_("Sign and send the proposal before recording its answer."))
    if locked.state == State.ANSWERED:
        raise WorkflowError(_("Every nominee of this proposal has been answered already."))
    number_text = " ".join((number_text or "").split())
    authority = " ".join((authority or "").split()) or locked.authority
    if not number_text:
        raise WorkflowError(_("Give the number of the decision."))
    if decision_date is None:
        raise WorkflowError(_("Give the date of the decision."))
    if locked.signed_on and decision_date < locked.signed_on:
        raise WorkflowError(_("The decision cannot be dated before the proposal was signed."))
    wanted = {getattr(key, "pk", key): value for key, value in outcomes.items()}
    lines = {
        line.pk: line
        for line in locked.lines.select_for_update(of=("self",)).select_related(
            "nomination__award_type", "nomination__person__unit", "nomination__unit__parent"
        )
    }
    unknown = set(wanted) - set(lines)
    if unknown or set(wanted.values()) - set(Outcome.values):
        raise WorkflowError(_("The answer names a nominee that is not on this proposal."))
    answered = {pk: value for pk, value in wanted.items() if value != Outcome.PENDING}
    if any(lines[pk].outcome != Outcome.PENDING for pk in answered):
        raise WorkflowError(_("A nominee of this answer was answered by an earlier decision."))
    if not answered:
        raise WorkflowError(_("Mark at least one nominee as granted or refused."))
    decision = _outside_decision(actor=actor, proposal=locked, number_text=number_text,
                                 decision_date=decision_date, authority=authority)  # fmt: skip
    reason = _("Refused by %(authority)s, decision %(number)s") % {
        "authority": authority, "number": number_text}  # fmt: skip
    for pk in sorted(answered, key=lambda pk: lines[pk].order):
        line = lines[pk]
        if answered[pk] == Outcome.GRANTED:
            annex_line = _decision_line(decision, line.nomination)
            award_grant(actor=actor, nomination=line.nomination, decision=decision,
                        line=annex_line, bonus_amount=None)  # fmt: skip
        else:
            nomination = nomination_lock(line.nomination)
            nomination_move(actor=actor, nomination=nomination,
                            allowed_from={Nomination.State.PROPOSED},
                            to=Nomination.State.REFUSED, action="nomination.refuse", reason=reason,
                            changes={"decision": number_text})  # fmt: skip
        line.outcome, line.decision = answered[pk], decision
        line.save(update_fields=["outcome", "decision"])
    previous = locked.state
    if all(line.outcome != Outcome.PENDING for line in lines.values()):
        locked.state = State.ANSWERED
        locked.save(update_fields=["state"])
    changes = {"decision": number_text, "authority": authority,
               "outcomes": {str(pk): value for pk, value in answered.items()}}  # fmt: skip
    audit_record(actor=actor, obj=locked, action="proposal.answer", from_state=previous,
                 to_state=locked.state, changes=changes)  # fmt: skip
    proposal.state = locked.state
    return decision
