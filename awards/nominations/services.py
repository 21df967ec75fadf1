"""Writes to nominations and their dossiers. One transaction and one audit row each.

Every transition locks the nomination row first (select_for_update) and checks the state it
finds there, so two officers pressing "Accept" at once give one acceptance and one refusal,
never two audit rows. Permission checks are repeated here although the views make them too:
the views decide between 404 and 403, the services make sure nothing slips through.
"""

from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from awards.eligibility import evaluate_nomination
from awards.models import Campaign, DossierDocument, Nomination
from organizations.access import scope_of
from organizations.audit import audit_record
from organizations.models import AuditEntry, Unit
from organizations.notifications import notify_owner
from organizations.uploads import content_matches
from organizations.workflow import WorkflowError

__all__ = [
    "ALLOWED_EXTENSIONS",
    "accepting_campaigns",
    "check_upload",
    "DOSSIER_MAX_BYTES",
    "EDITABLE_STATES",
    "WorkflowError",
    "dossier_remove",
    "dossier_upload",
    "indicator_evidence",
    "missing_documents",
    "nomination_accept",
    "nomination_create",
    "nomination_lock",
    "nomination_move",
    "nomination_override",
    "nomination_return",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "overridden_rules",
]

State = Nomination.State
EDIT = "nomination.edit"
REVIEW = "nomination.review"
EDITABLE_STATES = {State.DRAFT, State.RETURNED}
UNDER_REVIEW = {State.SUBMITTED, State.RESUBMITTED}
OVERRIDABLE_STATES = EDITABLE_STATES | UNDER_REVIEW

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


# --- Helpers -----------------------------------------------------------------------------------


def _require(actor, action, unit):
    if not scope_of(actor).may(action, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit.name})


def _locked(nomination):
    """The nomination row, locked until the end of the transaction, as it is now."""
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


def _refuse_state(nomination, allowed):
    if nomination.state not in allowed:
        raise WorkflowError(
            _("This cannot be done while the nomination is “%(state)s”.")
            % {"state": nomination.get_state_display()}
        )


def _require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    return reason


def _sync(target, source, fields):
    """Copy what the locked row now holds onto the caller's instance."""
    for name in fields:
        setattr(target, name, getattr(source, name))


def _move(*, actor, nomination, allowed_from, to, action, reason="", extra_fields=(), changes=None):
    """The common shape of a transition on a row the caller already locked."""
    _refuse_state(nomination, allowed_from)
    previous = nomination.state
    nomination.state = to
    nomination.save(update_fields=["state", "updated_at", *extra_fields])
    audit_record(
        actor=actor,
        obj=nomination,
        action=action,
        from_state=previous,
        to_state=to,
        reason=reason,
        changes=changes,
    )
    _notify_creator(actor, nomination, action=action, from_state=previous, to_state=to,
                    reason=reason)  # fmt: skip
    return nomination


def _notify_creator(actor, nomination, **values):
    """The clerk who made the nomination hears of every state change someone else makes, as
    long as they may still see it (a clerk moved to another unit is told nothing about it)."""
    if nomination.created_by_id in (None, getattr(actor, "pk", None)):
        return
    creator = nomination.created_by
    if not scope_of(creator).may("award.view", nomination.unit):
        return
    label = f"{nomination.nominee} ({nomination.award_type.code} {nomination.year})"
    url = reverse("nomination_detail", args=[nomination.pk])
    notify_owner(actor=actor, owner=creator, subject=label, url=url, **values)


def nomination_lock(nomination):
    """For the later stages (council, decisions, proposals): the row locked for this transaction."""
    return _locked(nomination)


def nomination_move(*, actor, nomination, allowed_from, to, action, reason="", changes=None):
    """Move a nomination the caller locked (nomination_lock) from one of `allowed_from` to `to`,
    with its audit row; the later stages use this so every state change is written one way."""
    return _move(actor=actor, nomination=nomination, allowed_from=allowed_from, to=to,
                 action=action, reason=reason, changes=changes)  # fmt: skip


def _campaign_reaches(campaign, unit):
    """A campaign aimed at no unit reaches every unit; aimed at units, their subtrees."""
    paths = list(campaign.target_units.values_list("path", flat=True))
    return not paths or any(unit.path.startswith(path) for path in paths)


def required_kinds(award_type):
    return [doc["code"] for doc in award_type.required_documents or [] if doc.get("code")]


def document_labels(award_type):
    return {
        doc["code"]: doc.get("label") or doc["code"]
        for doc in award_type.required_documents or []
        if doc.get("code")
    }


