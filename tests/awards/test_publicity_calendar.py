"""Working days of a Vietnamese office (awards/publicity/calendar.py): weekends, public
holidays with Tết by the lunar calendar, the Saturdays made working days, the officer's extra
days off."""

from datetime import date

import pytest

from awards.publicity.calendar import (
    add_working_days,
    first_working_day,
    is_working_day,
    working_days_between,
)
from tests.awards.factories_publicity import DayOffFactory

pytestmark = pytest.mark.django_db


def test_ten_working_days_from_9_february_2026_skip_tet_and_end_on_27_february():
    # 9–13 Feb are five working days; 14–15 weekend; 16–20 Tết Bính Ngọ; 21–22 weekend;
    # 23–27 Feb the other five.
    assert add_working_days(date(2026, 2, 9), 10) == date(2026, 2, 27)


def test_ten_working_days_from_20_january_2025_skip_tet_at_ty_and_end_on_7_february():
    # 20–24 Jan: five; 25–26 weekend; 27 Jan – 1 Feb Tết Ất Tỵ; 2 Feb Sunday; 3–7 Feb: five.
    assert add_working_days(date(2025, 1, 20), 10) == date(2025, 2, 7)


def test_every_day_of_tet_2026_is_a_day_off():
    for day in range(16, 21):
        assert not is_working_day(date(2026, 2, day), set())
    assert is_working_day(date(2026, 2, 13), set())
    assert is_working_day(date(2026, 2, 23), set())


def test_a_window_starting_on_a_holiday_begins_on_the_next_working_day():
    assert first_working_day(date(2026, 2, 16)) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 23)


def test_a_saturday_made_a_working_day_by_the_government_counts():
    # 22/08/2026 is worked so that 31/08/2026 can join the National Day holiday.
    assert is_working_day(date(2026, 8, 22), set())
    assert not is_working_day(date(2026, 8, 31), set())


def test_an_extra_day_off_added_by_an_officer_is_skipped():
    assert add_working_days(date(2026, 3, 2), 5) == date(2026, 3, 6)
    DayOffFactory(date=date(2026, 3, 4), name="Nghỉ bù của tỉnh")
    assert add_working_days(date(2026, 3, 2), 5) == date(2026, 3, 9)
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5


def test_day_offs_are_read_in_one_query_whatever_the_length_of_the_window(
    django_assert_num_queries,
):
    DayOffFactory(date=date(2026, 3, 4), name="Nghỉ bù")
    with django_assert_num_queries(1):
        add_working_days(date(2026, 1, 5), 60)
    with django_assert_num_queries(1):
        working_days_between(date(2026, 1, 1), date(2026, 12, 31))


def test_working_days_between_counts_both_ends_and_skips_tet():
    assert working_days_between(date(2026, 2, 9), date(2026, 2, 27)) == 10
    assert working_days_between(date(2026, 2, 27), date(2026, 2, 9)) == 0


def test_a_window_must_last_at_least_one_working_day():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 2, 9), 0)
