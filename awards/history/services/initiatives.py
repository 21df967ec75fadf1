"""Initiatives (sáng kiến) and research recognised for a person."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.history.services._common import (
    INITIATIVE_COLUMNS,
    _atomic_import,
    _check_length,
    _choice,
    _Directory,
    _duplicate,
    _field,
    _one_line,
    _refuse_if,
    _Saver,
    _text,
    parse_year,
)
from awards.models import Initiative
from organizations.audit import audit_record, changes_between, changes_created
from organizations.services import ImportResult
from organizations.tabular import RowError, read_table


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
