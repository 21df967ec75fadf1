"""The officers' screening of a whole campaign against today's data."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.eligibility import views
from tests.awards.factories import (
    AwardRecordFactory,
    CampaignFactory,
    NominationFactory,
    RatingFactory,
    award_type,
)
from tests.awards.test_eligibility_screening import campaign_of
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


# One page at a time ----------------------------------------------------------------------------


@pytest.fixture
def short_pages(monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)


def nominees(campaign, unit, names, **kwargs):
    for name in names:
        person = PersonFactory(unit=unit, full_name=name)
        RatingFactory(person=person, year=2023, rating="HTTNV")
        NominationFactory(campaign=campaign, person=person, **kwargs)


def test_the_page_judges_one_page_and_links_to_the_next(client, officer, tree, short_pages):
    campaign = CampaignFactory(year=2023)
    nominees(campaign, tree["a"], ["Lò Văn Một", "Lò Văn Hai", "Lò Văn Ba", "Lò Văn Bốn"])
    nominees(campaign, tree["b"], ["Lò Văn Năm"])
    client.force_login(officer)
    first = client.get(screening(campaign)).content.decode()
    assert first.count("<tr>") - 1 == 2  # the header row and two nominations
    assert (
        "On this page, 2 of 2 nominations pass every blocking rule (5 nominations listed in all)."
        in first
    )
    assert "Page 1 of 3" in first and "?page=2" in first
    last = client.get(screening(campaign), {"page": 3}).content.decode()
    assert last.count("<tr>") - 1 == 1 and "Page 3 of 3" in last
    assert "?page=2" in last  # back


def test_filters_narrow_the_list_and_stay_in_the_page_links(client, officer, tree, short_pages):
    campaign = CampaignFactory(year=2023)
    nominees(campaign, tree["a"], ["Giàng A Páo", "Giàng Seo Pó"], state="submitted")
    nominees(campaign, tree["a1"], ["Giàng Thị Dợ"], state="submitted")
    nominees(campaign, tree["b"], ["Giàng A Lử"], state="draft")
    nominees(campaign, tree["b"], ["Sùng Mí Chứ"], state="submitted",
             award_type=award_type("CSTDCS"))  # fmt: skip
    client.force_login(officer)
    ldtt = award_type("LDTT").pk
    html = client.get(
        screening(campaign), {"award_type": ldtt, "state": "submitted"}
    ).content.decode()
    assert "3 nominations listed in all" in html
    assert "Giàng A Lử" not in html and "Sùng Mí Chứ" not in html
    next_link = re.search(r'href="(\?[^"]*page=2[^"]*)"', html).group(1)
    assert f"award_type={ldtt}" in next_link and "state=submitted" in next_link
    second = client.get(screening(campaign) + unescape(next_link)).content.decode()
    assert "Page 2 of 2" in second and "Sùng Mí Chứ" not in second
    # The nominee search ignores diacritics.
    found = client.get(screening(campaign), {"q": "giang a"}).content.decode()
    assert "Giàng A Páo" in found and "Giàng A Lử" in found and "Giàng Seo Pó" not in found
    nothing = client.get(screening(campaign), {"q": "Hầu"}).content.decode()
    assert "No open nomination matches these filters." in nothing


def test_every_page_costs_the_same_queries_whatever_the_campaign_size(client, officer, tree):
    small = campaign_of(6, code="PS", parent=tree["dept"])
    large = campaign_of(80, code="PL", parent=tree["dept"])
    client.force_login(officer)
    client.get(screening(small))  # the session's first request reads a little more
    counts = []
    for campaign, page in [(small, 1), (large, 1), (large, 2)]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(screening(campaign), {"page": page})
        assert response.status_code == 200
        counts.append(len(queries))
    # The last page holds fewer kinds of award, and may need less evidence.
    assert counts[0] == counts[1] <= 20 and counts[2] <= counts[1], counts
