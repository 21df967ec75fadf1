"""What turns a decision into awards: the bonus an award carries and the award record itself.

Shared by the department's own decisions (awards.decisions.services) and the decisions of
higher authorities an officer records (awards.proposals), so a granted award looks the same
whichever way it came.
"""

from decimal import ROUND_CEILING, Decimal

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from awards.certificates.services import certificate_issue
from awards.models import AwardRecord, BaseSalary, Nomination
from awards.nominations.services import nomination_lock, nomination_move
from organizations.audit.services import audit_record
from organizations.workflow import WorkflowError

__all__ = ["BONUS_STEP", "award_grant", "base_salary_on", "bonus_for", "price", "round_up_bonus"]

# Decree 152/2025 Art. 54 (and Decree 91/2017 before it): amounts are rounded up to the next
# ten thousand dong.
BONUS_STEP = Decimal(10_000)
GRANTABLE_FROM = {Nomination.State.PASSED, Nomination.State.PROPOSED}


def round_up_bonus(amount):
    amount = Decimal(amount)
    if amount <= 0:
        return Decimal(0)
    return (amount / BONUS_STEP).to_integral_value(rounding=ROUND_CEILING) * BONUS_STEP


def base_salary_on(on_date):
    """The base salary in force on the date: the latest row that started on or before it."""
    row = BaseSalary.objects.filter(valid_from__lte=on_date).order_by("-valid_from").first()
    if row is None:
        raise WorkflowError(
            _("No base salary is recorded for %(date)s.") % {"date": date_format(on_date, "d/m/Y")}
        )
    return row.amount


def bonus_for(*, award_type, on_date, collective=False):
    """(base salary in force on the date, the award's bonus): coefficient × base salary,
    rounded up to the next 10,000 VND."""
    base = base_salary_on(on_date)
    return base, price(award_type=award_type, base=base, collective=collective)


def price(*, award_type, base, collective=False):
    """The bonus of one award at a known base salary. A collective receiving a form of
    commendation gets twice an individual's amount (Decree 98/2023 Art. 55;
    `collective_bonus_multiplier` in the award type's parameters changes it); titles carry their
    own collective coefficients."""
    coefficient = Decimal(award_type.bonus_coefficient or 0)
    if collective and award_type.kind == award_type.Kind.COMMENDATION:
        coefficient *= Decimal(str(award_type.param("collective_bonus_multiplier", 2)))
    return round_up_bonus(coefficient * Decimal(base))


def _initiatives_consume(award, actor):
    # The initiatives helper may not have landed yet; granting must not depend on it.
    try:
        from awards.history.services.initiatives import initiatives_consume
    except ImportError:
        return
    initiatives_consume(award=award, actor=actor)


@transaction.atomic
def award_grant(*, actor, nomination, decision, line=None, bonus_amount=None):
    """The award record a decision grants for a passed (or proposed) nomination; the nomination
    becomes granted. The caller checks the actor may issue or record the decision."""
    locked = nomination_lock(nomination)
    if locked.state not in GRANTABLE_FROM:
        raise WorkflowError(
            _("%(nominee)s cannot be granted while the nomination is “%(state)s”.")
            % {"nominee": locked.nominee, "state": locked.get_state_display()}
        )
    award = AwardRecord(
        source=AwardRecord.Source.GRANTED,
        person=locked.person,
        unit=None if locked.person_id else locked.unit,
        award_type=locked.award_type,
        year=locked.year,
        commendation_type=locked.commendation_type,
        decision=decision,
        decision_number=decision.number_text,
        decision_date=decision.decision_date,
        issuer=decision.issuer_name,
        nomination=locked,
        bonus_amount=bonus_amount,
    )
    try:
        with transaction.atomic():
            award.save()
    except IntegrityError as error:
        raise WorkflowError(
            _("%(nominee)s already holds %(award)s for %(year)s.")
            % {"nominee": locked.nominee, "award": locked.award_type.name, "year": locked.year}
        ) from error
    if line is not None:
        line.award_record = award
        line.save(update_fields=["award_record"])
    nomination_move(
        actor=actor,
        nomination=locked,
        allowed_from=GRANTABLE_FROM,
        to=Nomination.State.GRANTED,
        action="nomination.grant",
        changes={"decision": decision.number_text or str(decision.pk)},
    )
    nomination.state = locked.state
    _initiatives_consume(award, actor)
    audit_record(
        actor=actor,
        obj=award,
        action="award.grant",
        to_state="granted",
        changes={
            "decision": decision.number_text,
            "nomination": locked.pk,
            "bonus_amount": None if bonus_amount is None else str(bonus_amount),
        },
    )
    # Every granted award gets its certificate and register number in the same transaction.
    certificate_issue(award=award, actor=actor)
    return award
