"""Registrations (đăng ký thi đua): a unit's collective title and its people's titles for the
year, drafted and submitted by the unit, approved or returned by an emulation officer.

Every write is one transaction with its audit row; state changes lock the registration
(select_for_update), check the state it is in now and audit from → to with the reason.
Refusals raise `WorkflowError` or `ValidationError` with a translated message for the user.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.campaigns.services import YEAR_MAX, YEAR_MIN, require_reason
from awards.models import AwardType, Registration, RegistrationLine
from organizations.audit.services import audit_record
from organizations.workflow import WorkflowError

__all__ = [
    "WorkflowError",
    "registration_save",
    "registration_submit",
    "registration_approve",
    "registration_return",
]

RegistrationState = Registration.State
EDITABLE_REGISTRATION = {RegistrationState.DRAFT, RegistrationState.RETURNED}


def collective_award_choices():
    """Titles a unit may register for itself: collective emulation titles."""
    return AwardType.objects.filter(
        is_active=True,
        kind=AwardType.Kind.TITLE,
        recipient__in=[AwardType.Recipient.COLLECTIVE, AwardType.Recipient.BOTH],
    )


def individual_award_choices():
    """Titles a person may be registered for: individual emulation titles."""
    return AwardType.objects.filter(
        is_active=True,
        kind=AwardType.Kind.TITLE,
        recipient__in=[AwardType.Recipient.INDIVIDUAL, AwardType.Recipient.BOTH],
    )


def _check_year(year):
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            _("Give a year between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}
        )


def _registration_for_update(*, unit, year):
    """The unit's registration for the year locked until commit, or None."""
    return Registration.objects.select_for_update().filter(unit=unit, year=year).first()


def _registration_created_for_update(*, unit, year):
    """The registration locked until commit, created if needed; and whether it was created."""
    created = False
    try:
        with transaction.atomic():
            created = Registration.objects.get_or_create(unit=unit, year=year)[1]
    except IntegrityError:
        pass  # created concurrently: lock theirs below
    return _registration_for_update(unit=unit, year=year), created


def _state_refusal(registration):
    return WorkflowError(
        _("This cannot be done while the registration is “%(state)s”.")
        % {"state": registration.get_state_display()}
    )


@transaction.atomic
def registration_save(*, actor, unit, year, collective_award, lines):
    """Store the unit's registration for the year: the collective title it aims for (or None)
    and `lines`, pairs (person, individual title), at most one per person, every person an
    active member of the unit. Only while the registration is a draft or returned."""
    _check_year(year)
    errors = []
    if (
        collective_award is not None
        and not collective_award_choices().filter(pk=collective_award.pk).exists()
    ):
        errors.append(
            _("%(award)s is not a collective emulation title.") % {"award": collective_award}
        )
    lines = list(lines)
    titles = set(individual_award_choices().values_list("pk", flat=True))
    seen = set()
    for person, award_type in lines:
        if person.pk in seen:
            errors.append(_("%(person)s is registered twice.") % {"person": person})
        seen.add(person.pk)
        if person.unit_id != unit.pk or not person.is_active:
            errors.append(
                _("%(person)s is not an active member of %(unit)s.")
                % {"person": person, "unit": unit}
            )
        if award_type.pk not in titles:
            errors.append(
                _("%(award)s is not an individual emulation title.") % {"award": award_type}
            )
    if errors:
        raise ValidationError(errors)
    registration, created = _registration_created_for_update(unit=unit, year=year)
    if registration.state not in EDITABLE_REGISTRATION:
        raise _state_refusal(registration)
    stored = {
        (line.person_id, line.award_type_id): line
        for line in registration.lines.select_related("person", "award_type")
    }
    wanted = {(person.pk, award_type.pk): (person, award_type) for person, award_type in lines}
    # In code order, so that the audit row reads the same whatever order the database returns.
    removed = sorted((line for key, line in stored.items() if key not in wanted),
                     key=lambda line: (line.person.code, line.award_type.code))  # fmt: skip
    added = sorted((pair for key, pair in wanted.items() if key not in stored),
                   key=lambda pair: (pair[0].code, pair[1].code))  # fmt: skip
    old_collective = registration.collective_award
    changes = {}
    if old_collective != collective_award:
        changes["collective_award"] = [
            getattr(old_collective, "code", ""),
            getattr(collective_award, "code", ""),
        ]
        registration.collective_award = collective_award
        registration.save(update_fields=["collective_award"])
    if removed:
        RegistrationLine.objects.filter(pk__in=[line.pk for line in removed]).delete()
        changes["removed"] = [
            "; ".join(f"{line.person.code} {line.award_type.code}" for line in removed),
            "",
        ]
    if added:
        RegistrationLine.objects.bulk_create(
            RegistrationLine(registration=registration, person=person, award_type=award_type)
            for person, award_type in added
        )
        changes["added"] = [
            "",
            "; ".join(f"{person.code} {award_type.code}" for person, award_type in added),
        ]
    if changes or created:
        audit_record(actor=actor, obj=registration, action="registration.save",
                     from_state="" if created else registration.state,
                     to_state=registration.state, changes=changes)  # fmt: skip
    return registration


def _registration_transition(*, actor, unit, year, allowed_from, to, reason="", check=None):
    registration = _registration_for_update(unit=unit, year=year)
    if registration is None:
        raise WorkflowError(
            _("%(unit)s has no registration for %(year)s yet.") % {"unit": unit, "year": year}
        )
    if registration.state not in allowed_from:
        raise _state_refusal(registration)
    if check:
        check(registration)
    previous = registration.state
    registration.state = to
    registration.reason = reason
    registration.save(update_fields=["state", "reason"])
    audit_record(actor=actor, obj=registration, action=f"registration.{to}",
                 from_state=previous, to_state=to, reason=reason)  # fmt: skip
    return registration


def _has_content(registration):
    if registration.collective_award_id is None and not registration.lines.exists():
        raise WorkflowError(
            _("Register the collective title or at least one person's title before submitting.")
        )


@transaction.atomic
def registration_submit(*, actor, unit, year):
    """Draft or returned → submitted: the registration awaits an officer's review."""
    return _registration_transition(actor=actor, unit=unit, year=year,
                                    allowed_from=EDITABLE_REGISTRATION,
                                    to=RegistrationState.SUBMITTED, check=_has_content)  # fmt: skip


@transaction.atomic
def registration_approve(*, actor, unit, year):
    """Submitted → approved (an emulation officer)."""
    return _registration_transition(actor=actor, unit=unit, year=year,
                                    allowed_from={RegistrationState.SUBMITTED},
                                    to=RegistrationState.APPROVED)  # fmt: skip


@transaction.atomic
def registration_return(*, actor, unit, year, reason):
    """Submitted → returned to the unit, with the reason it must act on."""
    reason = require_reason(reason)
    return _registration_transition(actor=actor, unit=unit, year=year,
                                    allowed_from={RegistrationState.SUBMITTED},
                                    to=RegistrationState.RETURNED, reason=reason)  # fmt: skip
