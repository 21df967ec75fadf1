"""`code,unit,full_name,sex,position,sector_start[,date_of_birth]`: staff lists, created or
updated by staff number.

The units and the people a file names are read in one query each; the people are inserted and
updated in batches and so are their audit rows, so ten thousand lines take a few queries per
thousand lines, not several per line.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organizations.audit.services import audit_entry, changes_between, changes_created
from organizations.imports._bulk import insert_rows, update_rows
from organizations.imports._common import (
    ImportResult,
    allowed_ids,
    by_code,
    created_meanwhile,
    ensure_keys,
    repeated_code,
    text_cell,
)
from organizations.models import AuditEntry, Person, Unit
from organizations.tabular import (
    PAST_DATES,
    ImportRefused,
    RowError,
    parse_date,
    plausible_dates,
    read_table,
)
from organizations.text import fold

PERSON_COLUMNS = ["code", "unit", "full_name", "sex", "position", "sector_start"]

_SEX_WORDS = {
    "m": Person.Sex.MALE, "male": Person.Sex.MALE, "nam": Person.Sex.MALE, "homme": Person.Sex.MALE,
    "f": Person.Sex.FEMALE, "female": Person.Sex.FEMALE, "nu": Person.Sex.FEMALE,
    "femme": Person.Sex.FEMALE,
}  # fmt: skip
# Optional columns: absent from the file, the stored value stays.
_PARSED = (("sex", "sex"), ("sector_start", "date"), ("date_of_birth", "date"))


def parse_sex(value):
    sex = _SEX_WORDS.get(fold(value))
    if sex is None:
        raise ValueError(_("“%(value)s” is not a sex (use M or F, Nam or Nữ).") % {"value": value})
    return sex


def people_import(*, data, filename, actor=None, allowed_units=None):
    """Import people. `allowed_units` limits an officer's file to their subtrees: the unit a
    line puts a person in, and the unit a stored person is in now, must lie inside them. None
    (the command line without --actor) limits nothing."""
    rows = read_table(data, filename, PERSON_COLUMNS)
    units = by_code(Unit.objects.only("id", "code", "name", "path"), (r.text("unit") for r in rows))
    stored = by_code(Person.objects.select_related("unit"), (r.text("code") for r in rows))
    allowed = allowed_ids(allowed_units)
    dates = plausible_dates(*PAST_DATES)
    errors, planned = [], {}
    for row in rows:
        problems = []
        code = text_cell(row, "code", problems, Person)
        if code == "":
            errors.append(RowError(row.line, _("The code is empty.")))
            continue
        if code in planned:
            errors.append(RowError(row.line, repeated_code(code, planned[code][0].line)))
            continue
        values = _names(row, problems)
        unit = units.get(row.text("unit"))
        if unit is None:
            problems.append(_("Unknown unit code “%(code)s”.") % {"code": row.text("unit")})
        else:
            values["unit_id"] = unit.pk
        values.update(_parsed(row, problems, dates))
        if allowed is not None:
            problems.extend(_outside(stored.get(code), unit, allowed))
        errors.extend(RowError(row.line, problem) for problem in problems)
        if code is not None:
            planned[code] = (row, values, unit)
    if errors:
        raise ImportRefused(errors)
    try:
        with transaction.atomic():
            return _save(planned, stored, actor)
    except IntegrityError:
        new = {code: plan[0].line for code, plan in planned.items() if code not in stored}
        raise ImportRefused(created_meanwhile(Person.objects, new)) from None


def _names(row, problems):
    full_name = text_cell(row, "full_name", problems, Person)
    if full_name == "":
        problems.append(_("The full name is empty."))
    return {
        "full_name": " ".join((full_name or "").split()),
        "position": text_cell(row, "position", problems, Person),
    }


def _parsed(row, problems, dates):
    values = {}
    for column, kind in _PARSED:
        if column not in row.values:
            continue
        try:
            if kind == "sex":
                values[column] = parse_sex(row.text(column))
            else:
                values[column] = parse_date(row.values[column], within=dates)
        except ValueError as error:
            problems.append(f"{column}: {error}")
    return values


def _outside(person, unit, allowed):
    problems = []
    if unit is not None and unit.pk not in allowed:
        problems.append(_("The unit %(code)s is outside your units.") % {"code": unit.code})
    if person is not None and person.unit_id not in allowed:
        problems.append(
            _("%(code)s works in %(unit)s, outside your units.")
            % {"code": person.code, "unit": person.unit.code}
        )
    return problems


def _save(planned, stored, actor):
    result, outcome = ImportResult(), {}
    for code, (_row, values, unit) in planned.items():
        person = stored.get(code)
        if person is None:
            person = Person(code=code, **values)
            outcome[code] = (person, "import.create", changes_created({"code": code, **values}))
        else:
            diff = changes_between(person, values)
            if not diff:
                result.unchanged += 1
                continue
            for name, value in values.items():
                setattr(person, name, value)
            outcome[code] = (person, "import.update", diff)
        person.unit = unit  # cached for the audit row
        person.fill_derived_fields()

    new = [person for person, action, _diff in outcome.values() if action == "import.create"]
    insert_rows(Person, new)
    ensure_keys(Person, new)
    changed = [person for person, action, _diff in outcome.values() if action == "import.update"]
    fields = {"unit" if name == "unit_id" else name
              for _person, action, diff in outcome.values() if action == "import.update"
              for name in diff}  # fmt: skip
    update_rows(Person, changed, [*sorted(fields), "search_text", "sort_name"])
    result.created, result.updated = len(new), len(changed)
    insert_rows(AuditEntry, [audit_entry(actor=actor, obj=person, action=action, changes=changes)
                             for person, action, changes in outcome.values()])  # fmt: skip
    return result
