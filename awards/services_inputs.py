"""Writes to the inputs that eligibility needs: annual ratings, initiatives, holds, award history,
emulation clusters, and the award catalogue itself.

Every import reads its file through organizations.tabular (CSV with or without BOM, comma or
semicolon separated, or XLSX), checks every line before saving anything, names each bad line by
the number a user sees in Excel (the header is line 1), and saves all lines in one transaction
or none. Importing the same file again updates the stored rows found by each import's key and
never duplicates them. Every created or changed row gets an audit entry.

`allowed_units` (the web pages pass `units_where(user, action)`) limits the people and units a
file may name: a code outside them is reported exactly like a code that does not exist.
"""

import json
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from awards.models import (
    AnnualRating,
    AwardRecord,
    AwardType,
    Cluster,
    ClusterMember,
    CommendationType,
    Hold,
    Initiative,
    Rating,
)
from organizations.audit import audit_record, changes_between, changes_created
from organizations.models import Person, Unit
from organizations.services import ImportResult
from organizations.tabular import ImportRefused, RowError, parse_date, read_table

YEAR_MIN, YEAR_MAX = 1990, 2100

RATING_COLUMNS = ["subject", "year", "rating"]
INITIATIVE_COLUMNS = ["person", "year", "title", "level"]
HOLD_COLUMNS = ["subject", "reason", "start"]  # "end" is optional
HOLD_OPTIONAL = ["end"]
AWARD_COLUMNS = ["award_type", "recipient", "year", "commendation_type"]
AWARD_OPTIONAL = ["decision_number", "decision_date", "issuer"]
CLUSTER_COLUMNS = ["cluster", "kind", "year", "unit", "role"]

PERSON, UNIT = "person", "unit"


# Shared helpers ---------------------------------------------------------------------------------


