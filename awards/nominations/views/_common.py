"""What the nomination pages share: the roles they check, the transitions offered, the rules
and actions in words, and the access rule that makes another unit's nomination a 404."""

from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext_lazy

from awards.eligibility import Outcome
from awards.eligibility.base import stored_message
from awards.models import Nomination
from awards.nominations import services
from organizations.access import require

EDIT = "nomination.edit"
REVIEW = "nomination.review"
State = Nomination.State

TRANSITIONS = {
    "submit": {
        "permission": EDIT,
        "service": services.nomination_submit,
        "reason": None,
        "done": gettext_lazy("The nomination was submitted; its eligibility checklist is stored."),
    },
    "withdraw": {
        "permission": EDIT,
        "service": services.nomination_withdraw,
        "reason": False,
        "done": gettext_lazy("The nomination was withdrawn."),
    },
    "return": {
        "permission": REVIEW,
        "service": services.nomination_return,
        "reason": True,
        "done": gettext_lazy("The nomination was returned to the unit."),
    },
    "accept": {
        "permission": REVIEW,
        "service": services.nomination_accept,
        "reason": None,
        "done": gettext_lazy("The nomination was accepted for the council."),
    },
    "override": {
        "permission": REVIEW,
        "service": services.nomination_override,
        "reason": True,
        "done": gettext_lazy("The override was recorded; the nomination may now be submitted."),
    },
}

RULE_LABELS = {
    "recipient": gettext_lazy("Kind of nominee"),
    "one_nomination_per_year": gettext_lazy("One open nomination per award and year"),
    "not_already_awarded": gettext_lazy("Not already awarded for the year"),
    "one_achievement_one_award": gettext_lazy("One achievement, one form of commendation"),
    "adhoc_not_counted": gettext_lazy("Ad-hoc and thematic awards not counted"),
    "no_hold": gettext_lazy("No discipline, investigation or complaint"),
    "minimum_rating": gettext_lazy("Annual rating"),
    "grassroots_fighter": gettext_lazy("Grassroots emulation fighter prerequisites"),
    "consecutive_fighter_titles": gettext_lazy("Consecutive emulation fighter titles"),
    "advanced_collective": gettext_lazy("Share of advanced workers in the unit"),
    "excellent_collective": gettext_lazy("Excellent collective criteria"),
    "diploma_of_merit_history": gettext_lazy("Certificate of merit prerequisites"),
    "five_year_window": gettext_lazy("Five-year record"),
    "commemorative_medal": gettext_lazy("Commemorative medal: once per person, service years"),
    "cluster_leader": gettext_lazy("Voted leading unit of a cluster or block"),
    "fighter_quota": gettext_lazy("Quota of emulation fighters"),
    "indicator_targets_met": gettext_lazy("Indicator targets met"),
    "deciding_authority": gettext_lazy("Deciding authority"),
}
OUTCOME_ICONS = {
    Outcome.PASS: "bi-check-circle-fill text-success",
    Outcome.FAIL: "bi-x-octagon-fill text-danger",
    Outcome.WARNING: "bi-exclamation-triangle-fill text-warning-emphasis",
    Outcome.NOT_APPLICABLE: "bi-dash-circle text-body-secondary",
}
ACTION_LABELS = {
    "nomination.create": gettext_lazy("Created"),
    "nomination.update": gettext_lazy("Edited"),
    "nomination.document_upload": gettext_lazy("Document uploaded"),
    "nomination.document_remove": gettext_lazy("Document removed"),
    "nomination.submit": gettext_lazy("Submitted"),
    "nomination.return": gettext_lazy("Returned"),
    "nomination.accept": gettext_lazy("Accepted"),
    "nomination.withdraw": gettext_lazy("Withdrawn"),
    "nomination.override": gettext_lazy("Eligibility overridden"),
    "nomination.council_pass": gettext_lazy("Passed by the council"),
    "nomination.council_fail": gettext_lazy("Not passed by the council"),
    "nomination.grant": gettext_lazy("Granted"),
    "nomination.propose": gettext_lazy("Proposed upward"),
    "nomination.refuse": gettext_lazy("Refused upward"),
}


def rule_label(name):
    """The rule's name in words; a rule added later without a label shows its name readably."""
    return RULE_LABELS.get(name) or str(name or "").replace("_", " ").capitalize()


def get_nomination_for_user(user, pk, *, action=None):
    """The nomination if the user may see it (else 404) and, when an action is named, may do it
    (else 403)."""
    nomination = (
        Nomination.objects.visible_to(user)
        .select_related("person__unit", "unit", "award_type", "campaign", "created_by")
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    if action is not None:
        require(user, action, nomination.unit)
    return nomination


def checklist_of(verdict, covered=()):
    """Rows for the eligibility checklist template from a Verdict or a stored snapshot."""
    results = verdict if isinstance(verdict, list) else [r.as_dict() for r in verdict.results]
    rows = []
    for result in results:
        outcome = result.get("outcome", "")
        blocks = bool(result.get("blocking")) and outcome == Outcome.FAIL
        rows.append(
            {
                **result,
                "message": stored_message(result),  # in the reader's language, not the submitter's
                "label": rule_label(result.get("rule")),
                "outcome_label": Outcome(outcome).label if outcome in Outcome.values else outcome,
                "icon": OUTCOME_ICONS.get(outcome, "bi-question-circle"),
                "blocks": blocks,
                "overridden": blocks and result.get("rule") in covered,
            }
        )
    return rows


def passes_all(rows):
    return not any(row["blocks"] and not row["overridden"] for row in rows)


def evidence_rows(records):
    """The frozen report for display, numbers written the way the active language writes them."""
    from indicators.entry.forms import display_number
    from indicators.models import DataStatus

    states = dict(DataStatus.State.choices)
    rows = []
    for record in records:
        row = dict(record)
        for key in ("target", "result", "percent_of_plan"):
            if row.get(key) not in (None, ""):
                row[key] = display_number(Decimal(str(row[key])))
        row["state_label"] = states.get(row.get("state"), row.get("state") or "")
        rows.append(row)
    return rows
