import json
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType

from organizations.models import AuditEntry, Unit
from organizations.text import fold


def unit_of(obj):
    """The unit an audited object belongs to: itself, its unit, or its person's unit. Objects
    that belong to no single unit (a campaign aimed at several) say so with `audit_unit`."""
    if isinstance(obj, Unit):
        return obj
    if hasattr(obj, "audit_unit"):
        return obj.audit_unit
    if getattr(obj, "unit_id", None):
        return obj.unit
    if getattr(obj, "person_id", None):
        return obj.person.unit
    return None


# The reason given to rows that their writer leaves without one: a command-line import says who
# ran it (`audit_reason`), since its rows may have no actor.
_default_reason = ContextVar("audit_default_reason", default="")


@contextmanager
def audit_reason(reason):
    """Give `reason` to every audit row written inside the block without a reason of its own."""
    token = _default_reason.set(reason)
    try:
        yield
    finally:
        _default_reason.reset(token)


def audit_record(*, actor, obj, action, from_state="", to_state="", reason="", changes=None):
    """Write one audit row. Callers run inside their own transaction, so the row and the change
    it describes are saved or rolled back together."""
    entry = audit_entry(actor=actor, obj=obj, action=action, from_state=from_state,
                        to_state=to_state, reason=reason, changes=changes)  # fmt: skip
    entry.save(force_insert=True)
    return entry


def audit_entry(*, actor, obj, action, from_state="", to_state="", reason="", changes=None):
    """The unsaved audit row of `audit_record`, for writers that save many at once
    (`AuditEntry.objects.bulk_create`). `obj` must have its key and, if it has one, its unit
    already loaded, or each row costs a query."""
    label = str(obj)[:200]
    unit = unit_of(obj)
    reason = reason or _default_reason.get()
    return AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=label,
        search_text=fold(f"{label} {reason}")[:400],
        unit=unit,
        unit_path=unit.path if unit else "",
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changes=changes or {},
    )


def _audit_text(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return None if value is None else str(value)


def changes_between(instance, values):
    """Field → [old, new] for the values that differ from the instance, as text for the log."""
    return {
        name: [_audit_text(getattr(instance, name)), _audit_text(new)]
        for name, new in values.items()
        if getattr(instance, name) != new
    }


def changes_from(old, new):
    """Field → [old, new] for the fields of two dicts whose values differ, as text for the log
    (for writers that keep the old values themselves)."""
    return {
        name: [_audit_text(old[name]), _audit_text(value)]
        for name, value in new.items()
        if old[name] != value
    }


def changes_created(values):
    """Field → [None, value]: the audit form of a row that did not exist before."""
    return {name: [None, _audit_text(value)] for name, value in values.items()}
