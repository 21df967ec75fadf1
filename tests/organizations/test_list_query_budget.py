"""List pages cost a fixed number of queries whatever the number of rows.

People list and audit log: session, user, the scope (memberships, read once per request), the
unread notifications of the navigation, the row count and the page's rows joined to what they
show. A search reads its matching keys once instead of counting (keys, then the rows); a page
deep in a long list reads its keys first too (organizations.paging).
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from organizations.models import AuditEntry, Person
from organizations.text import fold
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

PEOPLE_LIST_BUDGET = 6
# The unit typed in the filter is looked up among the user's units.
PEOPLE_OF_A_UNIT_BUDGET = PEOPLE_LIST_BUDGET + 1
DEEP_PAGE_BUDGET = PEOPLE_LIST_BUDGET + 1
AUDIT_LOG_BUDGET = 6
UNIT_TREE_BUDGET = 5


def _grow(tree, count):
    for i in range(count):
        unit = UnitFactory(code=f"GROW-{count}-{i}", parent=tree["a"])
        PersonFactory(unit=unit)
        PersonFactory(unit=tree["a1"])


def _many_people(unit, count):
    people = [
        Person(code=f"BULK-{unit.code}-{i:05d}", full_name=f"Nguyễn Văn Bình {i}", sex="M",
               unit=unit)
        for i in range(count)
    ]  # fmt: skip
    for person in people:
        person.fill_derived_fields()
    Person.objects.bulk_create(people)


def _many_audit_rows(unit, count):
    person_type = ContentType.objects.get_for_model(Person)
    AuditEntry.objects.bulk_create(
        AuditEntry(content_type=person_type, object_id=str(i), unit=unit, unit_path=unit.path,
                   object_repr=f"Trần Thị Mai {i}", search_text=fold(f"Trần Thị Mai {i}"),
                   action="person.update")
        for i in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("rows", [10, 1_000])
@pytest.mark.parametrize("query", [{}, {"q": "nguyen van binh"}, {"page": 3}])
def test_people_list_costs_the_same_queries_for_ten_or_a_thousand_people(
    client, clerk_a, tree, rows, query, django_assert_max_num_queries
):
    _many_people(tree["a1"], rows)
    client.force_login(clerk_a)
    with django_assert_max_num_queries(PEOPLE_LIST_BUDGET):
        response = client.get(reverse("person_list"), query)
    assert response.status_code == 200
    assert "Nguyễn Văn Bình" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 1_000])
def test_people_list_of_the_whole_department_costs_the_same_for_any_size(
    client, officer, tree, rows, django_assert_max_num_queries
):
    _many_people(tree["b"], rows)
    client.force_login(officer)
    with django_assert_max_num_queries(PEOPLE_OF_A_UNIT_BUDGET):
        response = client.get(reverse("person_list"), {"unit": "UNIT-B"})
    assert response.status_code == 200
    assert "Nguyễn Văn Bình" in response.content.decode()


def test_people_filter_does_not_list_every_unit(client, officer, tree):
    names = [f"Xã Thử Nghiệm Số {i}" for i in range(30)]
    for i, name in enumerate(names):
        UnitFactory(code=f"XTN-{i}", name=name, parent=tree["b"])
    client.force_login(officer)
    html = client.get(reverse("person_list")).content.decode()
    assert not any(name in html for name in names)
    assert "<select" not in html.split('name="unit"')[0][-300:]
    assert 'data-unit-lookup="/units/lookup/"' in html


@pytest.mark.parametrize("rows", [10, 1_000])
@pytest.mark.parametrize("query", [{}, {"q": "tran thi mai"}, {"since": "01/01/2020"}])
def test_audit_log_costs_the_same_queries_for_ten_or_a_thousand_rows(
    client, viewer_a, tree, rows, query, django_assert_max_num_queries
):
    _many_audit_rows(tree["a1"], rows)
    client.force_login(viewer_a)
    with django_assert_max_num_queries(AUDIT_LOG_BUDGET):
        response = client.get(reverse("audit_log"), query)
    assert response.status_code == 200
    assert "Trần Thị Mai" in response.content.decode()


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


def test_a_deep_page_of_a_long_list_reads_its_keys_then_its_rows(
    client, officer, tree, django_assert_max_num_queries
):
    _many_people(tree["b"], 2_100)
    client.force_login(officer)
    with django_assert_max_num_queries(DEEP_PAGE_BUDGET):
        response = client.get(reverse("person_list"), {"page": 40})
    assert response.status_code == 200
    assert "Nguyễn Văn Bình" in response.content.decode()


def test_the_count_of_a_long_list_is_read_once_a_minute(
    client, officer, tree, django_assert_max_num_queries
):
    _many_people(tree["b"], 2_100)
    client.force_login(officer)
    client.get(reverse("person_list"))
    # The second request finds the count kept by the first.
    with django_assert_max_num_queries(DEEP_PAGE_BUDGET - 1):
        response = client.get(reverse("person_list"), {"page": 40})
    assert response.status_code == 200
