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
from organizations.audit.services import audit_record, changes_between, changes_created
from organizations.imports import ImportResult
from organizations.tabular import RowError, max_length, read_table


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
        _check_length(problems, title, max_length(Initiative, "title"), _("title"))
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


# Domain.md §6 rule 6: an initiative supports one title. The eligibility rules say which ones a
# title rests on (awards.eligibility.rules.initiatives_relied_on), so what is consumed here is
# exactly what the verdict counted:
#   CSTĐCS       one initiative of the award's year, and only when that year's rating is not
#                HTXSNV (Art. 23 accepts HTXSNV *or* an initiative; with HTXSNV the title did not
#                rely on one);
#   CSTĐ tỉnh/bộ one initiative of province/ministry level or higher in the three years of the
#                CSTĐCS chain; CSTĐTQ one national one from the first provincial title of its
#                chain to the award's year;
#   BK tỉnh/bộ   (individual, merit, route d) the two initiatives of the excellent-years branch,
#                none when two consecutive CSTĐCS carry it;
#   anything else consumes nothing.
# The lowest level that suffices is used first, so province- or national-level initiatives stay
# free for the higher titles.
@transaction.atomic
def initiatives_consume(*, award, actor=None):
    """Mark the initiatives a granted title relied on as consumed by it; returns them."""
    if award.person_id is None or award.revoked:
        return []
    from awards.eligibility.base import Case
    from awards.eligibility.evidence import Evidence
    from awards.eligibility.rules import initiatives_relied_on

    person = award.person
    # Lock the person's free initiatives first, so two grants cannot use the same one.
    list(Initiative.objects.select_for_update().filter(person=person, consumed_by__isnull=True))
    evidence = Evidence.load(persons=[person], units=[], years={award.year})
    case = Case(award_type=award.award_type, year=award.year, person=person, unit=person.unit,
                evidence=evidence, commendation_type=award.commendation_type)  # fmt: skip
    used = initiatives_relied_on(case)
    for initiative in used:
        Initiative.objects.filter(pk=initiative.pk).update(consumed_by=award)
        initiative.consumed_by = award
        audit_record(actor=actor, obj=initiative, action="initiative.consume",
                     changes={"consumed_by": [None, str(award)]})  # fmt: skip
    return used


@transaction.atomic
def initiatives_release(*, award, actor=None):
    """Free the initiatives an award consumed (it was revoked); returns them."""
    released = list(Initiative.objects.select_for_update().filter(consumed_by=award))
    for initiative in released:
        initiative.consumed_by = None
        initiative.save(update_fields=["consumed_by"])
        audit_record(actor=actor, obj=initiative, action="initiative.release",
                     changes={"consumed_by": [str(award), None]})  # fmt: skip
    return released
