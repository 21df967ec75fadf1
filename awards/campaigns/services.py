"""Campaigns (phong trào, đợt khen thưởng).

Every write is one transaction with its audit row. State changes lock the row they change
(select_for_update), check the state it is in now, write, and audit from → to with the reason:
two officers acting at once cannot both succeed. Refusals raise `WorkflowError` (a state that
does not allow the change) or `ValidationError` (data that is not acceptable), each with a
translated message meant for the user. Permissions are checked by the views and again here
for campaigns: creating, changing, launching, closing a campaign or attaching a document needs
"campaign.manage" on every unit it is aimed at (and on every top-level unit when it is aimed at
everyone), otherwise PermissionDenied.
"""

import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from awards.models import Campaign, CampaignDocument
from organizations.access import may_on_units, scope_of
from organizations.audit.services import audit_record
from organizations.uploads import content_matches
from organizations.workflow import WorkflowError

__all__ = [
    "MANAGE",
    "WorkflowError",
    "campaign_create",
    "campaign_update",
    "campaign_launch",
    "campaign_close",
    "campaign_document_add",
]

MANAGE = "campaign.manage"
YEAR_MIN, YEAR_MAX = 1990, 2100
# Campaign documents: at most this many bytes unless settings.CAMPAIGN_DOCUMENT_MAX_BYTES says.
DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# Extension → how its first bytes must look (checked again on the content below).
DOCUMENT_TYPES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
}
CAMPAIGN_FIELDS = ["name", "type", "year", "starts_on", "ends_on", "description",
                   "nominations_open", "nominations_close"]  # fmt: skip
# While a campaign is launched only its dates and description may still change.
OPEN_EDITABLE = {"starts_on", "ends_on", "description", "nominations_open", "nominations_close"}
CampaignState = Campaign.State


