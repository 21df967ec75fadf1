"""The engine: a verdict is ineligible exactly when a blocking rule fails; a campaign's whole list
is judged in a bounded number of queries."""

from datetime import date

import pytest
from django.utils import translation

from awards.eligibility import Candidate, RuleResult, evaluate, evaluate_many, evaluate_nomination
from awards.eligibility.engine import Verdict
from indicators.models import DataStatus
from tests.awards.factories import (
    AwardRecordFactory,
    ClusterFactory,
    ClusterMemberFactory,
    HoldFactory,
    InitiativeFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory, UnitFactory
from tests.indicators.factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db

OUTCOMES = {"pass", "fail", "warning", "not_applicable"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def result(name, outcome, blocking):
    return RuleResult(rule=name, outcome=outcome, blocking=blocking, message=f"{name} {outcome}")


# Verdict -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("results", "eligible"),
    [
        ([], True),
        ([result("a", "pass", True), result("b", "pass", False)], True),
        ([result("a", "warning", False), result("b", "not_applicable", False)], True),
        ([result("a", "fail", False)], True),  # a non-blocking failure is advice only
        ([result("a", "pass", True), result("b", "fail", True)], False),
        ([result("a", "fail", False), result("b", "fail", True)], False),
    ],
)
def test_verdict_is_ineligible_iff_a_blocking_rule_fails(results, eligible):
    verdict = Verdict(results)
    assert verdict.eligible is eligible
    assert [r.rule for r in verdict.blocking_failures] == [
        r.rule for r in results if r.outcome == "fail" and r.blocking
    ]


def test_verdict_as_dict_is_plain_data():
    verdict = Verdict([result("a", "fail", True), result("b", "warning", False)])
    assert verdict.as_dict() == {
        "eligible": False,
        "rules": [
            {"rule": "a", "outcome": "fail", "blocking": True, "message": "a fail"},
            {"rule": "b", "outcome": "warning", "blocking": False, "message": "b warning"},
        ],
    }


# evaluate ------------------------------------------------------------------------------------


@pytest.fixture
def worker(tree):
    person = PersonFactory(code="ENG-1", unit=tree["a"])
    RatingFactory(person=person, year=2023, rating="HTXSNV")
    return person


def test_eligible_advanced_worker(worker):
    verdict = evaluate(award_type=award_type("LDTT"), year=2023, person=worker)
    assert verdict.eligible is True
    assert verdict.blocking_failures == []
    names = [r.rule for r in verdict.results]
    assert names[0] == "recipient"
    assert {"minimum_rating", "no_hold", "deciding_authority"} <= set(names)
    # Rules about other awards are left out rather than reported as passing.
    assert "grassroots_fighter" not in names and "cluster_leader" not in names
    assert all(r.outcome in OUTCOMES for r in verdict.results)


def test_one_blocking_failure_makes_the_nominee_ineligible(worker):
    HoldFactory(person=worker, start=date(2023, 1, 1), end=None)
    verdict = evaluate(award_type=award_type("LDTT"), year=2023, person=worker)
    assert verdict.eligible is False
    assert [r.rule for r in verdict.blocking_failures] == ["no_hold"]


def test_warnings_and_non_blocking_failures_leave_the_nominee_eligible(worker):
    HoldFactory(person=worker, start=date(2022, 1, 1), end=date(2023, 3, 1))  # warning
    verdict = evaluate(award_type=award_type("BK_TINH"), year=2023, person=worker,
                       commendation_type="adhoc")  # fmt: skip
    outcomes = {r.rule: (r.outcome, r.blocking) for r in verdict.results}
    assert outcomes["no_hold"] == ("warning", False)
    assert outcomes["diploma_of_merit_history"] == ("fail", False)
    assert verdict.eligible is True
    merit = evaluate(award_type=award_type("BK_TINH"), year=2023, person=worker)
    assert merit.eligible is False


def test_evaluate_nomination_judges_the_nomination_itself(worker):
    nomination = NominationFactory(person=worker, award_type=award_type("LDTT"), year=2023)
    assert evaluate_nomination(nomination).eligible is True
    # A second proposal of the same award for the same year is the duplicate.
    assert evaluate(award_type=award_type("LDTT"), year=2023, person=worker).eligible is False


def test_evaluate_many_keeps_the_order_of_the_candidates(tree, worker):
    weak = PersonFactory(unit=tree["b"])
    RatingFactory(person=weak, year=2023, rating="HTNV")
    ldtt = award_type("LDTT")
    verdicts = evaluate_many([
        Candidate(ldtt, 2023, worker, worker.unit),
        Candidate(ldtt, 2023, weak, weak.unit),
        Candidate(award_type("TTLDTT"), 2023, None, tree["b"]),
    ])  # fmt: skip
    assert [v.eligible for v in verdicts] == [True, False, False]
    assert "advanced_collective" in [r.rule for r in verdicts[2].results]


def test_evaluate_many_of_nothing_is_nothing(db):
    assert evaluate_many([]) == []


# Query budget --------------------------------------------------------------------------------


def campaign_list(size):
    """`size` candidates across units, years and award types, each with a history."""
    parent = UnitFactory(code="Q-ROOT")
    flag, fighter, ldtt = award_type("CO_TINH"), award_type("CSTDCS"), award_type("LDTT")
    diploma, medal = award_type("BK_TINH"), award_type("KNC_LDTBXH")
    cluster = ClusterFactory(year=2023)
    candidates = []
    for index in range(size):
        unit = UnitFactory(code=f"Q-{index}", parent=parent)
        UnitFactory(code=f"Q-{index}-SUB", parent=unit)
        people = PersonFactory.create_batch(2, unit=unit, sector_start=date(2000, 1, 1))
        for person in people:
            RatingFactory(person=person, year=2023, rating="HTXSNV")
            AwardRecordFactory(person=person, award_type=ldtt, year=2023)
            AwardRecordFactory(person=person, award_type=fighter, year=2022)
            InitiativeFactory(person=person, year=2023)
            HoldFactory(person=person, start=date(2019, 1, 1), end=date(2019, 6, 1))
        NominationFactory(person=people[0], award_type=fighter, year=2023)
        ClusterMemberFactory(cluster=cluster, unit=unit, role="member")
        IndicatorValueFactory(unit=unit, year=2023)
        DataStatus.objects.create(unit=unit, year=2023, state="approved")
        candidates += [
            Candidate(flag, 2023, None, unit),
            Candidate(fighter, 2023, people[0], unit),
            Candidate(diploma, 2022, people[1], unit, "adhoc"),
            Candidate(medal, 2023, people[1], unit),
        ]
    return candidates[:size]


QUERY_BUDGET = 15  # measured: the same for 3 and 30 candidates over two years


@pytest.mark.parametrize("size", [3, 30])
def test_a_campaign_list_is_judged_in_a_bounded_number_of_queries(
    tree, size, django_assert_max_num_queries
):
    candidates = campaign_list(size)
    with django_assert_max_num_queries(QUERY_BUDGET):
        verdicts = evaluate_many(candidates)
    assert len(verdicts) == size
    # The evidence was really read: the history makes the outcomes differ.
    flags = [v for c, v in zip(candidates, verdicts, strict=True) if c.person is None]
    assert flags and all(not v.eligible for v in flags)  # members, not cluster winners
    fighters = [v for c, v in zip(candidates, verdicts, strict=True)
                if c.award_type.code == "CSTDCS"]  # fmt: skip
    assert fighters and all(
        {r.rule: r.outcome for r in v.results}["grassroots_fighter"] == "pass" for v in fighters
    )
