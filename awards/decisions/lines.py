"""The annex of a decision: which nominations it may carry, the order they are printed in, and
the order they are granted in.

Printed order (the usual annex): I. Tập thể, then II. Cá nhân; within each, by the award's place
in the catalogue, then by name in Vietnamese order (people by given name).

Grant order: a title that is the prerequisite of another in the same decision is granted first,
so the award record eligibility reads exists when the dependent one is granted — the members'
Lao động tiên tiến before their collective's Tập thể lao động tiên tiến (more than half of the
members must hold it), a person's Lao động tiên tiến before their Chiến sĩ thi đua cơ sở.
"""

from functools import cache

from django.utils.translation import gettext as _

from awards.models import DecisionLine, Nomination
from organizations.workflow import WorkflowError

# Award code → the codes it is built on (domain.md §6 rules 6, 8, 9).
PREREQUISITES = {
    "CSTDCS": {"LDTT"},
    "TTLDTT": {"LDTT"},
    "TTLDXS": {"LDTT", "CSTDCS"},
}


@cache
def prerequisite_rank(code):
    """0 for a title nothing else precedes, 1 + the deepest prerequisite otherwise."""
    before = PREREQUISITES.get(code, set())
    return 1 + max(prerequisite_rank(c) for c in before) if before else 0


def annex_key(line):
    collective = line.person_id is None
    name = line.unit.sort_name if collective else line.person.sort_name
    return (0 if collective else 1, line.award_type.display_order, name, line.nomination_id or 0)


def grant_order(lines):
    """The lines in the order their awards are granted (prerequisites first, then annex order)."""
    return sorted(lines, key=lambda line: (prerequisite_rank(line.award_type.code), line.order))


def check_nomination(nomination, unit, *, decision=None):
    """Refuse a nomination this decision may not carry (Law 2022 Art. 80: the Director decides
    LĐTT, CSTĐCS, TTLĐTT and the Giấy khen; everything else is proposed upward)."""
    nominee = nomination.nominee
    if not nomination.award_type.decided_by_department:
        raise WorkflowError(
            _("%(nominee)s: %(award)s is decided by %(authority)s: propose it upward.")
            % {
                "nominee": nominee,
                "award": nomination.award_type.name,
                "authority": nomination.award_type.authority,
            }
        )
    if nomination.state != Nomination.State.PASSED:
        raise WorkflowError(
            _(
                "%(nominee)s: only a nomination the council passed can be decided; "
                "this one is “%(state)s”."
            )
            % {"nominee": nominee, "state": nomination.get_state_display()}
        )
    if not nomination.unit.path.startswith(unit.path):
        raise WorkflowError(
            _("%(nominee)s is not in %(unit)s; its decision is not this unit's to issue.")
            % {"nominee": nominee, "unit": unit.name}
        )
    elsewhere = DecisionLine.objects.filter(nomination=nomination, decision__state="draft")
    if decision is not None:
        elsewhere = elsewhere.exclude(decision=decision)
    if elsewhere.exists():
        raise WorkflowError(
            _("%(nominee)s is already on another draft decision.") % {"nominee": nominee}
        )


def line_for(decision, nomination):
    """An unsaved annex line for the nomination, with the names as they will be printed."""
    person = nomination.person
    if person is not None:
        recipient, position, unit_name = person.full_name, person.position, person.unit.name
    else:
        unit = nomination.unit
        recipient, position = unit.name, ""
        unit_name = unit.parent.name if unit.parent_id else ""
    return DecisionLine(
        decision=decision,
        nomination=nomination,
        award_type=nomination.award_type,
        person=person,
        unit=nomination.unit,
        recipient_name=recipient,
        position=position,
        unit_name=unit_name,
        coefficient=nomination.award_type.bonus_coefficient,
    )


def renumber(decision):
    """Give the decision's lines their annex order (1, 2, …)."""
    lines = list(
        decision.lines.select_related("award_type", "person", "unit").order_by("order", "id")
    )
    lines.sort(key=annex_key)
    for index, line in enumerate(lines, start=1):
        line.order = index
    DecisionLine.objects.bulk_update(lines, ["order"])
    return lines
