"""Rules that judge every award type: recipient kind, one open nomination, not already awarded,
holds, one achievement → one award (Law 2022 Art. 5(2)), ad-hoc awards not counted (Decree 98
Art. 4) and the deciding authority (Law 2022 Art. 80)."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from awards.eligibility import evaluate, evaluate_nomination
from awards.models import AwardType
from tests.awards.factories import (
    AwardRecordFactory,
    HoldFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LAW = "06/2022/QH15"
LAW_ART_5 = "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2"
DECREE_98_ART_4 = "Nghị định 98/2023/NĐ-CP, Điều 4"
# Every verdict cites a legal text: an article of the Law or a decree, or the sector circular.
BASIS_MARKERS = ("Điều", "Nghị định", "TT 08/2019")


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


@pytest.fixture
def person(tree):
    return PersonFactory(code="GEN-1", unit=tree["a"])


# RecipientMatches ----------------------------------------------------------------------------


def test_individual_only_award_to_a_unit_fails_and_blocks(tree):
    verdict = judge("LDTT", unit=tree["a"])
    result = result_of(verdict, "recipient")
    assert result.outcome == "fail"
    assert result.blocking is True
    assert "individual only" in result.message
    assert LAW in result.message and "Điều 24" in result.message
    assert verdict.eligible is False


def test_collective_only_award_to_a_person_fails(person):
    result = check("recipient", "TTLDTT", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "collective only" in result.message
    assert "Điều 28" in result.message


@pytest.mark.parametrize("code", ["LDTT", "GK_SO", "BK_TINH", "KNC_LDTBXH"])
def test_award_for_individuals_accepts_a_person(person, code):
    result = check("recipient", code, person=person)
    assert result.outcome == "pass"
    assert award_type(code).legal_article in result.message


@pytest.mark.parametrize("code", ["TTLDTT", "GK_SO", "CO_TINH"])
def test_award_for_collectives_accepts_a_unit(tree, code):
    result = check("recipient", code, unit=tree["a"])
    assert result.outcome == "pass"


# OneOpenNomination ---------------------------------------------------------------------------


def test_second_open_nomination_for_same_nominee_award_and_year_fails(person):
    NominationFactory(person=person, award_type=award_type("LDTT"), year=2023, state="submitted")
    result = check("one_nomination_per_year", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "already an open nomination" in result.message
    assert "2023" in result.message
    assert LAW_ART_5 in result.message


@pytest.mark.parametrize("state", ["draft", "returned", "resubmitted", "accepted"])
def test_every_non_withdrawn_state_counts_as_open(person, state):
    NominationFactory(person=person, award_type=award_type("LDTT"), year=2023, state=state)
    assert check("one_nomination_per_year", "LDTT", person=person).outcome == "fail"


def test_withdrawn_nomination_does_not_count(person):
    NominationFactory(person=person, award_type=award_type("LDTT"), year=2023, state="withdrawn")
    result = check("one_nomination_per_year", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert LAW_ART_5 in result.message


def test_a_nomination_is_not_its_own_duplicate(person):
    nomination = NominationFactory(person=person, award_type=award_type("LDTT"), year=2023)
    result = result_of(evaluate_nomination(nomination), "one_nomination_per_year")
    assert result.outcome == "pass"


@pytest.mark.parametrize(("code", "year"), [("CSTDCS", 2023), ("LDTT", 2022)])
def test_open_nomination_for_another_award_or_year_does_not_count(person, code, year):
    NominationFactory(person=person, award_type=award_type(code), year=year)
    assert check("one_nomination_per_year", "LDTT", person=person).outcome == "pass"


def test_unit_nomination_blocks_a_second_one_for_the_unit_only(tree, person):
    NominationFactory(person=None, unit=tree["a"], award_type=award_type("GK_SO"), year=2023)
    assert check("one_nomination_per_year", "GK_SO", unit=tree["a"]).outcome == "fail"
    # The unit's nomination is not one of its staff's.
    assert check("one_nomination_per_year", "GK_SO", person=person).outcome == "pass"
    assert check("one_nomination_per_year", "GK_SO", unit=tree["b"]).outcome == "pass"


# NotAlreadyAwarded ---------------------------------------------------------------------------


def test_already_holding_the_award_for_the_year_fails(person):
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2023)
    result = check("not_already_awarded", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert LAW_ART_5 in result.message


def test_same_award_in_another_year_or_revoked_does_not_count(person):
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2022)
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2023, revoked=True)
    result = check("not_already_awarded", "LDTT", person=person)
    assert result.outcome == "pass"
    assert LAW_ART_5 in result.message


def test_adhoc_award_does_not_stop_the_annual_merit_one(person):
    """An ad-hoc Giấy khen rewards a deed; the annual merit Giấy khen rewards the year."""
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023,
                       commendation_type="adhoc")  # fmt: skip
    assert check("not_already_awarded", "GK_SO", person=person).outcome == "pass"
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023)
    assert check("not_already_awarded", "GK_SO", person=person).outcome == "fail"


# NoHold --------------------------------------------------------------------------------------


def test_active_hold_fails_and_blocks(person):
    HoldFactory(person=person, reason="Đang thanh tra công vụ", start=date(2023, 6, 1), end=None)
    verdict = judge("LDTT", person=person)
    result = result_of(verdict, "no_hold")
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "Đang thanh tra công vụ" in result.message
    assert "01/06/2023" in result.message
    assert DECREE_98_ART_4 in result.message
    assert verdict.eligible is False


def test_hold_ending_in_the_future_is_still_active(person):
    HoldFactory(person=person, start=date(2023, 6, 1), end=date.today() + timedelta(days=30))
    assert check("no_hold", "LDTT", person=person).outcome == "fail"


def test_ended_hold_that_covered_the_year_warns_without_blocking(person):
    HoldFactory(person=person, reason="Khiếu nại đã giải quyết", start=date(2023, 3, 1),
                end=date(2023, 9, 30))  # fmt: skip
    result = check("no_hold", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("warning", False)
    assert "Khiếu nại đã giải quyết" in result.message
    assert DECREE_98_ART_4 in result.message


def test_hold_that_ended_before_the_year_passes(person):
    HoldFactory(person=person, start=date(2020, 1, 1), end=date(2021, 12, 31))
    result = check("no_hold", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert DECREE_98_ART_4 in result.message


def test_no_hold_passes(person):
    assert check("no_hold", "LDTT", person=person).outcome == "pass"


def test_hold_on_a_unit_stops_the_unit_not_another(tree):
    HoldFactory(person=None, unit=tree["a"], start=date(2023, 1, 1), end=None)
    assert check("no_hold", "TTLDTT", unit=tree["a"]).outcome == "fail"
    assert check("no_hold", "TTLDTT", unit=tree["b"]).outcome == "pass"


def test_hold_on_another_person_does_not_count(tree, person):
    HoldFactory(person=PersonFactory(unit=tree["a"]), start=date(2023, 1, 1), end=None)
    assert check("no_hold", "LDTT", person=person).outcome == "pass"


# OneAchievementOneAward ----------------------------------------------------------------------


def test_merit_giay_khen_held_for_the_year_fails_a_merit_bang_khen(person):
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023)
    result = check("one_achievement_one_award", "BK_TINH", person=person)
    assert (result.outcome, result.blocking) == ("fail", True)
    assert "Certificate of Merit of the Department Director" in result.message
    assert LAW_ART_5 in result.message


def test_merit_giay_khen_proposed_for_the_year_also_fails(person):
    NominationFactory(person=person, award_type=award_type("GK_SO"), year=2023)
    assert check("one_achievement_one_award", "BK_TINH", person=person).outcome == "fail"


def test_withdrawn_giay_khen_proposal_does_not_count(person):
    NominationFactory(person=person, award_type=award_type("GK_SO"), year=2023,
                      state="withdrawn")  # fmt: skip
    assert check("one_achievement_one_award", "BK_TINH", person=person).outcome == "pass"


def test_titles_do_not_count_as_a_form_of_commendation(person):
    for code in ("LDTT", "CSTDCS"):
        AwardRecordFactory(person=person, award_type=award_type(code), year=2023)
    result = check("one_achievement_one_award", "BK_TINH", person=person)
    assert (result.outcome, result.blocking) == ("pass", True)
    assert LAW_ART_5 in result.message


def test_adhoc_giay_khen_does_not_count(person):
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023,
                       commendation_type="adhoc")  # fmt: skip
    assert check("one_achievement_one_award", "BK_TINH", person=person).outcome == "pass"


def test_giay_khen_of_another_year_does_not_count(person):
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2022)
    assert check("one_achievement_one_award", "BK_TINH", person=person).outcome == "pass"


def test_adhoc_proposal_rewards_another_achievement_than_the_year(person):
    """An ad-hoc Bằng khen rewards a deed, not the year's merit already given a Giấy khen."""
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023)
    result = check("one_achievement_one_award", "BK_TINH", person=person,
                   commendation_type="adhoc")  # fmt: skip
    assert result.outcome != "fail"
    assert result.blocking is False


