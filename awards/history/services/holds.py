"""Holds: discipline, investigation, inspection or an open complaint."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.history.services._common import (
    HOLD_COLUMNS,
    _atomic_import,
    _check_length,
    _Directory,
    _duplicate,
    _one_line,
    _refuse_if,
    _Saver,
    _stored_key,
    _subject_fields,
    _subject_key,
    _subjects_q,
)
from awards.models import Hold
from organizations.audit.services import audit_record, changes_between, changes_created
from organizations.imports import ImportResult
from organizations.tabular import RowError, max_length, parse_date, plausible_dates, read_table

# A hold is recent history or planned: a date outside is a typo (2204 for 2024).
HOLD_DATES = (1990, 5)


def holds_import(*, data, filename, actor=None, allowed_units=None):
    """`subject,reason,start[,end]`: a discipline or investigation hold; key (subject, start,
    reason). Without an `end` column, the stored end dates are left as they are."""
    rows = read_table(data, filename, HOLD_COLUMNS)
    has_end = bool(rows) and "end" in rows[0].values
    directory = _Directory((row.text("subject") for row in rows), allowed_units)
    dates = plausible_dates(*HOLD_DATES)
    errors, planned = [], {}
    for row in rows:
        problems = []
        code = row.text("subject")
        subject = None
        if not code:
            problems.append(_("The subject (person or unit code) is empty."))
        else:
            try:
                subject = directory.subject(code)
            except ValueError as error:
                problems.append(str(error))
        reason = _one_line(row.text("reason"))
        if not reason:
            problems.append(_("The reason is empty."))
        _check_length(problems, reason, max_length(Hold, "reason"), _("reason"))
        start = end = None
        try:
            start = parse_date(row.values.get("start"), within=dates)
            if start is None:
                problems.append(_("The start date is empty."))
        except ValueError as error:
            problems.append(f"start: {error}")
        try:
            end = parse_date(row.values.get("end"), within=dates)
        except ValueError as error:
            problems.append(f"end: {error}")
        if start and end and end < start:
            problems.append(_("The end date is before the start date."))
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
            continue
        key = (_subject_key(*subject), start, reason)
        if key in planned:
            errors.append(_duplicate(row, planned[key][0].line))
            continue
        planned[key] = (row, subject, reason, start, end)
    _refuse_if(errors)

    def save():
        saver = _Saver(actor)
        stored = {}
        for hold in (
            Hold.objects.select_for_update()
            .filter(_subjects_q({key[0] for key in planned}), start__in={key[1] for key in planned})
            .order_by("pk")
        ):
            stored.setdefault((_stored_key(hold), hold.start, hold.reason), hold)
        for key, (_row, (kind, obj), reason, start, end) in planned.items():
            existing = stored.get(key)
            if existing is None:
                saver.create(
                    Hold(reason=reason, start=start, end=end, **_subject_fields(kind, obj)),
                    {kind: obj.code, "reason": reason, "start": start, "end": end},
                )
            else:
                saver.update(existing, {"end": end} if has_end else {})
        return saver.result

    return _atomic_import(save) if planned else ImportResult()


@transaction.atomic
def hold_create(*, actor, reason, start, end=None, person=None, unit=None):
    hold = Hold(person=person, unit=unit, reason=_one_line(reason), start=start, end=end)
    if (person is None) == (unit is None):
        raise ValidationError(_("A hold concerns either one person or one unit."))
    hold.full_clean()
    hold.save()
    subject = {"person": person.code} if person else {"unit": unit.code}
    audit_record(
        actor=actor,
        obj=hold,
        action="hold.create",
        changes=changes_created({**subject, "reason": hold.reason, "start": start, "end": end}),
    )
    return hold


@transaction.atomic
def hold_update(*, actor, hold, **values):
    """Change a hold's reason or dates (typically: set its end)."""
    locked = Hold.objects.select_for_update().get(pk=hold.pk)
    if "reason" in values:
        values["reason"] = _one_line(values["reason"])
    diff = changes_between(locked, values)
    if not diff:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, obj=locked, action="hold.update", changes=diff)
    return locked
