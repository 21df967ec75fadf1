"""The people list at the size of a province: a unit typed or looked up, not picked from every
unit; pages read by key; counts and scopes right."""

import pytest
from django.conf import settings
from django.urls import reverse

from organizations.models import Person, Unit
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(full_name="Giàng Seo Phử", unit=tree["a"]),
        "a1": PersonFactory(full_name="Lò Thị Mai", unit=tree["a1"]),
        "b": PersonFactory(full_name="Vàng Mí Lử", unit=tree["b"]),
    }


def _page(client, **query):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("person_list"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_unit_filter_takes_a_units_code_and_keeps_its_sub_units(client, officer, people):
    client.force_login(officer)
    html = _page(client, unit="unit-a")
    assert "Giàng Seo Phử" in html and "Lò Thị Mai" in html
    assert "Vàng Mí Lử" not in html
    assert "Phòng LĐTBXH huyện Đồng Văn" in html


def test_the_unit_filter_takes_a_part_of_the_name_only_one_unit_matches(client, officer, people):
    client.force_login(officer)
    html = _page(client, unit="meo vac")
    assert "Vàng Mí Lử" in html
    assert "Giàng Seo Phử" not in html


def test_older_links_with_the_units_id_still_filter(client, officer, people, tree):
    client.force_login(officer)
    html = _page(client, unit=str(tree["a1"].pk))
    assert "Lò Thị Mai" in html and "Giàng Seo Phử" not in html


def test_a_name_several_units_match_asks_for_a_code(client, officer, people):
    client.force_login(officer)
    html = _page(client, unit="phong ldtbxh")
    assert "Several of your units match" in html
    assert "UNIT-A — Phòng LĐTBXH huyện Đồng Văn" in html


def test_a_district_clerk_cannot_filter_on_another_districts_unit(client, clerk_a, people):
    client.force_login(clerk_a)
    html = _page(client, unit="UNIT-B")
    assert "None of your units has this code or name." in html
    assert "Vàng Mí Lử" not in html


def test_a_search_without_diacritics_finds_the_person(client, clerk_a, people):
    client.force_login(clerk_a)
    html = _page(client, q="lo thi mai")
    assert "Lò Thị Mai" in html and "Giàng Seo Phử" not in html
    assert "1 person" in html


def test_a_deep_page_lists_the_right_people_in_order(client, officer, tree):
    people = [Person(code=f"D{i:04d}", full_name=f"Hoàng Văn {chr(65 + i // 26)}{chr(65 + i % 26)}",
                     sex="M", unit=tree["a1"]) for i in range(130)]  # fmt: skip
    for person in people:
        person.fill_derived_fields()
    Person.objects.bulk_create(people)
    client.force_login(officer)
    html = _page(client, page=3)
    expected = list(Person.objects.order_by("sort_name", "code")[100:130])
    assert all(person.full_name in html for person in expected)
    positions = [html.index(f">{person.full_name}<") for person in expected]
    assert positions == sorted(positions)
    assert "130 people" in html


def test_a_district_clerk_sees_only_the_districts_people(client, clerk_a, people):
    client.force_login(clerk_a)
    html = _page(client)
    assert "Giàng Seo Phử" in html and "Lò Thị Mai" in html
    assert "Vàng Mí Lử" not in html
    assert "2 people" in html


def test_the_lookup_box_is_a_plain_text_field_with_its_script(client, officer, tree):
    client.force_login(officer)
    html = _page(client)
    assert 'name="unit"' in html and 'data-unit-lookup="/units/lookup/"' in html
    assert "js/lookup.js" in html
    assert Unit.objects.count() == 4
    UnitFactory(code="ZZ-9", name="Trung tâm Bảo trợ xã hội", parent=tree["dept"])
    assert "Trung tâm Bảo trợ xã hội" not in _page(client)
