"""A nomination's dossier: uploads checked by content as well as name, and removals."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from awards.models import DossierDocument
from awards.nominations.services._common import (
    EDIT,
    EDITABLE_STATES,
    _locked,
    _refuse_state,
    _require,
)
from awards.nominations.services.editing import document_labels
from organizations.audit.services import audit_record
from organizations.uploads import content_matches

DOSSIER_MAX_BYTES = 10 * 1024 * 1024
# Extension → the first bytes such a file starts with. The extension alone proves nothing,
# the bytes alone do not tell a .docx from an .xlsx: both must agree.
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
ALLOWED_EXTENSIONS = {
    ".pdf": b"%PDF",
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".doc": OLE,
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG",
}
MAX_STORED_NAME = 40  # the FileField holds 100 characters, the folder takes up to ~60


def check_upload(kind, file, award_type):
    labels = document_labels(award_type)
    if kind not in labels:
        raise ValidationError(
            _("%(award)s does not ask for this document.") % {"award": award_type.name}
        )
    extension = PurePath(file.name or "").suffix.lower()
    allowed = ", ".join(sorted({ext.lstrip(".").upper() for ext in ALLOWED_EXTENSIONS}))
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not an accepted file type. Accepted: %(allowed)s.")
            % {"name": file.name, "allowed": allowed}
        )
    if not file.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": file.name})
    if file.size > DOSSIER_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": file.name,
                "size": f"{file.size / 1024 / 1024:.1f}",
                "limit": DOSSIER_MAX_BYTES // 1024 // 1024,
            }
        )
    file.seek(0)
    data = file.read(DOSSIER_MAX_BYTES + 1)
    file.seek(0)
    if not content_matches(extension, data):
        raise ValidationError(
            _("“%(name)s” is not really a %(type)s file; its content does not match its name.")
            % {"name": file.name, "type": extension.lstrip(".").upper()}
        )
    return extension


def _stored_name(original, extension):
    stem = get_valid_filename(PurePath(original).stem)[:MAX_STORED_NAME] or "document"
    return f"{stem}{extension}"


@transaction.atomic
def dossier_upload(*, actor, nomination, kind, file):
    """Add one document to the dossier. A second upload of the same kind does not replace the
    first: both are kept and the newest counts."""
    _require(actor, EDIT, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, EDITABLE_STATES)
    extension = check_upload(kind, file, nomination.award_type)
    original = PurePath(file.name).name
    document = DossierDocument(
        nomination=locked,
        kind=kind,
        original_name=original[:255],
        size=file.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(_stored_name(original, extension), file, save=False)
    try:
        document.save()
        locked.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            obj=locked,
            action="nomination.document_upload",
            changes={"document": kind, "file": original},
        )
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def dossier_remove(*, actor, document):
    """Take an uploaded file out of a draft or returned dossier."""
    nomination = document.nomination
    _require(actor, EDIT, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, EDITABLE_STATES)
    name, kind = document.original_name, document.kind
    stored = document.file.name
    document.delete()
    locked.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="nomination.document_remove",
        changes={"document": kind, "file": name},
    )
    storage = document.file.storage
    transaction.on_commit(lambda: storage.delete(stored))
    return locked
