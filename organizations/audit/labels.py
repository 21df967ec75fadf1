"""Audit rows in words: the action, the states and the changed fields as a reader says them.

The rows keep machine codes (`figures.submitted`, `open → submitted`, `is_active`) for the CSV
export and for programs; pages show these labels instead. Every action code written by a service
must be listed in ACTION_LABELS (tests/organizations/test_audit_labels.py greps for them); state
labels come from the audited model's `State` choices and field names from its verbose names, so
they are translated wherever the model is.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # People, units and imports
    "person.create": _("Person added"),
    "person.update": _("Person edited"),
    "import.create": _("Added by import"),
    "import.update": _("Changed by import"),
    "admin.create": _("Added in the administration site"),
    "admin.change": _("Changed in the administration site"),
    "admin.delete": _("Deleted in the administration site"),
    # Indicators
    "indicator.create": _("Indicator added"),
    "indicator.update": _("Indicator edited"),
    "indicator.import.create": _("Indicator added by import"),
    "indicator.import.update": _("Indicator changed by import"),
    "figures.open": _("Figures reopened"),
    "figures.submitted": _("Figures submitted"),
    "figures.returned": _("Figures returned"),
    "figures.approved": _("Figures approved"),
    # Campaigns and registrations
    "campaign.create": _("Campaign created"),
    "campaign.update": _("Campaign edited"),
    "campaign.document_add": _("Campaign document added"),
    "campaign.draft": _("Campaign back to draft"),
    "campaign.open": _("Campaign launched"),
    "campaign.closed": _("Campaign closed"),
    "registration.save": _("Registration saved"),
    "registration.draft": _("Registration reopened"),
    "registration.submitted": _("Registration submitted"),
    "registration.returned": _("Registration returned"),
    "registration.approved": _("Registration approved"),
    # Award catalogue and history
    "award_type.update": _("Award edited"),
    "award.grant": _("Award granted"),
    "award.revoke": _("Award revoked"),
    "base_salary.change": _("Base salary changed"),
    "base_salary.delete": _("Base salary deleted"),
    "hold.create": _("Hold on awards added"),
    "hold.update": _("Hold on awards edited"),
    "initiative.create": _("Initiative added"),
    "initiative.update": _("Initiative edited"),
    "initiative.delete": _("Initiative deleted"),
    "initiative.consume": _("Initiative used for an award"),
    "initiative.release": _("Initiative released"),
    "rating.create": _("Rating added"),
    "rating.update": _("Rating changed"),
    "rating.delete": _("Rating deleted"),
    # Nominations
    "nomination.create": _("Nomination created"),
    "nomination.update": _("Nomination edited"),
    "nomination.submit": _("Nomination submitted"),
    "nomination.withdraw": _("Nomination withdrawn"),
    "nomination.return": _("Nomination returned"),
    "nomination.accept": _("Nomination accepted for the council"),
    "nomination.refuse": _("Nomination refused"),
    "nomination.override": _("Eligibility overridden"),
    "nomination.council_pass": _("Passed by the council"),
    "nomination.council_fail": _("Not passed by the council"),
    "nomination.propose": _("Proposed to a higher authority"),
    "nomination.grant": _("Award granted on the nomination"),
    "nomination.document_upload": _("Nomination document uploaded"),
    "nomination.document_remove": _("Nomination document removed"),
    # Council, decisions, proposals, publicity
    "council.open": _("Council session opened"),
    "council.close": _("Council session closed"),
    "council.attendance": _("Council attendance recorded"),
    "council.conflict_declare": _("Conflict of interest declared"),
    "ballot.cast": _("Ballot cast"),
    "decision.draft": _("Decision drafted"),
    "decision.update": _("Decision edited"),
    "decision.issue": _("Decision issued"),
    "decision.record": _("Decision recorded"),
    "decision.discard": _("Decision discarded"),
    "decision.line_remove": _("Line removed from a decision"),
    "proposal.draft": _("Proposal drafted"),
    "proposal.sign": _("Proposal signed"),
    "proposal.answer": _("Answer to a proposal recorded"),
    "publicity.publish": _("List published"),
    "publicity.withdraw": _("Publication withdrawn"),
    "publicity.dayoff_add": _("Day off added"),
    "publicity.dayoff_remove": _("Day off removed"),
    "certificate.issue": _("Certificate issued"),
    "printer.offset": _("Printer offset set"),
}

YES_NO = {"True": _("Yes"), "False": _("No"), True: _("Yes"), False: _("No")}
EMPTY = "—"


def action_label(code):
    """The action in words; an unknown code is shown as it is."""
    return ACTION_LABELS.get(code, code)


def _model(entry):
    if not entry.content_type_id:
        return None
    return ContentType.objects.get_for_id(entry.content_type_id).model_class()


def state_label(entry, value):
    """A state code of the audited object in words, from its model's `State` choices."""
    if not value:
        return EMPTY
    states = getattr(_model(entry), "State", None)
    if states is not None and value in states.values:
        return states(value).label
    return value


def states_text(entry):
    """'Being entered → Submitted', or '' when the row changed no state."""
    if not (entry.from_state or entry.to_state):
        return ""
    return f"{state_label(entry, entry.from_state)} → {state_label(entry, entry.to_state)}"


def field_label(model, name):
    try:
        return model._meta.get_field(name).verbose_name if model else name
    except FieldDoesNotExist:
        return name.replace("_", " ")


def value_text(value):
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool) or value in ("True", "False"):
        return YES_NO[value]
    return value


def change_rows(entry):
    """[(field in words, old, new)] of the row's changes, booleans as Yes/No."""
    model = _model(entry)
    return [
        (field_label(model, name), *(value_text(v) for v in _pair(change)))
        for name, change in (entry.changes or {}).items()
    ]


def _pair(change):
    if isinstance(change, (list, tuple)) and len(change) == 2:
        return change
    return (None, change)
