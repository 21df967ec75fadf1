"""Annual ratings (xếp loại hằng năm) of people and units."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from awards.history.services._common import (
    PERSON,
    RATING_COLUMNS,
    UNIT,
    _atomic_import,
    _choice,
    _Directory,
    _duplicate,
    _field,
    _refuse_if,
    _Saver,
    _stored_key,
    _subject_fields,
    _subject_key,
    _subjects_q,
    parse_year,
)
from awards.models import (
    AnnualRating,
    Rating,
)
from organizations.audit.services import audit_record, changes_created
from organizations.imports import ImportResult
from organizations.models import Person, Unit
from organizations.tabular import RowError, read_table


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
