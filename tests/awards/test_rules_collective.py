"""Rules on collective titles and forms (domain.md §6 rules 8–10, 15 and the indicator-based
rule): shares of the unit's direct staff, the unit's ratings, cluster votes and approved
indicator targets."""

from decimal import Decimal

import pytest
from django.utils import translation

from awards.eligibility import Candidate, evaluate, evaluate_many
from awards.models import AnnualRating, AwardType
from indicators.models import DataStatus, Indicator
from tests.awards.factories import (
    AwardRecordFactory,
    ClusterFactory,
    ClusterMemberFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def judge(code, *, year=2023, **kwargs):
    return evaluate(award_type=award_type(code), year=year, **kwargs)


def result_of(verdict, name):
    matches = [r for r in verdict.results if r.rule == name]
    assert len(matches) <= 1, matches
    return matches[0] if matches else None


def check(name, code, **kwargs):
    found = result_of(judge(code, **kwargs), name)
    assert found is not None, f"rule {name} was not applied to {code}"
    return found


def set_params(code, **params):
    award_type_ = AwardType.objects.get(code=code)
    award_type_.rule_params = {**award_type_.rule_params, **params}
    award_type_.save()


def members(unit, count, *, ldtt=0, cstdcs=0, rating="HTTNV", year=2023):
    """`count` active staff of `unit`, the first `ldtt` of them Lao động tiên tiến in `year`
    and the first `cstdcs` also Chiến sĩ thi đua cơ sở."""
    people = PersonFactory.create_batch(count, unit=unit)
    for index, person in enumerate(people):
        if rating:
            RatingFactory(person=person, year=year, rating=rating)
        if index < ldtt:
            AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=year)
        if index < cstdcs:
            AwardRecordFactory(person=person, award_type=award_type("CSTDCS"), year=year)
    return people


def unit_rating(unit, rating, *years):
    for year in years:
        RatingFactory(person=None, unit=unit, year=year, rating=rating)


# AdvancedCollective (rule 9: > 50% Lao động tiên tiến) -----------------------------------------


@pytest.fixture
def rated_well(tree):
    """Tập thể lao động tiên tiến first needs the unit itself to have completed its duties well."""
    for unit in (tree["a"], tree["b"]):
        unit_rating(unit, "HTTNV", 2023)