def document_max_bytes():
    return getattr(settings, "CAMPAIGN_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES)


def require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    return reason


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# --- Campaigns ---------------------------------------------------------------------------------


def may_manage(user, target_units):
    """Whether the user may manage a campaign aimed at `target_units` (empty: at everyone)."""
    return may_on_units(user, MANAGE, target_units)


def manage_refusal(user, target_units):
    """Why the user may not manage a campaign aimed at `target_units`, or None when they may."""
    target_units = list(target_units)
    if may_manage(user, target_units):
        return None
    if not target_units:
        return _(
            "A campaign aimed at every unit needs the emulation officer's role on the whole "
            "department; choose the units it is aimed at."
        )
    scope = scope_of(user)
    outside = sorted(unit.name for unit in target_units if not scope.may(MANAGE, unit))
    return _("You may not manage campaigns for %(units)s.") % {"units": ", ".join(outside)}


def _require_manage(actor, target_units):
    refusal = manage_refusal(actor, target_units)
    if refusal:
        raise PermissionDenied(refusal)


def window_errors(*, year, starts_on, ends_on, nominations_open, nominations_close):
    """Field → message for dates that do not fit together (empty when they do)."""
    errors = {}
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        errors["year"] = _("Give a year between %(min)s and %(max)s.") % {
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The campaign ends before it starts.")
    if nominations_open is None:
        errors["nominations_open"] = _("Give the date nominations open.")
    if nominations_close is None:
        errors["nominations_close"] = _("Give the date nominations close.")
    if nominations_open and nominations_close and nominations_close < nominations_open:
        errors["nominations_close"] = _(
            "The nomination window closes before it opens: the closing date must be on or after "
            "the opening date."
        )
    return errors


def _check_fields(fields):
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields: {', '.join(sorted(unknown))}")


def _set_relations(campaign, award_types, target_units):
    if award_types is not None:
        campaign.award_types.set(award_types)
    if target_units is not None:
        campaign.target_units.set(target_units)


def _relation_text(items):
    return ", ".join(sorted(str(getattr(item, "code", item)) for item in items))


@transaction.atomic
def campaign_create(*, actor, award_types=(), target_units=(), **fields):
    """A new campaign, in draft. `fields` are Campaign fields (name, type, year, dates…)."""
    _check_fields(fields)
    target_units = list(target_units)
    _require_manage(actor, target_units)
    campaign = Campaign(created_by=_actor(actor), state=CampaignState.DRAFT, **fields)
    errors = window_errors(
        year=campaign.year,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        nominations_open=campaign.nominations_open,
        nominations_close=campaign.nominations_close,
    )
    if not (campaign.name or "").strip():
        errors["name"] = _("Give the campaign a name.")
    if errors:
        raise ValidationError(errors)
    campaign.save()
    _set_relations(campaign, list(award_types), target_units)
    audit_record(
        actor=actor,
        obj=campaign,
        action="campaign.create",
        to_state=campaign.state,
        changes={
            "award_types": ["", _relation_text(award_types)],
            "target_units": ["", _relation_text(target_units)],
        },
    )
    return campaign


def _locked_campaign(campaign):
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def campaign_update(*, actor, campaign, award_types=None, target_units=None, **fields):
    """Change a draft campaign freely; a launched one only in its dates and description.
    Relations left as None are not changed."""
    _check_fields(fields)
    campaign = _locked_campaign(campaign)
    changed = {name: value for name, value in fields.items() if getattr(campaign, name) != value}
    old_types = set(campaign.award_types.all())
    old_targets = set(campaign.target_units.all())
    _require_manage(actor, old_targets)
    types_changed = award_types is not None and set(award_types) != old_types
    targets_changed = target_units is not None and set(target_units) != old_targets
    if targets_changed:
        target_units = list(target_units)
        _require_manage(actor, target_units)
    if campaign.state == CampaignState.CLOSED:
        raise WorkflowError(_("A closed campaign can no longer be changed."))
    if campaign.state == CampaignState.OPEN:
        frozen = sorted(
            str(Campaign._meta.get_field(name).verbose_name)
            for name in set(changed) - OPEN_EDITABLE
        )
        if types_changed:
            frozen.append(str(Campaign._meta.get_field("award_types").verbose_name))
        if targets_changed:
            frozen.append(str(Campaign._meta.get_field("target_units").verbose_name))
        if frozen:
            raise WorkflowError(
                _(
                    "The campaign is launched: only its dates and description can still change, "
                    "not: %(fields)s."
                )
                % {"fields": ", ".join(frozen)}
            )
    audit = {
        name: [_text(getattr(campaign, name)), _text(value)] for name, value in changed.items()
    }
    for name, value in changed.items():
        setattr(campaign, name, value)
    errors = window_errors(
        year=campaign.year,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        nominations_open=campaign.nominations_open,
        nominations_close=campaign.nominations_close,
    )
    if not (campaign.name or "").strip():
        errors["name"] = _("Give the campaign a name.")
    if errors:
        raise ValidationError(errors)
    if not (changed or types_changed or targets_changed):
        return campaign
    campaign.save()
    if types_changed:
        campaign.award_types.set(award_types)
        audit["award_types"] = [_relation_text(old_types), _relation_text(award_types)]
    if targets_changed:
        campaign.target_units.set(target_units)
        audit["target_units"] = [_relation_text(old_targets), _relation_text(target_units)]
    audit_record(actor=actor, obj=campaign, action="campaign.update", changes=audit)
    return campaign


def _campaign_transition(*, actor, campaign, allowed_from, to, check=None):
    campaign = _locked_campaign(campaign)
    _require_manage(actor, campaign.target_units.all())
    if campaign.state not in allowed_from:
        raise WorkflowError(
            _("This cannot be done while the campaign is “%(state)s”.")
            % {"state": campaign.get_state_display()}
        )
    if check:
        check(campaign)
    previous = campaign.state
    campaign.state = to
    campaign.save(update_fields=["state"])
    audit_record(actor=actor, obj=campaign, action=f"campaign.{to}", from_state=previous,
                 to_state=to)  # fmt: skip
    return campaign


def _ready_to_launch(campaign):
    problems = []
    if not campaign.award_types.exists():
        problems.append(_("choose at least one award type it accepts"))
    errors = window_errors(
        year=campaign.year,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        nominations_open=campaign.nominations_open,
        nominations_close=campaign.nominations_close,
    )
    problems.extend(str(message) for message in errors.values())
    if not errors and campaign.nominations_close < timezone.localdate():
        problems.append(
            _("the nomination window closed on %(date)s: move its closing date")
            % {"date": campaign.nominations_close.strftime("%d/%m/%Y")}
        )
    if problems:
        raise WorkflowError(
            _("The campaign cannot be launched yet: %(problems)s.")
            % {"problems": "; ".join(problems)}
        )


@transaction.atomic
def campaign_launch(*, actor, campaign):
    """Draft → launched: the campaign appears to the units it targets."""
    return _campaign_transition(actor=actor, campaign=campaign, allowed_from={CampaignState.DRAFT},
                                to=CampaignState.OPEN, check=_ready_to_launch)  # fmt: skip


@transaction.atomic
def campaign_close(*, actor, campaign):
    """Launched → closed: no more nominations; the campaign stays visible."""
    return _campaign_transition(actor=actor, campaign=campaign, allowed_from={CampaignState.OPEN},
                                to=CampaignState.CLOSED)  # fmt: skip


# --- Campaign documents ------------------------------------------------------------------------


def size_text(size):
    return filesizeformat(size)


def check_document(upload):
    """The upload's bytes and clean file name, or ValidationError with the reason it is refused."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ", ".join(sorted({e.upper() for e in DOCUMENT_TYPES} - {"JPEG"}))
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("“%(name)s” is not an accepted type. Accepted: %(types)s.")
            % {"name": name, "types": allowed},
            code="type",
        )
    limit = document_max_bytes()
    size = upload.size
    if size is None or size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": size_text(size or 0), "limit": size_text(limit)},
            code="size",
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s.")
            % {"name": name, "limit": size_text(limit)},
            code="size",
        )
    if not content_matches(extension, data):
        raise ValidationError(
            _(
                "“%(name)s” is not really a %(type)s file: its content does not match its "
                "extension. Save it again as %(type)s and upload it."
            )
            % {"name": name, "type": DOCUMENT_TYPES[extension]},
            code="content",
        )
    stem = get_valid_filename(name.rsplit(".", 1)[0])[:100] or "document"
    return data, f"{stem}.{extension}"


@transaction.atomic
def campaign_document_add(*, actor, campaign, upload, title=""):
    """Attach a document (plan, guidance, forms) to a campaign. Nothing is stored when the file
    is refused."""
    data, filename = check_document(upload)
    campaign = _locked_campaign(campaign)
    _require_manage(actor, campaign.target_units.all())
    document = CampaignDocument(campaign=campaign, title=(title or "").strip() or filename)
    document.file.save(filename, ContentFile(data), save=False)
    try:
        document.save()
        audit_record(actor=actor, obj=campaign, action="campaign.document_add",
                     changes={"document": ["", f"{document.title} ({filename})"]})  # fmt: skip
    except Exception:
        document.file.delete(save=False)
        raise
    return document