def missing_documents(nomination, documents=None):
    """Labels of the required documents with no upload yet, in the catalogue's order."""
    if documents is None:
        documents = nomination.documents.all()
    present = {doc.kind for doc in documents}
    labels = document_labels(nomination.award_type)
    return [labels[kind] for kind in required_kinds(nomination.award_type) if kind not in present]


def overridden_rules(nomination):
    """The blocking rules the latest officer override covers (empty without an override)."""
    if not nomination.override_reason:
        return set()
    entry = (
        AuditEntry.objects.filter(
            content_type__app_label="awards",
            content_type__model="nomination",
            object_id=str(nomination.pk),
            action="nomination.override",
        )
        .only("changes")
        .first()
    )
    return set((entry.changes or {}).get("rules", [])) if entry else set()


def _plain(value):
    """JSON-safe copy of a report value: Decimals as strings, the rest unchanged."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


def indicator_evidence(unit, year):
    """The unit's indicator report for the year, as frozen evidence: one dict per indicator
    (ReportRow.record() with Decimals as strings, plus the indicator's name and measure and the
    approval state of the figures at that moment)."""
    from indicators.report import build_report

    subtree = Unit.objects.filter(path__startswith=unit.path).only(
        "id", "code", "name", "short_name", "parent_id", "path", "depth"
    )
    evidence = []
    for row in build_report(units=subtree, year=year):
        if row.unit.pk != unit.pk:
            continue
        record = {key: _plain(value) for key, value in row.record().items()}
        record.update(
            indicator_name=row.indicator.name,
            unit_of_measure=row.indicator.unit_of_measure,
            state=row.state,
        )
        evidence.append(record)
    return evidence


# --- Creating and editing ----------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *, actor, campaign, award_type, commendation_type, summary, person=None, unit=None
):
    """A draft nomination of a person or a unit in the actor's units, in an accepting campaign."""
    if (person is None) == (unit is None):
        raise ValidationError(_("Nominate either a person or a unit, not both."))
    nominee_unit = person.unit if person is not None else unit
    _require(actor, EDIT, nominee_unit)
    if person is not None and not person.is_active:
        raise ValidationError(_("%(name)s is no longer active.") % {"name": person.full_name})
    if person is None and not unit.is_active:
        raise ValidationError(_("%(unit)s is no longer active.") % {"unit": unit.name})
    if not campaign.is_accepting(timezone.localdate()):
        raise ValidationError(
            _("The campaign “%(campaign)s” is not accepting nominations.") % {"campaign": campaign}
        )
    if not _campaign_reaches(campaign, nominee_unit):
        raise ValidationError(
            _("The campaign “%(campaign)s” is not aimed at %(unit)s.")
            % {"campaign": campaign, "unit": nominee_unit.name}
        )
    if not campaign.award_types.filter(pk=award_type.pk).exists():
        raise ValidationError(
            _("The campaign “%(campaign)s” does not accept %(award)s.")
            % {"campaign": campaign, "award": award_type.name}
        )
    if not award_type.accepts(individual=person is not None):
        raise ValidationError(
            _("%(award)s is for %(recipient)s nominees only.")
            % {"award": award_type.name, "recipient": award_type.get_recipient_display().lower()}
        )
    nomination = Nomination(
        campaign=campaign,
        award_type=award_type,
        person=person,
        unit=nominee_unit,
        year=campaign.year,
        commendation_type=commendation_type,
        summary=summary.strip(),
        state=State.DRAFT,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:
        raise ValidationError(
            _("%(nominee)s already has an open nomination for %(award)s for %(year)s.")
            % {"nominee": person or unit, "award": award_type.name, "year": campaign.year}
        ) from error
    audit_record(actor=actor, obj=nomination, action="nomination.create", to_state=State.DRAFT)
    return nomination


@transaction.atomic
def nomination_update(*, actor, nomination, commendation_type, summary):
    """Change what a draft or returned nomination says; the nominee and award stay fixed."""
    _require(actor, EDIT, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, EDITABLE_STATES)
    values = {"commendation_type": commendation_type, "summary": summary.strip()}
    changes = {
        name: [getattr(locked, name), value]
        for name, value in values.items()
        if getattr(locked, name) != value
    }
    if changes:
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*values, "updated_at"])
        audit_record(actor=actor, obj=locked, action="nomination.update", changes=changes)
    _sync(nomination, locked, [*values, "updated_at", "state"])
    return locked


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


# --- Transitions -------------------------------------------------------------------------------


def _describe(results):
    return "; ".join(f"{result.rule}: {result.message}" for result in results)


