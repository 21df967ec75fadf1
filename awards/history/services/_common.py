"""Helpers shared by the inputs' imports and services (see the package docstring)."""

import json

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from organizations.audit.services import audit_record, changes_between, changes_created
from organizations.imports import ImportResult
from organizations.models import Person, Unit
from organizations.tabular import ImportRefused, RowError

YEAR_MIN, YEAR_MAX = 1990, 2100

RATING_COLUMNS = ["subject", "year", "rating"]
INITIATIVE_COLUMNS = ["person", "year", "title", "level"]
HOLD_COLUMNS = ["subject", "reason", "start"]  # "end" is optional
HOLD_OPTIONAL = ["end"]
AWARD_COLUMNS = ["award_type", "recipient", "year", "commendation_type"]
AWARD_OPTIONAL = ["decision_number", "decision_date", "issuer"]
CLUSTER_COLUMNS = ["cluster", "kind", "year", "unit", "role"]

PERSON, UNIT = "person", "unit"


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
