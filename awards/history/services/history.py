"""Award history: past awards imported from the department's records."""

from django.utils.translation import gettext as _

from awards.history.services._common import (
    AWARD_COLUMNS,
    AWARD_OPTIONAL,
    PERSON,
    UNIT,
    _atomic_import,
    _check_length,
    _choice,
    _Directory,
    _duplicate,
    _field,
    _one_line,
    _refuse_if,
    _Saver,
    _stored_key,
    _subject_fields,
    _subject_key,
    _subjects_q,
    parse_year,
)
from awards.models import (
    AwardRecord,
    AwardType,
    CommendationType,
)
from organizations.audit.services import changes_between
from organizations.imports import ImportResult
from organizations.tabular import (
    PAST_DATES,
    ImportRefused,
    RowError,
    max_length,
    parse_date,
    plausible_dates,
    read_table,
)


def awards_import(*, data, filename, actor=None, allowed_units=None):
    """`award_type,recipient,year,commendation_type[,decision_number,decision_date,issuer]`: the
    department's past awards; key (award type, recipient, year, commendation type). Optional
    columns that are absent leave the stored values as they are."""
    rows = read_table(data, filename, AWARD_COLUMNS)
    present = set(rows[0].values) if rows else set()
    optional = [column for column in AWARD_OPTIONAL if column in present]
    award_types = {award.code.upper(): award for award in AwardType.objects.all()}
    directory = _Directory((row.text("recipient") for row in rows), allowed_units)
    kinds = CommendationType.values
    dates = plausible_dates(*PAST_DATES)
    errors, planned = [], {}
    for row in rows:
        problems = []
        award = award_types.get(row.text("award_type").upper())
        if award is None:
            problems.append(
                _("Unknown award type “%(code)s” (use a catalogue code such as LDTT or BK_TINH).")
                % {"code": row.text("award_type")}
            )
        code = row.text("recipient")
        recipient = None
        if not code:
            problems.append(_("The recipient (person or unit code) is empty."))
        else:
            try:
                recipient = directory.subject(code)
            except ValueError as error:
                problems.append(str(error))
        if award is not None and recipient is not None:
            if recipient[0] == UNIT and not award.accepts(individual=False):
                problems.append(
                    _("%(award)s is awarded to individuals only; %(code)s is a unit.")
                    % {"award": award.code, "code": code}
                )
            elif recipient[0] == PERSON and not award.accepts(individual=True):
                problems.append(
                    _("%(award)s is awarded to collectives only; %(code)s is a person.")
                    % {"award": award.code, "code": code}
                )
        year = _field(row, "year", problems, parse_year)
        kind = _field(
            row, "commendation_type", problems, lambda v: _choice(v, kinds, _("commendation type"))
        )
        values = {}
        if "decision_number" in optional:
            values["decision_number"] = _one_line(row.text("decision_number"))
            limit = max_length(AwardRecord, "decision_number")
            _check_length(problems, values["decision_number"], limit, _("decision number"))
        if "decision_date" in optional:
            try:
                values["decision_date"] = parse_date(row.values.get("decision_date"), within=dates)
            except ValueError as error:
                problems.append(f"decision_date: {error}")
        if "issuer" in optional:
            values["issuer"] = _one_line(row.text("issuer"))
            _check_length(problems, values["issuer"], max_length(AwardRecord, "issuer"),
                          _("issuer"))  # fmt: skip
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
            continue
        key = (award.pk, _subject_key(*recipient), year, kind)
        if key in planned:
            errors.append(_duplicate(row, planned[key][0].line))
            continue
        planned[key] = (row, award, recipient, year, kind, values)
    _refuse_if(errors)

    def save():
        saver = _Saver(actor)
        stored = {
            (r.award_type_id, _stored_key(r), r.year, r.commendation_type): r
            for r in AwardRecord.objects.select_for_update().filter(
                _subjects_q({key[1] for key in planned}), year__in={key[2] for key in planned}
            )
        }
        granted = []
        for key, (row, award, (subject_kind, obj), year, kind, values) in planned.items():
            existing = stored.get(key)
            if existing is None:
                saver.create(
                    AwardRecord(
                        award_type=award, year=year, commendation_type=kind,
                        source=AwardRecord.Source.IMPORTED, **values,
                        **_subject_fields(subject_kind, obj),
                    ),
                    {"award_type": award.code, subject_kind: obj.code, "year": year,
                     "commendation_type": kind, **values},
                )  # fmt: skip
            elif existing.source == AwardRecord.Source.GRANTED and changes_between(
                existing, values
            ):
                granted.append(
                    RowError(
                        row.line,
                        _(
                            "This award was granted through Thi đua; its decision cannot be "
                            "changed by an import."
                        ),
                    )
                )
            else:
                saver.update(existing, values)
        if granted:
            raise _Rollback(granted)
        return saver.result

    if not planned:
        return ImportResult()
    try:
        return _atomic_import(save)
    except _Rollback as rollback:
        raise ImportRefused(rollback.errors) from None


class _Rollback(Exception):
    def __init__(self, errors):
        self.errors = errors
