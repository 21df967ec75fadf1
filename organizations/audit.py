from django.contrib.contenttypes.models import ContentType

from organizations.models import AuditEntry


def audit_record(*, actor, obj, action, from_state="", to_state="", reason="", changes=None):
    """Write one audit row. Callers run inside their own transaction, so the row and the change
    it describes are saved or rolled back together."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changes=changes or {},
    )