def test_advanced_collective_needs_the_unit_rated_well(tree):
    members(tree["a"], 4, ldtt=4)
    result = check("advanced_collective", "TTLDTT", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "must have well completed its duties in 2023" in result.message
    unit_rating(tree["a"], "HTNV", 2023)
    assert check("advanced_collective", "TTLDTT", unit=tree["a"]).outcome == "fail"
    AnnualRating.objects.filter(unit=tree["a"]).update(rating="HTXSNV")
    assert check("advanced_collective", "TTLDTT", unit=tree["a"]).outcome == "pass"


def test_advanced_collective_with_more_than_half_advanced_workers_passes(tree, rated_well):
    members(tree["a"], 4, ldtt=3)
    result = check("advanced_collective", "TTLDTT", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "3 of 4" in result.message
    assert f"{LAW}, Điều 28" in result.message


def test_advanced_collective_with_exactly_half_fails(tree, rated_well):
    members(tree["a"], 4, ldtt=2)
    verdict = judge("TTLDTT", unit=tree["a"])
    result = result_of(verdict, "advanced_collective")
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "2 of 4" in result.message and "more than 50%" in result.message
    assert "Điều 28" in result.message
    assert verdict.eligible is False


def test_advanced_collective_counts_direct_active_members_of_the_year(tree, rated_well):
    members(tree["a"], 3, ldtt=2)
    members(tree["a1"], 5, ldtt=5)  # a sub-unit's staff are not the unit's members
    members(tree["a"], 1, ldtt=1, year=2022)  # title of another year
    result = check("advanced_collective", "TTLDTT", unit=tree["a"])
    assert result.outcome == "fail"
    assert "2 of 4" in result.message


def test_inactive_staff_are_not_counted(tree, rated_well):
    members(tree["a"], 2, ldtt=2)
    leavers = members(tree["a"], 2, ldtt=0)
    assert check("advanced_collective", "TTLDTT", unit=tree["a"]).outcome == "fail"
    for leaver in leavers:
        leaver.is_active = False
        leaver.save()
    assert check("advanced_collective", "TTLDTT", unit=tree["a"]).outcome == "pass"


def test_advanced_collective_share_is_configurable(tree, rated_well):
    members(tree["a"], 4, ldtt=2)
    set_params("TTLDTT", min_share_ldtt=0.4)
    result = check("advanced_collective", "TTLDTT", unit=tree["a"])
    assert result.outcome == "pass"
    assert "more than 40%" in result.message


def test_advanced_collective_without_staff_fails(tree, rated_well):
    result = check("advanced_collective", "TTLDTT", unit=tree["b"])
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "no staff" in result.message
    assert "Điều 28" in result.message


def test_advanced_collective_is_not_judged_for_a_person(tree):
    person = PersonFactory(unit=tree["a"])
    assert result_of(judge("TTLDTT", person=person), "advanced_collective") is None


# ExcellentCollective (rule 8) ----------------------------------------------------------------


def excellent_unit(unit, *, unit_grade="HTXSNV", ldtt=7, cstdcs=1, weak=False):
    """Ten members rated HTTNV; the last one rated `weak` instead (None: unrated, False: no
    change)."""
    unit_rating(unit, unit_grade, 2023)
    people = members(unit, 10, ldtt=ldtt, cstdcs=cstdcs)
    last = AnnualRating.objects.filter(person=people[-1])
    if weak is None:
        last.delete()
    elif weak is not False:
        last.update(rating=weak)
    return people


def test_excellent_collective_meeting_every_condition_passes(tree):
    excellent_unit(tree["b"], weak="HTNV")  # "completed" is enough for members
    result = check("excellent_collective", "TTLDXS", unit=tree["b"])
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "7 of 10" in result.message
    assert f"{LAW}, Điều 27" in result.message


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"unit_grade": "HTTNV"}, "the unit is not rated “excellently completed duties”"),
        ({"weak": "KHTNV"}, "not every member completed their duties"),
        ({"weak": None}, "not every member completed their duties"),
        ({"ldtt": 6}, "6 of 10 members are Lao động tiên tiến, below 70%"),
        ({"cstdcs": 0}, "no member is Chiến sĩ thi đua cơ sở"),
    ],
    ids=["unit-rating", "member-failed", "member-unrated", "ldtt-share", "no-fighter"],
)
def test_excellent_collective_fails_on_each_condition_alone(tree, overrides, problem):
    excellent_unit(tree["b"], **{"weak": "HTNV", **overrides})
    verdict = judge("TTLDXS", unit=tree["b"])
    result = result_of(verdict, "excellent_collective")
    assert (result.outcome, result.blocking) == ("fail", True)
    assert problem in result.message
    assert result.message.count(";") == 0  # this one problem only
    assert "Điều 27" in result.message
    assert verdict.eligible is False


def test_excellent_collective_unit_rating_of_another_year_does_not_count(tree):
    excellent_unit(tree["b"], weak="HTNV")
    AnnualRating.objects.filter(unit=tree["b"]).update(year=2022)
    assert check("excellent_collective", "TTLDXS", unit=tree["b"]).outcome == "fail"


# ProvincialDiploma, collective route --------------------------------------------------------


