"""Working days of a Vietnamese office: Monday to Friday, minus the public holidays (Tết by the
lunar calendar included, from the `holidays` package), minus the extra days off an officer adds
(DayOff), plus the Saturdays the government turns into working days when it moves a holiday
(làm bù, `weekend_workdays` in the package).

Every function takes an optional `extra_days_off` (a set of dates); when it is omitted the
DayOff rows are read once, in one query, for the whole call."""

from datetime import timedelta
from functools import lru_cache

import holidays
from django.utils.translation import get_language

from awards.publicity.models import DayOff

# A window longer than this is a typing mistake, not a notice; it also bounds the loops.
MAX_WORKING_DAYS = 250


@lru_cache(maxsize=64)
def _public_holidays(year, language="vi"):
    return holidays.VN(years=year, language=language)


def _holidays_language():
    return "vi" if (get_language() or "vi").startswith("vi") else "en_US"


def public_holidays(year):
    """[(date, name)] of the year's Vietnamese public holidays, named in the active language
    (English for French, which the package does not have)."""
    return sorted(_public_holidays(year, _holidays_language()).items())


def load_days_off(since=None):
    """The officer's extra days off from `since` on (all when None), as a set: one query."""
    rows = DayOff.objects.all() if since is None else DayOff.objects.filter(date__gte=since)
    return set(rows.values_list("date", flat=True))


def is_working_day(day, extra_days_off=None):
    if extra_days_off is None:
        extra_days_off = set(DayOff.objects.filter(date=day).values_list("date", flat=True))
    if day in extra_days_off:
        return False
    calendar = _public_holidays(day.year)
    if day in calendar:
        return False
    return day.weekday() < 5 or day in calendar.weekend_workdays


def first_working_day(start, extra_days_off=None):
    """`start` itself when it is a working day, else the next one."""
    if extra_days_off is None:
        extra_days_off = load_days_off(start)
    day = start
    while not is_working_day(day, extra_days_off):
        day += timedelta(days=1)
    return day


def add_working_days(start, n, extra_days_off=None):
    """The last day of a window of `n` working days that begins on the first working day on or
    after `start`: with n=1 that first working day itself."""
    if not 1 <= n <= MAX_WORKING_DAYS:
        raise ValueError(f"n must be between 1 and {MAX_WORKING_DAYS}")
    if extra_days_off is None:
        extra_days_off = load_days_off(start)
    day = first_working_day(start, extra_days_off)
    counted = 1
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day, extra_days_off):
            counted += 1
    return day


def working_days_between(a, b, extra_days_off=None):
    """How many working days lie from `a` to `b`, both included (0 when b is before a)."""
    if b < a:
        return 0
    if extra_days_off is None:
        extra_days_off = set(
            DayOff.objects.filter(date__range=(a, b)).values_list("date", flat=True)
        )
    return sum(
        1
        for offset in range((b - a).days + 1)
        if is_working_day(a + timedelta(days=offset), extra_days_off)
    )


def coming_public_holidays(today):
    """The public holidays from `today` to the end of next year's Tết season: what the officer
    does not need to add as extra days off."""
    upcoming = [(day, name) for day, name in public_holidays(today.year) if day >= today]
    # Late in the year the next Tết matters more than the rest of this one.
    upcoming += [(day, name) for day, name in public_holidays(today.year + 1) if day.month <= 2]
    return upcoming


__all__ = [
    "MAX_WORKING_DAYS",
    "add_working_days",
    "coming_public_holidays",
    "load_days_off",
    "first_working_day",
    "is_working_day",
    "public_holidays",
    "working_days_between",
]