def test_commemorative_medal_is_not_concerned(person):
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023)
    result = check("one_achievement_one_award", "KNC_LDTBXH", person=person)
    assert (result.outcome, result.blocking) == ("not_applicable", False)


def test_medal_held_in_the_year_does_not_use_up_the_achievement(person):
    AwardRecordFactory(person=person, award_type=award_type("KNC_LDTBXH"), year=2023)
    assert check("one_achievement_one_award", "BK_TINH", person=person).outcome == "pass"


def test_rule_only_judges_forms_of_commendation(person):
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2023)
    assert result_of(judge("LDTT", person=person), "one_achievement_one_award") is None


# AdhocAwardsNotCounted -----------------------------------------------------------------------


def test_history_without_adhoc_awards_is_not_applicable(person):
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2022)
    result = check("adhoc_not_counted", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("not_applicable", False)


def test_adhoc_and_thematic_awards_are_listed_as_excluded(person):
    AwardRecordFactory(person=person, award_type=award_type("CSTDCS"), year=2022,
                       commendation_type="adhoc")  # fmt: skip
    AwardRecordFactory(person=person, award_type=award_type("GK_SO"), year=2021,
                       commendation_type="thematic")  # fmt: skip
    AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2020)
    result = check("adhoc_not_counted", "CSTDCS", person=person)
    assert (result.outcome, result.blocking) == ("pass", False)
    assert "CSTDCS 2022" in result.message
    assert "GK_SO 2021" in result.message
    assert "LDTT" not in result.message
    assert DECREE_98_ART_4 in result.message


