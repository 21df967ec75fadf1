"""The officers' screening of a whole campaign against today's data."""

import pytest
from django.urls import reverse

from tests.awards.factories import (
    AwardRecordFactory,
    CampaignFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def screening(campaign):
    return reverse("campaign_screening", args=[campaign.pk])


def test_officer_sees_which_nominations_fail_today(client, officer, tree):
    campaign = CampaignFactory(year=2023)
    rated = PersonFactory(unit=tree["a"], full_name="Vàng Thị Mỷ")
    RatingFactory(person=rated, year=2023, rating="HTTNV")
    unrated = PersonFactory(unit=tree["b"], full_name="Ly Thị Dính")
    NominationFactory(campaign=campaign, person=rated)
    NominationFactory(campaign=campaign, person=unrated)
    client.force_login(officer)
    html = client.get(screening(campaign)).content.decode()
    assert "1 of 2 nominations pass every blocking rule." in html
    assert "Vàng Thị Mỷ" in html and "Ly Thị Dính" in html
    assert "Needs a rating of at least" in html  # the unrated person's failing rule, in words


def test_withdrawn_nominations_are_left_out(client, officer, tree, person_a):
    campaign = CampaignFactory(year=2023)
    NominationFactory(campaign=campaign, person=person_a, state="withdrawn")
    client.force_login(officer)
    html = client.get(screening(campaign)).content.decode()
    assert "This campaign has no open nomination." in html


def test_clerks_may_not_screen(client, clerk_a, tree):
    campaign = CampaignFactory(year=2023)
    client.force_login(clerk_a)
    assert client.get(screening(campaign)).status_code == 403


@pytest.mark.parametrize("count", [2, 25])
def test_screening_costs_the_same_queries_for_any_campaign_size(
    client, officer, tree, count, django_assert_max_num_queries
):
    campaign = CampaignFactory(year=2023)
    for index in range(count):
        person = PersonFactory(unit=tree["a1"] if index % 2 else tree["b"])
        RatingFactory(person=person, year=2023)
        AwardRecordFactory(person=person, year=2022)
        NominationFactory(campaign=campaign, person=person,
                          award_type=award_type("LDTT" if index % 3 else "CSTDCS"))  # fmt: skip
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        response = client.get(screening(campaign))
    assert response.status_code == 200