@transaction.atomic
def nomination_submit(*, actor, nomination):
    """Draft → submitted, returned → resubmitted, once the dossier is complete and every blocking
    rule passes (or an officer overrode the ones that fail). Stores the eligibility checklist and,
    for a collective, a frozen copy of the unit's indicator report for the year."""
    _require(actor, EDIT, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, EDITABLE_STATES)
    verdict = evaluate_nomination(locked)
    problems = []
    failing = verdict.blocking_failures
    if failing:
        covered = overridden_rules(locked)
        uncovered = [result for result in failing if result.rule not in covered]
        if uncovered:
            problems.append(
                _("Blocking eligibility rules fail: %(rules)s.") % {"rules": _describe(uncovered)}
            )
    missing = missing_documents(locked)
    if missing:
        problems.append(
            _("The dossier is incomplete: %(missing)s.") % {"missing": "; ".join(missing)}
        )
    if problems:
        raise WorkflowError(
            _("The nomination was not submitted. %(problems)s") % {"problems": " ".join(problems)}
        )
    # With each message's msgid and parameters: the checklist reads in its reader's language.
    locked.eligibility = [result.as_stored() for result in verdict.results]
    locked.indicator_evidence = (
        [] if locked.is_individual else indicator_evidence(locked.unit, locked.year)
    )
    locked.submitted_at = timezone.now()
    to = State.SUBMITTED if locked.state == State.DRAFT else State.RESUBMITTED
    fields = ["eligibility", "indicator_evidence", "submitted_at"]
    _move(
        actor=actor,
        nomination=locked,
        allowed_from=EDITABLE_STATES,
        to=to,
        action="nomination.submit",
        extra_fields=fields,
        changes={"overridden": sorted(r.rule for r in failing)} if failing else None,
    )
    _sync(nomination, locked, ["state", "updated_at", *fields])
    return locked


def _review_step(*, actor, nomination, permission, allowed_from, to, action, reason=""):
    """Check the permission, lock, move with its audit row, and show the caller the new state."""
    _require(actor, permission, nomination.unit)
    locked = _locked(nomination)
    _move(actor=actor, nomination=locked, allowed_from=allowed_from, to=to, action=action,
          reason=reason)  # fmt: skip
    _sync(nomination, locked, ["state", "updated_at"])
    return locked


@transaction.atomic
def nomination_return(*, actor, nomination, reason):
    """Submitted or resubmitted → returned to the unit, with the reason they must act on."""
    return _review_step(actor=actor, nomination=nomination, permission=REVIEW,
                        allowed_from=UNDER_REVIEW, to=State.RETURNED, action="nomination.return",
                        reason=_require_reason(reason))  # fmt: skip


@transaction.atomic
def nomination_accept(*, actor, nomination):
    """Submitted or resubmitted → accepted, ready for the council."""
    return _review_step(actor=actor, nomination=nomination, permission=REVIEW,
                        allowed_from=UNDER_REVIEW, to=State.ACCEPTED,
                        action="nomination.accept")  # fmt: skip


@transaction.atomic
def nomination_withdraw(*, actor, nomination, reason=""):
    """Draft or returned → withdrawn: the unit no longer proposes it."""
    return _review_step(actor=actor, nomination=nomination, permission=EDIT,
                        allowed_from=EDITABLE_STATES, to=State.WITHDRAWN,
                        action="nomination.withdraw", reason=(reason or "").strip())  # fmt: skip


@transaction.atomic
def nomination_override(*, actor, nomination, reason):
    """An officer lets the nomination go forward although blocking rules fail, in writing.

    The override covers the rules failing now (named in the audit row); a rule that starts
    failing later needs a new override."""
    reason = _require_reason(reason)
    _require(actor, REVIEW, nomination.unit)
    locked = _locked(nomination)
    _refuse_state(locked, OVERRIDABLE_STATES)
    failing = sorted(result.rule for result in evaluate_nomination(locked).blocking_failures)
    if not failing:
        raise WorkflowError(_("No blocking rule fails: there is nothing to override."))
    locked.override_reason = reason
    locked.save(update_fields=["override_reason", "updated_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="nomination.override",
        from_state=locked.state,
        to_state=locked.state,
        reason=reason,
        changes={"rules": failing},
    )
    _sync(nomination, locked, ["override_reason", "updated_at"])
    return locked


def accepting_campaigns(user, today=None):
    """Open campaigns inside their nomination window that reach one of the user's units."""
    today = today or timezone.localdate()
    return Campaign.objects.visible_to(user).filter(
        state=Campaign.State.OPEN, nominations_open__lte=today, nominations_close__gte=today
    )