def test_collective_diploma_after_two_consecutive_excellent_years(tree):
    unit_rating(tree["a"], "HTXSNV", 2022, 2023)
    result = check("diploma_of_merit_history", "BK_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("pass", True)
    assert f"{LAW}, Điều 74" in result.message


def test_collective_diploma_with_a_gap_fails_blocking_merit_only(tree):
    unit_rating(tree["a"], "HTXSNV", 2021, 2023)
    unit_rating(tree["a"], "HTTNV", 2022)
    merit = check("diploma_of_merit_history", "BK_TINH", unit=tree["a"])
    adhoc = check("diploma_of_merit_history", "BK_TINH", unit=tree["a"],
                  commendation_type="adhoc")  # fmt: skip
    assert (merit.outcome, merit.blocking) == ("fail", True)
    assert (adhoc.outcome, adhoc.blocking) == ("fail", False)
    assert "Điều 74" in merit.message


def test_collective_diploma_ignores_the_staffs_ratings(tree):
    members(tree["a"], 3, rating="HTXSNV", year=2022)
    members(tree["a"], 3, rating="HTXSNV", year=2023)
    assert check("diploma_of_merit_history", "BK_BO", unit=tree["a"]).outcome == "fail"


# ClusterLeader (rule 15) ---------------------------------------------------------------------


def test_voted_leading_unit_of_a_cluster_of_the_year_passes(tree):
    cluster = ClusterFactory(name="Khối các cơ quan tổng hợp", year=2023)
    ClusterMemberFactory(cluster=cluster, unit=tree["a"], role="winner")
    result = check("cluster_leader", "CO_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "Khối các cơ quan tổng hợp" in result.message
    assert f"{LAW}, Điều 26" in result.message


@pytest.mark.parametrize(
    ("role", "year"),
    [("member", 2023), ("leader", 2023), ("deputy", 2023), ("winner", 2022)],
)
def test_other_roles_or_another_years_vote_fail(tree, role, year):
    ClusterMemberFactory(cluster=ClusterFactory(year=year), unit=tree["a"], role=role)
    winner_elsewhere = ClusterFactory(year=2023)
    ClusterMemberFactory(cluster=winner_elsewhere, unit=tree["b"], role="winner")
    result = check("cluster_leader", "CO_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "Điều 26" in result.message


def test_vote_counts_for_its_own_year_when_several_years_are_judged_together(tree):
    ClusterMemberFactory(cluster=ClusterFactory(year=2022), unit=tree["a"], role="winner")
    flag = award_type("CO_TINH")
    verdicts = evaluate_many([Candidate(flag, 2022, None, tree["a"]),
                              Candidate(flag, 2023, None, tree["a"])])  # fmt: skip
    outcomes = [result_of(v, "cluster_leader").outcome for v in verdicts]
    assert outcomes == ["pass", "fail"]


@pytest.mark.parametrize("code", ["CO_BO", "CO_CP"])
def test_every_flag_needs_the_cluster_vote(tree, code):
    assert check("cluster_leader", code, unit=tree["a"]).outcome == "fail"


def test_cluster_vote_is_not_asked_of_other_collective_titles(tree):
    assert result_of(judge("TTLDTT", unit=tree["a"]), "cluster_leader") is None


def test_cluster_vote_requirement_follows_the_award_parameter(tree):
    set_params("CO_TINH", requires_cluster_winner=False)
    assert result_of(judge("CO_TINH", unit=tree["a"]), "cluster_leader") is None
    assert check("cluster_leader", "CO_BO", unit=tree["a"]).outcome == "fail"


# IndicatorTargetsMet -------------------------------------------------------------------------


def figures(unit, *, results=(105, 110), state=DataStatus.State.APPROVED, year=2023):
    """One indicator per result (target 100 each, higher is better) and the approval state."""
    indicators = []
    for number, result in enumerate(results, start=1):
        indicator = IndicatorFactory(code=f"T{number}", name=f"Chỉ tiêu thử {number}")
        IndicatorValueFactory(indicator=indicator, unit=unit, year=year, target=Decimal(100),
                              result=Decimal(result))  # fmt: skip
        indicators.append(indicator)
    if state:
        DataStatus.objects.create(unit=unit, year=year, state=state)
    return indicators


def test_flag_with_approved_figures_meeting_every_target_passes(tree):
    figures(tree["a"])
    result = check("indicator_targets_met", "CO_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "2 of 2" in result.message and "100%" in result.message
    assert "Điều 26" in result.message


def test_flag_with_one_missed_target_fails_naming_it(tree):
    figures(tree["a"], results=(105, 90))
    result = check("indicator_targets_met", "CO_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "1 of 2" in result.message
    assert "Chỉ tiêu thử 2" in result.message
    assert "Chỉ tiêu thử 1" not in result.message
    assert "Điều 26" in result.message


def test_lower_is_better_target_is_met_below_plan(tree):
    figures(tree["a"], results=(105,))
    poverty = IndicatorFactory(code="POOR", name="Tỷ lệ hộ nghèo",
                               direction=Indicator.Direction.LOWER)  # fmt: skip
    IndicatorValueFactory(indicator=poverty, unit=tree["a"], target=Decimal("2.0"),
                          result=Decimal("1.86"))  # fmt: skip
    assert check("indicator_targets_met", "CO_TINH", unit=tree["a"]).outcome == "pass"


@pytest.mark.parametrize(
    "state", [DataStatus.State.SUBMITTED, DataStatus.State.OPEN, DataStatus.State.RETURNED, None]
)
def test_flag_with_figures_not_approved_fails(tree, state):
    figures(tree["a"], state=state)
    result = check("indicator_targets_met", "CO_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "not approved" in result.message
    assert "Điều 26" in result.message


def test_approval_of_another_unit_or_year_does_not_count(tree):
    figures(tree["a"], state=None)
    DataStatus.objects.create(unit=tree["b"], year=2023, state=DataStatus.State.APPROVED)
    DataStatus.objects.create(unit=tree["a"], year=2022, state=DataStatus.State.APPROVED)
    assert check("indicator_targets_met", "CO_TINH", unit=tree["a"]).outcome == "fail"


def test_approved_but_without_targets_fails(tree):
    DataStatus.objects.create(unit=tree["a"], year=2023, state=DataStatus.State.APPROVED)
    result = check("indicator_targets_met", "CO_TINH", unit=tree["a"])
    assert result.outcome == "fail"
    assert "no indicator with both a target and a result" in result.message


def test_configured_share_lets_one_target_of_two_pass(tree):
    figures(tree["a"], results=(105, 90))
    set_params("CO_TINH", indicator_met_share=0.5)
    result = check("indicator_targets_met", "CO_TINH", unit=tree["a"])
    assert result.outcome == "pass"
    assert "1 of 2" in result.message and "50%" in result.message


def test_rule_is_off_for_titles_without_the_parameter(tree):
    figures(tree["a"], results=(90, 90), state=None)
    assert award_type("TTLDXS").param("indicator_met_share", "absent") is None
    assert result_of(judge("TTLDXS", unit=tree["a"]), "indicator_targets_met") is None
    assert result_of(judge("TTLDTT", unit=tree["a"]), "indicator_targets_met") is None


def test_setting_the_parameter_turns_the_rule_on_for_a_title(tree):
    figures(tree["a"], results=(90, 90), state=None)
    set_params("TTLDXS", indicator_met_share=0.5)
    assert check("indicator_targets_met", "TTLDXS", unit=tree["a"]).outcome == "fail"


def test_a_flag_for_a_thematic_movement_needs_a_campaign_of_three_years(tree):
    from datetime import date

    from tests.awards.factories import CampaignFactory

    short = CampaignFactory(type="thematic", starts_on=date(2022, 1, 1), ends_on=date(2023, 12, 31))
    long = CampaignFactory(type="thematic", starts_on=date(2021, 1, 1), ends_on=date(2023, 12, 31))
    for campaign, outcome in ((short, "fail"), (long, "pass"), (None, "fail")):
        verdict = evaluate(
            award_type=AwardType.objects.get(code="CO_TINH"),
            year=2023,
            unit=tree["a"],
            commendation_type="thematic",
            campaign=campaign,
        )
        result = result_of(verdict, "cluster_leader")
        assert result.outcome == outcome, campaign
        assert "thematic" in result.message and "Điều 26" in result.message


def test_staff_who_joined_the_sector_after_the_year_are_not_counted(tree, rated_well):
    from datetime import date

    members(tree["a"], 2, ldtt=2)
    newcomers = members(tree["a"], 2, ldtt=0)
    assert check("advanced_collective", "TTLDTT", unit=tree["a"]).outcome == "fail"
    for person in newcomers:
        person.sector_start = date(2024, 3, 1)
        person.save()
    result = check("advanced_collective", "TTLDTT", unit=tree["a"])
    assert result.outcome == "pass" and "2 of 2" in result.message
