"""`code,name,unit_of_measure,direction,value_type[,group,description,source]`: the indicator
catalogue, created or updated by code."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from indicators.models import Indicator
from organizations.access import may_department_wide
from organizations.audit.services import audit_record
from organizations.imports._common import (
    ImportResult,
    by_code,
    created_meanwhile,
    repeated_code,
    text_cell,
)
from organizations.tabular import ImportRefused, RowError, read_table

INDICATOR_COLUMNS = ["code", "name", "unit_of_measure", "direction", "value_type"]


def indicators_import(*, data, filename, actor=None):
    """Import the catalogue, created or updated by code. The catalogue is the same for every
    unit, so an actor needs the catalogue role on a top-level unit (a district officer's role
    covers the district only); the command line without --actor is not limited."""
    if actor is not None and not may_department_wide(actor, "indicator.catalogue"):
        raise ImportRefused([RowError(1, _(
            "The indicator catalogue is shared by every unit: only an officer of the whole "
            "department may import it."))])  # fmt: skip
    rows = read_table(data, filename, INDICATOR_COLUMNS)
    directions = set(Indicator.Direction.values)
    value_types = set(Indicator.ValueType.values)
    errors, planned = [], {}
    for row in rows:
        problems = []
        code = text_cell(row, "code", problems, Indicator)
        if code == "":
            errors.append(RowError(row.line, _("The code is empty.")))
            continue
        if code in planned:
            errors.append(RowError(row.line, repeated_code(code, planned[code][0].line)))
            continue
        values = {
            "name": text_cell(row, "name", problems, Indicator),
            "unit_of_measure": text_cell(row, "unit_of_measure", problems, Indicator),
            "direction": row.text("direction").lower(),
            "value_type": row.text("value_type").lower(),
        }
        for column in ("group", "description", "source"):
            if column in row.values:
                values[column] = text_cell(row, column, problems, Indicator)
        if values["name"] == "":
            problems.append(_("The name is empty."))
        if values["direction"] not in directions:
            problems.append(_("direction must be “higher” or “lower”."))
        if values["value_type"] not in value_types:
            problems.append(_("value_type must be “count” or “percent”."))
        errors.extend(RowError(row.line, problem) for problem in problems)
        if code is not None:
            planned[code] = (row, values)
    if errors:
        raise ImportRefused(errors)
    try:
        with transaction.atomic():
            return _save_catalogue(planned, actor)
    except IntegrityError:
        stored = by_code(Indicator.objects.all(), planned)
        new = {code: plan[0].line for code, plan in planned.items() if code not in stored}
        raise ImportRefused(created_meanwhile(Indicator.objects, new)) from None


def _save_catalogue(planned, actor):
    result = ImportResult()
    stored = by_code(Indicator.objects.select_for_update(), planned)
    for code, (_row, values) in planned.items():
        indicator = stored.get(code)
        if indicator is None:
            indicator = Indicator.objects.create(code=code, **values)
            audit_record(actor=actor, obj=indicator, action="indicator.import.create")
            result.created += 1
        elif any(getattr(indicator, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.save()
            audit_record(actor=actor, obj=indicator, action="indicator.import.update")
            result.updated += 1
        else:
            result.unchanged += 1
    return result
