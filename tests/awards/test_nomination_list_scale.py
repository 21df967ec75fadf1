"""The nominations list at the size of a province: the same queries for ten or a thousand
nominations, and each state's badge built without rendering a template per row."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from awards.models import Nomination
from awards.nominations.tables import state_badge
from organizations.models import Person
from tests.awards.factories import CampaignFactory, award_type

pytestmark = pytest.mark.django_db

State = Nomination.State
# Session, user, scope, the unread notifications, the campaign and award choices of the
# filter, the count, and the page of nominations with nominee, unit, award and campaign.
LIST_BUDGET = 8


def _many_nominations(unit, count, state=State.SUBMITTED):
    people = [Person(code=f"NOM-{i:05d}", full_name=f"Đỗ Thị Hằng {i}", sex="F", unit=unit)
              for i in range(count)]  # fmt: skip
    for person in people:
        person.fill_derived_fields()
    people = Person.objects.bulk_create(people)
    campaign = CampaignFactory()
    Nomination.objects.bulk_create(
        Nomination(campaign=campaign, award_type=award_type("LDTT"), year=2023, person=person,
                   unit=unit, summary="Hoàn thành xuất sắc nhiệm vụ.", state=state)
        for person in people
    )  # fmt: skip


@pytest.mark.parametrize("rows", [10, 1_000])
@pytest.mark.parametrize("persona", ["clerk_a", "officer"])
@pytest.mark.parametrize("query", [{}, {"box": "all", "q": "do thi hang"}, {"page": 3}])
def test_the_list_costs_the_same_queries_for_ten_or_a_thousand_nominations(
    persona, rows, query, request, client, tree, django_assert_max_num_queries
):
    _many_nominations(tree["a1"], rows)
    client.force_login(request.getfixturevalue(persona))
    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(reverse("nomination_list"), query)
    assert response.status_code == 200
    assert "Đỗ Thị Hằng" in response.content.decode()


def test_a_district_clerk_does_not_list_another_districts_nominations(client, clerk_b, tree):
    _many_nominations(tree["a1"], 5)
    client.force_login(clerk_b)
    response = client.get(reverse("nomination_list"))
    assert "Đỗ Thị Hằng" not in response.content.decode()


@pytest.mark.parametrize("state", State.values)
def test_the_lists_badge_is_the_badge_of_the_other_pages(state):
    label = State(state).label
    template = render_to_string(
        "awards/nominations/nomination_state_badge.html", {"state": state, "label": label}
    )
    assert str(state_badge(state)) == template.strip()


def test_every_row_shows_its_state_in_words(client, officer, tree):
    _many_nominations(tree["a1"], 3, state=State.ACCEPTED)
    client.force_login(officer)
    html = client.get(reverse("nomination_list")).content.decode()
    assert html.count("Accepted for the council</span>") == 3
