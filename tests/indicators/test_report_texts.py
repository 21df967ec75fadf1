"""The report's rows as JSON and CSV write them (indicators/report/texts.py) hold exactly the
texts of `derive` and `number_text`, which stay the reference, whichever way a row is written:
the usual row computed in place, or any other through `derive`.

No database here.
"""

import decimal
from types import SimpleNamespace

from hypothesis import example, given
from hypothesis import strategies as st

from indicators.arithmetic import HIGHER, LOWER
from indicators.report.rollup import derive
from indicators.report.texts import Layout, number_text, text_rows
from tests.indicators.test_report_arithmetic import figure_or_none

MET = {True: "|yes", False: "|no", None: "|-"}
LAYOUT = Layout(indicators=["ind|"], units=["unit|"], between=["|"] * 6, met=MET, empty="∅")


def one_row_report(t, r, p, higher):
    """A report of one unit and one indicator, shaped as indicators.report.rollup.RolledUp."""
    indicator = SimpleNamespace(direction=HIGHER if higher else LOWER)
    return SimpleNamespace(units=["unit"], indicators=[indicator], columns=[0],
                           target=[[t]], result=[[r]], previous=[[p]])  # fmt: skip


def expected_row(t, r, p, higher):
    *derived, met = derive(t, r, p, higher)
    figures = [t, r, p, *derived]
    return "ind|unit|" + "|".join("∅" if v is None else number_text(v) for v in figures) + MET[met]


# Usual figures: counts and rates as a department enters them, positive, so that most rows
# take the way computed in place.
usual = st.integers(min_value=1, max_value=5_000_000) | st.integers(1, 10**12)


@given(t=usual, r=usual, p=usual, higher=st.booleans())
@example(t=80_000, r=10_000, p=80_000, higher=True)  # 12.5 % and −87.5 %: exact
@example(t=16 * 10**9, r=1, p=3, higher=True)  # a tie far below 4 places
@example(t=2 * 10**6, r=1, p=1, higher=True)  # 0.00005 %: exactly a half of the last place
@example(t=1, r=1, p=2 * 10**6 + 1, higher=False)  # change % exactly a half, negative
@example(t=10**10, r=10**10 + 1, p=10**10 - 1, higher=True)  # divisors beyond the short check
@example(t=1, r=10**11, p=1, higher=True)  # a ratio past 10^15 ten-thousandths
@example(t=30_000, r=30_000, p=30_000, higher=False)  # 100 %: exceeded by 0, change 0
@example(t=10_000, r=9_999, p=10_000, higher=True)  # just under the plan, and under last year
def test_usual_rows_are_written_as_derive_and_number_text_write_them(t, r, p, higher):
    rows = list(text_rows(one_row_report(t, r, p, higher), LAYOUT))
    assert rows == [expected_row(t, r, p, higher)]


@given(t=figure_or_none, r=figure_or_none, p=figure_or_none, higher=st.booleans())
@example(t=0, r=5, p=0, higher=False)
@example(t=5, r=0, p=3, higher=True)
@example(t=None, r=7, p=7, higher=True)
def test_any_row_is_written_as_derive_and_number_text_write_it(t, r, p, higher):
    report = one_row_report(t, r, p, higher)
    try:
        expected = [] if t is None and r is None else [expected_row(t, r, p, higher)]
    except decimal.InvalidOperation:  # a ratio Decimal refuses: the report refuses it too
        return
    assert list(text_rows(report, LAYOUT)) == expected


def test_rows_follow_the_units_then_the_indicators_and_skip_empty_cells():
    count, rate = SimpleNamespace(direction=HIGHER), SimpleNamespace(direction=LOWER)
    report = SimpleNamespace(
        units=["a", "b"], indicators=[count, rate], columns=[1, 0],
        target=[[10_000, 20_000], [None, None]], result=[[10_000, 40_000], [None, 5_000]],
        previous=[[None, None], [None, None]],
    )  # fmt: skip
    layout = Layout(indicators=["count|", "rate|"], units=["a|", "b|"], between=["|"] * 6,
                    met=MET, empty="")  # fmt: skip
    assert list(text_rows(report, layout)) == [
        "count|a|2|4||200|100|||yes",
        "rate|a|1|1||100|0|||yes",
        "count|b||0.5||||||-",
    ]
    assert list(text_rows(report, layout, start=1)) == ["count|b||0.5||||||-"]
