"""What a user may read of the decisions, and the annex as the pages print it.

A decision belongs to its issuing unit: people with a role there (or above) see it, drafts
included. Once issued it is also a document addressed to everyone it names, so people with a
role on a recipient's unit see it too — a district clerk reads the department's decision that
granted their staff, never its drafts.
"""

from django.db.models import Q
from django.utils import timezone

from awards.decisions.granting import base_salary_on, price
from awards.models import AwardRecord, Decision, DecisionLine
from organizations.access import scope_of
from organizations.workflow import WorkflowError


def visible_decisions(user):
    scope = scope_of(user)
    if scope.is_superuser:
        return Decision.objects.all()
    named = DecisionLine.objects.filter(
        scope.unit_filter(prefix="unit__"), decision__state=Decision.State.ISSUED
    ).values("decision_id")
    granted = AwardRecord.objects.filter(
        scope.unit_filter(prefix="person__unit__") | scope.unit_filter(prefix="unit__"),
        decision__isnull=False,
    ).values("decision_id")
    return Decision.objects.filter(
        scope.unit_filter(prefix="unit__") | Q(pk__in=named) | Q(pk__in=granted)
    )


def annex(decision, lines=None):
    """The annex as printed: (collectives, individuals, base salary), lines in annex order.
    A draft's lines carry an estimated `bonus` on its planned date (or today) and the base salary
    then in force; an issued decision's lines their priced amount and the base it applied."""
    if lines is None:
        lines = list(
            decision.lines.select_related("award_type", "person", "unit", "nomination").order_by(
                "order", "id"
            )
        )
    base = decision.base_salary
    if decision.state == Decision.State.DRAFT:
        try:
            base = base_salary_on(decision.decision_date or timezone.localdate())
        except WorkflowError:
            base = None
    for line in lines:
        line.bonus = line.bonus_amount
        if decision.state == Decision.State.DRAFT:
            line.bonus = (
                None
                if base is None
                else price(award_type=line.award_type, base=base, collective=line.person_id is None)
            )
    collectives = [line for line in lines if line.person_id is None]
    individuals = [line for line in lines if line.person_id is not None]
    return collectives, individuals, base


def estimated_total(lines):
    return sum((line.bonus or 0) for line in lines)
