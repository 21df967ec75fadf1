"""The unit lookup of the people filter: the user's own units, found without diacritics."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _lookup(client, text):
    response = client.get(reverse("unit_lookup"), {"q": text})
    assert response.status_code == 200
    return response.json()["results"]


def test_a_unit_is_found_by_its_name_typed_without_diacritics(client, officer, tree):
    client.force_login(officer)
    results = _lookup(client, "dong van")
    assert [unit["code"] for unit in results] == ["UNIT-A"]
    assert results[0]["name"] == "Phòng LĐTBXH huyện Đồng Văn"
    assert results[0]["id"] == tree["a"].pk


def test_a_unit_is_found_by_its_code_in_any_case(client, officer, tree):
    client.force_login(officer)
    assert [unit["code"] for unit in _lookup(client, "unit-a1")] == ["UNIT-A1"]


def test_a_district_clerk_is_never_offered_another_districts_units(client, clerk_a, tree):
    UnitFactory(code="XA-B1", name="Xã Pả Vi", parent=tree["b"])
    UnitFactory(code="XA-A2", name="Xã Pải Lủng", parent=tree["a"])
    client.force_login(clerk_a)
    assert [unit["code"] for unit in _lookup(client, "xa")] == ["UNIT-A1", "XA-A2"]
    assert _lookup(client, "meo vac") == []
    assert _lookup(client, "UNIT-B") == []


def test_units_nearer_the_top_come_first_and_twenty_at_most(client, officer, tree):
    for i in range(30):
        UnitFactory(code=f"XA-{i:02d}", name=f"Xã Sủng Là {i:02d}", parent=tree["a1"])
    client.force_login(officer)
    results = _lookup(client, "sung la")
    assert len(results) == 20
    assert results[0]["code"] == "XA-00"


def test_an_empty_search_offers_nothing(client, officer, tree):
    client.force_login(officer)
    assert _lookup(client, "  ") == []


def test_the_lookup_needs_a_signed_in_user(client, tree):
    response = client.get(reverse("unit_lookup"), {"q": "dong van"})
    assert response.status_code == 302
