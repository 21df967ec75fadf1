"""Writes to the directory of units and people. Each function runs in one transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from organizations.audit import audit_record, changes_between, changes_created
from organizations.models import Person, Unit
from organizations.tabular import ImportRefused, RowError, parse_date, read_table
from organizations.text import fold

UNIT_COLUMNS = ["code", "name", "parent"]
PERSON_COLUMNS = ["code", "unit", "full_name", "sex", "position", "sector_start"]
PERSON_FIELDS = [
    "full_name",
    "sex",
    "date_of_birth",
    "position",
    "unit",
    "sector_start",
    "is_active",
]

_SEX_WORDS = {
    "m": Person.Sex.MALE, "male": Person.Sex.MALE, "nam": Person.Sex.MALE, "homme": Person.Sex.MALE,
    "f": Person.Sex.FEMALE, "female": Person.Sex.FEMALE, "nu": Person.Sex.FEMALE,
    "femme": Person.Sex.FEMALE,
}  # fmt: skip


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def _upsert(*, model, code, values, actor, result):
    instance = model.objects.filter(code=code).first()
    if instance is None:
        instance = model(code=code, **values)
        instance.save()
        result.created += 1
        audit_record(
            actor=actor,
            obj=instance,
            action="import.create",
            changes=changes_created({"code": code, **values}),
        )
        return instance
    diff = changes_between(instance, values)
    if not diff:
        result.unchanged += 1
        return instance
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    result.updated += 1
    audit_record(actor=actor, obj=instance, action="import.update", changes=diff)
    return instance


def units_import(*, data, filename, actor=None):
    rows = read_table(data, filename, UNIT_COLUMNS)
    errors = []
    planned = {}  # code -> (row, values, parent_code)
    kinds = {value for value, _label in Unit.Kind.choices}
    for row in rows:
        code, name, parent_code = row.text("code"), row.text("name"), row.text("parent")
        kind = row.text("kind").lower()
        if not code:
            errors.append(RowError(row.line, _("The code is empty.")))
            continue
        if code in planned:
            errors.append(
                RowError(
                    row.line,
                    _("The code %(code)s already appears on line %(line)s.")
                    % {"code": code, "line": planned[code][0].line},
                )
            )
            continue
        if not name:
            errors.append(RowError(row.line, _("The name is empty.")))
        if kind and kind not in kinds:
            errors.append(
                RowError(
                    row.line,
                    _("Unknown kind “%(kind)s” (use one of: %(kinds)s).")
                    % {"kind": kind, "kinds": ", ".join(sorted(kinds))},
                )
            )
        values = {"name": name}
        if "short_name" in row.values:
            values["short_name"] = row.text("short_name")
        if kind:
            values["kind"] = kind
        planned[code] = (row, values, parent_code or None)

    stored = dict(Unit.objects.values_list("code", "parent__code"))
    final_parent = {**stored, **{code: plan[2] for code, plan in planned.items()}}
    for code, (row, _values, parent_code) in planned.items():
        if parent_code and parent_code not in final_parent:
            errors.append(
                RowError(
                    row.line,
                    _("The parent unit %(parent)s is neither in the file nor stored.")
                    % {"parent": parent_code},
                )
            )
        elif parent_code and _has_cycle(code, final_parent):
            errors.append(
                RowError(
                    row.line,
                    _(
                        "Unit %(code)s would end up inside itself (a cycle "
                        "through its parent %(parent)s)."
                    )
                    % {"code": code, "parent": parent_code},
                )
            )
    if errors:
        raise ImportRefused(errors)

    result = ImportResult()
    with transaction.atomic():
        saved = {}
        for code in _parents_first(planned, final_parent):
            _row, values, parent_code = planned[code]
            parent = None
            if parent_code:
                parent = saved.get(parent_code) or Unit.objects.get(code=parent_code)
            saved[code] = _upsert(
                model=Unit,
                code=code,
                values={**values, "parent": parent},
                actor=actor,
                result=result,
            )
    return result


def _has_cycle(code, parent_of):
    """True when following the parents of `code` leads back to `code` itself. A unit that merely
    hangs below someone else's cycle is not reported: only the lines forming the cycle are."""
    seen = set()
    current = parent_of.get(code)
    while current and current not in seen:
        if current == code:
            return True
        seen.add(current)
        current = parent_of.get(current)
    return False


def _parents_first(planned, parent_of):
    def depth(code):
        level = 0
        current = parent_of.get(code)
        while current:
            level += 1
            current = parent_of.get(current)
        return level

    return sorted(planned, key=lambda code: (depth(code), planned[code][0].line))


def parse_sex(value):
    sex = _SEX_WORDS.get(fold(value))
    if sex is None:
        raise ValueError(_("“%(value)s” is not a sex (use M or F, Nam or Nữ).") % {"value": value})
    return sex


def people_import(*, data, filename, actor=None):
    rows = read_table(data, filename, PERSON_COLUMNS)
    units = dict(Unit.objects.values_list("code", "pk"))
    errors = []
    planned = {}
    for row in rows:
        code = row.text("code")
        if not code:
            errors.append(RowError(row.line, _("The code is empty.")))
            continue
        if code in planned:
            errors.append(
                RowError(
                    row.line,
                    _("The code %(code)s already appears on line %(line)s.")
                    % {"code": code, "line": planned[code][0].line},
                )
            )
            continue
        values = {
            "full_name": " ".join(row.text("full_name").split()),
            "position": row.text("position"),
        }
        if not values["full_name"]:
            errors.append(RowError(row.line, _("The full name is empty.")))
        unit_code = row.text("unit")
        if unit_code not in units:
            errors.append(
                RowError(row.line, _("Unknown unit code “%(code)s”.") % {"code": unit_code})
            )
        else:
            values["unit_id"] = units[unit_code]
        for column, parse, target in (
            ("sex", parse_sex, "sex"),
            ("sector_start", parse_date, "sector_start"),
            ("date_of_birth", parse_date, "date_of_birth"),
        ):
            if column not in row.values:
                continue
            try:
                values[target] = parse(row.values[column] if column != "sex" else row.text(column))
            except ValueError as error:
                errors.append(RowError(row.line, f"{column}: {error}"))
        planned[code] = (row, values)
    if errors:
        raise ImportRefused(errors)

    result = ImportResult()
    with transaction.atomic():
        for code, (_row, values) in planned.items():
            _upsert(model=Person, code=code, values=values, actor=actor, result=result)
    return result


@transaction.atomic
def person_create(*, actor, **values):
    person = Person(**values)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        obj=person,
        action="person.create",
        changes=changes_created({f: getattr(person, f) for f in ["code", *PERSON_FIELDS]}),
    )
    return person


@transaction.atomic
def person_update(*, actor, person, **values):
    locked = Person.objects.select_for_update().get(pk=person.pk)
    diff = changes_between(locked, values)
    if not diff:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, obj=locked, action="person.update", changes=diff)
    return locked
