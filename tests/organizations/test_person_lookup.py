"""The person lookup: the endpoint that suggests people as one types, and the form field that
takes a staff number, an id or a part of a name instead of a select of every person."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from organizations.lookups import PersonLookupField, UnitLookupField
from organizations.models import Person, Unit
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _lookup(client, text):
    response = client.get(reverse("person_lookup"), {"q": text})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def people(tree):
    return {
        "mai": PersonFactory(code="NV-0417", full_name="Lò Thị Mai", unit=tree["a1"]),
        "phu": PersonFactory(code="NV-0002", full_name="Giàng Seo Phử", unit=tree["a"]),
        "lu": PersonFactory(code="NV-0903", full_name="Vàng Mí Lử", unit=tree["b"]),
    }


# --- The endpoint ------------------------------------------------------------------------------


def test_a_person_is_found_by_a_part_of_the_name_typed_without_diacritics(client, officer, people):
    client.force_login(officer)
    results = _lookup(client, "lo thi")
    assert results == [
        {"id": people["mai"].pk, "code": "NV-0417", "name": "Lò Thị Mai", "unit": "Xã Lũng Cú"}
    ]


def test_the_person_whose_staff_number_it_is_comes_first(client, officer, tree, people):
    # Sorted by name, "An" would come first; the staff number typed wins.
    PersonFactory(code="NV-9999", full_name="An Văn Bình", position="Thay NV-0903", unit=tree["a"])
    client.force_login(officer)
    assert [row["code"] for row in _lookup(client, "nv-0903")] == ["NV-0903", "NV-9999"]


def test_a_district_clerk_is_never_offered_another_districts_people(client, clerk_a, people):
    client.force_login(clerk_a)
    assert _lookup(client, "vang mi lu") == []
    assert _lookup(client, "NV-0903") == []
    # By position too; people are listed by given name (Mai before Phử).
    assert [row["code"] for row in _lookup(client, "chuyen vien")] == ["NV-0417", "NV-0002"]


def test_people_who_left_are_not_offered(client, officer, people):
    Person.objects.filter(pk=people["mai"].pk).update(is_active=False)
    client.force_login(officer)
    assert _lookup(client, "lo thi mai") == []


def test_twenty_people_at_most(client, officer, tree):
    for i in range(25):
        PersonFactory(code=f"T{i:03d}", full_name=f"Sùng Mí Tráng {i:02d}", unit=tree["a1"])
    client.force_login(officer)
    results = _lookup(client, "sung mi trang")
    assert len(results) == 20
    assert results[0]["name"] == "Sùng Mí Tráng 00"


def test_an_empty_search_offers_nobody(client, officer, people):
    client.force_login(officer)
    assert _lookup(client, "  ") == []


def test_the_person_lookup_needs_a_signed_in_user(client, people):
    response = client.get(reverse("person_lookup"), {"q": "lo thi mai"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- The form field ----------------------------------------------------------------------------


class _Form(forms.Form):
    person = PersonLookupField(label="Person")
    unit = UnitLookupField(label="Unit", required=False)


def _form(data, tree, initial=None):
    form = _Form(data, initial=initial)
    form.fields["person"].people = Person.objects.filter(unit__path__startswith=tree["a"].path)
    form.fields["unit"].units = Unit.objects.filter(path__startswith=tree["a"].path)
    return form


def _errors(data, tree):
    form = _form(data, tree)
    with translation.override("en"):
        assert not form.is_valid()
        return {name: list(messages) for name, messages in form.errors.items()}


@pytest.mark.parametrize("typed", ["NV-0417", "nv-0417", " NV-0417 ", "thi mai", "LÒ THỊ"])
def test_a_person_is_taken_by_staff_number_or_a_part_of_the_name(typed, tree, people):
    form = _form({"person": typed}, tree)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == people["mai"]


def test_an_id_is_still_taken(tree, people):
    form = _form({"person": str(people["phu"].pk), "unit": str(tree["a1"].pk)}, tree)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"person": people["phu"], "unit": tree["a1"]}


def test_a_name_several_people_match_asks_for_the_staff_number(tree, people):
    PersonFactory(code="NV-0418", full_name="Lò Văn Mai", unit=tree["a"])
    errors = _errors({"person": "mai"}, tree)
    assert errors["person"] == [
        "Several of your people match: type the staff number of one, e.g. "
        "NV-0417 — Lò Thị Mai (Xã Lũng Cú); NV-0418 — Lò Văn Mai (Phòng LĐTBXH huyện Đồng Văn)."
    ]


def test_an_unknown_name_or_someone_outside_the_choice_is_refused(tree, people):
    assert _errors({"person": "nobody at all"}, tree)["person"] == [
        "None of your people has this staff number or name."
    ]
    # Another district's person, by staff number, by id and by name.
    for typed in ["NV-0903", str(people["lu"].pk), "vang mi lu"]:
        assert "person" in _errors({"person": typed}, tree)


def test_a_unit_several_units_match_is_refused_with_examples(tree, people):
    errors = _errors({"person": "NV-0417", "unit": "lung cu dong van"}, tree)
    assert errors["unit"] == ["None of your units has this code or name."]
    errors = _errors({"person": "NV-0417", "unit": "l"}, tree)
    assert errors["unit"][0].startswith("Several of your units match: type the code of one")
    assert "UNIT-A — Phòng LĐTBXH huyện Đồng Văn" in errors["unit"][0]


def test_the_box_shows_the_code_of_an_initial_id_or_row(tree, people):
    form = _form(None, tree, initial={"person": str(people["mai"].pk), "unit": tree["a1"].pk})
    assert form["person"].value() == "NV-0417"
    assert form["unit"].value() == "UNIT-A1"
    form = _form(None, tree, initial={"person": people["phu"], "unit": tree["a"]})
    assert 'value="NV-0002"' in str(form["person"])
    assert 'value="UNIT-A"' in str(form["unit"])
    # What was typed stays as typed after an error.
    form = _form({"person": "mai van"}, tree)
    assert form["person"].value() == "mai van"


def test_the_boxes_carry_the_lookup_urls(tree):
    html = str(_form(None, tree))
    assert f'data-person-lookup="{reverse("person_lookup")}"' in html
    assert f'data-unit-lookup="{reverse("unit_lookup")}"' in html
    assert "<option" not in html