def _text(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def _one_line(text):
    return " ".join(_text(text).split())


def _allowed_ids(allowed_units):
    if allowed_units is None:
        return None
    if isinstance(allowed_units, QuerySet):
        return set(allowed_units.values_list("pk", flat=True))
    return {getattr(unit, "pk", unit) for unit in allowed_units}


def _choice(value, choices, what):
    """The stored value of a choice written in any case, or ValueError naming the choices."""
    text = value.strip().lower()
    if not text:
        raise ValueError(_("The %(what)s is empty.") % {"what": what})
    for stored in choices:
        if stored.lower() == text:
            return stored
    raise ValueError(
        _("Unknown %(what)s “%(value)s” (use one of: %(choices)s).")
        % {"what": what, "value": value, "choices": ", ".join(choices)}
    )


def parse_year(text):
    if _text(text).strip() == "":
        raise ValueError(_("The year is empty."))
    try:
        year = int(_text(text).strip())
    except ValueError:
        raise ValueError(_("“%(value)s” is not a year.") % {"value": text}) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(
            _("The year %(year)s is outside %(min)s–%(max)s.")
            % {"year": year, "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return year


def _check_length(problems, value, limit, what):
    if len(value) > limit:
        problems.append(
            _("The %(what)s is longer than %(limit)s characters.") % {"what": what, "limit": limit}
        )


def _duplicate(row, first_line):
    return RowError(
        row.line,
        _("The same record already appears on line %(line)s.") % {"line": first_line},
    )


class _Directory:
    """The people and units a file names, read in two queries whatever the file's length."""

    def __init__(self, codes, allowed_units=None, *, people=True, units=True):
        codes = {code for code in codes if code}
        allowed = _allowed_ids(allowed_units)
        self.people = {}
        self.units = {}
        self.hidden = set()  # codes that exist but lie outside the allowed units
        if people:
            for person in Person.objects.filter(code__in=codes).only(
                "id", "code", "full_name", "unit_id"
            ):
                if allowed is None or person.unit_id in allowed:
                    self.people[person.code] = person
                else:
                    self.hidden.add((PERSON, person.code))
        if units:
            for unit in Unit.objects.filter(code__in=codes).only("id", "code", "name", "path"):
                if allowed is None or unit.pk in allowed:
                    self.units[unit.code] = unit
                else:
                    self.hidden.add((UNIT, unit.code))

    def subject(self, code):
        """(kind, object) for a person's staff number or a unit code."""
        person, unit = self.people.get(code), self.units.get(code)
        if person is None and unit is None:
            raise ValueError(_("Unknown person or unit code “%(code)s”.") % {"code": code})
        names_person = person is not None or (PERSON, code) in self.hidden
        names_unit = unit is not None or (UNIT, code) in self.hidden
        if names_person and names_unit:
            raise ValueError(
                _(
                    "The code “%(code)s” names both a person and a unit; it is ambiguous. "
                    "Enter this record on screen instead."
                )
                % {"code": code}
            )
        return (PERSON, person) if person is not None else (UNIT, unit)

    def person(self, code):
        person = self.people.get(code)
        if person is None:
            raise ValueError(_("Unknown person code “%(code)s”.") % {"code": code})
        return person

    def unit(self, code):
        unit = self.units.get(code)
        if unit is None:
            raise ValueError(_("Unknown unit code “%(code)s”.") % {"code": code})
        return unit


def _subject_fields(kind, obj):
    return {"person": obj, "unit": None} if kind == PERSON else {"person": None, "unit": obj}


def _subject_key(kind, obj):
    return (kind, obj.pk)


def _stored_key(row):
    return (PERSON, row.person_id) if row.person_id else (UNIT, row.unit_id)


def _subjects_q(keys):
    person_ids = {pk for kind, pk in keys if kind == PERSON}
    unit_ids = {pk for kind, pk in keys if kind == UNIT}
    return Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)


def _field(row, name, problems, parse):
    try:
        return parse(row.text(name))
    except ValueError as error:
        problems.append(str(error))
        return None


def _refuse_if(errors):
    if errors:
        raise ImportRefused(errors)


class _Saver:
    """Creates, updates or leaves unchanged, counting and auditing each line."""

    def __init__(self, actor):
        self.actor = actor
        self.result = ImportResult()

    def create(self, instance, audited):
        instance.save()
        self.result.created += 1
        audit_record(
            actor=self.actor, obj=instance, action="import.create", changes=changes_created(audited)
        )
        return instance

    def update(self, instance, values):
        diff = changes_between(instance, values)
        if not diff:
            self.result.unchanged += 1
            return instance
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        self.result.updated += 1
        audit_record(actor=self.actor, obj=instance, action="import.update", changes=diff)
        return instance


def _atomic_import(save):
    """Run `save` in one transaction; a clash with a concurrent writer refuses the whole file."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise ImportRefused(
            [
                RowError(
                    1,
                    _(
                        "Someone else changed the same records at the same time. Nothing was "
                        "imported; please import the file again."
                    ),
                )
            ]
        ) from None


# Annual ratings ---------------------------------------------------------------------------------


def ratings_import(*, data, filename, actor=None, allowed_units=None):
    """`subject,year,rating`: a person's or a unit's rating for a year; key (subject, year)."""
    rows = read_table(data, filename, RATING_COLUMNS)
    directory = _Directory((row.text("subject") for row in rows), allowed_units)
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
        year = _field(row, "year", problems, parse_year)
        rating = _field(row, "rating", problems, lambda v: _choice(v, Rating.values, _("rating")))
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
            continue
        key = (_subject_key(*subject), year)
        if key in planned:
            errors.append(_duplicate(row, planned[key][0].line))
            continue
        planned[key] = (row, subject, year, rating)
    _refuse_if(errors)

    def save():
        saver = _Saver(actor)
        keys = {key[0] for key in planned}
        years = {key[1] for key in planned}
        stored = {
            (_stored_key(rating), rating.year): rating
            for rating in AnnualRating.objects.select_for_update().filter(
                _subjects_q(keys), year__in=years
            )
        }
        for key, (_row, (kind, obj), year, rating) in planned.items():
            existing = stored.get(key)
            if existing is None:
                saver.create(
                    AnnualRating(year=year, rating=rating, **_subject_fields(kind, obj)),
                    {kind: obj.code, "year": year, "rating": rating},
                )
            else:
                saver.update(existing, {"rating": rating})
        return saver.result

    return _atomic_import(save) if planned else ImportResult()


@dataclass
class RatingsSaved:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self):
        return self.created + self.updated + self.deleted


class RatingsConflict(Exception):
    """Someone else changed some of these ratings after the grid was shown; nothing was saved.
    `subjects` are the people or the unit concerned."""

    def __init__(self, subjects):
        self.subjects = subjects
        super().__init__(", ".join(str(subject) for subject in subjects))


@transaction.atomic
def ratings_save(*, actor, unit, year, ratings, expected=None):
    """Save a unit's ratings grid for one year.

    `ratings` maps the unit itself (its collective rating) and active people directly in the
    unit to a rating code, or to "" / None for no rating (a stored rating is then removed).
    `expected`, if given, maps the same subjects to the ratings the grid showed: when a stored
    rating differs from it and the new value differs too, nothing is saved (RatingsConflict).
    """
    try:
        parse_year(year)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    person_ids = set()
    for subject in ratings:
        if isinstance(subject, Unit):
            if subject.pk != unit.pk:
                raise ValidationError(_("Only this unit's own collective rating can be saved."))
        elif isinstance(subject, Person):
            if subject.unit_id != unit.pk:
                raise ValidationError(
                    _("%(name)s is not a member of %(unit)s.")
                    % {"name": subject.full_name, "unit": unit.name}
                )
            person_ids.add(subject.pk)
        else:
            raise ValidationError(_("A rating belongs to a person or a unit."))
    valid = set(Rating.values)
    stored = {
        _stored_key(rating): rating
        for rating in AnnualRating.objects.select_for_update().filter(
            Q(person_id__in=person_ids) | Q(unit_id=unit.pk, person__isnull=True), year=year
        )
    }

    def key_of(subject):
        return (UNIT, subject.pk) if isinstance(subject, Unit) else (PERSON, subject.pk)

    conflicts = []
    for subject, wanted in ratings.items():
        wanted = wanted or ""
        if wanted and wanted not in valid:
            raise ValidationError(_("Unknown rating “%(value)s”.") % {"value": wanted})
        current = stored[key_of(subject)].rating if key_of(subject) in stored else ""
        if expected is not None and subject in expected:
            shown = expected[subject] or ""
            if current != shown and wanted != current:
                conflicts.append(subject)
    if conflicts:
        raise RatingsConflict(conflicts)

    saved = RatingsSaved()
    for subject, wanted in ratings.items():
        wanted = wanted or ""
        existing = stored.get(key_of(subject))
        if existing is None and not wanted:
            saved.unchanged += 1
        elif existing is None:
            kind = UNIT if isinstance(subject, Unit) else PERSON
            rating = AnnualRating(year=year, rating=wanted, **_subject_fields(kind, subject))
            rating.save()
            saved.created += 1
            audit_record(actor=actor, obj=rating, action="rating.create",
                         changes=changes_created({"year": year, "rating": wanted}))  # fmt: skip
        elif not wanted:
            audit_record(actor=actor, obj=existing, action="rating.delete",
                         changes={"rating": [existing.rating, None]})  # fmt: skip
            existing.delete()
            saved.deleted += 1
        elif existing.rating != wanted:
            changes = {"rating": [existing.rating, wanted]}
            existing.rating = wanted
            existing.save(update_fields=["rating", "updated_at"])
            saved.updated += 1
            audit_record(actor=actor, obj=existing, action="rating.update", changes=changes)
        else:
            saved.unchanged += 1
    return saved


# Initiatives ------------------------------------------------------------------------------------


def initiatives_import(*, data, filename, actor=None, allowed_units=None):
    """`person,year,title,level`: an initiative recognised for a person; key (person, year,
    title)."""
    rows = read_table(data, filename, INITIATIVE_COLUMNS)
    directory = _Directory((row.text("person") for row in rows), allowed_units, units=False)
    levels = Initiative.Level.values
    errors, planned = [], {}
    for row in rows:
        problems = []
        code = row.text("person")
        person = None
        if not code:
            problems.append(_("The person code is empty."))
        else:
            try:
                person = directory.person(code)
            except ValueError as error:
                problems.append(str(error))
        year = _field(row, "year", problems, parse_year)
        title = _one_line(row.text("title"))
        if not title:
            problems.append(_("The title is empty."))
        _check_length(problems, title, 500, _("title"))
        level = _field(row, "level", problems, lambda v: _choice(v, levels, _("level")))
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
            continue
        key = (person.pk, year, title)
        if key in planned:
            errors.append(_duplicate(row, planned[key][0].line))
            continue
        planned[key] = (row, person, year, title, level)
    _refuse_if(errors)

    def save():
        saver = _Saver(actor)
        stored = {
            (i.person_id, i.year, i.title): i
            for i in Initiative.objects.select_for_update().filter(
                person_id__in={key[0] for key in planned}, year__in={key[1] for key in planned}
            )
        }
        for key, (_row, person, year, title, level) in planned.items():
            existing = stored.get(key)
            if existing is None:
                saver.create(
                    Initiative(person=person, year=year, title=title, level=level),
                    {"person": person.code, "year": year, "title": title, "level": level},
                )
            else:
                saver.update(existing, {"level": level})
        return saver.result

    return _atomic_import(save) if planned else ImportResult()


@transaction.atomic
def initiative_create(*, actor, person, year, title, level):
    initiative = Initiative(person=person, year=year, title=_one_line(title), level=level)
    initiative.full_clean()
    initiative.save()
    audit_record(actor=actor, obj=initiative, action="initiative.create",
                 changes=changes_created({"person": person.code, "year": year,
                                      "title": initiative.title, "level": level}))  # fmt: skip
    return initiative


def _not_consumed(initiative):
    if initiative.consumed_by_id:
        raise ValidationError(
            _("This initiative already supported %(award)s; it can no longer be changed.")
            % {"award": initiative.consumed_by}
        )


@transaction.atomic
def initiative_update(*, actor, initiative, **values):
    """Correct an initiative (year, title, level) that no title has used yet."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _not_consumed(locked)
    if "title" in values:
        values["title"] = _one_line(values["title"])
    diff = changes_between(locked, values)
    if not diff:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, obj=locked, action="initiative.update", changes=diff)
    return locked


@transaction.atomic
def initiative_delete(*, actor, initiative):
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _not_consumed(locked)
    audit_record(actor=actor, obj=locked, action="initiative.delete",
                 changes={name: [_text(getattr(locked, name)), None]
                          for name in ("year", "title", "level")})  # fmt: skip
    locked.delete()


# Holds ------------------------------------------------------------------------------------------


def holds_import(*, data, filename, actor=None, allowed_units=None):
    """`subject,reason,start[,end]`: a discipline or investigation hold; key (subject, start,
    reason). Without an `end` column, the stored end dates are left as they are."""
    rows = read_table(data, filename, HOLD_COLUMNS)
    has_end = bool(rows) and "end" in rows[0].values
    directory = _Directory((row.text("subject") for row in rows), allowed_units)
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
        _check_length(problems, reason, 500, _("reason"))
        start = end = None
        try:
            start = parse_date(row.values.get("start"))
            if start is None:
                problems.append(_("The start date is empty."))
        except ValueError as error:
            problems.append(f"start: {error}")
        try:
            end = parse_date(row.values.get("end"))
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


# Award history ----------------------------------------------------------------------------------


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
            _check_length(problems, values["decision_number"], 100, _("decision number"))
        if "decision_date" in optional:
            try:
                values["decision_date"] = parse_date(row.values.get("decision_date"))
            except ValueError as error:
                problems.append(f"decision_date: {error}")
        if "issuer" in optional:
            values["issuer"] = _one_line(row.text("issuer"))
            _check_length(problems, values["issuer"], 255, _("issuer"))
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


# Emulation clusters and blocks ------------------------------------------------------------------


def clusters_import(*, data, filename, actor=None, allowed_units=None):
    """`cluster,kind,year,unit,role`: the member units of each emulation cluster or block per
    year; key (cluster name, year, unit, role). A cluster has at most one voted leading unit
    (`winner`) per year: a winner in the file replaces the stored one."""
    rows = read_table(data, filename, CLUSTER_COLUMNS)
    directory = _Directory((row.text("unit") for row in rows), allowed_units, people=False)
    errors, planned, clusters, winners = [], {}, {}, {}
    for row in rows:
        problems = []
        name = _one_line(row.text("cluster"))
        if not name:
            problems.append(_("The cluster name is empty."))
        _check_length(problems, name, 255, _("cluster name"))
        kind = _field(row, "kind", problems, lambda v: _choice(v, Cluster.Kind.values, _("kind")))
        year = _field(row, "year", problems, parse_year)
        unit = None
        code = row.text("unit")
        if not code:
            problems.append(_("The unit code is empty."))
        else:
            try:
                unit = directory.unit(code)
            except ValueError as error:
                problems.append(str(error))
        role = _field(
            row, "role", problems, lambda v: _choice(v, ClusterMember.Role.values, _("role"))
        )
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
            continue
        cluster_key = (name, year)
        if cluster_key in clusters and clusters[cluster_key][1] != kind:
            first_line, first_kind = clusters[cluster_key]
            errors.append(
                RowError(
                    row.line,
                    _(
                        "%(cluster)s (%(year)s) is a %(kind)s here but a %(first_kind)s on line "
                        "%(line)s."
                    )
                    % {"cluster": name, "year": year, "kind": kind, "first_kind": first_kind,
                       "line": first_line},
                )
            )  # fmt: skip
            continue
        clusters.setdefault(cluster_key, (row.line, kind))
        key = (name, year, unit.pk, role)
        if key in planned:
            errors.append(_duplicate(row, planned[key][0].line))
            continue
        if role == ClusterMember.Role.WINNER:
            if cluster_key in winners:
                first = winners[cluster_key]
                errors.append(
                    RowError(
                        row.line,
                        _(
                            "Lines %(first)s and %(line)s both name a voted leading unit of "
                            "%(cluster)s (%(year)s): %(first_unit)s and %(unit)s; a cluster has "
                            "one per year."
                        )
                        % {"first": first[0].line, "line": row.line, "cluster": name,
                           "year": year, "first_unit": first[1].code, "unit": unit.code},
                    )
                )  # fmt: skip
                continue
            winners[cluster_key] = (row, unit)
        planned[key] = (row, name, year, kind, unit, role)
    _refuse_if(errors)

    def save():
        saver = _Saver(actor)
        wanted = list(clusters)
        by_key = {}
        if wanted:
            condition = reduce(or_, (Q(name=name, year=year) for name, year in wanted))
            for cluster in Cluster.objects.select_for_update().filter(condition):
                by_key[(cluster.name, cluster.year)] = cluster
        members = {
            (m.cluster_id, m.unit_id, m.role): m
            for m in ClusterMember.objects.select_for_update()
            .filter(cluster__in=list(by_key.values()))
            .select_related("unit")
        }
        stored_winner = {
            m.cluster_id: m for m in members.values() if m.role == ClusterMember.Role.WINNER
        }
        for (_name, _year, _unit, _role), (_row, name, year, kind, unit, role) in planned.items():
            cluster = by_key.get((name, year))
            line_changed = False
            if cluster is None:
                cluster = Cluster(name=name, year=year, kind=kind)
                cluster.save()
                audit_record(actor=actor, obj=cluster, action="import.create",
                             changes=changes_created({"name": name, "year": year,
                                                  "kind": kind}))  # fmt: skip
                by_key[(name, year)] = cluster
            elif cluster.kind != kind:
                audit_record(actor=actor, obj=cluster, action="import.update",
                             changes={"kind": [cluster.kind, kind]})  # fmt: skip
                cluster.kind = kind
                cluster.save(update_fields=["kind"])
                line_changed = True
            if (cluster.pk, unit.pk, role) in members:
                if line_changed:
                    saver.result.updated += 1
                else:
                    saver.result.unchanged += 1
                continue
            if role == ClusterMember.Role.WINNER and cluster.pk in stored_winner:
                previous = stored_winner.pop(cluster.pk)
                audit_record(actor=actor, obj=cluster, action="import.update",
                             changes={"winner": [previous.unit.code, unit.code]})  # fmt: skip
                previous.delete()
                member = ClusterMember(cluster=cluster, unit=unit, role=role)
                member.save()
                members[(cluster.pk, unit.pk, role)] = member
                saver.result.updated += 1
                continue
            member = ClusterMember(cluster=cluster, unit=unit, role=role)
            saver.create(member, {"cluster": name, "year": year, "unit": unit.code, "role": role})
            members[(cluster.pk, unit.pk, role)] = member
        return saver.result

    return _atomic_import(save) if planned else ImportResult()


# The catalogue ----------------------------------------------------------------------------------

AWARD_TYPE_FIELDS = [
    "name_vi", "name_en", "name_fr", "kind", "recipient", "authority", "decided_by_department",
    "bonus_coefficient", "criteria", "legal_document", "legal_article", "effective_from",
    "effective_to", "required_documents", "vote_threshold", "public_comment_required",
    "public_comment_days", "certificate_template", "rule_params", "is_active", "display_order",
]  # fmt: skip


@transaction.atomic
def award_type_update(*, actor, award_type, **values):
    """Change a catalogue entry (its code stays: imports and commands use it)."""
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
