"""The derived figures of the report, as pure functions: table-driven cases and properties.

No database here: indicators.arithmetic must stay usable on plain Decimals.
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicators.arithmetic import (
    COUNT,
    HIGHER,
    LOWER,
    PERCENT,
    change,
    change_percent,
    exceeded_by,
    figures,
    met,
    percent_of_plan,
    roll_up,
    roll_up_all,
)

D = Decimal


def one_decimal(value):
    return value.quantize(D("0.1"), rounding=ROUND_HALF_UP)


def two_decimals(value):
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


# --- percent_of_plan / exceeded_by / met -------------------------------------------------------

# target, result, direction, percent_of_plan, exceeded_by, met
PLAN_CASES = [
    # higher is better: r / t × 100
    (D("100"), D("105"), HIGHER, D("105"), D("5"), True),
    (D("100"), D("100"), HIGHER, D("100"), D("0"), True),
    (D("200"), D("150"), HIGHER, D("75"), D("-25"), False),
    (D("100"), D("0"), HIGHER, D("0"), D("-100"), False),
    # lower is better: t / r × 100
    (D("2"), D("1"), LOWER, D("200"), D("100"), True),
    (D("2"), D("2"), LOWER, D("100"), D("0"), True),
    (D("2"), D("4"), LOWER, D("50"), D("-50"), False),
    (D("0"), D("4"), LOWER, D("0"), D("-100"), False),
    # the target is missing
    (None, D("105"), HIGHER, None, None, None),
    (None, D("105"), LOWER, None, None, None),
    # the result is missing
    (D("100"), None, HIGHER, None, None, None),
    (D("100"), None, LOWER, None, None, None),
    # both are missing
    (None, None, HIGHER, None, None, None),
    (None, None, LOWER, None, None, None),
    # the divisor is 0: the target for "higher", the result for "lower"; met is still defined
    (D("0"), D("5"), HIGHER, None, None, True),
    (D("0"), D("0"), HIGHER, None, None, True),
    (D("5"), D("0"), LOWER, None, None, True),
    (D("0"), D("0"), LOWER, None, None, True),
]


@pytest.mark.parametrize(
    ("target", "result", "direction", "share", "exceeded", "is_met"), PLAN_CASES
)
def test_percent_of_plan_exceeded_by_and_met(target, result, direction, share, exceeded, is_met):
    assert percent_of_plan(target, result, direction) == share
    assert exceeded_by(target, result, direction) == exceeded
    assert met(target, result, direction) is is_met


def test_a_zero_divisor_gives_none_and_not_an_exception():
    assert percent_of_plan(D("0"), D("17605"), HIGHER) is None
    assert percent_of_plan(D("1.86"), D("0"), LOWER) is None
    # The other direction divides by the other figure, so the same numbers are fine there.
    assert percent_of_plan(D("0"), D("17605"), LOWER) == D("0")
    assert percent_of_plan(D("1.86"), D("0"), HIGHER) == D("0")


# --- change / change_percent -------------------------------------------------------------------

# result, previous, change, change_percent
CHANGE_CASES = [
    (D("110"), D("100"), D("10"), D("10")),
    (D("90"), D("100"), D("-10"), D("-10")),
    (D("100"), D("100"), D("0"), D("0")),
    (D("0"), D("100"), D("-100"), D("-100")),
    # the previous result is missing
    (D("110"), None, None, None),
    # the result is missing
    (None, D("100"), None, None),
    (None, None, None, None),
    # the previous result is 0: a change, but no change in percent
    (D("5"), D("0"), D("5"), None),
    (D("0"), D("0"), D("0"), None),
]


@pytest.mark.parametrize(("result", "previous", "difference", "relative"), CHANGE_CASES)
def test_change_and_change_percent(result, previous, difference, relative):
    assert change(result, previous) == difference
    assert change_percent(result, previous) == relative


# --- the seed report's figures -----------------------------------------------------------------


def test_vocational_training_17605_against_17500_exceeds_by_0_6():
    assert exceeded_by(D("17500"), D("17605"), HIGHER) == D("0.6")
    assert percent_of_plan(D("17500"), D("17605"), HIGHER) == D("100.6")
    assert met(D("17500"), D("17605"), HIGHER) is True


def test_jobs_20486_against_19400_exceeds_by_5_6():
    assert one_decimal(exceeded_by(D("19400"), D("20486"), HIGHER)) == D("5.6")


def test_work_abroad_2036_against_1400_exceeds_by_45_4():
    assert one_decimal(exceeded_by(D("1400"), D("2036"), HIGHER)) == D("45.4")


def test_poverty_rate_1_86_from_2_36_is_down_0_50_points():
    assert change(D("1.86"), D("2.36")) == D("-0.50")
    assert two_decimals(change(D("1.86"), D("2.36"))) == D("-0.50")
    assert one_decimal(change_percent(D("1.86"), D("2.36"))) == D("-21.2")


def test_near_poor_rate_2_27_from_2_81_is_down_0_54_points():
    assert change(D("2.27"), D("2.81")) == D("-0.54")


def test_households_leaving_poverty_3951_against_3000_exceeds_by_31_7():
    assert exceeded_by(D("3000"), D("3951"), HIGHER) == D("31.7")


def test_a_lower_is_better_rate_under_its_target_is_met():
    # poverty rate 1.86 % against a ceiling of 2 %: met, and 107.5 % of plan.
    assert met(D("2"), D("1.86"), LOWER) is True
    assert two_decimals(percent_of_plan(D("2"), D("1.86"), LOWER)) == D("107.53")
    assert met(D("1.5"), D("1.86"), LOWER) is False
    assert exceeded_by(D("1.5"), D("1.86"), LOWER) < 0


# --- figures(): one report row -----------------------------------------------------------------


def test_figures_rounds_every_derived_column_to_4_places():
    row = figures(D("19400"), D("20486"), D("19850"), HIGHER)
    assert row.target == D("19400")
    assert row.result == D("20486")
    assert row.previous_result == D("19850")
    assert row.percent_of_plan == D("105.5979")
    assert row.exceeded_by == D("5.5979")
    assert row.change == D("636")
    assert row.change_percent == D("3.2040")
    assert row.met is True
    for value in (row.percent_of_plan, row.exceeded_by, row.change_percent):
        assert value.as_tuple().exponent == -4


def test_figures_with_nothing_but_a_target():
    row = figures(D("71"), None, None, HIGHER)
    assert row.target == D("71")
    assert (row.result, row.previous_result) == (None, None)
    assert (row.percent_of_plan, row.exceeded_by, row.change, row.change_percent) == (
        None,
        None,
        None,
        None,
    )
    assert row.met is None


def test_figures_of_a_lower_is_better_rate():
    row = figures(D("2"), D("1.86"), D("2.36"), LOWER)
    assert row.met is True
    assert row.change == D("-0.5000")
    assert row.exceeded_by == D("7.5269")


# --- roll-up: table --------------------------------------------------------------------------

#      1
#     / \
#    2   3
#   / \
#  4   5
CHILDREN = {1: [2, 3], 2: [4, 5]}
ALL = [1, 2, 3, 4, 5]


def test_counts_roll_up_over_three_levels():
    own = {4: D("10"), 5: D("5"), 3: D("7")}
    assert roll_up_all(ALL, own, CHILDREN, COUNT) == {
        1: D("22"),
        2: D("15"),
        3: D("7"),
        4: D("10"),
        5: D("5"),
    }


def test_an_own_value_wins_over_the_children():
    own = {4: D("10"), 5: D("5"), 3: D("7"), 2: D("100")}
    rolled = roll_up_all(ALL, own, CHILDREN, COUNT)
    assert rolled[2] == D("100")
    assert rolled[1] == D("107")
    own[1] = D("1")
    assert roll_up(1, own, CHILDREN, COUNT) == D("1")


def test_an_own_zero_is_a_value_and_wins():
    own = {2: D("0"), 4: D("10")}
    assert roll_up(2, own, CHILDREN, COUNT) == D("0")


def test_children_without_a_value_are_skipped_and_none_at_all_gives_none():
    assert roll_up_all(ALL, {4: D("10"), 5: None}, CHILDREN, COUNT)[1] == D("10")
    assert roll_up_all(ALL, {}, CHILDREN, COUNT) == dict.fromkeys(ALL)
    assert roll_up(3, {4: D("10")}, CHILDREN, COUNT) is None


def test_percentages_never_roll_up():
    own = {4: D("10"), 5: D("5"), 3: D("7")}
    rolled = roll_up_all(ALL, own, CHILDREN, PERCENT)
    assert rolled == {1: None, 2: None, 3: D("7"), 4: D("10"), 5: D("5")}


# --- properties --------------------------------------------------------------------------------

amounts = st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=10**9, places=4)
positive_amounts = amounts.filter(lambda d: d > 0)
directions = st.sampled_from([HIGHER, LOWER])


@given(target=amounts, result=amounts, direction=directions)
def test_met_iff_exceeded_by_is_not_negative(target, result, direction):
    divisor = target if direction == HIGHER else result
    assume(divisor != 0)
    assert met(target, result, direction) is (exceeded_by(target, result, direction) >= 0)


@given(target=amounts, result=amounts)
def test_met_lower_is_met_higher_with_the_figures_swapped(target, result):
    assert met(target, result, LOWER) is met(result, target, HIGHER)
    if target != result:
        assert met(target, result, LOWER) is not met(target, result, HIGHER)


@given(target=amounts, result=amounts)
def test_percent_of_plan_lower_is_higher_with_target_and_result_swapped(target, result):
    assert percent_of_plan(target, result, LOWER) == percent_of_plan(result, target, HIGHER)


@given(target=positive_amounts, result=positive_amounts)
def test_percent_of_plan_higher_times_lower_is_ten_thousand(target, result):
    product = percent_of_plan(target, result, HIGHER) * percent_of_plan(target, result, LOWER)
    assert abs(product - 10000) <= D("1e-12") * max(product, 1)


@given(target=amounts, result=amounts, direction=directions)
def test_exceeded_by_is_percent_of_plan_minus_100(target, result, direction):
    share = percent_of_plan(target, result, direction)
    exceeded = exceeded_by(target, result, direction)
    assert (share is None) is (exceeded is None)
    if share is not None:
        assert exceeded == share - 100
        assert share >= 0


@given(target=st.none() | amounts, result=st.none() | amounts, direction=directions)
def test_a_missing_figure_gives_none_everywhere(target, result, direction):
    assume(target is None or result is None)
    assert percent_of_plan(target, result, direction) is None
    assert exceeded_by(target, result, direction) is None
    assert met(target, result, direction) is None


@given(a=amounts, b=amounts)
def test_change_is_antisymmetric(a, b):
    assert change(a, b) == -change(b, a)
    assert change(a, a) == 0


@given(result=amounts, previous=positive_amounts)
def test_change_percent_has_the_sign_of_the_change(result, previous):
    relative = change_percent(result, previous)
    difference = change(result, previous)
    assert (relative > 0) is (difference > 0)
    assert (relative == 0) is (difference == 0)
    assert relative >= -100


@given(result=st.none() | amounts)
def test_change_percent_is_none_without_a_usable_previous_result(result):
    assert change_percent(result, None) is None
    assert change_percent(result, D("0")) is None


@st.composite
def trees(draw, max_size=25):
    """A random forest as parent links: node i's parent is a lower-numbered node or none."""
    size = draw(st.integers(min_value=1, max_value=max_size))
    parents = {0: None}
    for node in range(1, size):
        parents[node] = draw(st.none() | st.integers(min_value=0, max_value=node - 1))
    children_of = {}
    for node, parent in parents.items():
        if parent is not None:
            children_of.setdefault(parent, []).append(node)
    return parents, children_of


