"""A collective's title and its members' Lao động tiên tiến are decided together (issue 7 §3):
the members' LĐTT proposed in the same campaign count for the collective's share, as pending,
with a warning — the way Chiến sĩ thi đua cơ sở treats a pending LĐTT."""

import pytest

from awards.eligibility import evaluate, evaluate_nomination
from awards.models import Nomination
from tests.awards.factories import (
    AwardRecordFactory,
    CampaignFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(year=2023)


def staff(unit, count, *, held=0, proposed=0, fighters_proposed=0, campaign, rating="HTTNV"):
    """`count` members rated `rating`; the first `held` hold LĐTT 2023, the next `proposed` are
    proposed for it in `campaign`; the first `fighters_proposed` are proposed for CSTĐCS."""
    people = PersonFactory.create_batch(count, unit=unit)
    for index, person in enumerate(people):
        RatingFactory(person=person, year=2023, rating=rating)
        if index < held:
            AwardRecordFactory(person=person, award_type=award_type("LDTT"), year=2023)
        elif index < held + proposed:
            NominationFactory(person=person, award_type=award_type("LDTT"), campaign=campaign,
                              state=Nomination.State.PASSED)  # fmt: skip
        if index < fighters_proposed:
            NominationFactory(person=person, award_type=award_type("CSTDCS"), campaign=campaign,
                              state=Nomination.State.PASSED)  # fmt: skip
    return people


def result(code, unit, rule, campaign=None):
    verdict = evaluate(award_type=award_type(code), year=2023, unit=unit, campaign=campaign)
    return next(r for r in verdict.results if r.rule == rule)


@pytest.fixture
def unit_a(tree):
    RatingFactory(person=None, unit=tree["a"], year=2023, rating="HTXSNV")
    return tree["a"]


def test_members_proposed_in_the_same_campaign_count_as_pending_with_a_warning(unit_a, campaign):
    staff(unit_a, 3, held=1, proposed=1, campaign=campaign)
    found = result("TTLDTT", unit_a, "advanced_collective", campaign)
    assert (found.outcome, found.blocking) == ("warning", False)
    assert "1 of 3 members are Lao động tiên tiến in 2023 and 1 more are proposed" in found.message
    assert "depends on them" in found.message


def test_a_pending_share_still_below_half_fails(unit_a, campaign):
    staff(unit_a, 4, held=1, proposed=1, campaign=campaign)
    found = result("TTLDTT", unit_a, "advanced_collective", campaign)
    assert found.outcome == "fail" and "Only 2 of 4" in found.message


def test_members_proposed_in_another_campaign_do_not_count(unit_a, campaign):
    staff(unit_a, 3, held=1, proposed=1, campaign=CampaignFactory(year=2023))
    assert result("TTLDTT", unit_a, "advanced_collective", campaign).outcome == "fail"
    # Without a campaign (a preview outside any campaign) any proposal of the year counts.
    assert result("TTLDTT", unit_a, "advanced_collective").outcome == "warning"


def test_withdrawn_or_refused_proposals_do_not_count(unit_a, campaign):
    people = staff(unit_a, 3, held=1, proposed=1, campaign=campaign)
    Nomination.objects.filter(person=people[1]).update(state=Nomination.State.WITHDRAWN)
    assert result("TTLDTT", unit_a, "advanced_collective", campaign).outcome == "fail"


def test_held_titles_alone_pass_without_a_warning(unit_a, campaign):
    staff(unit_a, 3, held=2, proposed=1, campaign=campaign)
    assert result("TTLDTT", unit_a, "advanced_collective", campaign).outcome == "pass"


def test_the_collectives_nomination_may_go_forward_on_pending_members(unit_a, campaign):
    staff(unit_a, 2, held=0, proposed=2, campaign=campaign)
    nomination = NominationFactory(person=None, unit=unit_a, award_type=award_type("TTLDTT"),
                                   campaign=campaign)  # fmt: skip
    verdict = evaluate_nomination(nomination)
    found = next(r for r in verdict.results if r.rule == "advanced_collective")
    assert found.outcome == "warning"
    assert not any(r.rule == "advanced_collective" for r in verdict.blocking_failures)


def test_the_excellent_collective_counts_pending_advanced_workers_and_fighters(unit_a, campaign):
    staff(unit_a, 10, held=5, proposed=2, fighters_proposed=1, campaign=campaign)
    found = result("TTLDXS", unit_a, "excellent_collective", campaign)
    assert (found.outcome, found.blocking) == ("warning", False)
    assert "proposed in the same campaign" in found.message


def test_the_excellent_collective_fails_when_even_pending_members_are_too_few(unit_a, campaign):
    staff(unit_a, 10, held=5, proposed=1, fighters_proposed=1, campaign=campaign)
    found = result("TTLDXS", unit_a, "excellent_collective", campaign)
    assert found.outcome == "fail" and "6 of 10 members are Lao động tiên tiến" in found.message
