"""Derived figures of the year-end report, as pure functions over Decimals.

Nothing here touches the database: the same functions serve the web report, the CLI export, the
dashboards and, later, emulation scoring, and are property-tested on their own. A period is
compared with the same period one year earlier, so quarterly figures need no new arithmetic.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
PLACES = Decimal("0.0001")

HIGHER = "higher"
LOWER = "lower"
COUNT = "count"
PERCENT = "percent"


def _round(value):
    return None if value is None else value.quantize(PLACES, rounding=ROUND_HALF_UP)


def roll_up_all(unit_ids, own, children_of, value_type):
    """Rolled-up value of each unit: its own value if entered; otherwise, for counts, the sum of
    its children's rolled-up values (children without one are skipped; none at all gives None).
    Percentages never roll up.

    `own` maps unit id → Decimal (units without a value are absent or None);
    `children_of` maps unit id → list of child unit ids.
    """
    cache = {}

    def value_of(uid):
        if uid not in cache:
            mine = own.get(uid)
            if mine is not None or value_type != COUNT:
                cache[uid] = mine
            else:
                parts = [
                    v for v in (value_of(c) for c in children_of.get(uid, ())) if v is not None
                ]
                cache[uid] = sum(parts, Decimal(0)) if parts else None
        return cache[uid]

    return {uid: value_of(uid) for uid in unit_ids}


def roll_up(unit_id, own, children_of, value_type):
    return roll_up_all([unit_id], own, children_of, value_type)[unit_id]


def percent_of_plan(target, result, direction):
    if target is None or result is None:
        return None
    numerator, divisor = (result, target) if direction == HIGHER else (target, result)
    if divisor == 0:
        return None
    return numerator / divisor * HUNDRED


def exceeded_by(target, result, direction):
    share = percent_of_plan(target, result, direction)
    return None if share is None else share - HUNDRED


def met(target, result, direction):
    if target is None or result is None:
        return None
    return result >= target if direction == HIGHER else result <= target


def change(result, previous):
    """Absolute change; for percentage indicators this is in percentage points."""
    if result is None or previous is None:
        return None
    return result - previous


def change_percent(result, previous):
    difference = change(result, previous)
    if difference is None or previous == 0:
        return None
    return difference / previous * HUNDRED


@dataclass(frozen=True)
class Figures:
    target: Decimal | None
    result: Decimal | None
    previous_result: Decimal | None
    percent_of_plan: Decimal | None
    exceeded_by: Decimal | None
    change: Decimal | None
    change_percent: Decimal | None
    met: bool | None


def figures(target, result, previous_result, direction):
    """Every derived column of one report row, rounded to 4 decimal places."""
    return Figures(
        target=target,
        result=result,
        previous_result=previous_result,
        percent_of_plan=_round(percent_of_plan(target, result, direction)),
        exceeded_by=_round(exceeded_by(target, result, direction)),
        change=_round(change(result, previous_result)),
        change_percent=_round(change_percent(result, previous_result)),
        met=met(target, result, direction),
    )
