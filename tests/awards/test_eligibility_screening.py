"""The whole campaign judged at once (engine.screen_campaign, what `make bench` times): each open
nomination gets the verdict it gets on its own, in the same few queries for 10 nominations or
200, whatever their award types."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import evaluate_nomination
from awards.eligibility.engine import screen_campaign
from indicators.models import DataStatus
from tests.awards.factories import (
    AwardRecordFactory,
    CampaignFactory,
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

# Nominations of a unit and three of its staff: titles, commendations, collective titles and a
# flag, so that every kind of evidence is read (history, staff counts, clusters, indicators).
GROUP = ["LDTT", "CSTDCS", "BK_TINH", "KNC_LDTBXH", "TTLDTT", "CO_TINH"]
QUERY_BUDGET = 20


def campaign_of(size, *, code, parent=None):
    campaign, elsewhere = CampaignFactory(year=2023), CampaignFactory(year=2023)
    cluster = ClusterFactory(year=2023)
    root = UnitFactory(code=code, parent=parent)
    created = 0
    while created < size:
        unit = UnitFactory(code=f"{code}-{created}", parent=root)
        IndicatorValueFactory(unit=UnitFactory(code=f"{code}-{created}-SUB", parent=unit))
        DataStatus.objects.create(unit=unit, year=2023, state="approved")
        ClusterMemberFactory(cluster=cluster, unit=unit, role="member")
        RatingFactory(person=None, unit=unit, year=2023, rating="HTXSNV")
        staff = PersonFactory.create_batch(4, unit=unit, sector_start=date(2000, 1, 1))
        for person in staff:
            RatingFactory(person=person, year=2023, rating="HTXSNV")
            AwardRecordFactory(person=person, award_type=award_type("CSTDCS"), year=2022)
        AwardRecordFactory(person=staff[0], award_type=award_type("LDTT"), year=2023)
        InitiativeFactory(person=staff[1], year=2023)
        HoldFactory(person=staff[2], start=date(2022, 1, 1), end=date(2022, 6, 1))
        NominationFactory(campaign=elsewhere, person=staff[3], award_type=award_type("LDTT"))
        subjects = [staff[1], staff[1], staff[2], staff[0], None, None]
        for code_, person in list(zip(GROUP, subjects, strict=True))[: size - created]:
            NominationFactory(campaign=campaign, person=person, unit=unit,
                              award_type=award_type(code_))  # fmt: skip
            created += 1
    return campaign


def queries_to_screen(campaign):
    with CaptureQueriesContext(connection) as queries:
        judged = screen_campaign(campaign)
    return len(queries), judged


def test_a_campaign_is_screened_in_the_same_queries_for_10_nominations_or_200(db):
    small, large = campaign_of(10, code="S"), campaign_of(200, code="L")
    small_count, small_judged = queries_to_screen(small)
    large_count, large_judged = queries_to_screen(large)
    assert (len(small_judged), len(large_judged)) == (10, 200)
    assert small_count == large_count <= QUERY_BUDGET
    # The evidence was really read: staff, clusters and indicators change the outcomes.
    outcomes = {
        (nomination.award_type.code, result.rule): result.outcome
        for nomination, verdict in large_judged
        for result in verdict.results
    }
    # 1 of 4 staff holds the title and 1 is proposed in this campaign; the one proposed in
    # another campaign does not count.
    assert outcomes[("TTLDTT", "advanced_collective")] == "fail"
    assert outcomes[("CO_TINH", "cluster_leader")] == "fail"
    assert outcomes[("CO_TINH", "indicator_targets_met")] == "pass"
    assert outcomes[("CSTDCS", "fighter_quota")] == "warning"


def test_each_nomination_gets_the_verdict_it_gets_on_its_own(db):
    campaign = campaign_of(12, code="E")
    judged = screen_campaign(campaign)
    assert len(judged) == 12
    for nomination, verdict in judged:
        assert verdict == evaluate_nomination(nomination), nomination


def test_closed_nominations_are_not_screened(db):
    campaign = campaign_of(6, code="W")
    campaign.nominations.filter(award_type__code="LDTT").update(state="withdrawn")
    assert {n.award_type.code for n, _verdict in screen_campaign(campaign)} == set(GROUP) - {"LDTT"}
