"""List pages cost a fixed number of queries whatever the number of rows.

People list: session, user, memberships (the scope, read once per request), unit choices for
the filter, row count, and the page of people joined to their units.
"""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

# Every page also counts the user's unread notifications for the navigation.
PEOPLE_LIST_BUDGET = 7
UNIT_TREE_BUDGET = 5


def _grow(tree, count):
    for i in range(count):
        unit = UnitFactory(code=f"GROW-{count}-{i}", parent=tree["a"])
        PersonFactory(unit=unit)
        PersonFactory(unit=tree["a1"])


@pytest.mark.parametrize("extra_rows", [0, 40])
def test_people_list_has_a_fixed_query_budget(client, clerk_a, tree, extra_rows,
                                              django_assert_max_num_queries):  # fmt: skip
    _grow(tree, extra_rows)
    client.force_login(clerk_a)
    with django_assert_max_num_queries(PEOPLE_LIST_BUDGET):
        response = client.get(reverse("person_list"), {"q": "nguyen"})
    assert response.status_code == 200


@pytest.mark.parametrize("extra_rows", [0, 40])
def test_unit_tree_has_a_fixed_query_budget(client, officer, tree, extra_rows,
                                            django_assert_max_num_queries):  # fmt: skip
    _grow(tree, extra_rows)
    client.force_login(officer)
    with django_assert_max_num_queries(UNIT_TREE_BUDGET):
        response = client.get(reverse("unit_tree"), {"q": "dong van"})
    assert response.status_code == 200
    assert "Đồng Văn" in response.content.decode()


def test_unit_page_has_a_fixed_query_budget(client, officer, tree, django_assert_max_num_queries):
    """Seven for the page and its people, two for the unit's own awards and ratings, one for
    the unread notifications in the navigation."""
    _grow(tree, 30)
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("unit_detail", args=[tree["a"].pk]))
    assert response.status_code == 200
