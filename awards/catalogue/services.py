"""Edits to the award catalogue. The catalogue is the same for every unit: changing it needs
"award.catalogue" on a top-level unit (PermissionDenied otherwise), not merely on a district."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import AwardType
from organizations.access import may_department_wide
from organizations.audit.services import audit_record, changes_between

CATALOGUE = "award.catalogue"

AWARD_TYPE_FIELDS = [
    "name_vi", "name_en", "name_fr", "kind", "recipient", "authority", "decided_by_department",
    "bonus_coefficient", "criteria", "legal_document", "legal_article", "effective_from",
    "effective_to", "required_documents", "vote_threshold", "public_comment_required",
    "public_comment_days", "certificate_template", "rule_params", "is_active", "display_order",
]  # fmt: skip


@transaction.atomic
def award_type_update(*, actor, award_type, **values):
    """Change a catalogue entry (its code stays: imports and commands use it)."""
    if not may_department_wide(actor, CATALOGUE):
        raise PermissionDenied(
            _("Only the emulation office of the whole department may change the catalogue.")
        )
    unknown = set(values) - set(AWARD_TYPE_FIELDS)
    if unknown:
        fields = ", ".join(sorted(unknown))
        raise ValidationError(_("These fields cannot be changed: %(fields)s.") % {"fields": fields})
    locked = AwardType.objects.select_for_update().get(pk=award_type.pk)
    diff = changes_between(locked, values)
    if not diff:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, obj=locked, action="award_type.update", changes=diff)
    return locked
