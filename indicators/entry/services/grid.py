"""Saving the entry grid of one unit's year, refused as a whole when a cell changed meanwhile."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from indicators.entry.services._common import (
    LockedFigures,
    _locked_message,
    _write_cell,
    status_for_update,
)
from indicators.models import Indicator, IndicatorValue, Period


@dataclass
class Conflict:
    indicator: Indicator
    stored: IndicatorValue


class StaleCells(Exception):
    """Someone saved these cells after the form was opened; nothing was saved."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__(", ".join(c.indicator.code for c in conflicts))


def _store(*, cell, values, actor, source):
    now = timezone.now()
    changes = [
        change
        for name, number in values.items()
        if (change := _write_cell(cell=cell, field=name, number=number, actor=actor,
                                  source=source, now=now))
    ]  # fmt: skip
    if changes:
        cell.version += 1
        cell.save()  # first, so that a new cell has a key for its history rows
        for change in changes:
            change.value = cell
            change.save()
    return bool(changes)


@transaction.atomic
def figures_save(*, actor, unit, year, rows, period=Period.YEAR):
    """Save a grid of figures for one unit and period.

    `rows` maps indicator → {"target", "result", "note", "version"}; `version` is the cell version
    the form showed (0 for a cell that did not exist). If any cell changed since, nothing is saved.
    """
    status = status_for_update(unit=unit, year=year, period=period)
    if status.is_locked:
        raise LockedFigures(_locked_message(status))
    stored = {
        cell.indicator_id: cell
        for cell in IndicatorValue.objects.select_for_update().filter(
            unit=unit, year=year, period=period, indicator__in=list(rows)
        )
    }
    conflicts = [
        Conflict(indicator, stored[indicator.pk])
        for indicator, row in rows.items()
        if (stored[indicator.pk].version if indicator.pk in stored else 0) != row["version"]
    ]
    if conflicts:
        raise StaleCells(conflicts)
    changed = 0
    for indicator, row in rows.items():
        values = {name: row[name] for name in ("target", "result", "note")}
        cell = stored.get(indicator.pk)
        if cell is None:
            if values["target"] is None and values["result"] is None and not values["note"]:
                continue
            cell = IndicatorValue(indicator=indicator, unit=unit, year=year, period=period,
                                  version=0)  # fmt: skip
        changed += _store(cell=cell, values=values, actor=actor, source="grid")
    return changed