# DecidingAuthority ---------------------------------------------------------------------------


def test_department_decides_advanced_worker(person):
    result = check("deciding_authority", "LDTT", person=person)
    assert (result.outcome, result.blocking) == ("pass", False)
    assert "Director" in result.message
    assert "Điều 80" in result.message


def test_flag_is_proposed_upward_to_its_authority(tree):
    result = check("deciding_authority", "CO_TINH", unit=tree["a"])
    assert (result.outcome, result.blocking) == ("pass", False)
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in result.message
    assert "proposes it upward" in result.message
    assert "Điều 80" in result.message


def test_authority_named_is_the_catalogue_value(tree):
    AwardType.objects.filter(code="CO_BO").update(authority="Bộ trưởng Bộ Nội vụ")
    result = check("deciding_authority", "CO_BO", unit=tree["a"])
    assert "Bộ trưởng Bộ Nội vụ" in result.message


# Every verdict cites its basis ----------------------------------------------------------------


def _codes(individual):
    return [a.code for a in AwardType.objects.all() if a.accepts(individual=individual)]


@pytest.mark.parametrize("individual", [True, False], ids=["person", "unit"])
def test_every_verdict_message_cites_a_legal_basis(tree, individual):
    """Pass, fail and warning alike name the text they rest on (issue #4, eligibility engine)."""
    nominee = PersonFactory(unit=tree["a"], sector_start=None) if individual else tree["a"]
    subject = {"person": nominee} if individual else {"person": None, "unit": nominee}
    HoldFactory(**subject, start=date(2022, 1, 1), end=date(2023, 2, 1))  # → warning
    RatingFactory(**subject, year=2023, rating="HTNV")
    judged = {"person": nominee} if individual else {"unit": nominee}
    seen = set()
    for code in _codes(individual):
        for result in judge(code, **judged).results:
            if result.outcome == "not_applicable":
                continue
            seen.add(result.rule)
            assert any(marker in result.message for marker in BASIS_MARKERS), (
                code,
                result,
            )
    assert "no_hold" in seen
