"""Creating and editing nominations, and what their pages read about them: the campaigns that
accept one now, the dossier documents required and missing, the rules overridden, the unit's
indicator evidence."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Campaign, Nomination
from awards.nominations.services._common import (
    EDIT,
    EDITABLE_STATES,
    State,
    _locked,
    _refuse_state,
    _require,
    _sync,
)
from organizations.audit.services import audit_record
from organizations.models import AuditEntry, Unit


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
    from indicators.report.build import build_report

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


def accepting_campaigns(user, today=None):
    """Open campaigns inside their nomination window that reach one of the user's units."""
    today = today or timezone.localdate()
    return Campaign.objects.visible_to(user).filter(
        state=Campaign.State.OPEN, nominations_open__lte=today, nominations_close__gte=today
    )
