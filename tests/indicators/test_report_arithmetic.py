"""The report's fast arithmetic (indicators/report/rollup.py, on integers counting ten-thousandths)
gives exactly what indicators/arithmetic.py gives on Decimals, which stays the reference, and
the page writes its numbers exactly as the format helpers of indicators/report/formats.py do.

No database here.
"""

import decimal
from decimal import Decimal

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLite
from django.db.models.expressions import Col
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from indicators.arithmetic import COUNT, HIGHER, LOWER, PERCENT, figures, roll_up_all
from indicators.models import IndicatorValue
from indicators.report.formats import format_number, format_signed
from indicators.report.page import _Cells
from indicators.report.rollup import SCALE, _roll_up_counts, _Scaled, derive, to_decimal
from indicators.report.texts import number_text
from tests.indicators.test_arithmetic import trees

D = Decimal

# What a DecimalField(18, 4) holds, as ten-thousandths: small figures, rates, huge ones.
scaled_figures = (
    st.integers(min_value=0, max_value=10**18 - 1)
    | st.integers(min_value=0, max_value=2_000 * SCALE)
    | st.integers(min_value=0, max_value=100).map(lambda n: n * SCALE)
    | st.sampled_from([0, 1, 3, 7, 9_999, 10_000, 30_000, 1_500_000])
)
figure_or_none = st.none() | scaled_figures


def scaled(number):
    return None if number is None else int(number.scaleb(4))


@given(t=figure_or_none, r=figure_or_none, p=figure_or_none, higher=st.booleans())
@example(t=30_000, r=10_000, p=None, higher=True)  # 33.33333…: rounds down
@example(t=30_000, r=20_000, p=None, higher=True)  # 66.66666…: rounds up
@example(t=80_000, r=10_000, p=None, higher=True)  # 12.5 exactly
@example(t=16 * 10**9, r=1, p=None, higher=True)  # 0.00000000625: a tie far below 4 places
@example(t=1, r=10**18 - 1, p=None, higher=True)  # beyond Decimal's 28 digits: Decimal raises
@example(t=0, r=5, p=0, higher=False)
@example(t=5, r=0, p=3, higher=False)
def test_derived_columns_are_those_of_arithmetic_figures(t, r, p, higher):
    direction = HIGHER if higher else LOWER
    try:
        expected = figures(to_decimal(t), to_decimal(r), to_decimal(p), direction)
    except decimal.InvalidOperation:  # a ratio too large for 28 digits, rounded to 4 places
        try:
            derive(t, r, p, higher)
        except decimal.InvalidOperation:
            return
        raise AssertionError("derive computed what Decimal refuses") from None
    assert derive(t, r, p, higher) == (
        scaled(expected.percent_of_plan),
        scaled(expected.exceeded_by),
        scaled(expected.change),
        scaled(expected.change_percent),
        expected.met,
    )


def test_a_quotient_a_hair_from_a_half_is_rounded_as_decimal_rounds_it():
    # Divisors near 10^18 make quotients whose 28 digits end close beside a half.
    for divisor in (10**18 - 1, 10**18 - 3, 999_999_999_999_999_989):
        for numerator in (1, 2, 5, 123_456_789, 10**17 + 5):
            expected = figures(to_decimal(divisor), to_decimal(numerator), None, HIGHER)
            share, exceeded, *_rest = derive(divisor, numerator, None, True)
            assert (share, exceeded) == (
                scaled(expected.percent_of_plan),
                scaled(expected.exceeded_by),
            )


def test_decimals_come_back_as_the_database_returns_them():
    assert to_decimal(1_234_500) == D("123.45")
    assert str(to_decimal(1_234_500)) == "123.4500"
    assert to_decimal(None) is None


@given(data=st.data(), shape=trees())
def test_roll_up_of_counts_and_rates_is_roll_up_all(data, shape):
    parents, children_of = shape
    nodes = sorted(parents)  # a parent always comes before its children
    amounts = st.none() | st.integers(min_value=0, max_value=10**12)
    own = {node: [data.draw(amounts), data.draw(amounts)] for node in nodes}
    rolled = _roll_up_counts(
        [own[node] for node in nodes],
        [-1 if parents[node] is None else nodes.index(parents[node]) for node in nodes],
        1,  # the first column counts, the second is a rate
    )
    for column, value_type in ((0, COUNT), (1, PERCENT)):
        expected = roll_up_all(
            nodes, {n: to_decimal(own[n][column]) for n in nodes}, children_of, value_type
        )
        assert [to_decimal(row[column]) for row in rolled] == [expected[n] for n in nodes]


@given(
    value=st.integers(min_value=0, max_value=10**13)
    | st.floats(min_value=0, max_value=1e10, allow_nan=False).map(lambda f: round(f, 4))
    | st.floats(min_value=0, max_value=1e12, allow_nan=False)
)
def test_raw_sqlite_figures_are_read_as_django_reads_them(value):
    column = Col("t", IndicatorValue._meta.get_field("target"))
    converter = SQLite.ops_class(connection=None).get_decimalfield_converter(column)
    try:
        expected = converter(value, column, None)
    except decimal.InvalidOperation:
        return  # more digits than the column holds: Django refuses it too
    assert _Scaled()[value] == scaled(expected)


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
@given(
    value=st.none()
    | st.integers(min_value=-(10**13), max_value=10**13)
    | st.integers(-99_999, 99_999),
    places=st.sampled_from([0, 1, 2]),
)
def test_the_page_writes_numbers_as_the_format_helpers_do(language, value, places):
    with translation.override(language):
        cells = _Cells(report=None)
        assert cells.number(value, places) == format_number(to_decimal(value), places)
        assert cells.signed(value, places) == format_signed(to_decimal(value), places)


@given(value=st.integers(-(10**18), 10**18) | st.integers(-(10**6), 10**6))
def test_numbers_are_written_as_python_writes_the_float(value):
    expected = str(value // SCALE) if value % SCALE == 0 else repr(value / SCALE)
    assert number_text(value) == expected