def descendants(node, children_of):
    found = []
    for child in children_of.get(node, ()):
        found.append(child)
        found.extend(descendants(child, children_of))
    return found


@given(data=st.data(), shape=trees())
def test_counts_of_the_leaves_add_up_when_no_inner_unit_has_its_own(data, shape):
    parents, children_of = shape
    leaves = [n for n in parents if n not in children_of]
    own = {leaf: data.draw(st.none() | amounts, label=f"leaf {leaf}") for leaf in leaves}
    rolled = roll_up_all(list(parents), own, children_of, COUNT)
    for node in parents:
        below = [own[n] for n in [node, *descendants(node, children_of)] if own.get(n) is not None]
        assert rolled[node] == (sum(below, D(0)) if below else None)


@given(data=st.data(), shape=trees())
def test_an_own_value_always_wins_and_hides_its_subtree(data, shape):
    parents, children_of = shape
    own = {node: data.draw(st.none() | amounts, label=f"own {node}") for node in parents}
    rolled = roll_up_all(list(parents), own, children_of, COUNT)

    def frontier(node):
        """The highest units at or below `node` that have their own value."""
        if own[node] is not None:
            return [node]
        return [n for child in children_of.get(node, ()) for n in frontier(child)]

    for node in parents:
        if own[node] is not None:
            assert rolled[node] == own[node]
        found = frontier(node)
        assert rolled[node] == (sum((own[n] for n in found), D(0)) if found else None)


@given(data=st.data(), shape=trees())
def test_percent_indicators_never_roll_up(data, shape):
    parents, children_of = shape
    own = {node: data.draw(st.none() | amounts, label=f"own {node}") for node in parents}
    rolled = roll_up_all(list(parents), own, children_of, PERCENT)
    assert rolled == own
