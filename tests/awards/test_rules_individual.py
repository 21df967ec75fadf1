"""Rules on individual titles and forms (domain.md §6 rules 5–7, 10–12, 16): passing and failing
histories, consecutive years broken by one year, ad-hoc awards not counting, consumed
initiatives, quotas rounded."""

from datetime import date

import pytest
from django.utils import translation

from awards.eligibility import evaluate
from awards.models import AnnualRating, AwardType
from tests.awards.factories import (
    AwardRecordFactory,
    InitiativeFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
SECTOR = "Thông tư 08/2019/TT-BLĐTBXH"


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


def award(person, code, *years, commendation_type="merit"):
    return [
        AwardRecordFactory(person=person, award_type=award_type(code), year=year,
                           commendation_type=commendation_type)
        for year in years
    ]  # fmt: skip


def rate(person, rating, *years):
    for year in years:
        RatingFactory(person=person, year=year, rating=rating)


def set_params(code, **params):
    award_type_ = AwardType.objects.get(code=code)
    award_type_.rule_params = {**award_type_.rule_params, **params}
    award_type_.save()


@pytest.fixture
def person(tree):
    return PersonFactory(code="IND-1", sex="M", unit=tree["a"])


# MinimumRating (rule 5: Lao động tiên tiến) ------------------------------------------------


@pytest.mark.parametrize("rating", ["HTTNV", "HTXSNV"])
def test_advanced_worker_passes_with_a_good_or_excellent_rating(person, rating):
    rate(person, rating, 2023)
    result = check("minimum_rating", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert f"{LAW}, Điều 24" in result.message


@pytest.mark.parametrize("rating", ["HTNV", "KHTNV"])
def test_advanced_worker_fails_and_blocks_below_good(person, rating):
    rate(person, rating, 2023)
    verdict = judge("LDTT", person=person)
    result = result_of(verdict, "minimum_rating")
    assert (result.outcome, result.blocking) == ("fail", True)
    assert f"({rating})" in result.message
    assert "Điều 24" in result.message
    assert verdict.eligible is False


def test_advanced_worker_without_a_rating_fails(person):
    rate(person, "HTXSNV", 2022)  # another year does not help
    result = check("minimum_rating", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "no rating" in result.message


def test_giay_khen_rating_fails_block_merit_but_not_adhoc(person):
    rate(person, "HTNV", 2023)
    merit = check("minimum_rating", "GK_SO", person=person)
    adhoc = check("minimum_rating", "GK_SO", person=person, commendation_type="adhoc")
    assert (merit.outcome, merit.blocking) == ("fail", True)
    assert (adhoc.outcome, adhoc.blocking) == ("fail", False)
    assert "Điều 75" in merit.message


# GrassrootsFighter (rule 6: Chiến sĩ thi đua cơ sở) ----------------------------------------


def test_grassroots_fighter_with_advanced_worker_and_excellent_rating_passes(person):
    award(person, "LDTT", 2023)
    rate(person, "HTXSNV", 2023)
    result = check("grassroots_fighter", "CSTDCS", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "excellent rating" in result.message
    assert f"{LAW}, Điều 23" in result.message


def test_grassroots_fighter_with_an_unused_initiative_of_the_year_passes(person):
    award(person, "LDTT", 2023)
    rate(person, "HTTNV", 2023)
    InitiativeFactory(person=person, year=2023)
    result = check("grassroots_fighter", "CSTDCS", person=person)
    assert result.outcome == "pass"
    assert "initiative" in result.message


def test_consumed_initiative_does_not_count(person):
    award(person, "LDTT", 2023)
    rate(person, "HTTNV", 2023)
    (used_for,) = award(person, "GK_SO", 2023)
    InitiativeFactory(person=person, year=2023, consumed_by=used_for)
    result = check("grassroots_fighter", "CSTDCS", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "initiative" in result.message
    assert "Điều 23" in result.message


def test_initiative_of_another_year_or_person_does_not_count(tree, person):
    award(person, "LDTT", 2023)
    rate(person, "HTTNV", 2023)
    InitiativeFactory(person=person, year=2022)
    InitiativeFactory(person=PersonFactory(unit=tree["a"]), year=2023)
    assert check("grassroots_fighter", "CSTDCS", person=person).outcome == "fail"


def test_grassroots_fighter_without_advanced_worker_fails(person):
    award(person, "LDTT", 2022)
    rate(person, "HTXSNV", 2023)
    result = check("grassroots_fighter", "CSTDCS", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "Lao động tiên tiến" in result.message
    assert "Điều 23" in result.message


def test_advanced_worker_proposed_in_an_open_nomination_warns_without_blocking(person):
    NominationFactory(person=person, award_type=award_type("LDTT"), year=2023)
    rate(person, "HTXSNV", 2023)
    verdict = judge("CSTDCS", person=person)
    result = result_of(verdict, "grassroots_fighter")
    assert (result.outcome, result.blocking) == ("warning", False)
    assert "proposed" in result.message
    assert "Điều 23" in result.message
    assert result not in verdict.blocking_failures


def test_withdrawn_advanced_worker_proposal_does_not_count(person):
    NominationFactory(person=person, award_type=award_type("LDTT"), year=2023, state="withdrawn")
    rate(person, "HTXSNV", 2023)
    assert check("grassroots_fighter", "CSTDCS", person=person).outcome == "fail"


def test_proposed_advanced_worker_still_needs_excellence_or_initiative(person):
    NominationFactory(person=person, award_type=award_type("LDTT"), year=2023)
    rate(person, "HTTNV", 2023)
    assert check("grassroots_fighter", "CSTDCS", person=person).outcome == "fail"


# ProvincialFighter (rule 7) ------------------------------------------------------------------


def test_provincial_fighter_with_three_consecutive_titles_and_province_initiative(person):
    award(person, "CSTDCS", 2021, 2022, 2023)
    InitiativeFactory(person=person, year=2022, level="province")
    result = check("consecutive_fighter_titles", "CSTD_TINH", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert f"{LAW}, Điều 22" in result.message


def test_provincial_fighter_chain_broken_by_one_year_fails(person):
    award(person, "CSTDCS", 2020, 2021, 2023)
    InitiativeFactory(person=person, year=2023, level="province")
    result = check("consecutive_fighter_titles", "CSTD_TINH", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "2020, 2021, 2023" in result.message
    assert "Điều 22" in result.message


def test_adhoc_grassroots_fighter_in_the_chain_does_not_count(person):
    award(person, "CSTDCS", 2021, 2023)
    award(person, "CSTDCS", 2022, commendation_type="adhoc")
    InitiativeFactory(person=person, year=2023, level="province")
    assert check("consecutive_fighter_titles", "CSTD_TINH", person=person).outcome == "fail"


def test_chain_must_end_in_the_proposal_year(person):
    award(person, "CSTDCS", 2020, 2021, 2022)
    InitiativeFactory(person=person, year=2022, level="province")
    assert check("consecutive_fighter_titles", "CSTD_TINH", person=person).outcome == "fail"


def test_provincial_fighter_needs_a_province_level_initiative(person):
    award(person, "CSTDCS", 2021, 2022, 2023)
    InitiativeFactory(person=person, year=2023, level="grassroots")
    result = check("consecutive_fighter_titles", "CSTD_TINH", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "province" in result.message and "2021–2023" in result.message


@pytest.mark.parametrize("consumed", [False, True], ids=["outside-window", "consumed"])
def test_provincial_initiative_outside_the_window_or_consumed_fails(person, consumed):
    records = award(person, "CSTDCS", 2021, 2022, 2023)
    InitiativeFactory(person=person, year=2022 if consumed else 2020, level="province",
                      consumed_by=records[0] if consumed else None)  # fmt: skip
    assert check("consecutive_fighter_titles", "CSTD_TINH", person=person).outcome == "fail"


def test_ministerial_fighter_uses_the_same_chain(person):
    award(person, "CSTDCS", 2021, 2022, 2023)
    InitiativeFactory(person=person, year=2021, level="ministry")
    assert check("consecutive_fighter_titles", "CSTD_BO", person=person).outcome == "pass"


# Law 2022 Art. 21: two consecutive provincial/ministry titles are one award cycle (three years)
# apart; the national title is proposed in the year of the second one or the year after.
@pytest.mark.parametrize(
    ("years", "proposal_year"),
    [((2020, 2023), 2024), ((2020, 2023), 2023)],
    ids=["proposed-the-year-after", "proposed-in-the-year-of-the-second"],
)
def test_national_fighter_after_two_provincial_titles_one_cycle_apart(person, years,
                                                                      proposal_year):  # fmt: skip
    award(person, "CSTD_TINH", *years)
    InitiativeFactory(person=person, year=2022, level="national")
    result = check("consecutive_fighter_titles", "CSTDTQ", person=person, year=proposal_year)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "2020, 2023" in result.message
    assert "Điều 21" in result.message


def test_national_fighter_mixing_province_and_ministry_titles_passes(person):
    award(person, "CSTD_TINH", 2020)
    award(person, "CSTD_BO", 2023)
    InitiativeFactory(person=person, year=2023, level="national")
    assert check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024).outcome == "pass"


@pytest.mark.parametrize(
    "years",
    [(2022, 2023), (2019, 2023), (2017, 2020), (2023,)],
    ids=["two-calendar-years", "four-years-apart", "too-old", "only-one"],
)
def test_national_fighter_fails_without_two_titles_one_cycle_apart(person, years):
    award(person, "CSTD_TINH", *years)
    InitiativeFactory(person=person, year=2022, level="national")
    result = check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "3 years" in result.message
    assert "Điều 21" in result.message


def test_national_fighter_second_title_two_years_before_the_proposal_fails(person):
    award(person, "CSTD_TINH", 2019, 2022)
    InitiativeFactory(person=person, year=2022, level="national")
    assert check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024).outcome == (
        "fail"
    )


def test_national_fighter_cycle_length_is_a_rule_parameter(person):
    award(person, "CSTD_TINH", 2021, 2023)
    InitiativeFactory(person=person, year=2022, level="national")
    assert check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024).outcome == (
        "fail"
    )
    set_params("CSTDTQ", fighter_cycle_years=2)
    assert check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024).outcome == (
        "pass"
    )


def test_national_fighter_reads_a_three_year_cycle_when_the_parameter_is_missing(person):
    """Installations created before the parameter existed lack the key."""
    award_type_ = AwardType.objects.get(code="CSTDTQ")
    award_type_.rule_params = {k: v for k, v in award_type_.rule_params.items()
                               if k != "fighter_cycle_years"}  # fmt: skip
    award_type_.save()
    award(person, "CSTD_TINH", 2020, 2023)
    InitiativeFactory(person=person, year=2023, level="national")
    assert check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024).outcome == (
        "pass"
    )


def test_national_fighter_needs_a_national_initiative(person):
    award(person, "CSTD_TINH", 2020, 2023)
    InitiativeFactory(person=person, year=2023, level="province")
    result = check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024)
    assert result.outcome == "fail"
    assert "national" in result.message
    assert "2020–2024" in result.message


def test_national_fighter_initiative_consumed_by_an_earlier_title_does_not_count(person):
    first, _second = award(person, "CSTD_TINH", 2020, 2023)
    InitiativeFactory(person=person, year=2020, level="national", consumed_by=first)
    assert check("consecutive_fighter_titles", "CSTDTQ", person=person, year=2024).outcome == (
        "fail"
    )


# ProvincialDiploma, individual route (d) (rule 10) -----------------------------------------


def test_diploma_after_two_consecutive_grassroots_fighter_titles(person):
    award(person, "CSTDCS", 2022, 2023)
    result = check("diploma_of_merit_history", "BK_TINH", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert f"{LAW}, Điều 74" in result.message


def test_diploma_after_two_excellent_years_and_two_unused_initiatives(person):
    rate(person, "HTXSNV", 2022, 2023)
    InitiativeFactory(person=person, year=2022)
    InitiativeFactory(person=person, year=2023)
    result = check("diploma_of_merit_history", "BK_TINH", person=person)
    assert result.outcome == "pass"
    assert "2 initiatives" in result.message


def test_diploma_initiatives_already_used_for_a_title_do_not_count(person):
    rate(person, "HTXSNV", 2022, 2023)
    (fighter,) = award(person, "CSTDCS", 2022)
    InitiativeFactory(person=person, year=2022, consumed_by=fighter)
    InitiativeFactory(person=person, year=2023)
    assert check("diploma_of_merit_history", "BK_TINH", person=person).outcome == "fail"


def test_diploma_excellent_years_must_be_consecutive_up_to_the_year(person):
    rate(person, "HTXSNV", 2021, 2023)
    rate(person, "HTTNV", 2022)
    InitiativeFactory(person=person, year=2023)
    InitiativeFactory(person=person, year=2023, level="province")
    assert check("diploma_of_merit_history", "BK_TINH", person=person).outcome == "fail"


def test_diploma_fails_and_blocks_merit_but_not_adhoc_nominations(person):
    award(person, "CSTDCS", 2021, 2023)  # broken by 2022
    merit = check("diploma_of_merit_history", "BK_TINH", person=person)
    adhoc = check("diploma_of_merit_history", "BK_TINH", person=person,
                  commendation_type="adhoc")  # fmt: skip
    assert (merit.outcome, merit.blocking) == ("fail", True)
    assert (adhoc.outcome, adhoc.blocking) == ("fail", False)
    assert "Điều 74" in merit.message
    assert judge("BK_TINH", person=person, commendation_type="adhoc").eligible is True


def test_diploma_adhoc_grassroots_fighter_does_not_count(person):
    award(person, "CSTDCS", 2023)
    award(person, "CSTDCS", 2022, commendation_type="adhoc")
    assert check("diploma_of_merit_history", "BK_BO", person=person).outcome == "fail"


# LongServiceWindow (rule 11) -----------------------------------------------------------------


def long_service(person, *, prerequisite="BK_TINH", prerequisite_year=2018,
                 fighters=(2019, 2021, 2023), excellent=()):  # fmt: skip
    if prerequisite:
        award(person, prerequisite, prerequisite_year)
    for year in range(2019, 2024):
        rate(person, "HTXSNV" if year in excellent else "HTTNV", year)
    award(person, "CSTDCS", *fighters)


def test_prime_minister_diploma_after_five_good_years_with_three_fighter_titles(person):
    long_service(person)
    result = check("five_year_window", "BK_TTG", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "2019–2023" in result.message
    assert f"{LAW}, Điều 73" in result.message


def test_ministerial_diploma_is_also_a_prerequisite(person):
    long_service(person, prerequisite="BK_BO", prerequisite_year=2016)
    assert check("five_year_window", "BK_TTG", person=person).outcome == "pass"


@pytest.mark.parametrize(
    ("prerequisite", "year", "commendation_type"),
    [(None, 2018, "merit"), ("BK_TINH", 2019, "merit"), ("BK_TINH", 2018, "adhoc")],
    ids=["missing", "inside-the-window", "adhoc"],
)
def test_prime_minister_diploma_without_an_earlier_merit_diploma_fails(
    person, prerequisite, year, commendation_type
):
    long_service(person, prerequisite=None)
    if prerequisite:
        award(person, prerequisite, year, commendation_type=commendation_type)
    result = check("five_year_window", "BK_TTG", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "2018 or earlier" in result.message
    assert "Điều 73" in result.message


def test_prime_minister_diploma_with_a_weak_year_fails(person):
    long_service(person)
    AnnualRating.objects.filter(person=person, year=2020).update(rating="HTNV")
    result = check("five_year_window", "BK_TTG", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "years below “well completed”: 2020" in result.message


def test_prime_minister_diploma_with_an_unrated_year_fails(person):
    long_service(person)
    AnnualRating.objects.filter(person=person, year=2021).delete()
    assert check("five_year_window", "BK_TTG", person=person).outcome == "fail"


def test_prime_minister_diploma_with_too_few_fighter_titles_fails(person):
    long_service(person, fighters=(2019, 2023))
    award(person, "CSTDCS", 2021, commendation_type="adhoc")
    award(person, "CSTDCS", 2018)  # before the window
    result = check("five_year_window", "BK_TTG", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "2 Chiến sĩ thi đua cơ sở titles in the window, 3 needed" in result.message


def test_labour_order_needs_an_excellent_year_in_the_window(person):
    long_service(person, prerequisite="BK_TTG")
    result = check("five_year_window", "HCLD3", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "no year rated excellent" in result.message
    assert "Điều 44" in result.message


def test_labour_order_with_prime_minister_diploma_and_an_excellent_year_passes(person):
    long_service(person, prerequisite="BK_TTG", excellent=(2022,))
    result = check("five_year_window", "HCLD3", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert "Điều 44" in result.message


def test_labour_order_needs_the_prime_minister_diploma_not_a_provincial_one(person):
    long_service(person, prerequisite="BK_TINH", excellent=(2022,))
    result = check("five_year_window", "HCLD3", person=person)
    assert result.outcome == "fail"
    assert "BK_TTG" in result.message


# CommemorativeMedal (rule 12) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "outcome", "years"),
    [(date(2008, 12, 31), "pass", 15), (date(2009, 1, 1), "fail", 14)],
)
def test_medal_counts_service_years_by_31_december(tree, start, outcome, years):
    person = PersonFactory(sex="M", unit=tree["a"], sector_start=start)
    result = check("commemorative_medal", "KNC_LDTBXH", person=person)
    assert (result.outcome, result.blocking) == (outcome, True)
    assert f"{years} years in the sector by the end of 2023; 15 required" in result.message
    assert f"{SECTOR} (legacy sector rule), Điều 23" in result.message


def test_medal_is_given_once_per_person(tree):
    person = PersonFactory(unit=tree["a"], sector_start=date(1990, 1, 1))
    award(person, "KNC_LDTBXH", 2015)
    result = check("commemorative_medal", "KNC_LDTBXH", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "once per person" in result.message
    assert SECTOR in result.message


def test_medal_already_proposed_in_another_year_fails(tree):
    person = PersonFactory(unit=tree["a"], sector_start=date(1990, 1, 1))
    NominationFactory(person=person, award_type=award_type("KNC_LDTBXH"), year=2022)
    assert check("commemorative_medal", "KNC_LDTBXH", person=person).outcome == "fail"


def test_female_threshold_changes_the_outcome_for_women_only(tree):
    woman = PersonFactory(sex="F", unit=tree["a"], sector_start=date(2010, 1, 1))  # 13 years
    man = PersonFactory(sex="M", unit=tree["a"], sector_start=date(2010, 1, 1))
    assert check("commemorative_medal", "KNC_LDTBXH", person=woman).outcome == "fail"
    set_params("KNC_LDTBXH", service_years_female=13)
    woman_result = check("commemorative_medal", "KNC_LDTBXH", person=woman)
    assert woman_result.outcome == "pass"
    assert "13 required" in woman_result.message
    man_result = check("commemorative_medal", "KNC_LDTBXH", person=man)
    assert man_result.outcome == "fail"
    assert "15 required" in man_result.message


def test_medal_without_a_sector_start_date_fails(tree):
    person = PersonFactory(unit=tree["a"], sector_start=None)
    result = check("commemorative_medal", "KNC_LDTBXH", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "not recorded" in result.message
    assert SECTOR in result.message


def test_medal_is_for_individuals_only(tree):
    verdict = judge("KNC_LDTBXH", unit=tree["a"])
    assert result_of(verdict, "commemorative_medal") is None
    assert result_of(verdict, "recipient").outcome == "fail"


# FighterQuota (rule 16) ----------------------------------------------------------------------


def staff(unit, count, *, ldtt=True, proposed=False):
    people = PersonFactory.create_batch(count, unit=unit)
    for member in people:
        if ldtt and proposed:
            NominationFactory(person=member, award_type=award_type("LDTT"), year=2023)
        elif ldtt:
            award(member, "LDTT", 2023)
    return people


def fighter_candidate(unit):
    (candidate,) = staff(unit, 1)
    rate(candidate, "HTXSNV", 2023)
    return candidate


@pytest.mark.parametrize(("others", "outcome"), [(1, "pass"), (2, "warning")])
def test_quota_with_ten_advanced_workers_is_two(tree, others, outcome):
    """15% of 10 = 1.5, rounded half-up to 2."""
    candidate = fighter_candidate(tree["a"])
    colleagues = staff(tree["a"], 9)
    for colleague in colleagues[:others]:
        award(colleague, "CSTDCS", 2023)
    verdict = judge("CSTDCS", person=candidate)
    result = result_of(verdict, "fighter_quota")
    assert (result.outcome, result.blocking) == (outcome, False)
    assert f"{others + 1}" in result.message and "of 10 Lao động tiên tiến" in result.message
    assert "TT 08/2019" in result.message
    if outcome == "warning":
        assert "above the quota of 2" in result.message
    assert verdict.eligible is True


def test_quota_with_three_advanced_workers_is_zero(tree):
    """15% of 3 = 0.45, rounded to 0: even one fighter is over the quota."""
    candidate = fighter_candidate(tree["a"])
    staff(tree["a"], 2)
    result = check("fighter_quota", "CSTDCS", person=candidate)
    assert (result.outcome, result.blocking) == ("warning", False)
    assert "above the quota of 0" in result.message
    assert "of 3 Lao động tiên tiến" in result.message


def test_quota_counts_proposed_titles_of_the_unit_only(tree):
    candidate = fighter_candidate(tree["a"])
    staff(tree["a"], 9, proposed=True)  # LDTT proposed, not yet decided
    staff(tree["b"], 20)  # another unit's workers do not raise the quota
    staff(tree["a1"], 20)  # nor do a sub-unit's
    others = staff(tree["a"], 1, ldtt=False)
    NominationFactory(person=others[0], award_type=award_type("CSTDCS"), year=2023)
    result = check("fighter_quota", "CSTDCS", person=candidate)
    assert result.outcome == "pass"
    assert "2 of at most 2" in result.message


def test_quota_ignores_another_years_titles(tree):
    candidate = fighter_candidate(tree["a"])
    colleagues = staff(tree["a"], 9)
    for colleague in colleagues[:3]:
        award(colleague, "CSTDCS", 2022)
    assert check("fighter_quota", "CSTDCS", person=candidate).outcome == "pass"


def test_quota_without_parameter_is_not_applicable(tree):
    candidate = fighter_candidate(tree["a"])
    fighter = AwardType.objects.get(code="CSTDCS")
    fighter.rule_params = {k: v for k, v in fighter.rule_params.items()
                           if k != "quota_share_of_ldtt"}  # fmt: skip
    fighter.save()
    result = check("fighter_quota", "CSTDCS", person=candidate)
    assert (result.outcome, result.blocking) == ("not_applicable", False)


def test_provincial_fighter_counts_a_third_title_proposed_in_the_same_year_with_a_warning(tree):
    from tests.awards.factories import CampaignFactory, NominationFactory

    person = PersonFactory(unit=tree["a"])
    for year in (2021, 2022):
        AwardRecordFactory(person=person, award_type=award_type("CSTDCS"), year=year)
    InitiativeFactory(person=person, year=2022, level="province")
    assert check("consecutive_fighter_titles", "CSTD_TINH", person=person).outcome == "fail"
    NominationFactory(campaign=CampaignFactory(), person=person, award_type=award_type("CSTDCS"))
    result = check("consecutive_fighter_titles", "CSTD_TINH", person=person)
    assert (result.outcome, result.blocking) == ("warning", False)
    assert "still proposed" in result.message


def test_medal_warns_when_a_service_year_was_rated_below_well(tree):
    from datetime import date

    person = PersonFactory(unit=tree["a"], sector_start=date(2000, 1, 1))
    RatingFactory(person=person, year=2020, rating="HTNV")
    result = check("commemorative_medal", "KNC_LDTBXH", person=person)
    assert (result.outcome, result.blocking) == ("warning", False)
    assert "2020" in result.message
