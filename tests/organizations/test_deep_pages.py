"""A deep page asked again is found by the key of its first row, not by OFFSET
(organizations/page_starts.py), and shows the same rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations import paging
from organizations.models import AuditEntry, Person
from organizations.page_starts import seekable_ordering
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep_from_the_second_page(monkeypatch):
    monkeypatch.setattr(paging, "KEYS_FIRST_FROM", 50)


def _rows(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("person_list"), query)
    assert response.status_code == 200
    html = response.content.decode()
    names = re.findall(r'<td><a href="/people/\d+/">([^<]+)</a></td>', html)
    return names, [q["sql"] for q in queries.captured_queries]


def test_a_deep_page_asked_again_shows_the_same_people_without_an_offset(
    client, officer, tree, deep_from_the_second_page
):
    for i in range(130):
        PersonFactory(full_name=f"Lò Văn {i:03d}", unit=tree["a1"])
    client.force_login(officer)
    first, first_sql = _rows(client, page=2)
    again, again_sql = _rows(client, page=2)
    assert len(first) == 50 and first == again
    assert any("OFFSET" in sql for sql in first_sql)
    assert not any("OFFSET" in sql for sql in again_sql)
    assert first[0] == sorted(p.full_name for p in Person.objects.all())[50]


def test_a_deep_page_sorted_backwards_is_found_again_too(
    client, officer, tree, deep_from_the_second_page
):
    for i in range(130):
        PersonFactory(full_name=f"Vàng A {i:03d}", unit=tree["b"])
    client.force_login(officer)
    first, _sql = _rows(client, page=3, sort="-full_name")
    again, again_sql = _rows(client, page=3, sort="-full_name")
    assert first == again and len(first) == 30
    assert not any("OFFSET" in sql for sql in again_sql)


def test_only_orderings_a_key_can_reproduce_are_sought():
    people, audit = Person.objects.all(), AuditEntry.objects.all()
    assert seekable_ordering(people.order_by("sort_name", "code")) == (
        ["sort_name", "code"], False
    )  # fmt: skip
    assert seekable_ordering(audit.order_by("-at", "-id")) == (["at", "id"], True)
    assert seekable_ordering(people.order_by("sort_name", "-code")) is None  # two directions
    assert seekable_ordering(people.order_by("unit__sort_name")) is None  # another table
    assert seekable_ordering(people.order_by("sort_name")) is None  # not unique: ties
    assert seekable_ordering(people.order_by("date_of_birth", "code")) is None  # NULLs


def test_a_worker_reads_a_kept_count_from_the_shared_cache_once_for_a_few_seconds(
    client, officer, tree, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(paging, "CACHED_COUNT_FROM", 10)
    for i in range(12):
        PersonFactory(full_name=f"Hầu A {i:02d}", unit=tree["a1"])
    client.force_login(officer)
    _names, first_sql = _rows(client)
    _names, second_sql = _rows(client)
    assert len(second_sql) == len(first_sql) - 1  # neither the count nor the shared cache
    assert not any("COUNT(" in sql and "organizations_person" in sql for sql in second_sql)
